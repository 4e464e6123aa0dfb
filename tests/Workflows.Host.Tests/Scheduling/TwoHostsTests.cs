using System.Diagnostics;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Xunit.Abstractions;

namespace Workflows.Host.Tests.Scheduling;

/// <summary>
/// Two real host processes share one PostgreSQL database, for the engine and for Hangfire (Hangfire.PostgreSql).
/// 2,000 timers due in the same second, started through both hosts, each fire exactly once; no job row is left.
/// (bench/Workflows.TimerBench runs the same with 10,000 timers and prints the lateness.)
/// </summary>
[Collection(RealHostProcesses.Name)]
public sealed class TwoHostsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Timers = 2_000;
    private readonly string _folder = Directory.CreateTempSubdirectory("workflows-two-hosts-").FullName;

    [Fact]
    public async Task Two_hosts_on_one_PostgreSQL_database_fire_every_timer_exactly_once()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var settings = new Dictionary<string, string>
        {
            ["Workflows:Database:Provider"] = "PostgreSql",
            ["Workflows:Database:ConnectionString"] = database.ConnectionString,
            ["Workflows:Scheduler:Storage"] = "PostgreSql",
            ["Workflows:Scheduler:WorkerCount"] = "20",
            ["Workflows:Scheduler:PollingSeconds"] = "1",
        };

        // One after the other: the first creates the schemas (engine migrations, Hangfire's tables).
        await using var a = HostProcess.Start("node-a", HostProcess.FreePort(), Path.Combine(_folder, "a"), settings);
        await a.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        await using var b = HostProcess.Start("node-b", HostProcess.FreePort(), Path.Combine(_folder, "b"), settings);
        await b.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        await a.Client.DeployAndPublishAsync(TimerProcesses.Xml);

        var due = DateTimeOffset.UtcNow.AddSeconds(30);
        var ids = new Guid[Timers];
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Timers), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            ids[i] = await TimerProcesses.StartAsync(i % 2 == 0 ? a.Client : b.Client, due, $"T-{i}"));
        output.WriteLine($"{Timers} timers started through both nodes in {watch.Elapsed.TotalSeconds:0.0} s; due in {(due - DateTimeOffset.UtcNow).TotalSeconds:0.0} s");

        var store = WorkflowStores.Create(new WorkflowStoreOptions { Provider = WorkflowStoreProvider.PostgreSql, ConnectionString = database.ConnectionString });
        try
        {
            var deadline = due.AddSeconds(180);
            while ((await store.GetDueJobsAsync(DateTimeOffset.UtcNow.AddYears(10), 1)).Count > 0 && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(500);
            }

            (await store.GetDueJobsAsync(DateTimeOffset.UtcNow.AddYears(10), 10)).Should().BeEmpty("every timer fired by {0}:{1}{2}", deadline, Environment.NewLine, a.Output + b.Output);

            var lateness = new List<TimeSpan>();
            var counts = new Dictionary<int, int>();
            foreach (var id in ids)
            {
                var fired = (await store.GetHistoryAsync(id)).Where(e => e.Type == HistoryTypes.TimerFired).ToList();
                counts[fired.Count] = counts.GetValueOrDefault(fired.Count) + 1;
                lateness.AddRange(fired.Select(e => e.At - due));
            }

            var instances = await store.QueryInstancesAsync(new InstanceQuery { DefinitionKey = TimerProcesses.Key, Status = InstanceStatus.Completed, Take = Timers * 2 });
            lateness.Sort();
            output.WriteLine($"TimerFired per instance: {string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}×: {c.Value}"))}");
            output.WriteLine($"lateness p50 {lateness[lateness.Count / 2].TotalSeconds:0.00} s, p99 {lateness[(int)(lateness.Count * 0.99)].TotalSeconds:0.00} s, max {lateness[^1].TotalSeconds:0.00} s");
            foreach (var (server, count) in await database.PairsAsync(
                "SELECT data::jsonb ->> 'ServerId', count(*) FROM hangfire.state WHERE name = 'Processing' GROUP BY 1 ORDER BY 1"))
            {
                output.WriteLine($"fired by Hangfire server {server}: {count}");
            }

            counts.Should().Equal(new Dictionary<int, int> { [1] = Timers }, "every timer fires exactly once: none lost, none twice");
            instances.Should().HaveCount(Timers);
            // The lateness figures are the bench's (10,000 timers); on a busy test machine only a coarse bound is asserted.
            lateness[^1].Should().BeLessThan(TimeSpan.FromSeconds(120));
            lateness[0].Should().BeGreaterThan(TimeSpan.FromSeconds(-1.5), "no timer fires before it is due (1 s tolerance for clock skew)");
            (await database.ScalarAsync<long>("SELECT count(*) FROM hangfire.job WHERE statename = 'Failed'")).Should().Be(0);
        }
        finally
        {
            await ((IAsyncDisposable)store).DisposeAsync();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }
}
