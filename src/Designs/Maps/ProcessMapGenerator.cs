using System.Text;
using Workflows.Designs.Maps.Pages;
using Workflows.Designs.Maps.Rendering;

namespace Workflows.Designs.Maps;

/// <summary>
/// Generates <c>docs/process-maps</c> from the designs: for every <c>.bpmn</c> file under the designs folder (any
/// depth, <c>bin</c> and <c>obj</c> skipped) an SVG and a Markdown page named after the file, and a
/// <c>README.md</c> index. <see cref="Write"/> updates the folder; <see cref="Check"/> reports drift without
/// touching it. Every <c>.svg</c> and <c>.md</c> file at the top of the output folder belongs to the generator.
/// </summary>
public static class ProcessMapGenerator
{
    /// <summary>The index page's name.</summary>
    public const string IndexName = "README.md";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The designs under <paramref name="designsDirectory"/>, ordered by their path.</summary>
    public static IReadOnlyList<DesignFile> LoadDesigns(string designsDirectory)
    {
        ArgumentNullException.ThrowIfNull(designsDirectory);
        if (!Directory.Exists(designsDirectory))
        {
            throw new ProcessMapException($"The designs folder '{designsDirectory}' does not exist.");
        }

        var root = Path.GetFullPath(designsDirectory);
        var files = Directory.EnumerateFiles(root, "*.bpmn", SearchOption.AllDirectories)
            .Select(f => (Full: f, Relative: Path.GetRelativePath(root, f).Replace('\\', '/')))
            .Where(f => !f.Relative.Split('/').Any(segment => segment is "bin" or "obj"))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();

        var designs = new List<DesignFile>();
        var problems = new List<string>();
        var shownFrom = RepositoryRoot(root) ?? Path.GetDirectoryName(root) ?? root;
        foreach (var (full, relative) in files)
        {
            // Shown relative to the repository whatever the working directory, so the pages do not depend on it.
            var display = Path.GetRelativePath(shownFrom, full).Replace('\\', '/');
            try
            {
                designs.Add(DesignFile.Load(full, display));
            }
            catch (ProcessMapException ex)
            {
                problems.Add(ex.Message);
            }
        }

        foreach (var clash in designs.GroupBy(d => d.Stem, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"{string.Join(" and ", clash.Select(d => d.DisplayPath))} would write the same page '{clash.Key}.md'; rename one of them.");
        }

        if (designs.Any(d => string.Equals(d.Stem + ".md", IndexName, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add($"A design may not be called README: its page would replace the index {IndexName}.");
        }

        if (problems.Count > 0)
        {
            throw new ProcessMapException(string.Join("\n", problems));
        }

        return designs;
    }

    /// <summary>The nearest folder at or above <paramref name="directory"/> holding Workflows.sln or .git, or null.</summary>
    private static string? RepositoryRoot(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            if (File.Exists(Path.Combine(current.FullName, "Workflows.sln")) || Path.Exists(Path.Combine(current.FullName, ".git")))
            {
                return current.FullName;
            }
        }

        return null;
    }

    /// <summary>Everything the output folder should hold, in a fixed order.</summary>
    public static IReadOnlyList<GeneratedFile> Generate(string designsDirectory, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(outputDirectory);
        var designs = LoadDesigns(designsDirectory);
        var files = new List<GeneratedFile>();
        foreach (var design in designs)
        {
            var svg = design.Stem + ".svg";
            var link = Path.GetRelativePath(Path.GetFullPath(outputDirectory), Path.GetFullPath(design.Path)).Replace('\\', '/');
            files.Add(new GeneratedFile(svg, BpmnSvgRenderer.Render(design.Diagram, design.Title)));
            files.Add(new GeneratedFile(design.Stem + ".md", ProcessMapPage.Write(design, svg, Uri.EscapeDataString(link).Replace("%2F", "/", StringComparison.Ordinal))));
        }

        files.Add(new GeneratedFile(IndexName, ProcessMapIndex.Write(designs)));
        return files;
    }

    /// <summary>What differs between the folder and <paramref name="files"/>: missing, changed and left-over files.</summary>
    public static IReadOnlyList<string> Check(string outputDirectory, IReadOnlyList<GeneratedFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var drift = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(outputDirectory, file.Name);
            if (!File.Exists(path))
            {
                drift.Add($"missing: {file.Name}");
            }
            else if (!SameText(File.ReadAllBytes(path), file.Content))
            {
                drift.Add($"differs: {file.Name}");
            }
        }

        drift.AddRange(LeftOvers(outputDirectory, files).Select(name => $"left over (no design): {name}"));
        return drift;
    }

    /// <summary>Writes what changed and removes left-overs; returns the names written and removed.</summary>
    public static (IReadOnlyList<string> Written, IReadOnlyList<string> Removed) Write(string outputDirectory, IReadOnlyList<GeneratedFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        Directory.CreateDirectory(outputDirectory);
        var written = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(outputDirectory, file.Name);
            if (File.Exists(path) && SameText(File.ReadAllBytes(path), file.Content))
            {
                continue;
            }

            File.WriteAllBytes(path, Utf8.GetBytes(file.Content));
            written.Add(file.Name);
        }

        var removed = LeftOvers(outputDirectory, files).ToList();
        foreach (var name in removed)
        {
            File.Delete(Path.Combine(outputDirectory, name));
        }

        return (written, removed);
    }

    private static IEnumerable<string> LeftOvers(string outputDirectory, IReadOnlyList<GeneratedFile> files)
    {
        if (!Directory.Exists(outputDirectory))
        {
            return [];
        }

        var expected = files.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        return Directory.EnumerateFiles(outputDirectory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => (name.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".md", StringComparison.OrdinalIgnoreCase)) && !expected.Contains(name))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Byte-equal to the UTF-8 text, allowing CRLF line ends (a Windows checkout with autocrlf is not drift).</summary>
    private static bool SameText(byte[] existing, string content)
    {
        var expected = Utf8.GetBytes(content);
        if (existing.AsSpan().SequenceEqual(expected))
        {
            return true;
        }

        return Utf8.GetString(existing).Replace("\r\n", "\n", StringComparison.Ordinal) == content;
    }
}
