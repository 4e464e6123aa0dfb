using System.Text;
using System.Xml.Linq;
using Workflows.Designs.Maps.Diagram;
using Workflows.Engine.Model;
using Workflows.Engine.Parsing;

namespace Workflows.Designs.Maps;

/// <summary>
/// One design (a <c>.bpmn</c> file): its picture (the diagram interchange) and its executable processes as the
/// engine reads them. A design the engine would refuse is refused here too, with every problem and its line.
/// </summary>
public sealed class DesignFile
{
    private DesignFile(string path, string displayPath, BpmnDiagram diagram, IReadOnlyList<ProcessModel> processes, XElement root)
    {
        Path = path;
        DisplayPath = displayPath;
        Diagram = diagram;
        Processes = processes;
        Root = root;
    }

    /// <summary>The file on disk.</summary>
    public string Path { get; }

    /// <summary>The path shown on pages (relative to the repository, with <c>/</c>).</summary>
    public string DisplayPath { get; }

    /// <summary>The file name without <c>.bpmn</c>: the name of its generated SVG and page.</summary>
    public string Stem => System.IO.Path.GetFileNameWithoutExtension(Path);

    public BpmnDiagram Diagram { get; }

    /// <summary>The executable processes, in document order.</summary>
    public IReadOnlyList<ProcessModel> Processes { get; }

    /// <summary>The <c>definitions</c> element (documentation of processes is read from it).</summary>
    public XElement Root { get; }

    /// <summary>The page title: the first process's name, else the definitions' name, else the file name.</summary>
    public string Title => Processes.Select(p => p.Name).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n))?.Trim()
        ?? (string.IsNullOrWhiteSpace(Diagram.Name) ? Stem : Diagram.Name.Trim());

    /// <summary>The <c>&lt;documentation&gt;</c> of a process, or null.</summary>
    public string? DocumentationOf(ProcessModel process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var element = Root.Elements(BpmnNamespaces.Model + "process").FirstOrDefault(p => (string?)p.Attribute("id") == process.Key);
        var text = element?.Element(BpmnNamespaces.Model + "documentation")?.Value.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>Reads and checks the design at <paramref name="path"/>; <paramref name="displayPath"/> names it in messages.</summary>
    public static DesignFile Load(string path, string displayPath)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = File.ReadAllBytes(path);
        XDocument document;
        using (var stream = new MemoryStream(bytes, writable: false))
        {
            document = SafeXml.Load(stream, displayPath);
        }

        var diagram = BpmnDiagramReader.Read(document, displayPath);
        if (diagram.Planes.Count == 0 || diagram.ShapeCount == 0)
        {
            throw new ProcessMapException($"{displayPath}: the design has no diagram (BPMNDiagram with shapes). Draw it in a modeller so the file carries its layout.");
        }

        var result = new BpmnReader().Read(Decode(bytes, document));
        if (!result.IsValid)
        {
            throw new ProcessMapException($"{displayPath}: the engine cannot run this design:\n  " + string.Join("\n  ", result.Problems));
        }

        return new DesignFile(path, displayPath, diagram, result.Processes, document.Root!);
    }

    /// <summary>The file's text in its declared encoding (UTF-8 when none is declared), so the engine's line numbers match the file.</summary>
    private static string Decode(byte[] bytes, XDocument document)
    {
        var encoding = Encoding.UTF8;
        if (document.Declaration?.Encoding is { Length: > 0 } name)
        {
            try
            {
                encoding = Encoding.GetEncoding(name);
            }
            catch (ArgumentException)
            {
                encoding = Encoding.UTF8;
            }
        }

        using var reader = new StreamReader(new MemoryStream(bytes, writable: false), encoding, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
