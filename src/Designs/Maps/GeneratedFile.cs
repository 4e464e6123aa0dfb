namespace Workflows.Designs.Maps;

/// <summary>A file the generator produces: its name inside the output folder and its text (written as UTF-8 without BOM, <c>\n</c> line ends).</summary>
public sealed record GeneratedFile(string Name, string Content);
