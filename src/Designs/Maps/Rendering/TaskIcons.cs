using Workflows.Designs.Maps.Diagram;

namespace Workflows.Designs.Maps.Rendering;

/// <summary>The type markers drawn in the top-left corner of a task (user, service, send, receive, script, business rule, manual).</summary>
internal static class TaskIcons
{
    public static void Write(SvgWriter svg, string kind, Box bounds)
    {
        var x = bounds.X;
        var y = bounds.Y;
        switch (kind)
        {
            case "userTask":
                svg.Open("g", ("class", "icon user"), ("fill", SvgStyle.Fill), ("stroke", SvgStyle.Stroke), ("stroke-width", "1"));
                svg.Empty("path", ("d", new PathData().M(x + 7, y + 25).L(x + 7, y + 22).Q(x + 7, y + 17, x + 15, y + 17).Q(x + 23, y + 17, x + 23, y + 22).L(x + 23, y + 25).Z().ToString()));
                svg.Empty("circle", ("cx", SvgWriter.N(x + 15)), ("cy", SvgWriter.N(y + 12)), ("r", "4"));
                svg.Close("g");
                break;
            case "manualTask":
                svg.Open("g", ("class", "icon manual"), ("fill", SvgStyle.Fill), ("stroke", SvgStyle.Stroke), ("stroke-width", "1"));
                svg.Empty("path", ("d", new PathData().M(x + 11, y + 15).L(x + 14, y + 9).M(x + 14, y + 15).L(x + 24, y + 15).M(x + 14, y + 18).L(x + 23, y + 18).M(x + 14, y + 21).L(x + 22, y + 21).ToString()), ("fill", "none"), ("stroke-linecap", "round"));
                svg.Empty("rect", ("x", SvgWriter.N(x + 6)), ("y", SvgWriter.N(y + 14)), ("width", "9"), ("height", "10"), ("rx", "2"));
                svg.Close("g");
                break;
            case "serviceTask":
                svg.Open("g", ("class", "icon service"), ("fill", SvgStyle.Fill), ("stroke", SvgStyle.Stroke), ("stroke-width", "1"));
                svg.Empty("path", ("d", Gear(x + 15, y + 15, 5.5, 7.5)));
                svg.Empty("circle", ("cx", SvgWriter.N(x + 15)), ("cy", SvgWriter.N(y + 15)), ("r", "2.2"));
                svg.Close("g");
                break;
            case "sendTask":
                svg.Open("g", ("class", "icon send"));
                svg.Empty("rect", ("x", SvgWriter.N(x + 7)), ("y", SvgWriter.N(y + 9)), ("width", "16"), ("height", "11"), ("fill", SvgStyle.Stroke), ("stroke", SvgStyle.Stroke), ("stroke-width", "1"));
                svg.Empty("path", ("d", new PathData().M(x + 7, y + 9).L(x + 15, y + 15).L(x + 23, y + 9).ToString()), ("fill", "none"), ("stroke", SvgStyle.Fill), ("stroke-width", "1"));
                svg.Close("g");
                break;
            case "receiveTask":
                svg.Open("g", ("class", "icon receive"), ("fill", SvgStyle.Fill), ("stroke", SvgStyle.Stroke), ("stroke-width", "1"));
                svg.Empty("rect", ("x", SvgWriter.N(x + 7)), ("y", SvgWriter.N(y + 9)), ("width", "16"), ("height", "11"));
                svg.Empty("path", ("d", new PathData().M(x + 7, y + 9).L(x + 15, y + 15).L(x + 23, y + 9).ToString()), ("fill", "none"));
                svg.Close("g");
                break;
            case "scriptTask":
                svg.Open("g", ("class", "icon script"), ("fill", SvgStyle.Fill), ("stroke", SvgStyle.Stroke), ("stroke-width", "1"));
                svg.Empty("path", ("d", new PathData().M(x + 10, y + 8).L(x + 21, y + 8).Q(x + 17, y + 12, x + 20, y + 16).Q(x + 23, y + 20, x + 19, y + 24)
                    .L(x + 8, y + 24).Q(x + 12, y + 20, x + 9, y + 16).Q(x + 6, y + 12, x + 10, y + 8).Z().ToString()));
                svg.Empty("path", ("d", new PathData().M(x + 11, y + 12).L(x + 17, y + 12).M(x + 12, y + 16).L(x + 18, y + 16).M(x + 11, y + 20).L(x + 17, y + 20).ToString()), ("fill", "none"));
                svg.Close("g");
                break;
            case "businessRuleTask":
                svg.Open("g", ("class", "icon business-rule"), ("stroke", SvgStyle.Stroke), ("stroke-width", "1"));
                svg.Empty("rect", ("x", SvgWriter.N(x + 7)), ("y", SvgWriter.N(y + 9)), ("width", "17"), ("height", "13"), ("fill", SvgStyle.Fill));
                svg.Empty("rect", ("x", SvgWriter.N(x + 7)), ("y", SvgWriter.N(y + 9)), ("width", "17"), ("height", "4"), ("fill", SvgStyle.Stroke));
                svg.Empty("path", ("d", new PathData().M(x + 7, y + 17.5).L(x + 24, y + 17.5).M(x + 12, y + 13).L(x + 12, y + 22).ToString()), ("fill", "none"));
                svg.Close("g");
                break;
        }
    }

    /// <summary>A gear with eight teeth around (cx, cy).</summary>
    private static string Gear(double cx, double cy, double inner, double outer)
    {
        var points = new List<(double, double)>();
        for (var tooth = 0; tooth < 8; tooth++)
        {
            var middle = tooth * 45.0;
            foreach (var (radius, offset) in new[] { (inner, -16.0), (outer, -9.0), (outer, 9.0), (inner, 16.0) })
            {
                points.Add(Polar.Point(cx, cy, radius, middle + offset));
            }
        }

        return PathData.Polygon(points);
    }
}
