using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Host.Scheduling;

namespace Workflows.Host.Tests.Scheduling;

/// <summary>
/// The host in-process on its own SQLite file with the scheduler on (Hangfire in memory) and the periodic reconciler
/// slowed down to once an hour, so that a test drives the passes itself after the start-up pass. Demo accounts;
/// <c>CreateClient()</c> signs in as <c>admin</c> (see <see cref="TestSignIn"/>).
/// </summary>
public sealed class SchedulerFactory : WebApplicationFactory<Program>
{
    public SchedulerFactory()
    {
        Folder = Directory.CreateTempSubdirectory("workflows-scheduler-tests-").FullName;
    }

    public string Folder { get; }

    public JobReconciler Reconciler => Services.GetRequiredService<JobReconciler>();

    /// <summary>Waits for the start-up pass of the reconciler, so that a test's own pass does not meet its lock.</summary>
    public async Task WaitForStartupPassAsync()
    {
        _ = Server; // starts the host
        var until = DateTime.UtcNow.AddSeconds(30);
        while (Reconciler.Passes == 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
        }

        Reconciler.Passes.Should().BeGreaterThan(0, "the reconciler runs once at start-up");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Workflows:Database:Provider", "Sqlite");
        builder.UseSetting("Workflows:Database:ConnectionString", $"Data Source={Path.Combine(Folder, "workflows.db")}");
        builder.UseSetting("Workflows:Seed:Demo", "true");
        builder.UseSetting("Workflows:Scheduler:Enabled", "true");
        builder.UseSetting("Workflows:Scheduler:Storage", "InMemory");
        builder.UseSetting("Workflows:Scheduler:ReconcileSeconds", "3600");
        builder.UseSetting("Workflows:Scheduler:HorizonMinutes", "180");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    /// <summary>A client signed in as <c>admin</c> (see <see cref="TestSignIn"/>); <c>CreateAnonymousClient()</c> for none.</summary>
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
