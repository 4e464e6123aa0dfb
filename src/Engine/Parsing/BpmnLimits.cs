using System.Xml;

namespace Workflows.Engine.Parsing;

/// <summary>
/// Bounds on the shape of a BPMN document, checked right after the XML is read and before any process is compiled:
/// compiling nested scopes costs more than linear time in the depth (100,000 nested sub-processes took most of a
/// minute of CPU), so a hostile document is refused here in one linear walk.
/// </summary>
public static class BpmnLimits
{
    /// <summary>
    /// Deepest element nesting. A process drawn in the designer nests definitions, process, a few levels of
    /// sub-processes and their extension elements: far below 100.
    /// </summary>
    public const int DefaultMaxNestingDepth = 100;

    /// <summary>Most elements (nodes, flows, diagram shapes and waypoints together) in one document.</summary>
    public const int DefaultMaxElements = 200_000;

    /// <summary>
    /// The first limit the document breaks, as a problem naming it and its setting; null when within them. Streams
    /// the document once with <paramref name="settings"/> and stops at the first element over a limit, before any
    /// tree is built (loading 100,000 nested elements into a tree alone takes half a minute). Malformed XML is
    /// left to the reader, which reports it with its line.
    /// </summary>
    public static BpmnProblem? Check(string xml, XmlReaderSettings settings, BpmnReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(options);
        var count = 0;
        try
        {
            using var text = new StringReader(xml);
            using var reader = XmlReader.Create(text, settings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                var line = reader is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
                if (reader.Depth + 1 > options.MaxNestingDepth)
                {
                    return new BpmnProblem(reader.GetAttribute("id"), line,
                        $"The document nests elements more than {options.MaxNestingDepth:N0} levels deep (the nesting depth limit). Flatten the model or raise Workflows:Bpmn:MaxNestingDepth.");
                }

                if (++count > options.MaxElements)
                {
                    return new BpmnProblem(null, line,
                        $"The document has more than {options.MaxElements:N0} elements (the element count limit). Split the model or raise Workflows:Bpmn:MaxElements.");
                }
            }
        }
        catch (XmlException)
        {
            return null;
        }

        return null;
    }
}
