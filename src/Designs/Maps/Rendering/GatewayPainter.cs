using Workflows.Designs.Maps.Diagram;

namespace Workflows.Designs.Maps.Rendering;

/// <summary>Gateways: a diamond with the marker of its kind — exclusive ✕ (when DI asks for it), parallel +, inclusive ○, event-based ⬠ in circles, complex ✱.</summary>
internal static class GatewayPainter
{
    public static void Paint(SvgWriter svg, DiagramShape shape)
    {
        var b = shape.Bounds;
        var (cx, cy) = (b.CenterX, b.CenterY);
        var s = Math.Min(b.Width, b.Height) / 50;
        svg.Empty("path", ("class", "outline"), ("d", PathData.Polygon([(cx, b.Y), (b.Right, cy), (cx, b.Bottom), (b.X, cy)])),
            ("fill", SvgStyle.Fill), ("stroke", SvgStyle.Stroke), ("stroke-width", "2"), ("stroke-linejoin", "round"));
        var element = shape.Element!;
        switch (shape.Kind)
        {
            case "exclusiveGateway" when shape.IsMarkerVisible:
                Lines(svg, "exclusive", new PathData().M(cx - (8 * s), cy - (8 * s)).L(cx + (8 * s), cy + (8 * s)).M(cx + (8 * s), cy - (8 * s)).L(cx - (8 * s), cy + (8 * s)), 4 * s);
                break;
            case "parallelGateway":
                Lines(svg, "parallel", new PathData().M(cx, cy - (12 * s)).L(cx, cy + (12 * s)).M(cx - (12 * s), cy).L(cx + (12 * s), cy), 4 * s);
                break;
            case "inclusiveGateway":
                svg.Empty("circle", ("class", "marker inclusive"), ("cx", SvgWriter.N(cx)), ("cy", SvgWriter.N(cy)), ("r", SvgWriter.N(11 * s)), ("fill", "none"), ("stroke", SvgStyle.Stroke), ("stroke-width", SvgWriter.N(2.5 * s)));
                break;
            case "complexGateway":
                Lines(svg, "complex", new PathData().M(cx, cy - (12 * s)).L(cx, cy + (12 * s)).M(cx - (12 * s), cy).L(cx + (12 * s), cy)
                    .M(cx - (8.5 * s), cy - (8.5 * s)).L(cx + (8.5 * s), cy + (8.5 * s)).M(cx + (8.5 * s), cy - (8.5 * s)).L(cx - (8.5 * s), cy + (8.5 * s)), 3 * s);
                break;
            case "eventBasedGateway":
                {
                    svg.Open("g", ("class", "marker event-based"), ("fill", "none"), ("stroke", SvgStyle.Stroke), ("stroke-width", "1"));
                    svg.Empty("circle", ("cx", SvgWriter.N(cx)), ("cy", SvgWriter.N(cy)), ("r", SvgWriter.N(12 * s)));
                    if (!Semantics.Is(element, "instantiate", "true"))
                    {
                        svg.Empty("circle", ("cx", SvgWriter.N(cx)), ("cy", SvgWriter.N(cy)), ("r", SvgWriter.N(9.5 * s)));
                    }

                    var parallel = Semantics.Is(element, "eventGatewayType", "Parallel");
                    svg.Empty("path", ("d", parallel
                        ? new PathData().M(cx, cy - (6 * s)).L(cx, cy + (6 * s)).M(cx - (6 * s), cy).L(cx + (6 * s), cy).ToString()
                        : EventIcons.Pentagon(cx, cy, 6 * s)), ("stroke-width", parallel ? "2" : "1.2"));
                    svg.Close("g");
                    break;
                }
        }
    }

    private static void Lines(SvgWriter svg, string kind, PathData path, double width) =>
        svg.Empty("path", ("class", "marker " + kind), ("d", path.ToString()), ("fill", "none"), ("stroke", SvgStyle.Stroke), ("stroke-width", SvgWriter.N(width)));
}
