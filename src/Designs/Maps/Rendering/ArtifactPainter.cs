using Workflows.Designs.Maps.Diagram;

namespace Workflows.Designs.Maps.Rendering;

/// <summary>Data objects (page with a folded corner), data stores (cylinder), text annotations (bracket), groups (dash-dot frame) and messages (envelope).</summary>
internal static class ArtifactPainter
{
    private const double Fold = 10;

    public static void PaintDataObject(SvgWriter svg, DiagramShape shape, RenderContext context)
    {
        var b = shape.Bounds;
        var fold = Math.Min(Fold, Math.Min(b.Width, b.Height) / 2);
        svg.Empty("path", ("class", "outline"), ("d", new PathData().M(b.X, b.Y).L(b.Right - fold, b.Y).L(b.Right, b.Y + fold).L(b.Right, b.Bottom).L(b.X, b.Bottom).Z().ToString()),
            ("fill", SvgStyle.Fill), ("stroke", SvgStyle.Stroke), ("stroke-width", "1.5"), ("stroke-linejoin", "round"));
        svg.Empty("path", ("class", "fold"), ("d", new PathData().M(b.Right - fold, b.Y).L(b.Right - fold, b.Y + fold).L(b.Right, b.Y + fold).ToString()),
            ("fill", "none"), ("stroke", SvgStyle.Stroke), ("stroke-width", "1.5"));

        if (shape.Kind is "dataInput" or "dataOutput")
        {
            var filled = shape.Kind == "dataOutput";
            var (x, y) = (b.X + 4, b.Y + 4);
            svg.Empty("path", ("class", "marker " + (filled ? "data-output" : "data-input")),
                ("d", PathData.Polygon([(x, y + 3), (x + 6, y + 3), (x + 6, y), (x + 12, y + 6), (x + 6, y + 12), (x + 6, y + 9), (x, y + 9)])),
                ("fill", filled ? SvgStyle.Stroke : SvgStyle.Fill), ("stroke", SvgStyle.Stroke), ("stroke-width", "1"));
        }

        if (Semantics.IsCollection(shape.Element!, context.ById))
        {
            ActivityMarkers.Write(svg, ["parallel"], b);
        }
    }

    public static void PaintDataStore(SvgWriter svg, DiagramShape shape)
    {
        var b = shape.Bounds;
        var rx = b.Width / 2;
        var ry = Math.Min(b.Height * 0.12, 8);
        svg.Open("g", ("class", "outline"), ("fill", SvgStyle.Fill), ("stroke", SvgStyle.Stroke), ("stroke-width", "1.5"));
        svg.Empty("path", ("d", new PathData().M(b.X, b.Y + ry).L(b.X, b.Bottom - ry).A(rx, ry, false, false, b.Right, b.Bottom - ry).L(b.Right, b.Y + ry).ToString()));
        svg.Empty("ellipse", ("cx", SvgWriter.N(b.CenterX)), ("cy", SvgWriter.N(b.Y + ry)), ("rx", SvgWriter.N(rx)), ("ry", SvgWriter.N(ry)));
        svg.Empty("path", ("d", new PathData().M(b.X, b.Y + (2 * ry)).A(rx, ry, false, false, b.Right, b.Y + (2 * ry)).M(b.X, b.Y + (3 * ry)).A(rx, ry, false, false, b.Right, b.Y + (3 * ry)).ToString()), ("fill", "none"));
        svg.Close("g");
    }

    public static void PaintAnnotation(SvgWriter svg, DiagramShape shape)
    {
        var b = shape.Bounds;
        var arm = Math.Min(10, b.Width);
        svg.Empty("path", ("class", "outline"), ("d", new PathData().M(b.X + arm, b.Y).L(b.X, b.Y).L(b.X, b.Bottom).L(b.X + arm, b.Bottom).ToString()),
            ("fill", "none"), ("stroke", SvgStyle.Stroke), ("stroke-width", "1"));
    }

    public static void PaintGroup(SvgWriter svg, DiagramShape shape)
    {
        var b = shape.Bounds;
        svg.Empty("rect", ("class", "outline"), ("x", SvgWriter.N(b.X)), ("y", SvgWriter.N(b.Y)), ("width", SvgWriter.N(b.Width)), ("height", SvgWriter.N(b.Height)), ("rx", "10"),
            ("fill", "none"), ("stroke", SvgStyle.Stroke), ("stroke-width", "1"), ("stroke-dasharray", "10 2 2 2"));
    }

    public static void PaintMessage(SvgWriter svg, DiagramShape shape) => Envelope(svg, shape.Bounds, initiating: true);

    /// <summary>An envelope filling <paramref name="b"/>: white for an initiating message, grey for a reply.</summary>
    public static void Envelope(SvgWriter svg, Box b, bool initiating)
    {
        svg.Open("g", ("class", "outline envelope"), ("fill", initiating ? SvgStyle.Fill : "#d3d3d3"), ("stroke", SvgStyle.Stroke), ("stroke-width", "1"));
        svg.Empty("rect", ("x", SvgWriter.N(b.X)), ("y", SvgWriter.N(b.Y)), ("width", SvgWriter.N(b.Width)), ("height", SvgWriter.N(b.Height)));
        svg.Empty("path", ("d", new PathData().M(b.X, b.Y).L(b.CenterX, b.Y + (b.Height * 0.55)).L(b.Right, b.Y).ToString()), ("fill", "none"));
        svg.Close("g");
    }
}
