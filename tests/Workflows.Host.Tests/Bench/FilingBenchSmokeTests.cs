using System.Diagnostics;
using Workflows.FilingBench;

namespace Workflows.Host.Tests.Bench;

/// <summary>
/// The filing bench's core with 20 users: proves the bench works (its own host, its users, the double submits, the
/// check in the database) without timing anything. The 1,000-user run is a benchmark, run by hand (bench/README.md).
/// </summary>
public sealed class FilingBenchSmokeTests
{
    [Fact]
    public async Task Twenty_users_file_at_once_and_every_nomination_is_found_once_with_its_attachment_and_instance()
    {
        var watch = Stopwatch.StartNew();
        using var output = new StringWriter();
        var result = await FilingBench.FilingBench.RunAsync(new FilingBenchOptions(Users: 20), output);

        var printed = output.ToString();
        result.Ok.Should().BeTrue(printed);
        (result.Filed, result.Lost, result.Duplicates, result.IdempotencyMismatches).Should().Be((20, 0, 0, 0), printed);
        result.Latencies.Select(l => l.Count).Should().Equal([20, 40, 20, 20], "a sign-in, two submits, an upload and a check per user");
        printed.Should().Contain("throughput").And.Contain("p99 ms").And.Contain("RESULT: OK");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30));
    }
}
