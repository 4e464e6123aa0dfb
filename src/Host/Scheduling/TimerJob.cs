using Hangfire;
using Workflows.Engine;

namespace Workflows.Host.Scheduling;

/// <summary>
/// The Hangfire job that fires one job row of the engine (a timer, a reminder, a timeout, an asynchronous step).
/// </summary>
/// <remarks>
/// Hangfire's automatic retry is off for this job: the row is the truth, not the Hangfire job. When firing throws
/// (the database is away, the process behind the timer fails), the row stays, and this job schedules its own next
/// attempt with a growing delay (15 s, 1 min, 4 min, 16 min, then hourly) as a new Hangfire job before it fails;
/// the failed job is then deleted (it keeps its exception in the dashboard's history) instead of piling up in the
/// "failed" list. Each failure is also recorded on the row (<see cref="WorkflowEngine.RecordJobFailureAsync"/>): an
/// incident that administrators see in the monitor and can retry at once. Should even that hand-over fail, the reconciler notices that no live Hangfire job holds the row and
/// schedules it again. Hangfire's own retries would add nothing but a second, uncoordinated retry schedule.
/// </remarks>
public sealed class TimerJob(WorkflowEngine engine, JobScheduler scheduler, TimeProvider time, ILogger<TimerJob> logger)
{
    /// <summary>Fires the row <paramref name="jobId"/>: fired, gone (already fired or removed), or not yet due (scheduled again).</summary>
    /// <param name="jobId">The engine's job row.</param>
    /// <param name="attempt">0, or the number of failed attempts before this one.</param>
    /// <param name="cancellationToken">Hangfire's shutdown token.</param>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [HeldJob]
    [JobDisplayName("Workflow job {0}")]
    public async Task FireTimerJob(Guid jobId, int attempt, CancellationToken cancellationToken)
    {
        JobFireResult result;
        try
        {
            result = await engine.FireJobAsync(jobId, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var retryAt = time.GetUtcNow() + RetryDelay(attempt + 1);
            await engine.RecordJobFailureAsync(jobId, ex, CancellationToken.None); // an incident the monitor shows
            logger.LogError(ex, "Workflow job {JobId} failed (attempt {Attempt}); the row stays and is tried again at {RetryAt}.", jobId, attempt + 1, retryAt);
            scheduler.Schedule(jobId, retryAt, attempt + 1);
            throw;
        }

        if (result.Outcome == JobFireOutcome.NotDue && result.DueAt is { } due)
        {
            // Fired early (clock skew between nodes, a re-scheduled due time): run again when it is due.
            scheduler.Schedule(jobId, due, attempt);
        }
    }

    /// <summary>Delay before attempt <paramref name="attempt"/> (1 = the first retry): 15 s × 4^(attempt−1), at most one hour.</summary>
    public static TimeSpan RetryDelay(int attempt) =>
        attempt <= 1 ? TimeSpan.FromSeconds(15) : TimeSpan.FromSeconds(Math.Min(3600, 15 * Math.Pow(4, Math.Min(attempt - 1, 10))));
}
