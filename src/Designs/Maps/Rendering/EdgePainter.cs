using System.Text;
using Workflows.Designs.Maps.Diagram;

namespace Workflows.Designs.Maps.Rendering;

/// <summary>
/// Connections, one SVG path per BPMN edge: sequence flows solid with a filled arrowhead (a slash at the start of a
/// default flow, a diamond at the start of a conditional flow leaving an activity), message flows dashed with a
/// circle and an open arrowhead, associations dotted (arrowheads as their direction says), data associations
/// dotted with an open arrowhead.
/// </summary>
internal static class EdgePainter
{
    /// <summary>The marker definitions the edges refer to (written once in &lt;defs&gt;).</summary>
    public static void WriteMarkers(SvgWriter svg)
    {
        Marker(svg, "pm-sequence-end", 11, 10, 20, "auto", "M 1 5 L 11 10 L 1 15 Z", SvgStyle.Stroke);
        Marker(svg, "pm-default-start", 0, 10, 20, "auto", "M 6 4 L 10 16", "none");
        Marker(svg, "pm-conditional-start", -1, 10, 20, "auto", "M 0 10 L 8 6 L 16 10 L 8 14 Z", SvgStyle.Fill);
        Marker(svg, "pm-message-start", 6, 6, 20, "auto", "M 2.5 6 A 3.5 3.5 0 1 0 9.5 6 A 3.5 3.5 0 1 0 2.5 6 Z", SvgStyle.Fill);
        Marker(svg, "pm-message-end", 8.5, 5, 20, "auto", "M 1 1 L 8.5 5 L 1 9 Z", SvgStyle.Fill);
        Marker(svg, "pm-association-end", 12, 10, 20, "auto", "M 1 5 L 11 10 L 1 15", "none");
        Marker(svg, "pm-association-start", 12, 10, 20, "auto-start-reverse", "M 1 5 L 11 10 L 1 15", "none");
    }

    public static void Paint(SvgWriter svg, DiagramEdge edge, RenderContext context, TextBlock? label)
    {
        var element = edge.Element;
        var kind = edge.Kind;
        var d = Path(edge.Waypoints);
        svg.Open("g", ("class", "edge " + Css(kind)), ("data-element-id", edge.ElementId));
        switch (kind)
        {
            case "sequenceFlow":
                {
                    var source = (string?)element!.Attribute("sourceRef") is { } sourceId && context.ById.TryGetValue(sourceId, out var s) ? s : null;
                    var isDefault = source is not null && (string?)source.Attribute("default") == (string?)element.Attribute("id");
                    var isConditional = !isDefault && source is not null && Semantics.IsActivity(source.Name.LocalName)
                        && element.Elements().Any(e => e.Name.LocalName == "conditionExpression");
                    var start = isDefault ? "url(#pm-default-start)" : isConditional ? "url(#pm-conditional-start)" : null;
                    Line(svg, edge, d, SvgStyle.FlowStrokeWidth, null, start, "url(#pm-sequence-end)", isDefault ? "default" : isConditional ? "conditional" : null);
                    break;
                }

            case "messageFlow":
                Line(svg, edge, d, SvgStyle.FlowStrokeWidth, "10.5 3", "url(#pm-message-start)", "url(#pm-message-end)", null);
                if (edge.IsMessageVisible)
                {
                    var middle = LabelPlacement.Middle(edge.Waypoints);
                    ArtifactPainter.Envelope(svg, new Box(middle.X - 10, middle.Y - 7, 20, 14), initiating: true);
                }

                break;
            case "association":
                {
                    var direction = (string?)element!.Attribute("associationDirection");
                    Line(svg, edge, d, "1", "0.5 5", direction == "Both" ? "url(#pm-association-start)" : null,
                        direction is "One" or "Both" ? "url(#pm-association-end)" : null, null, round: true);
                    break;
                }

            case "dataInputAssociation" or "dataOutputAssociation":
                Line(svg, edge, d, "1", "0.5 5", null, "url(#pm-association-end)", null, round: true);
                break;
            case "conversationLink":
                Line(svg, edge, d, "3", null, null, null, null);
                break;
            default:
                Line(svg, edge, d, "1", "4 3", null, null, "unknown", colour: "#8a8a8a");
                break;
        }

        label?.Write(svg);
        svg.Close("g");
    }

    private static void Line(SvgWriter svg, DiagramEdge edge, string d, string width, string? dash, string? start, string? end, string? variant, bool round = false, string colour = SvgStyle.Stroke) =>
        svg.Empty("path", ("class", variant is null ? "flow" : "flow " + variant), ("data-edge", edge.DiId), ("d", d), ("fill", "none"), ("stroke", colour),
            ("stroke-width", width), ("stroke-dasharray", dash), ("stroke-linecap", round ? "round" : null), ("stroke-linejoin", "round"),
            ("marker-start", start), ("marker-end", end));

    private static string Path(IReadOnlyList<Point> points)
    {
        var path = new PathData().M(points[0].X, points[0].Y);
        for (var i = 1; i < points.Count; i++)
        {
            path.L(points[i].X, points[i].Y);
        }

        return path.ToString();
    }

    private static void Marker(SvgWriter svg, string id, double refX, double refY, double size, string orient, string d, string fill)
    {
        svg.Open("marker", ("id", id), ("viewBox", "0 0 20 20"), ("refX", SvgWriter.N(refX)), ("refY", SvgWriter.N(refY)),
            ("markerWidth", SvgWriter.N(size)), ("markerHeight", SvgWriter.N(size)), ("markerUnits", "userSpaceOnUse"), ("orient", orient));
        svg.Empty("path", ("d", d), ("fill", fill), ("stroke", SvgStyle.Stroke), ("stroke-width", "1"), ("stroke-linecap", "round"));
        svg.Close("marker");
    }

    /// <summary>sequenceFlow → sequence-flow.</summary>
    public static string Css(string kind)
    {
        var builder = new StringBuilder(kind.Length + 4);
        foreach (var c in kind)
        {
            if (char.IsUpper(c))
            {
                builder.Append('-').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
