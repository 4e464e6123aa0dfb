using System.Threading.Channels;
using Hangfire;
using Workflows.Engine.Persistence;

namespace Workflows.Host.Scheduling;

/// <summary>
/// Hands the engine's job rows to Hangfire. The engine tells it about new rows after each commit
/// (<see cref="Workflows.Engine.WorkflowEngine.JobsCreated"/>); they are queued in memory and handed over by a few
/// background readers, so a command never waits for Hangfire's storage and a failing storage never fails a command.
/// What is lost here (a crash right after the commit, an unreachable storage) the <see cref="JobReconciler"/> hands over.
/// </summary>
public sealed class JobScheduler(IBackgroundJobClient client, SchedulerSettings settings, TimeProvider time, ILogger<JobScheduler> logger)
    : BackgroundService
{
    private const int Readers = 4;

    private readonly Channel<JobRecord> _created = Channel.CreateUnbounded<JobRecord>(new UnboundedChannelOptions { SingleWriter = false });

    /// <summary>Rows created and not yet handed over.</summary>
    public int Backlog => _created.Reader.CanCount ? _created.Reader.Count : -1;

    /// <summary>The engine's <c>JobsCreated</c> callback: queues the rows. Never throws, never blocks.</summary>
    public void OnJobsCreated(IReadOnlyList<JobRecord> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        foreach (var job in jobs)
        {
            _created.Writer.TryWrite(job);
        }
    }

    /// <summary>True when a row due at <paramref name="dueAt"/> belongs in Hangfire now (see <see cref="SchedulerSettings.HorizonMinutes"/>).</summary>
    public bool WithinHorizon(DateTimeOffset dueAt) =>
        settings.HorizonMinutes == 0 || dueAt <= time.GetUtcNow().AddMinutes(settings.HorizonMinutes);

    /// <summary>
    /// Creates the Hangfire job that fires row <paramref name="rowId"/> at <paramref name="at"/>: enqueued at once
    /// when that time has come, else scheduled. Returns the Hangfire job id.
    /// </summary>
    /// <remarks>
    /// The jobs go to their own queue, <see cref="Queue"/>. A scheduled job with a queue is moved to that queue by
    /// Hangfire's schedule poller in one storage transaction per batch of up to 1,000 jobs, without a state change
    /// each (Hangfire 1.8); without a queue every due job costs the poller a full state change, which limited
    /// Hangfire.PostgreSql to about 100 due jobs a second on the bench machine.
    /// </remarks>
    public string Schedule(Guid rowId, DateTimeOffset at, int attempt = 0) =>
        at <= time.GetUtcNow()
            ? client.Enqueue<TimerJob>(Queue, job => job.FireTimerJob(rowId, attempt, CancellationToken.None))
            : client.Schedule<TimerJob>(Queue, job => job.FireTimerJob(rowId, attempt, CancellationToken.None), at);

    /// <summary>The Hangfire queue of the workflow jobs (the server listens to it and to <c>default</c>).</summary>
    public const string Queue = "workflows";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Readers).Select(_ => Task.Run(() => ReadAsync(stoppingToken), CancellationToken.None)));

    private async Task ReadAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in _created.Reader.ReadAllAsync(stoppingToken))
            {
                if (!WithinHorizon(job.DueAt))
                {
                    continue; // the reconciler hands it over when it comes within the horizon
                }

                try
                {
                    Schedule(job.Id, job.DueAt);
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Could not hand workflow job {JobId} (due {DueAt}) to Hangfire; the reconciler will.", job.Id, job.DueAt);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
