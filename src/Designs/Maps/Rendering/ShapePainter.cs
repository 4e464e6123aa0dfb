using Workflows.Designs.Maps.Diagram;

namespace Workflows.Designs.Maps.Rendering;

/// <summary>
/// Draws one BPMN shape as one SVG group (<c>&lt;g data-shape="…"&gt;</c>) holding its outline, markers and name,
/// by asking the painter of its element's family.
/// </summary>
internal static class ShapePainter
{
    public static void Paint(SvgWriter svg, DiagramShape shape, RenderContext context, TextBlock? label)
    {
        var kind = shape.Kind;
        svg.Open("g", ("class", "shape " + EdgePainter.Css(kind)), ("data-shape", shape.DiId), ("data-element-id", shape.ElementId));
        if (shape.Element is null)
        {
            ActivityPainter.PaintPlain(svg, shape, known: false);
        }
        else if (Semantics.Tasks.Contains(kind) || Semantics.SubProcesses.Contains(kind) || kind == "callActivity")
        {
            ActivityPainter.Paint(svg, shape, context);
        }
        else if (Semantics.Events.Contains(kind))
        {
            EventPainter.Paint(svg, shape, context);
        }
        else if (Semantics.Gateways.Contains(kind))
        {
            GatewayPainter.Paint(svg, shape);
        }
        else
        {
            PaintOther(svg, shape, context);
        }

        label?.Write(svg);
        svg.Close("g");
    }

    private static void PaintOther(SvgWriter svg, DiagramShape shape, RenderContext context)
    {
        switch (shape.Kind)
        {
            case "participant" or "lane":
                SwimlanePainter.Paint(svg, shape);
                break;
            case "dataObject" or "dataObjectReference" or "dataInput" or "dataOutput":
                ArtifactPainter.PaintDataObject(svg, shape, context);
                break;
            case "dataStore" or "dataStoreReference":
                ArtifactPainter.PaintDataStore(svg, shape);
                break;
            case "textAnnotation":
                ArtifactPainter.PaintAnnotation(svg, shape);
                break;
            case "group":
                ArtifactPainter.PaintGroup(svg, shape);
                break;
            case "message":
                ArtifactPainter.PaintMessage(svg, shape);
                break;
            default:
                ActivityPainter.PaintPlain(svg, shape, known: Semantics.Choreographies.Contains(shape.Kind));
                break;
        }
    }
}
