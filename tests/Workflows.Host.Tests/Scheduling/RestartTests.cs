using System.Net;
using Xunit.Abstractions;

namespace Workflows.Host.Tests.Scheduling;

/// <summary>
/// A real host process with pending timers is killed with SIGKILL; some due times pass while it is down; after the
/// restart on the same SQLite file (Hangfire in memory, so Hangfire's own jobs are gone) every overdue timer fires
/// exactly once, and the later ones fire on time.
/// </summary>
[Collection(RealHostProcesses.Name)]
public sealed class RestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("workflows-restart-").FullName;

    [Fact]
    public async Task Timers_survive_SIGKILL_overdue_ones_fire_once_after_restart_the_others_on_time()
    {
        var database = Path.Combine(_folder, "workflows.db");
        var settings = new Dictionary<string, string>
        {
            ["Workflows:Database:Provider"] = "Sqlite",
            ["Workflows:Database:ConnectionString"] = $"Data Source={database}",
            ["Workflows:Scheduler:Storage"] = "InMemory",
            ["Workflows:Scheduler:PollingSeconds"] = "1",
        };

        var first = HostProcess.Start("host-1", HostProcess.FreePort(), _folder, settings);
        Guid[] early, overdue, later;
        DateTimeOffset t0;
        var due = new Dictionary<Guid, DateTimeOffset>();
        DateTimeOffset killedAt;
        await using (first)
        {
            await first.WaitHealthyAsync(TimeSpan.FromSeconds(60));
            await first.Client.DeployAndPublishAsync(TimerProcesses.Xml);

            t0 = DateTimeOffset.UtcNow;
            async Task<Guid[]> StartAllAsync(IEnumerable<double> seconds)
            {
                var ids = new List<Guid>();
                foreach (var s in seconds)
                {
                    var at = t0.AddSeconds(s);
                    var id = await TimerProcesses.StartAsync(first.Client, at);
                    due[id] = at;
                    ids.Add(id);
                }

                return [.. ids];
            }

            early = await StartAllAsync([2, 2.5, 3]);                       // fire before the kill
            overdue = await StartAllAsync([8, 9, 10, 11, 12, 13]);          // due while the host is down
            later = await StartAllAsync([28, 29, 30, 31, 32, 33]);         // due after the restart

            (await TimerProcesses.WaitCompletedAsync(first.Client, early, t0.AddSeconds(7))).Should().BeTrue("the early timers fire while the first host runs");
            await DelayUntilAsync(t0.AddSeconds(6));
            foreach (var id in overdue.Concat(later))
            {
                (await TimerProcesses.StatusAsync(first.Client, id)).Should().Be("active");
            }

            killedAt = DateTimeOffset.UtcNow;
            var exitCode = first.Kill();
            exitCode.Should().Be(128 + 9, "Process.Kill sends SIGKILL on Linux; a process killed by signal 9 reports 137");
            output.WriteLine($"killed host-1 at t0+{(killedAt - t0).TotalSeconds:0.0}s (exit code {exitCode})");
        }

        // Every overdue due time passes while no host runs.
        await DelayUntilAsync(t0.AddSeconds(14.5));

        await using var second = HostProcess.Start("host-2", HostProcess.FreePort(), _folder, settings);
        var restartedAt = DateTimeOffset.UtcNow;
        await second.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        var healthyAt = DateTimeOffset.UtcNow;
        output.WriteLine($"host-2 started at t0+{(restartedAt - t0).TotalSeconds:0.0}s, healthy at t0+{(healthyAt - t0).TotalSeconds:0.0}s");
        healthyAt.Should().BeBefore(t0.AddSeconds(28), "the restarted host must be up before the later timers are due for this test to mean anything");

        var all = early.Concat(overdue).Concat(later).ToList();
        (await TimerProcesses.WaitCompletedAsync(second.Client, all, t0.AddSeconds(50))).Should().BeTrue(second.Output);

        foreach (var id in all)
        {
            var fired = await TimerProcesses.FiredAsync(second.Client, id);
            var group = early.Contains(id) ? "early" : overdue.Contains(id) ? "overdue" : "later";
            output.WriteLine($"{group,-8} due t0+{(due[id] - t0).TotalSeconds,5:0.0}s fired {string.Join(", ", fired.Select(f => $"t0+{(f - t0).TotalSeconds:0.00}s"))}");
            fired.Should().ContainSingle($"the {group} timer of {id} fires exactly once");
            var at = fired[0];
            at.Should().BeOnOrAfter(due[id].AddSeconds(-1), "a timer never fires (noticeably) early");
            switch (group)
            {
                case "early":
                    at.Should().BeBefore(killedAt);
                    break;
                case "overdue":
                    at.Should().BeAfter(restartedAt, "it was due while the host was down");
                    at.Should().BeBefore(healthyAt.AddSeconds(10), "overdue timers fire right after the restart");
                    break;
                default:
                    (at - due[id]).Should().BeLessThan(TimeSpan.FromSeconds(5), "timers due after the restart fire on time");
                    break;
            }
        }

        // The dashboard answers on loopback (a real socket to 127.0.0.1).
        using var dashboard = await second.Client.GetAsync("/hangfire");
        dashboard.StatusCode.Should().Be(HttpStatusCode.OK);
        (await dashboard.Content.ReadAsStringAsync()).Should().Contain("Hangfire");
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

    private static async Task DelayUntilAsync(DateTimeOffset at)
    {
        var wait = at - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }
}
