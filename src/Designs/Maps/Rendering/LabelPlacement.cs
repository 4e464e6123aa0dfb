using Workflows.Designs.Maps.Diagram;

namespace Workflows.Designs.Maps.Rendering;

/// <summary>
/// Where a name goes: inside tasks and collapsed sub-processes (centred), on top of open sub-processes and groups,
/// in the band of pools and lanes, at the left of annotations; events, gateways, data and flows have external
/// labels at their DI label bounds, or below the shape (flows: at their middle) when the DI gives none.
/// </summary>
internal static class LabelPlacement
{
    public static TextBlock? ForShape(DiagramShape shape, RenderContext context)
    {
        var name = context.NameOf(shape);
        if (shape.Element is null)
        {
            // Unknown reference: show what the shape claims to be, so a broken DI is visible in the picture.
            return TextBlock.CenteredIn(shape.ElementId ?? shape.DiId, shape.Bounds, SvgStyle.LabelFontSize, 2);
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var b = shape.Bounds;
        var kind = shape.Kind;
        if (kind is "participant" or "lane")
        {
            return Swimlane(name, shape);
        }

        if (Semantics.IsActivity(kind))
        {
            var expanded = !Semantics.Tasks.Contains(kind) && context.IsExpanded(shape);
            if (expanded)
            {
                return TextBlock.TopOf(name, b, SvgStyle.FontSize, SvgStyle.Padding);
            }

            // Keep the name clear of the markers at the bottom.
            var area = ActivityPainter.Markers(shape, expanded).Count > 0 ? b with { Height = Math.Max(b.Height - 16, 0) } : b;
            return TextBlock.CenteredIn(name, area, SvgStyle.FontSize, SvgStyle.Padding);
        }

        if (Semantics.Choreographies.Contains(kind))
        {
            return TextBlock.CenteredIn(name, b, SvgStyle.FontSize, SvgStyle.Padding);
        }

        return kind switch
        {
            "textAnnotation" => new TextBlock(TextLayout.Wrap(name, b.Width - 10, SvgStyle.FontSize), b.X + 5, b.Y + 5, SvgStyle.FontSize, Centered: false),
            "group" => shape.LabelBounds is { } groupLabel ? External(name, groupLabel) : TextBlock.TopOf(name, b, SvgStyle.LabelFontSize, SvgStyle.Padding),
            _ => shape.LabelBounds is { } label ? External(name, label) : Below(name, b),
        };
    }

    public static TextBlock? ForEdge(DiagramEdge edge, RenderContext context)
    {
        var name = edge.Element is null ? null : Semantics.Name(edge.Element, context.ById);
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        if (edge.LabelBounds is { } label)
        {
            return External(name, label);
        }

        var middle = Middle(edge.Waypoints);
        var lines = TextLayout.Wrap(name, SvgStyle.ExternalLabelWidth, SvgStyle.LabelFontSize);
        var height = lines.Count * SvgStyle.LabelFontSize * TextLayout.LineHeight;
        return new TextBlock(lines, middle.X, middle.Y - height - 3, SvgStyle.LabelFontSize);
    }

    /// <summary>The point halfway along a polyline.</summary>
    public static Point Middle(IReadOnlyList<Point> points)
    {
        var lengths = new double[points.Count - 1];
        for (var i = 0; i < lengths.Length; i++)
        {
            lengths[i] = Distance(points[i], points[i + 1]);
        }

        var half = lengths.Sum() / 2;
        for (var i = 0; i < lengths.Length; i++)
        {
            if (half <= lengths[i] && lengths[i] > 0)
            {
                var t = half / lengths[i];
                return new Point(points[i].X + ((points[i + 1].X - points[i].X) * t), points[i].Y + ((points[i + 1].Y - points[i].Y) * t));
            }

            half -= lengths[i];
        }

        return points[^1];
    }

    private static double Distance(Point a, Point b) => Math.Sqrt(((b.X - a.X) * (b.X - a.X)) + ((b.Y - a.Y) * (b.Y - a.Y)));

    private static TextBlock External(string name, Box label)
    {
        var lines = TextLayout.Wrap(name, Math.Max(label.Width, SvgStyle.ExternalLabelWidth), SvgStyle.LabelFontSize);
        return new TextBlock(lines, label.CenterX, label.Y, SvgStyle.LabelFontSize);
    }

    private static TextBlock Below(string name, Box shape) =>
        new(TextLayout.Wrap(name, SvgStyle.ExternalLabelWidth, SvgStyle.LabelFontSize), shape.CenterX, shape.Bottom + 5, SvgStyle.LabelFontSize);

    private static TextBlock Swimlane(string name, DiagramShape shape)
    {
        var b = shape.Bounds;
        if (shape.Kind == "participant" && !SwimlanePainter.HasProcess(shape))
        {
            return TextBlock.CenteredIn(name, b, SvgStyle.FontSize, SvgStyle.Padding);
        }

        if (!SwimlanePainter.IsHorizontal(shape))
        {
            return TextBlock.CenteredIn(name, new Box(b.X, b.Y, b.Width, SwimlanePainter.Band), SvgStyle.FontSize, SvgStyle.Padding);
        }

        // Laid out horizontally along the band's length, then turned a quarter around the band's centre.
        var lines = TextLayout.Wrap(name, b.Height - (2 * SvgStyle.Padding), SvgStyle.FontSize);
        var height = lines.Count * SvgStyle.FontSize * TextLayout.LineHeight;
        var centerX = b.X + (SwimlanePainter.Band / 2);
        return new TextBlock(lines, centerX, b.CenterY - (height / 2), SvgStyle.FontSize, Vertical: true);
    }
}
