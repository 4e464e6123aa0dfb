using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Workflows.Engine.Parsing;

namespace Workflows.Designs.Maps.Diagram;

/// <summary>
/// Reads the diagram interchange of a BPMN 2.0 file (<c>BPMNDiagram</c> / <c>BPMNPlane</c> / <c>BPMNShape</c> /
/// <c>BPMNEdge</c>, BPMN 2.0.2 chapter 12) and joins every shape and edge to its semantic element. It reads any
/// BPMN element, executable or not (the engine's reader refuses what it cannot run; a picture can show it all).
/// </summary>
public static class BpmnDiagramReader
{
    /// <summary>The BPMN DI namespace (BPMNDiagram, BPMNShape, BPMNEdge, BPMNLabel).</summary>
    public static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";

    /// <summary>The DC namespace (Bounds).</summary>
    public static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";

    /// <summary>The DI namespace (waypoint).</summary>
    public static readonly XNamespace Di = "http://www.omg.org/spec/DD/20100524/DI";

    /// <summary>Reads the BPMN file at <paramref name="path"/>.</summary>
    public static BpmnDiagram ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads BPMN XML from a stream (its declared encoding is honoured).</summary>
    public static BpmnDiagram Read(Stream stream, string source = "BPMN") => Read(SafeXml.Load(stream, source), source);

    /// <summary>Reads BPMN XML from text.</summary>
    public static BpmnDiagram Parse(string xml, string source = "BPMN") => Read(SafeXml.Parse(xml, source), source);

    /// <summary>Reads an already loaded BPMN document.</summary>
    public static BpmnDiagram Read(XDocument document, string source)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.Root;
        if (root is null || root.Name != BpmnNamespaces.Model + "definitions")
        {
            throw new ProcessMapException($"{source}: the root element is not <definitions> of the BPMN 2.0 model namespace '{BpmnNamespaces.Model.NamespaceName}'.");
        }

        var elements = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var element in root.Descendants())
        {
            if (element.Name.Namespace == BpmnNamespaces.Model && (string?)element.Attribute("id") is { Length: > 0 } id)
            {
                elements.TryAdd(id, element);
            }
        }

        var planes = new List<DiagramPlane>();
        var diagramIndex = 0;
        foreach (var diagram in root.Elements(BpmnDi + "BPMNDiagram"))
        {
            diagramIndex++;
            var plane = diagram.Element(BpmnDi + "BPMNPlane");
            if (plane is null)
            {
                continue;
            }

            planes.Add(ReadPlane(diagram, plane, elements, source, diagramIndex));
        }

        return new BpmnDiagram { Name = (string?)root.Attribute("name"), Planes = planes, ElementsById = elements };
    }

    private static DiagramPlane ReadPlane(XElement diagram, XElement plane, Dictionary<string, XElement> elements, string source, int diagramIndex)
    {
        var shapes = new List<DiagramShape>();
        var edges = new List<DiagramEdge>();
        var order = 0;
        foreach (var child in plane.Elements())
        {
            order++;
            if (child.Name == BpmnDi + "BPMNShape")
            {
                shapes.Add(ReadShape(child, elements, source, $"shape-{diagramIndex}-{order}", order));
            }
            else if (child.Name == BpmnDi + "BPMNEdge")
            {
                edges.Add(ReadEdge(child, elements, source, $"edge-{diagramIndex}-{order}", order));
            }
        }

        return new DiagramPlane
        {
            Id = (string?)diagram.Attribute("id"),
            Name = (string?)diagram.Attribute("name"),
            ElementId = (string?)plane.Attribute("bpmnElement"),
            Shapes = shapes,
            Edges = edges,
        };
    }

    private static DiagramShape ReadShape(XElement shape, Dictionary<string, XElement> elements, string source, string fallbackId, int order)
    {
        var diId = (string?)shape.Attribute("id") ?? fallbackId;
        var reference = (string?)shape.Attribute("bpmnElement");
        var element = Resolve(reference, elements);
        var bounds = shape.Element(Dc + "Bounds") is { } b
            ? ReadBounds(b, source, diId)
            : throw new ProcessMapException($"{source}: the BPMNShape '{diId}' (line {LineOf(shape)}) has no dc:Bounds; every shape needs its position and size.");
        return new DiagramShape
        {
            DiId = diId,
            ElementId = reference,
            Element = element,
            Kind = element?.Name.LocalName ?? "unknown",
            Bounds = bounds,
            LabelBounds = LabelBounds(shape, source, diId),
            IsHorizontal = Flag(shape, "isHorizontal"),
            IsExpanded = Flag(shape, "isExpanded"),
            IsMarkerVisible = Flag(shape, "isMarkerVisible") ?? false,
            Order = order,
        };
    }

    private static DiagramEdge ReadEdge(XElement edge, Dictionary<string, XElement> elements, string source, string fallbackId, int order)
    {
        var diId = (string?)edge.Attribute("id") ?? fallbackId;
        var reference = (string?)edge.Attribute("bpmnElement");
        var element = Resolve(reference, elements);
        var points = edge.Elements(Di + "waypoint")
            .Select(w => new Point(Number(w, "x", source, diId), Number(w, "y", source, diId)))
            .ToList();
        if (points.Count < 2)
        {
            throw new ProcessMapException($"{source}: the BPMNEdge '{diId}' (line {LineOf(edge)}) has {points.Count} waypoint(s); an edge needs at least two.");
        }

        return new DiagramEdge
        {
            DiId = diId,
            ElementId = reference,
            Element = element,
            Kind = element?.Name.LocalName ?? "unknown",
            Waypoints = points,
            LabelBounds = LabelBounds(edge, source, diId),
            IsMessageVisible = Flag(edge, "isMessageVisible") ?? false,
            Order = order,
        };
    }

    /// <summary>Resolves a <c>bpmnElement</c> reference; a prefixed QName (<c>ns:id</c>) is tried without its prefix.</summary>
    private static XElement? Resolve(string? reference, Dictionary<string, XElement> elements)
    {
        if (reference is null)
        {
            return null;
        }

        if (elements.TryGetValue(reference, out var element))
        {
            return element;
        }

        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && elements.TryGetValue(reference[(colon + 1)..], out element) ? element : null;
    }

    private static Box? LabelBounds(XElement owner, string source, string diId) =>
        owner.Element(BpmnDi + "BPMNLabel")?.Element(Dc + "Bounds") is { } bounds ? ReadBounds(bounds, source, diId) : null;

    private static Box ReadBounds(XElement bounds, string source, string diId)
    {
        var box = new Box(Number(bounds, "x", source, diId), Number(bounds, "y", source, diId), Number(bounds, "width", source, diId), Number(bounds, "height", source, diId));
        if (box.Width < 0 || box.Height < 0)
        {
            throw new ProcessMapException($"{source}: '{diId}' (line {LineOf(bounds)}) has a negative width or height.");
        }

        return box;
    }

    private static double Number(XElement element, string attribute, string source, string diId)
    {
        var text = (string?)element.Attribute(attribute);
        if (text is null || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new ProcessMapException($"{source}: '{diId}' (line {LineOf(element)}) needs a number in {attribute}=\"…\", found '{text}'.");
        }

        return value;
    }

    private static bool? Flag(XElement element, string attribute) => (string?)element.Attribute(attribute) switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    private static int LineOf(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
}
