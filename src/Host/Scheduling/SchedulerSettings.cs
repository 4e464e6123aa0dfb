using Workflows.Engine.Persistence;
using Workflows.Host.Configuration;

namespace Workflows.Host.Scheduling;

/// <summary>Where Hangfire keeps its own jobs.</summary>
public enum SchedulerStorage
{
    /// <summary>Process memory (embedded default): empty after a restart; the reconciler schedules every pending job row again.</summary>
    InMemory,

    /// <summary>A PostgreSQL database (production, several nodes): Hangfire.PostgreSql spreads the jobs across the nodes.</summary>
    PostgreSql,
}

/// <summary>
/// The <c>Workflows:Scheduler</c> section: Hangfire runs the engine's job rows (timers, reminders, asynchronous steps).
/// The rows are the truth; Hangfire only executes them, and a reconciler re-schedules whatever Hangfire does not hold.
/// </summary>
public sealed class SchedulerSettings
{
    /// <summary>Runs the Hangfire server, the reconciler and the dashboard. Tests of other areas may turn it off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><see cref="SchedulerStorage.InMemory"/> (default) or <see cref="SchedulerStorage.PostgreSql"/>.</summary>
    public SchedulerStorage Storage { get; set; } = SchedulerStorage.InMemory;

    /// <summary>
    /// The Npgsql connection string of Hangfire's PostgreSQL storage. When empty, the engine's own
    /// <c>Workflows:Database:ConnectionString</c> is used (its provider must then be PostgreSql); Hangfire keeps its
    /// tables in the schema <c>hangfire</c> of that database.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Hangfire worker threads of this node (jobs fired at the same time).</summary>
    public int WorkerCount { get; set; } = 20;

    /// <summary>Seconds between two passes of the reconciler (the first runs at start-up).</summary>
    public int ReconcileSeconds { get; set; } = 60;

    /// <summary>How often Hangfire looks for scheduled jobs that became due, and for new jobs of other nodes (seconds; keeps lateness low).</summary>
    public double PollingSeconds { get; set; } = 1;

    /// <summary>
    /// Job rows due within this many minutes are handed to Hangfire; later ones are handed over by the reconciler when
    /// they come that close. Keeps Hangfire's storage small when many deadlines lie weeks ahead. 0: hand every pending row over.
    /// </summary>
    public int HorizonMinutes { get; set; } = 60;

    /// <summary>
    /// With <see cref="SchedulerStorage.PostgreSql"/>: how long a node's claims outlive it (seconds). A job a worker
    /// fetched stays invisible to the other nodes while its node renews the lease (every fifth of it); a distributed
    /// lock (Hangfire's schedule poller, the reconciler) expires after as long. When a node dies, its jobs and locks
    /// are taken over by the others after this long, so its timers fire seconds late, not minutes. Too short for the
    /// machine's load only costs a Hangfire job run twice (firing is idempotent).
    /// </summary>
    public int LeaseSeconds { get; set; } = 15;

    /// <summary>The connection string of Hangfire's PostgreSQL storage (see <see cref="ConnectionString"/>).</summary>
    public string PostgreSqlConnectionString(DatabaseSettings database) =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString
        : database.Provider == WorkflowStoreProvider.PostgreSql && !string.IsNullOrWhiteSpace(database.ConnectionString) ? database.ConnectionString
        : "";

    /// <summary>Throws with a message naming the setting when a value is out of range.</summary>
    public void Validate(DatabaseSettings database)
    {
        if (!Enabled)
        {
            return;
        }

        if (!Enum.IsDefined(Storage))
        {
            throw new InvalidOperationException($"Workflows:Scheduler:Storage is {Storage}; use InMemory or PostgreSql.");
        }

        if (WorkerCount is < 1 or > 1000)
        {
            throw new InvalidOperationException($"Workflows:Scheduler:WorkerCount is {WorkerCount}; it must be between 1 and 1000.");
        }

        if (ReconcileSeconds is < 1 or > 86_400)
        {
            throw new InvalidOperationException($"Workflows:Scheduler:ReconcileSeconds is {ReconcileSeconds}; it must be between 1 and 86400.");
        }

        if (PollingSeconds is < 0.1 or > 600 || double.IsNaN(PollingSeconds))
        {
            throw new InvalidOperationException($"Workflows:Scheduler:PollingSeconds is {PollingSeconds}; it must be between 0.1 and 600.");
        }

        if (HorizonMinutes is < 0 or > 525_600)
        {
            throw new InvalidOperationException($"Workflows:Scheduler:HorizonMinutes is {HorizonMinutes}; it must be between 0 (no horizon) and 525600.");
        }

        if (HorizonMinutes > 0 && HorizonMinutes * 60 < 2 * ReconcileSeconds)
        {
            throw new InvalidOperationException(
                $"Workflows:Scheduler:HorizonMinutes ({HorizonMinutes}) must cover at least two reconciler passes (ReconcileSeconds {ReconcileSeconds}), or a job could be handed to Hangfire after its due time.");
        }

        if (LeaseSeconds is < 5 or > 3600)
        {
            throw new InvalidOperationException($"Workflows:Scheduler:LeaseSeconds is {LeaseSeconds}; it must be between 5 and 3600.");
        }

        if (Storage == SchedulerStorage.PostgreSql && PostgreSqlConnectionString(database).Length == 0)
        {
            throw new InvalidOperationException(
                "Workflows:Scheduler:Storage is PostgreSql but there is no connection string for it: set Workflows:Scheduler:ConnectionString, "
                + "or use Workflows:Database:Provider=PostgreSql with its Workflows:Database:ConnectionString (Hangfire then shares the engine's database).");
        }
    }
}
