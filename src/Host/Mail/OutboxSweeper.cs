using Hangfire;

namespace Workflows.Host.Mail;

/// <summary>
/// The Hangfire job that dispatches one claimed outbox row. Hangfire's own retries are off: a failed attempt is
/// recorded on the row (attempts, error, next attempt with back-off) and a later sweep hands the row to a new job, so
/// the row — not Hangfire's storage, which may be in memory — is the truth.
/// </summary>
public sealed class OutboxJob(OutboxDispatcher dispatcher)
{
    /// <param name="outboxId">The outbox row.</param>
    /// <param name="leaseTicks">UTC ticks of the lease the sweep got when it claimed the row.</param>
    /// <param name="cancellationToken">Hangfire's shutdown token.</param>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("Outbox row {0}")]
    public Task DispatchOutbox(Guid outboxId, long leaseTicks, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(outboxId, new DateTimeOffset(leaseTicks, TimeSpan.Zero), cancellationToken);
}

/// <summary>
/// On every node, every <see cref="MailSettings.DispatchSeconds"/>: claims the outbox rows that are due (new ones, and
/// failed ones whose back-off has passed) and hands each to a Hangfire job (<see cref="OutboxJob"/>) — or, when this host
/// runs without Hangfire (<c>Workflows:Scheduler:Enabled=false</c>), dispatches them itself, four at a time. A claim
/// is a lease: rows claimed by a node that dies, or whose Hangfire job vanished with in-memory storage, become due again
/// when it runs out (<see cref="MailSettings.ClaimSeconds"/>).
/// </summary>
public sealed class OutboxSweeper(OutboxDispatcher dispatcher, MailSettings settings, IServiceProvider services, TimeProvider time, ILogger<OutboxSweeper> logger)
    : BackgroundService
{
    private const int InlineParallelism = 4;

    private readonly IBackgroundJobClient? _hangfire = services.GetService<IBackgroundJobClient>();

    /// <summary>True when claimed rows go to Hangfire jobs; false when this sweeper dispatches them itself.</summary>
    public bool UsesHangfire => _hangfire is not null;

    /// <summary>Sweeps completed by this node (tests, diagnostics).</summary>
    public int Sweeps { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Outbox dispatch every {Seconds} s through {Way}.", settings.DispatchSeconds, UsesHangfire ? "Hangfire jobs" : "this host's sweeper (no Hangfire)");
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.DispatchSeconds), time);
        do
        {
            try
            {
                // A full batch: more rows are due, go on at once.
                while (await SweepAsync(stoppingToken) >= settings.BatchSize)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The outbox sweep failed; the next one in {Seconds} s tries again.", settings.DispatchSeconds);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>One sweep; returns the number of rows claimed.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var claims = await dispatcher.ClaimDueAsync(ct);
        if (_hangfire is { } client)
        {
            foreach (var claim in claims)
            {
                try
                {
                    client.Enqueue<OutboxJob>(job => job.DispatchOutbox(claim.Id, claim.Lease.UtcTicks, CancellationToken.None));
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Could not hand outbox row {OutboxId} to Hangfire; it is claimed again when its lease ends at {Lease:O}.", claim.Id, claim.Lease);
                }
            }
        }
        else if (claims.Count > 0)
        {
            await Parallel.ForEachAsync(claims, new ParallelOptions { MaxDegreeOfParallelism = InlineParallelism, CancellationToken = ct }, async (claim, token) =>
            {
                try
                {
                    await dispatcher.DispatchAsync(claim.Id, claim.Lease, token);
                }
                catch (Exception ex) when (!token.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Dispatching outbox row {OutboxId} failed; it is claimed again when its lease ends at {Lease:O}.", claim.Id, claim.Lease);
                }
            });
        }

        Sweeps++;
        return claims.Count;
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
