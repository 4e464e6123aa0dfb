using Workflows.Designs.Maps.Diagram;

namespace Workflows.Designs.Maps.Rendering;

/// <summary>What painters may look up while drawing one plane.</summary>
internal sealed class RenderContext(BpmnDiagram diagram, DiagramPlane plane)
{
    public BpmnDiagram Diagram { get; } = diagram;

    public DiagramPlane Plane { get; } = plane;

    public IReadOnlyDictionary<string, System.Xml.Linq.XElement> ById => Diagram.ElementsById;

    public string? NameOf(DiagramShape shape) => Semantics.Name(shape.Element, ById);

    /// <summary>
    /// Whether a sub-process or call activity is drawn open: DI <c>isExpanded</c> when given; otherwise open when the
    /// plane also draws something inside it.
    /// </summary>
    public bool IsExpanded(DiagramShape shape)
    {
        if (shape.IsExpanded is { } expanded)
        {
            return expanded;
        }

        var container = shape.Element;
        return container is not null && Plane.Shapes.Any(s => s.Element is not null && s.Element != container && Semantics.IsInside(s.Element, container));
    }
}
