using System.Xml;
using System.Xml.Linq;

namespace Workflows.Designs.Maps.Diagram;

/// <summary>
/// Loads XML the safe way: no DTD, no resolver (so no external entities), bounded size, line numbers kept.
/// The declared encoding of a stream is honoured (the MIWG files are ISO-8859-1, ours UTF-8).
/// </summary>
public static class SafeXml
{
    /// <summary>The largest accepted document, in characters.</summary>
    public const long MaxCharacters = 20 * 1024 * 1024;

    private static XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>Loads a document from a stream; <paramref name="source"/> names it in error messages.</summary>
    public static XDocument Load(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var reader = XmlReader.Create(stream, Settings());
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new ProcessMapException($"{source}: not well-formed or not allowed XML (line {ex.LineNumber}): {ex.Message}", ex);
        }
    }

    /// <summary>Loads a document from text; <paramref name="source"/> names it in error messages.</summary>
    public static XDocument Parse(string xml, string source)
    {
        ArgumentNullException.ThrowIfNull(xml);
        try
        {
            using var text = new StringReader(xml);
            using var reader = XmlReader.Create(text, Settings());
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new ProcessMapException($"{source}: not well-formed or not allowed XML (line {ex.LineNumber}): {ex.Message}", ex);
        }
    }
}
