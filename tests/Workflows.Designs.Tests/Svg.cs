using System.Xml;
using System.Xml.Linq;

namespace Workflows.Designs.Tests;

/// <summary>Reads rendered SVG back (strictly: any markup error throws) and finds its parts.</summary>
internal static class Svg
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public static XDocument Parse(string svg)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var text = new StringReader(svg);
        using var reader = XmlReader.Create(text, settings);
        return XDocument.Load(reader);
    }

    /// <summary>The shape groups (<c>g[data-shape]</c>).</summary>
    public static IReadOnlyList<XElement> Shapes(XDocument svg) =>
        svg.Descendants(Ns + "g").Where(g => g.Attribute("data-shape") is not null).ToList();

    /// <summary>The edge paths (<c>path[data-edge]</c>).</summary>
    public static IReadOnlyList<XElement> Edges(XDocument svg) =>
        svg.Descendants(Ns + "path").Where(p => p.Attribute("data-edge") is not null).ToList();

    /// <summary>The shape group of a BPMN element.</summary>
    public static XElement Shape(XDocument svg, string elementId) =>
        Shapes(svg).Single(g => (string?)g.Attribute("data-element-id") == elementId);

    /// <summary>The edge group (path and label) of a BPMN flow.</summary>
    public static XElement EdgeGroup(XDocument svg, string elementId) =>
        svg.Descendants(Ns + "g").Single(g => ((string?)g.Attribute("class"))?.StartsWith("edge ", StringComparison.Ordinal) == true && (string?)g.Attribute("data-element-id") == elementId);

    public static IEnumerable<string> Classes(XElement element) => ((string?)element.Attribute("class") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>True when a part inside the element (not the element itself) has the CSS class.</summary>
    public static bool HasPart(XElement element, string cssClass) => element.Descendants().Any(e => Classes(e).Contains(cssClass));

    /// <summary>The lines of the element's label, in order.</summary>
    public static IReadOnlyList<string> LabelLines(XElement shape) =>
        shape.Descendants(Ns + "text").SelectMany(t => t.Elements(Ns + "tspan")).Select(t => t.Value).ToList();
}
