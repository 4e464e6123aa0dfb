using Workflows.Designs.Maps.Diagram;

namespace Workflows.Designs.Maps.Rendering;

/// <summary>
/// Events: a circle — thin for start, thick for end, double for intermediate and boundary events, dashed when
/// non-interrupting — with the marker of its trigger (two or more triggers: multiple or parallel multiple).
/// </summary>
internal static class EventPainter
{
    public static void Paint(SvgWriter svg, DiagramShape shape, RenderContext context)
    {
        var b = shape.Bounds;
        var (cx, cy) = (b.CenterX, b.CenterY);
        var r = Math.Min(b.Width, b.Height) / 2;
        var element = shape.Element!;
        var nonInterrupting = (shape.Kind == "boundaryEvent" && Semantics.Is(element, "cancelActivity", "false"))
            || (shape.Kind == "startEvent" && Semantics.Is(element, "isInterrupting", "false"));
        var dash = nonInterrupting ? "5.5 3" : null;
        switch (shape.Kind)
        {
            case "startEvent":
                Circle(svg, "outline", cx, cy, r, "2", dash);
                break;
            case "endEvent":
                Circle(svg, "outline", cx, cy, r, "4", dash);
                break;
            default:
                Circle(svg, "outline", cx, cy, r, "1.5", dash);
                Circle(svg, "inner", cx, cy, Math.Max(r - 3, 1), "1.5", dash);
                break;
        }

        var triggers = Semantics.Triggers(element, context.ById);
        var trigger = triggers.Count switch
        {
            0 => null,
            1 => triggers[0],
            _ => Semantics.Is(element, "parallelMultiple", "true") ? "parallelMultiple" : "multiple",
        };
        if (trigger is not null)
        {
            EventIcons.Write(svg, trigger, cx, cy, r, Semantics.IsThrowing(shape.Kind));
        }
    }

    private static void Circle(SvgWriter svg, string cssClass, double cx, double cy, double r, string width, string? dash) =>
        svg.Empty("circle", ("class", cssClass), ("cx", SvgWriter.N(cx)), ("cy", SvgWriter.N(cy)), ("r", SvgWriter.N(r)),
            ("fill", SvgStyle.Fill), ("stroke", SvgStyle.Stroke), ("stroke-width", width), ("stroke-dasharray", dash));
}
