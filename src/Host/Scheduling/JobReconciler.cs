using System.Diagnostics;
using Hangfire;
using Hangfire.Storage;
using Workflows.Engine;

namespace Workflows.Host.Scheduling;

/// <summary>What one reconciler pass saw and did.</summary>
/// <param name="Pending">Job rows within the horizon.</param>
/// <param name="Held">Of those, rows that a live Hangfire job holds.</param>
/// <param name="Scheduled">Rows handed to Hangfire by this pass (overdue ones enqueued at once).</param>
/// <param name="StaleRemoved">Stale members removed from <see cref="HeldJobs.SetKey"/>.</param>
/// <param name="Elapsed">Duration of the pass.</param>
public sealed record ReconcileResult(int Pending, int Held, int Scheduled, int StaleRemoved, TimeSpan Elapsed);

/// <summary>
/// At start-up and then every <see cref="SchedulerSettings.ReconcileSeconds"/>: makes every pending job row (within
/// the horizon) held by a live Hangfire job, so that nothing is lost when Hangfire's storage is in memory, a node
/// crashed between a commit and the hand-over, or a Hangfire job vanished; deadlines missed while the host was down
/// are enqueued at once. At start-up it first makes the timer start events have their rows
/// (<see cref="WorkflowEngine.EnsureStartTimersAsync"/>).
/// </summary>
/// <remarks>
/// Several nodes: a pass runs under Hangfire's distributed lock <see cref="LockResource"/> (with PostgreSQL storage a
/// lock of the whole cluster, which expires <see cref="SchedulerSettings.LeaseSeconds"/> after it was taken, so that
/// a killed node's lock holds nobody up for long), so one node reconciles at a time and the others skip that pass; "held" is read from
/// Hangfire's storage (<see cref="HeldJobs"/>), which all nodes share. Nothing here assumes it is the only node:
/// a row scheduled twice (a race with another node's hand-over) only costs a Hangfire job that answers "gone".
/// </remarks>
public sealed class JobReconciler(
    WorkflowEngine engine,
    JobScheduler scheduler,
    JobStorage storage,
    SchedulerSettings settings,
    TimeProvider time,
    ILogger<JobReconciler> logger) : BackgroundService
{
    public const string LockResource = "workflows:reconcile";

    /// <summary>Most rows handed over per pass (the next pass goes on).</summary>
    public const int MaxRowsPerPass = 100_000;

    private bool _startTimersEnsured;

    /// <summary>Passes completed by this node (for tests and diagnostics).</summary>
    public int Passes { get; private set; }

    /// <summary>The last pass of this node, or null.</summary>
    public ReconcileResult? LastResult { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.ReconcileSeconds), time);
        do
        {
            try
            {
                await ReconcileAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The reconciler pass failed; the next pass in {Seconds} s tries again.", settings.ReconcileSeconds);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>One pass; null when another node holds the lock (it reconciles now).</summary>
    public async Task<ReconcileResult?> ReconcileAsync(CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        using var connection = storage.GetConnection();
        IDisposable distributedLock;
        try
        {
            distributedLock = connection.AcquireDistributedLock(LockResource, TimeSpan.FromSeconds(1));
        }
        catch (DistributedLockTimeoutException)
        {
            logger.LogDebug("Another node is reconciling; this pass is skipped.");
            return null;
        }

        using (distributedLock)
        {
            if (!_startTimersEnsured)
            {
                try
                {
                    await engine.EnsureStartTimersAsync(ct);
                    _startTimersEnsured = true;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Does not keep the other rows from being reconciled; the next pass tries again.
                    logger.LogError(ex, "Could not make the timer start events have their jobs; the next pass tries again.");
                }
            }

            var now = time.GetUtcNow();
            var dueBy = settings.HorizonMinutes == 0 ? now.AddYears(100) : now.AddMinutes(settings.HorizonMinutes);
            var (held, stale) = HeldJobs.Read(connection, now);
            var rows = await engine.Store.GetDueJobsAsync(dueBy, MaxRowsPerPass, ct);
            HeldJobs.Remove(connection, stale);
            var missing = rows.Where(row => !held.Contains(row.Id)).ToList();
            var scheduled = 0;
            await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, (row, _) =>
            {
                try
                {
                    scheduler.Schedule(row.Id, row.DueAt);
                    Interlocked.Increment(ref scheduled);
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Could not hand workflow job {JobId} to Hangfire; the next pass tries again.", row.Id);
                }

                return ValueTask.CompletedTask;
            });

            var result = new ReconcileResult(rows.Count, rows.Count - missing.Count, scheduled, stale.Count, watch.Elapsed);
            LastResult = result;
            Passes++;
            if ((scheduled > 0 || stale.Count > 0) && logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation(
                    "Reconciled workflow jobs: {Pending} pending within the horizon, {Held} held by Hangfire, {Scheduled} handed over, {Stale} stale entries removed ({Elapsed} ms).",
                    result.Pending, result.Held, result.Scheduled, result.StaleRemoved, (int)result.Elapsed.TotalMilliseconds);
            }

            return result;
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
