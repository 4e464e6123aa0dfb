using Workflows.Designs.Maps.Diagram;

namespace Workflows.Designs.Maps.Rendering;

/// <summary>
/// The markers centred at the bottom of an activity: collapsed sub-process (+), loop, parallel multi-instance
/// (|||), sequential multi-instance (≡), compensation (◀◀) and ad-hoc (~).
/// </summary>
internal static class ActivityMarkers
{
    private const double Size = 14;
    private const double Gap = 4;

    public static void Write(SvgWriter svg, IReadOnlyList<string> markers, Box bounds)
    {
        if (markers.Count == 0)
        {
            return;
        }

        var total = (markers.Count * Size) + ((markers.Count - 1) * Gap);
        var x = bounds.CenterX - (total / 2);
        var y = bounds.Bottom - Size - 4;
        foreach (var marker in markers)
        {
            Write(svg, marker, x, y);
            x += Size + Gap;
        }
    }

    private static void Write(SvgWriter svg, string marker, double x, double y)
    {
        switch (marker)
        {
            case "sub-process":
                svg.Open("g", ("class", "marker sub-process"), ("fill", SvgStyle.Fill), ("stroke", SvgStyle.Stroke), ("stroke-width", "1"));
                svg.Empty("rect", ("x", SvgWriter.N(x)), ("y", SvgWriter.N(y)), ("width", "14"), ("height", "14"));
                svg.Empty("path", ("d", new PathData().M(x + 3, y + 7).L(x + 11, y + 7).M(x + 7, y + 3).L(x + 7, y + 11).ToString()), ("stroke-width", "1.5"));
                svg.Close("g");
                break;
            case "parallel":
                svg.Empty("path", ("class", "marker parallel"), ("d", new PathData().M(x + 3, y + 1).L(x + 3, y + 13).M(x + 7, y + 1).L(x + 7, y + 13).M(x + 11, y + 1).L(x + 11, y + 13).ToString()),
                    ("fill", "none"), ("stroke", SvgStyle.Stroke), ("stroke-width", "2"));
                break;
            case "sequential":
                svg.Empty("path", ("class", "marker sequential"), ("d", new PathData().M(x + 1, y + 3).L(x + 13, y + 3).M(x + 1, y + 7).L(x + 13, y + 7).M(x + 1, y + 11).L(x + 13, y + 11).ToString()),
                    ("fill", "none"), ("stroke", SvgStyle.Stroke), ("stroke-width", "2"));
                break;
            case "loop":
                svg.Empty("path", ("class", "marker loop"), ("d", new PathData().M(x + 3, y + 11).A(5.66, 5.66, true, true, x + 11, y + 11).M(x + 11, y + 7.5).L(x + 11, y + 11).L(x + 14.5, y + 11).ToString()),
                    ("fill", "none"), ("stroke", SvgStyle.Stroke), ("stroke-width", "1.5"));
                break;
            case "compensation":
                svg.Empty("path", ("class", "marker compensation"), ("d", new PathData().M(x, y + 7).L(x + 7, y + 2).L(x + 7, y + 12).Z().M(x + 7, y + 7).L(x + 14, y + 2).L(x + 14, y + 12).Z().ToString()),
                    ("fill", SvgStyle.Fill), ("stroke", SvgStyle.Stroke), ("stroke-width", "1"));
                break;
            case "ad-hoc":
                svg.Empty("path", ("class", "marker ad-hoc"), ("d", new PathData().M(x + 1, y + 9).Q(x + 4, y + 3, x + 7, y + 7).Q(x + 10, y + 11, x + 13, y + 5).ToString()),
                    ("fill", "none"), ("stroke", SvgStyle.Stroke), ("stroke-width", "1.5"));
                break;
        }
    }
}
