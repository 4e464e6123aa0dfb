namespace Workflows.Designs.Maps;

/// <summary>
/// The command line of the generator (<c>scripts/process-maps.sh</c>):
/// <c>&lt;designs-folder&gt; &lt;output-folder&gt; [--check]</c>. Exit codes: 0 written or up to date, 1 drift found by
/// <c>--check</c>, 2 bad arguments or a design that cannot be read.
/// </summary>
public static class ProcessMapsCommand
{
    public const int Ok = 0;
    public const int Drift = 1;
    public const int Failed = 2;

    private const string Usage = "usage: process-maps <designs-folder> <output-folder> [--check]\n  e.g. process-maps src/Designs docs/process-maps --check";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var check = args.Contains("--check", StringComparer.Ordinal);
        var positional = args.Where(a => a != "--check").ToList();
        if (positional.Count != 2 || positional.Any(a => a.StartsWith('-')))
        {
            error.WriteLine(Usage);
            return Failed;
        }

        var (designs, target) = (positional[0], positional[1]);
        IReadOnlyList<GeneratedFile> files;
        try
        {
            files = ProcessMapGenerator.Generate(designs, target);
        }
        catch (ProcessMapException ex)
        {
            error.WriteLine("process maps: cannot generate:");
            error.WriteLine(ex.Message);
            return Failed;
        }

        if (check)
        {
            var drift = ProcessMapGenerator.Check(target, files);
            if (drift.Count == 0)
            {
                output.WriteLine($"process maps: {target} is up to date ({files.Count} files).");
                return Ok;
            }

            error.WriteLine($"process maps: {target} is out of date:");
            foreach (var line in drift)
            {
                error.WriteLine("  " + line);
            }

            error.WriteLine("Run scripts/process-maps.sh and commit the result.");
            return Drift;
        }

        var (written, removed) = ProcessMapGenerator.Write(target, files);
        output.WriteLine($"process maps: {files.Count} files in {target}; {written.Count} written, {removed.Count} removed, {files.Count - written.Count} unchanged.");
        foreach (var name in written)
        {
            output.WriteLine("  wrote " + name);
        }

        foreach (var name in removed)
        {
            output.WriteLine("  removed " + name);
        }

        return Ok;
    }
}
