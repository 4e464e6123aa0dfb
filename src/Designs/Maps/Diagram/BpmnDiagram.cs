using System.Xml.Linq;

namespace Workflows.Designs.Maps.Diagram;

/// <summary>
/// A BPMN file's diagram interchange (DI) joined to its semantic elements: what the renderer draws. Every
/// <c>BPMNShape</c> and <c>BPMNEdge</c> of every <c>BPMNDiagram</c> is here, in document order.
/// </summary>
public sealed class BpmnDiagram
{
    /// <summary>The name of the definitions (or null).</summary>
    public string? Name { get; init; }

    /// <summary>One plane per <c>BPMNDiagram</c>, in document order.</summary>
    public required IReadOnlyList<DiagramPlane> Planes { get; init; }

    /// <summary>Every element of the BPMN model namespace with an id, by id (the first one wins).</summary>
    public required IReadOnlyDictionary<string, XElement> ElementsById { get; init; }

    /// <summary>The number of shapes in all planes.</summary>
    public int ShapeCount => Planes.Sum(p => p.Shapes.Count);

    /// <summary>The number of edges in all planes.</summary>
    public int EdgeCount => Planes.Sum(p => p.Edges.Count);
}

/// <summary>One <c>BPMNDiagram</c> and its plane.</summary>
public sealed class DiagramPlane
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    /// <summary>The process, collaboration or sub-process the plane shows.</summary>
    public string? ElementId { get; init; }

    public required IReadOnlyList<DiagramShape> Shapes { get; init; }

    public required IReadOnlyList<DiagramEdge> Edges { get; init; }
}

/// <summary>A <c>BPMNShape</c>: bounds, label bounds and the DI flags, with the element it shows.</summary>
public sealed class DiagramShape
{
    /// <summary>The id of the DI shape (unique within the file, or a generated one when the shape has none).</summary>
    public required string DiId { get; init; }

    /// <summary>The <c>bpmnElement</c> reference.</summary>
    public string? ElementId { get; init; }

    /// <summary>The semantic element, or null when the reference names nothing in the file.</summary>
    public XElement? Element { get; init; }

    /// <summary>The local name of the semantic element (<c>userTask</c>, <c>lane</c> …), or <c>unknown</c>.</summary>
    public required string Kind { get; init; }

    public required Box Bounds { get; init; }

    public Box? LabelBounds { get; init; }

    /// <summary><c>isHorizontal</c> of pools and lanes (null when not given).</summary>
    public bool? IsHorizontal { get; init; }

    /// <summary><c>isExpanded</c> of sub-processes and call activities (null when not given).</summary>
    public bool? IsExpanded { get; init; }

    /// <summary><c>isMarkerVisible</c> of exclusive gateways.</summary>
    public bool IsMarkerVisible { get; init; }

    /// <summary>The position of the shape in the plane, for a stable order.</summary>
    public int Order { get; init; }
}

/// <summary>A <c>BPMNEdge</c>: its waypoints and label bounds, with the flow or association it shows.</summary>
public sealed class DiagramEdge
{
    public required string DiId { get; init; }

    public string? ElementId { get; init; }

    public XElement? Element { get; init; }

    /// <summary>The local name of the semantic element (<c>sequenceFlow</c>, <c>messageFlow</c> …), or <c>unknown</c>.</summary>
    public required string Kind { get; init; }

    public required IReadOnlyList<Point> Waypoints { get; init; }

    public Box? LabelBounds { get; init; }

    /// <summary><c>isMessageVisible</c> of message flows.</summary>
    public bool IsMessageVisible { get; init; }

    public int Order { get; init; }
}
