namespace Workflows.Designs.Tests;

/// <summary>Where the repository, its designs and the MIWG reference models (../shared/conformance/miwg) are.</summary>
internal static class Repository
{
    /// <summary>The folder holding Workflows.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Designs => Path.Combine(Root, "src", "Designs");

    public static string ProcessMaps => Path.Combine(Root, "docs", "process-maps");

    public static string SampleDesign => Path.Combine(Designs, "Processes", "sample-approval.bpmn");

    /// <summary>The folder <c>../shared/conformance/miwg</c> relative to the repository root.</summary>
    public static string MiwgFolder
    {
        get
        {
            var folder = Path.GetFullPath(Path.Combine(Root, "..", "shared", "conformance", "miwg"));
            return Directory.Exists(folder)
                ? folder
                : throw new InvalidOperationException($"The MIWG reference models are missing: expected the folder {folder} (../shared/conformance/miwg next to the repository).");
        }
    }

    /// <summary>The MIWG model file names, sorted.</summary>
    public static IEnumerable<object[]> MiwgModels() =>
        Directory.GetFiles(MiwgFolder, "*.bpmn").Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(name => new object[] { name! });

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Workflows.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new InvalidOperationException($"Workflows.sln was not found above {AppContext.BaseDirectory}.");
    }
}
