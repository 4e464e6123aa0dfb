using System.Globalization;

namespace Workflows.FilingBench;

/// <summary>What a run measured and found: throughput, latencies per request kind, and what was lost or duplicated.</summary>
public sealed record FilingBenchResult(
    int Users,
    TimeSpan Elapsed,
    int Filed,
    int Lost,
    int Duplicates,
    int IdempotencyMismatches,
    IReadOnlyList<string> Errors,
    IReadOnlyList<Latencies> Latencies)
{
    /// <summary>Complete nominations (in the database with their attachment and a running instance) per second of the run.</summary>
    public double Throughput => Elapsed.TotalSeconds > 0 ? Filed / Elapsed.TotalSeconds : 0;

    public bool Ok => Lost == 0 && Duplicates == 0 && IdempotencyMismatches == 0 && Errors.Count == 0 && Filed == Users;

    /// <summary>Prints the table of the run.</summary>
    public void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine(string.Create(c, $"{"request",-22} {"count",7} {"p50 ms",9} {"p95 ms",9} {"p99 ms",9} {"max ms",9}"));
        output.WriteLine(new string('-', 70));
        foreach (var kind in Latencies)
        {
            output.WriteLine(string.Create(c, $"{kind.Kind,-22} {kind.Count,7} {kind.Percentile(50),9:0.0} {kind.Percentile(95),9:0.0} {kind.Percentile(99),9:0.0} {kind.Max,9:0.0}"));
        }

        output.WriteLine(new string('-', 70));
        output.WriteLine(string.Create(c, $"users                  {Users,7}"));
        output.WriteLine(string.Create(c, $"filed (checked in DB)  {Filed,7}"));
        output.WriteLine(string.Create(c, $"elapsed                {Elapsed.TotalSeconds,7:0.00} s"));
        output.WriteLine(string.Create(c, $"throughput             {Throughput,7:0.0} nominations/s"));
        output.WriteLine(string.Create(c, $"lost                   {Lost,7}"));
        output.WriteLine(string.Create(c, $"duplicates             {Duplicates,7}"));
        output.WriteLine(string.Create(c, $"double-submit answers  {IdempotencyMismatches,7} differing"));
        output.WriteLine(string.Create(c, $"failed requests        {Errors.Count,7}"));
        foreach (var error in Errors.Take(10))
        {
            output.WriteLine("  " + error);
        }

        output.WriteLine(Ok ? "RESULT: OK" : "RESULT: FAILED");
    }
}
