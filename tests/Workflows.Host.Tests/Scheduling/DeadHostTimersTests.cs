using System.Diagnostics;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Xunit.Abstractions;

namespace Workflows.Host.Tests.Scheduling;

/// <summary>
/// Two real host processes on one PostgreSQL database (engine and Hangfire.PostgreSql), 2,000 timers due in the same
/// second; one host is killed with SIGKILL 4 s after the due time, while its workers hold timers. Every timer fires
/// exactly once, and the timers the killed host held fire within 60 s of their due time: a dead host's claims (its
/// fetched Hangfire jobs, its distributed locks) are released after <c>Workflows:Scheduler:LeaseSeconds</c>, not minutes.
/// </summary>
[Collection(RealHostProcesses.Name)]
public sealed class DeadHostTimersTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Timers = 2_000;
    private static readonly TimeSpan KillAfterDue = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan HeldFireWithin = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("workflows-dead-host-").FullName;

    [Fact]
    public async Task Timers_held_by_a_SIGKILLed_host_fire_once_within_a_minute_of_due()
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
        await using var survivor = HostProcess.Start("survivor", HostProcess.FreePort(), Path.Combine(_folder, "survivor"), settings);
        await survivor.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        await using var victim = HostProcess.Start("victim", HostProcess.FreePort(), Path.Combine(_folder, "victim"), settings);
        await victim.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        await survivor.Client.DeployAndPublishAsync(TimerProcesses.Xml);

        var due = DateTimeOffset.UtcNow.AddSeconds(60); // "due in one minute"; creating 2,000 through HTTP takes 10–35 s here
        var ids = new Guid[Timers];
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Timers), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            ids[i] = await TimerProcesses.StartAsync(i % 2 == 0 ? survivor.Client : victim.Client, due, $"D-{i}"));
        var margin = due - DateTimeOffset.UtcNow;
        output.WriteLine($"{Timers} timers started through both hosts in {watch.Elapsed.TotalSeconds:0.0} s; due in {margin.TotalSeconds:0.0} s");
        margin.Should().BePositive("the timers must be handed to Hangfire before they are due for the test to mean anything");

        var store = WorkflowStores.Create(new WorkflowStoreOptions { Provider = WorkflowStoreProvider.PostgreSql, ConnectionString = database.ConnectionString });
        try
        {
            // The scenario's own moment: SIGKILL at due + 4 s, while the storm is being fired.
            var killAt = due + KillAfterDue;
            if (killAt > DateTimeOffset.UtcNow)
            {
                await Task.Delay(killAt - DateTimeOffset.UtcNow);
            }

            var victimPid = victim.ProcessId;
            var exitCode = victim.Kill();
            var killedAt = DateTimeOffset.UtcNow;
            exitCode.Should().Be(128 + 9, "Process.Kill sends SIGKILL on Linux");

            // What the dead host held: pending rows whose Hangfire job was fetched from the queue and is not being
            // processed by the survivor (the victim's workers were processing it, or had just fetched it).
            var pending = (await store.GetDueJobsAsync(DateTimeOffset.UtcNow.AddYears(10), Timers * 2)).ToDictionary(r => r.Id, r => r.InstanceId);
            var processing = await database.PairsAsync($"""
                SELECT split_part(s.value, ':', 1), j.id
                FROM hangfire.set s
                JOIN hangfire.job j ON j.id = split_part(s.value, ':', 2)::bigint
                JOIN hangfire.jobqueue q ON q.jobid = j.id
                LEFT JOIN hangfire.state st ON st.id = j.stateid
                WHERE s.key = 'workflows:held-jobs' AND q.fetchedat IS NOT NULL
                  AND NOT (j.statename = 'Processing' AND coalesce(st.data::jsonb ->> 'ServerId', '') NOT LIKE '%:{victimPid}:%')
                """);
            var held = processing
                .Select(p => Guid.ParseExact(p.Key, "N"))
                .Where(pending.ContainsKey)
                .Select(row => pending[row])
                .ToHashSet();
            output.WriteLine($"killed the victim (pid {victimPid}) at due + {(killedAt - due).TotalSeconds:0.0} s: {pending.Count} timers pending, "
                + $"{held.Count} of them in the victim's workers");
            held.Should().NotBeEmpty("the victim must hold timers when it dies for the test to mean anything");

            // Waits on the database: every job row gone, or the deadline.
            var deadline = due.AddSeconds(120);
            while ((await store.GetDueJobsAsync(DateTimeOffset.UtcNow.AddYears(10), 1)).Count > 0 && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(250);
            }

            var left = await store.GetDueJobsAsync(DateTimeOffset.UtcNow.AddYears(10), Timers);
            output.WriteLine($"at due + {(DateTimeOffset.UtcNow - due).TotalSeconds:0.0} s: {left.Count} timers not fired "
                + $"({left.Count(r => held.Contains(r.InstanceId))} of them held by the victim)");

            var lateness = new List<TimeSpan>();
            var heldLateness = new List<TimeSpan>();
            var counts = new Dictionary<int, int>();
            foreach (var id in ids)
            {
                var fired = (await store.GetHistoryAsync(id)).Where(e => e.Type == HistoryTypes.TimerFired).ToList();
                counts[fired.Count] = counts.GetValueOrDefault(fired.Count) + 1;
                lateness.AddRange(fired.Select(e => e.At - due));
                if (held.Contains(id))
                {
                    heldLateness.AddRange(fired.Select(e => e.At - due));
                }
            }

            lateness.Sort();
            heldLateness.Sort();
            output.WriteLine($"TimerFired per instance: {string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}×: {c.Value}"))}");
            if (lateness.Count > 0)
            {
                output.WriteLine($"all timers:  lateness p50 {lateness[lateness.Count / 2].TotalSeconds:0.00} s, "
                    + $"p99 {lateness[(int)(lateness.Count * 0.99)].TotalSeconds:0.00} s, max {lateness[^1].TotalSeconds:0.00} s");
            }

            if (heldLateness.Count > 0)
            {
                output.WriteLine($"victim's:    {heldLateness.Count} fired, lateness min {heldLateness[0].TotalSeconds:0.00} s, max {heldLateness[^1].TotalSeconds:0.00} s");
            }

            var runs = await database.ScalarAsync<long>("SELECT count(*) FROM hangfire.state WHERE name = 'Processing'");
            output.WriteLine($"Hangfire job runs: {runs} for {Timers} timers (a run beyond one per timer answered \"gone\")");

            left.Should().BeEmpty("every timer fires by due + 120 s:{0}{1}", Environment.NewLine, survivor.Output);
            counts.Should().Equal(new Dictionary<int, int> { [1] = Timers }, "every timer fires exactly once: none lost, none twice");
            heldLateness.Should().HaveCount(held.Count);
            heldLateness[^1].Should().BeLessThan(HeldFireWithin, "the timers the killed host held are released within seconds and fire within a minute of due");
            lateness[0].Should().BeGreaterThan(TimeSpan.FromSeconds(-1.5), "no timer fires before it is due (1 s tolerance for clock skew)");
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
