using Workflows.Designs.Maps.Diagram;

namespace Workflows.Designs.Maps.Rendering;

/// <summary>
/// Activities: rounded rectangles. Tasks carry their type marker top left; call activities a thick border;
/// sub-processes are open (name on top) or collapsed (+ marker); event sub-processes a dotted border,
/// transactions a double one; loop, multi-instance, compensation and ad-hoc markers sit at the bottom.
/// </summary>
internal static class ActivityPainter
{
    public static void Paint(SvgWriter svg, DiagramShape shape, RenderContext context)
    {
        var b = shape.Bounds;
        var element = shape.Element!;
        var kind = shape.Kind;
        var expanded = (Semantics.SubProcesses.Contains(kind) || kind == "callActivity") && context.IsExpanded(shape);
        string? dash = kind == "subProcess" && Semantics.Is(element, "triggeredByEvent", "true") ? "1.5 3" : null;
        var width = kind == "callActivity" ? SvgStyle.CallActivityStrokeWidth : SvgStyle.ActivityStrokeWidth;
        Rect(svg, "outline", b, 10, width, dash);
        if (kind == "transaction")
        {
            Rect(svg, "inner", new Box(b.X + 3, b.Y + 3, Math.Max(b.Width - 6, 0), Math.Max(b.Height - 6, 0)), 7, "1.5", null);
        }

        TaskIcons.Write(svg, kind, b);
        ActivityMarkers.Write(svg, Markers(shape, expanded), b);
    }

    /// <summary>The bottom markers of an activity, in drawing order.</summary>
    public static IReadOnlyList<string> Markers(DiagramShape shape, bool expanded)
    {
        var kind = shape.Kind;
        var element = shape.Element!;
        var markers = new List<string>();
        if (!expanded && (Semantics.SubProcesses.Contains(kind) || kind == "callActivity"))
        {
            markers.Add("sub-process");
        }

        if (Semantics.LoopMarker(element) is { } loop)
        {
            markers.Add(loop);
        }

        if (Semantics.Is(element, "isForCompensation", "true"))
        {
            markers.Add("compensation");
        }

        if (kind == "adHocSubProcess")
        {
            markers.Add("ad-hoc");
        }

        return markers;
    }

    /// <summary>Choreography activities and shapes the renderer does not know: a plain rounded rectangle.</summary>
    public static void PaintPlain(SvgWriter svg, DiagramShape shape, bool known) =>
        svg.Empty("rect", ("class", "outline"), ("x", SvgWriter.N(shape.Bounds.X)), ("y", SvgWriter.N(shape.Bounds.Y)),
            ("width", SvgWriter.N(shape.Bounds.Width)), ("height", SvgWriter.N(shape.Bounds.Height)), ("rx", "10"),
            ("fill", SvgStyle.Fill), ("stroke", known ? SvgStyle.Stroke : "#8a8a8a"), ("stroke-width", known ? "2" : "1"), ("stroke-dasharray", known ? null : "4 3"));

    private static void Rect(SvgWriter svg, string cssClass, Box b, double radius, string width, string? dash) =>
        svg.Empty("rect", ("class", cssClass), ("x", SvgWriter.N(b.X)), ("y", SvgWriter.N(b.Y)), ("width", SvgWriter.N(b.Width)), ("height", SvgWriter.N(b.Height)),
            ("rx", SvgWriter.N(radius)), ("fill", SvgStyle.Fill), ("stroke", SvgStyle.Stroke), ("stroke-width", width), ("stroke-dasharray", dash));
}
