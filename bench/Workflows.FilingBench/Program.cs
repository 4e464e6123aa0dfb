using System.Text;

namespace Workflows.FilingBench;

/// <summary>
/// The entry point: <c>dotnet run -c Release --project bench/Workflows.FilingBench -- --users 1000</c>. Exit code 0
/// when every nomination was filed exactly once with its attachment and a running instance, 1 otherwise, 2 on bad options.
/// </summary>
public static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        FilingBenchOptions options;
        try
        {
            options = FilingBenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }

        var result = await FilingBench.RunAsync(options, Console.Out);
        return result.Ok ? 0 : 1;
    }
}
