namespace Workflows.Designs.Maps.Rendering;

/// <summary>
/// The trigger markers inside events: message, timer, error, signal, escalation, conditional, terminate,
/// compensation, link, cancel, multiple and parallel multiple. Throwing events get filled markers, catching
/// events hollow ones (BPMN 2.0.2 table 10.93).
/// </summary>
internal static class EventIcons
{
    /// <param name="svg">The writer.</param>
    /// <param name="trigger">The trigger name (<c>message</c>, <c>timer</c> …).</param>
    /// <param name="cx">Centre x of the event.</param>
    /// <param name="cy">Centre y of the event.</param>
    /// <param name="radius">The event's radius; markers are drawn for 18 and scaled.</param>
    /// <param name="filled">True for throwing events.</param>
    public static void Write(SvgWriter svg, string trigger, double cx, double cy, double radius, bool filled)
    {
        var s = radius / 18;
        var fill = filled ? SvgStyle.Stroke : SvgStyle.Fill;
        string Poly(params (double X, double Y)[] points) => PathData.Polygon(points.Select(p => (cx + (p.X * s), cy + (p.Y * s))));
        void Shape(string d, string? fillColour = null, string width = "1") =>
            svg.Empty("path", ("class", "marker " + Css(trigger)), ("d", d), ("fill", fillColour ?? fill), ("stroke", SvgStyle.Stroke), ("stroke-width", width), ("stroke-linejoin", "round"));

        switch (trigger)
        {
            case "message":
                {
                    var (w, h) = (16 * s, 11 * s);
                    var (x, y) = (cx - (w / 2), cy - (h / 2));
                    svg.Open("g", ("class", "marker message"));
                    svg.Empty("rect", ("x", SvgWriter.N(x)), ("y", SvgWriter.N(y)), ("width", SvgWriter.N(w)), ("height", SvgWriter.N(h)), ("fill", fill), ("stroke", SvgStyle.Stroke), ("stroke-width", "1"));
                    svg.Empty("path", ("d", new PathData().M(x, y).L(cx, y + (6 * s)).L(x + w, y).ToString()), ("fill", "none"), ("stroke", filled ? SvgStyle.Fill : SvgStyle.Stroke), ("stroke-width", "1"));
                    svg.Close("g");
                    break;
                }

            case "timer":
                {
                    var r = 11 * s;
                    svg.Open("g", ("class", "marker timer"), ("stroke", SvgStyle.Stroke));
                    svg.Empty("circle", ("cx", SvgWriter.N(cx)), ("cy", SvgWriter.N(cy)), ("r", SvgWriter.N(r)), ("fill", SvgStyle.Fill), ("stroke-width", "2"));
                    var ticks = new PathData();
                    for (var hour = 0; hour < 12; hour++)
                    {
                        var (x1, y1) = Polar.Point(cx, cy, r * 0.78, hour * 30);
                        var (x2, y2) = Polar.Point(cx, cy, r, hour * 30);
                        ticks.M(x1, y1).L(x2, y2);
                    }

                    svg.Empty("path", ("d", ticks.ToString()), ("fill", "none"), ("stroke-width", "1"));
                    svg.Empty("path", ("d", new PathData().M(cx + (r * 0.55), cy - (r * 0.2)).L(cx, cy).L(cx + (r * 0.1), cy - (r * 0.7)).ToString()), ("fill", "none"), ("stroke-width", "1"));
                    svg.Close("g");
                    break;
                }

            case "error":
                Shape(Poly((-7, 8), (-3, -6), (1, 1), (7, -8), (3, 6), (-1, -1)));
                break;
            case "signal":
                Shape(Poly((0, -9), (8, 6), (-8, 6)));
                break;
            case "escalation":
                Shape(Poly((0, -9), (7, 8), (0, 2), (-7, 8)));
                break;
            case "conditional":
                {
                    var lines = new PathData();
                    foreach (var line in new[] { -4.0, -1, 2, 5 })
                    {
                        lines.M(cx - (4 * s), cy + (line * s)).L(cx + (4 * s), cy + (line * s));
                    }

                    svg.Open("g", ("class", "marker conditional"), ("stroke", SvgStyle.Stroke), ("stroke-width", "1"));
                    svg.Empty("rect", ("x", SvgWriter.N(cx - (6 * s))), ("y", SvgWriter.N(cy - (8 * s))), ("width", SvgWriter.N(12 * s)), ("height", SvgWriter.N(16 * s)), ("fill", SvgStyle.Fill));
                    svg.Empty("path", ("d", lines.ToString()), ("fill", "none"));
                    svg.Close("g");
                    break;
                }

            case "terminate":
                svg.Empty("circle", ("class", "marker terminate"), ("cx", SvgWriter.N(cx)), ("cy", SvgWriter.N(cy)), ("r", SvgWriter.N(radius * 0.6)), ("fill", SvgStyle.Stroke), ("stroke", SvgStyle.Stroke), ("stroke-width", "1"));
                break;
            case "compensate":
                Shape(Poly((-8, 0), (-1, -6), (-1, 6)) + " " + Poly((-1, 0), (6, -6), (6, 6)));
                break;
            case "link":
                Shape(Poly((-7, -3), (1, -3), (1, -7), (8, 0), (1, 7), (1, 3), (-7, 3)));
                break;
            case "cancel":
                Shape(new PathData().M(cx - (6 * s), cy - (6 * s)).L(cx + (6 * s), cy + (6 * s)).M(cx + (6 * s), cy - (6 * s)).L(cx - (6 * s), cy + (6 * s)).ToString(), "none", "3.5");
                break;
            case "multiple":
                Shape(Pentagon(cx, cy, 8 * s));
                break;
            case "parallelMultiple":
                Shape(Poly((-2, -8), (2, -8), (2, -2), (8, -2), (8, 2), (2, 2), (2, 8), (-2, 8), (-2, 2), (-8, 2), (-8, -2), (-2, -2)), SvgStyle.Fill);
                break;
        }
    }

    /// <summary>A regular pentagon standing on its base, centred on (cx, cy).</summary>
    public static string Pentagon(double cx, double cy, double r) =>
        PathData.Polygon(Enumerable.Range(0, 5).Select(k => Polar.Point(cx, cy, r, -90 + (k * 72))));

    private static string Css(string trigger) => trigger == "parallelMultiple" ? "parallel-multiple" : trigger;
}
