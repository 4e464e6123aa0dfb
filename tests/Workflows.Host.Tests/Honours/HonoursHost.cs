using System.Diagnostics;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflows.Activities.Honours;
using Workflows.Engine;
using Workflows.Engine.Persistence;

namespace Workflows.Host.Tests.Honours;

/// <summary>
/// The host on its own SQLite file with the demo accounts and the demo campaign, the shipped designs deployed, and a
/// test clock that the journeys move forward over notice periods: it starts on Tuesday 28 April 2026, 09:00 in
/// Guangzhou (the day before the 劳动节 holiday), runs on with real time from wherever it is set, and the engine's job
/// API fires the timers when the clock has reached them (the Hangfire scheduler is off, so that nothing fires behind the
/// test's back). Bearer tokens last long enough to survive the months a journey spans.
/// </summary>
public sealed class HonoursHost : WebApplicationFactory<Program>
{
    /// <summary>Tuesday 28 April 2026, 09:00 in Guangzhou.</summary>
    public static readonly DateTimeOffset Start = new(2026, 4, 28, 9, 0, 0, TimeSpan.FromHours(8));

    public HonoursHost()
    {
        Folder = Directory.CreateTempSubdirectory("workflows-honours-tests-").FullName;
    }

    public string Folder { get; }

    public TestClock Clock { get; } = new(Start);

    public WorkflowEngine Engine => Services.GetRequiredService<WorkflowEngine>();

    public HonoursServices Honours => Services.GetRequiredService<HonoursServices>();

    /// <summary>Sets the clock (China time given as an offset) forward.</summary>
    public void SetClock(DateTimeOffset at) => Clock.Set(at);

    /// <summary>
    /// Fires the timer <paramref name="elementId"/> of an instance through the engine's job API, moving the clock to its
    /// due time first when it is not there yet. Returns the due time.
    /// </summary>
    public async Task<DateTimeOffset> FireTimerAsync(string instanceId, string elementId)
    {
        var job = await TimerAsync(instanceId, elementId);
        job.Should().NotBeNull("instance {0} waits at the timer {1}", instanceId, elementId);
        if (job!.DueAt > Clock.GetUtcNow())
        {
            Clock.Set(job.DueAt);
        }

        (await Engine.FireJobAsync(job.Id)).Outcome.Should().Be(JobFireOutcome.Fired);
        return job.DueAt;
    }

    /// <summary>The job row of the timer <paramref name="elementId"/> of an instance, or null.</summary>
    public async Task<JobRecord?> TimerAsync(string instanceId, string elementId) =>
        (await Engine.Store.GetJobsOfInstanceAsync(Guid.Parse(instanceId))).SingleOrDefault(j => j.Kind == "timer" && j.ElementId == elementId);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Workflows:Database:Provider", "Sqlite");
        builder.UseSetting("Workflows:Database:ConnectionString", $"Data Source={Path.Combine(Folder, "workflows.db")}");
        builder.UseSetting("Workflows:Seed:Demo", "true");
        builder.UseSetting("Workflows:Scheduler:Enabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.PostConfigure<BearerTokenOptions>(IdentityConstants.BearerScheme, options => options.BearerTokenExpiration = TimeSpan.FromDays(3650));
        });
    }

    /// <summary>A client signed in as <c>admin</c> (see <see cref="TestSignIn"/>).</summary>
    public new HttpClient CreateClient() => this.CreateAdminClient();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A clock that runs with real time from the moment it was last set (so that events keep their order).</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _base = start;
    private long _since = Stopwatch.GetTimestamp();

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return (_base + Stopwatch.GetElapsedTime(_since)).ToUniversalTime();
        }
    }

    /// <summary>Sets the clock; time runs on from there.</summary>
    public void Set(DateTimeOffset at)
    {
        lock (_gate)
        {
            _base = at;
            _since = Stopwatch.GetTimestamp();
        }
    }
}
