using Workflows.Designs.Maps.Diagram;

namespace Workflows.Designs.Maps.Rendering;

/// <summary>
/// Draws a BPMN file's diagram interchange as one SVG in the visual language of bpmn-js. The output depends only
/// on the file: numbers in the invariant culture, elements in a fixed order (pools, lanes, open sub-processes from
/// the outside in, other shapes, groups, edges, boundary events — each layer in document order), text wrapped by
/// estimated widths rather than installed fonts, no timestamps. Several diagrams in one file are stacked.
/// </summary>
public static class BpmnSvgRenderer
{
    private const double Margin = 20;
    private const double HeadingHeight = 28;
    private const int EdgeLayer = 5;

    /// <summary>Reads the BPMN file at <paramref name="path"/> and draws it.</summary>
    public static string RenderFile(string path, string? title = null) =>
        Render(BpmnDiagramReader.ReadFile(path), title ?? Path.GetFileNameWithoutExtension(path));

    /// <summary>Draws <paramref name="diagram"/>; <paramref name="title"/> becomes the SVG's &lt;title&gt;.</summary>
    public static string Render(BpmnDiagram diagram, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        var planes = diagram.Planes.Select(p => LayOut(diagram, p)).ToList();
        var stacked = planes.Count > 1;
        var width = planes.Count == 0 ? 100 : planes.Max(p => p.Extent.Width) + (2 * Margin);
        var height = Margin + planes.Sum(p => (stacked ? HeadingHeight : 0) + p.Extent.Height + Margin);
        if (planes.Count == 0)
        {
            height = 2 * Margin;
        }

        var svg = new SvgWriter();
        svg.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        svg.Open("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("width", SvgWriter.N(width)), ("height", SvgWriter.N(height)),
            ("viewBox", $"0 0 {SvgWriter.N(width)} {SvgWriter.N(height)}"), ("font-family", SvgStyle.FontFamily), ("fill", SvgStyle.Stroke));
        svg.Text("title", title ?? diagram.Name ?? "BPMN");
        svg.Open("defs");
        EdgePainter.WriteMarkers(svg);
        svg.Close("defs");
        svg.Empty("rect", ("class", "background"), ("x", "0"), ("y", "0"), ("width", SvgWriter.N(width)), ("height", SvgWriter.N(height)), ("fill", SvgStyle.Fill));

        var top = Margin;
        var index = 0;
        foreach (var plane in planes)
        {
            index++;
            if (stacked)
            {
                svg.Text("text", plane.Context.Plane.Name ?? plane.Context.Plane.Id ?? $"Diagram {index}",
                    ("class", "plane-title"), ("x", SvgWriter.N(Margin)), ("y", SvgWriter.N(top + 16)), ("font-size", "14"), ("font-weight", "bold"));
                top += HeadingHeight;
            }

            var dx = Margin - plane.Extent.X;
            var dy = top - plane.Extent.Y;
            svg.Open("g", ("class", "plane"), ("data-plane", plane.Context.Plane.Id), ("data-element-id", plane.Context.Plane.ElementId),
                ("transform", $"translate({SvgWriter.N(dx)} {SvgWriter.N(dy)})"));
            Draw(svg, plane);
            svg.Close("g");
            top += plane.Extent.Height + Margin;
        }

        svg.Close("svg");
        return svg.ToString();
    }

    private sealed record PlacedShape(DiagramShape Shape, TextBlock? Label, int Layer, int Depth);

    private sealed record PlacedEdge(DiagramEdge Edge, TextBlock? Label);

    private sealed record PlaneLayout(RenderContext Context, IReadOnlyList<PlacedShape> Shapes, IReadOnlyList<PlacedEdge> Edges, Box Extent);

    private static PlaneLayout LayOut(BpmnDiagram diagram, DiagramPlane plane)
    {
        var context = new RenderContext(diagram, plane);
        var shapes = plane.Shapes
            .Select(s => new PlacedShape(s, LabelPlacement.ForShape(s, context), Layer(s, context), Depth(s)))
            .OrderBy(s => s.Layer).ThenBy(s => s.Depth).ThenBy(s => s.Shape.Order)
            .ToList();
        var edges = plane.Edges.Select(e => new PlacedEdge(e, LabelPlacement.ForEdge(e, context))).ToList();

        Box? extent = null;
        foreach (var placed in shapes)
        {
            extent = Grow(extent, placed.Shape.Bounds);
            if (placed.Label is { Lines.Count: > 0 } label)
            {
                extent = Grow(extent, label.PlaneArea);
            }
        }

        foreach (var placed in edges)
        {
            foreach (var point in placed.Edge.Waypoints)
            {
                extent = Grow(extent, new Box(point.X, point.Y, 0, 0));
            }

            if (placed.Label is { Lines.Count: > 0 } label)
            {
                extent = Grow(extent, label.PlaneArea);
            }
        }

        return new PlaneLayout(context, shapes, edges, extent ?? new Box(0, 0, 0, 0));
    }

    private static Box Grow(Box? extent, Box box) => extent is { } e ? e.Union(box) : box;

    private static void Draw(SvgWriter svg, PlaneLayout plane)
    {
        foreach (var placed in plane.Shapes.Where(s => s.Layer < EdgeLayer))
        {
            ShapePainter.Paint(svg, placed.Shape, plane.Context, placed.Label);
        }

        foreach (var placed in plane.Edges)
        {
            EdgePainter.Paint(svg, placed.Edge, plane.Context, placed.Label);
        }

        foreach (var placed in plane.Shapes.Where(s => s.Layer > EdgeLayer))
        {
            ShapePainter.Paint(svg, placed.Shape, plane.Context, placed.Label);
        }
    }

    /// <summary>Drawing order: what contains comes before what it contains; boundary events sit on top of edges.</summary>
    private static int Layer(DiagramShape shape, RenderContext context) => shape.Kind switch
    {
        "participant" => 0,
        "lane" => 1,
        "subProcess" or "transaction" or "adHocSubProcess" or "callActivity" when context.IsExpanded(shape) => 2,
        "group" => 4,
        "boundaryEvent" => 6,
        _ => 3,
    };

    /// <summary>How deeply a container is nested (outer sub-processes and lanes are drawn first).</summary>
    private static int Depth(DiagramShape shape) =>
        shape.Element?.Ancestors().Count(a => a.Name.LocalName is "subProcess" or "transaction" or "adHocSubProcess" or "lane") ?? 0;
}
