using System.Collections.Frozen;
using Workflows.Engine.Persistence;

namespace Workflows.Host.Mail;

/// <summary>A side effect could not be carried out. A permanent one is not retried: the row is marked failed at once.</summary>
public sealed class OutboxDispatchException : Exception
{
    public OutboxDispatchException(string message, bool permanent, Exception? inner = null)
        : base(message, inner) => Permanent = permanent;

    public bool Permanent { get; }
}

/// <summary>Carries out the outbox rows of some kinds (sends a mail, calls a webhook …). It may run more than once for a row.</summary>
public interface IOutboxHandler
{
    IReadOnlyCollection<string> Kinds { get; }

    /// <summary>Carries the row out; throws <see cref="OutboxDispatchException"/> (or any exception: transient) when it cannot.</summary>
    Task HandleAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>Sends the mails of the outbox (<see cref="MailComposer.Kinds"/>).</summary>
public sealed class MailOutboxHandler(MailComposer composer, IMailSender sender, ILogger<MailOutboxHandler> logger) : IOutboxHandler
{
    public IReadOnlyCollection<string> Kinds => MailComposer.Kinds;

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mail = await composer.ComposeAsync(message, ct);
        await sender.SendAsync(mail, ct);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Mail {MessageId} ({Kind}, outbox {OutboxId}) to {Recipients} delivered to {Destination}.",
                mail.MessageId, message.Kind, message.Id, string.Join(", ", mail.To.Mailboxes.Select(m => m.Address)), sender.Destination);
        }
    }
}

/// <summary>What became of one dispatch.</summary>
public enum OutboxOutcome
{
    /// <summary>Carried out (or of a kind nobody handles) and marked dispatched.</summary>
    Dispatched,

    /// <summary>Failed; the row backs off and is tried again.</summary>
    Retrying,

    /// <summary>Failed for the last time (or permanently); the row is marked failed for the administrators.</summary>
    Failed,

    /// <summary>Not this caller's to dispatch any more: done, failed, or claimed by another dispatcher after the lease ran out.</summary>
    Skipped,
}

/// <summary>
/// Dispatches outbox rows after their commit, at least once. Every node sweeps: <see cref="ClaimDueAsync"/> claims due
/// rows (a conditional update that sets the row's next attempt to the end of a lease, so no other node finds it due),
/// and <see cref="DispatchAsync"/> (run by a Hangfire job, see <see cref="OutboxJob"/>) renews that claim — failing if
/// the lease ran out and another node took the row over — and then carries the row out by its kind. A failure backs
/// off (<see cref="MailSettings.RetryDelay"/>) and after <see cref="MailSettings.MaxAttempts"/> (or at once when it is
/// permanent) the row is marked failed. Rows of a kind without a handler (e.g. <c>message</c>, which nobody receives
/// yet) are marked dispatched with a log line.
/// </summary>
public sealed class OutboxDispatcher
{
    private readonly IWorkflowStore _store;
    private readonly FrozenDictionary<string, IOutboxHandler> _handlers;
    private readonly MailSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxDispatcher> _logger;

    public OutboxDispatcher(IWorkflowStore store, IEnumerable<IOutboxHandler> handlers, MailSettings settings, TimeProvider time, ILogger<OutboxDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        _store = store;
        _settings = settings;
        _time = time;
        _logger = logger;
        var byKind = new Dictionary<string, IOutboxHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            foreach (var kind in handler.Kinds)
            {
                byKind[kind] = handler;
            }
        }

        _handlers = byKind.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private TimeSpan Lease => TimeSpan.FromSeconds(_settings.ClaimSeconds);

    /// <summary>Claims up to <see cref="MailSettings.BatchSize"/> due rows; returns each with the lease it got.</summary>
    public async Task<IReadOnlyList<OutboxClaim>> ClaimDueAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var due = await _store.GetPendingOutboxAsync(_settings.BatchSize, now, ct);
        var claims = new List<OutboxClaim>(due.Count);
        foreach (var row in due)
        {
            if (await _store.ClaimOutboxAsync(row.Id, now, now + Lease, null, ct) is { } lease)
            {
                claims.Add(new OutboxClaim(row.Id, lease));
            }
        }

        return claims;
    }

    /// <summary>Dispatches a row claimed with <paramref name="held"/> (see the class summary).</summary>
    public async Task<OutboxOutcome> DispatchAsync(Guid id, DateTimeOffset held, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        if (await _store.ClaimOutboxAsync(id, now, now + Lease, held, ct) is null)
        {
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                _logger.LogDebug("Outbox row {OutboxId} is no longer held by this dispatch (done, failed or taken over); skipped.", id);
            }

            return OutboxOutcome.Skipped;
        }

        var row = await _store.GetOutboxAsync(id, ct);
        if (row is null || row.DispatchedAt is not null || row.FailedAt is not null)
        {
            return OutboxOutcome.Skipped;
        }

        if (!_handlers.TryGetValue(row.Kind, out var handler))
        {
            if (_logger.IsEnabled(LogLevel.Information))
            {
                _logger.LogInformation("Outbox row {OutboxId} of kind '{Kind}' has no handler on this host; marked dispatched.", row.Id, row.Kind);
            }

            await _store.MarkOutboxDispatchedAsync(row.Id, _time.GetUtcNow(), CancellationToken.None);
            return OutboxOutcome.Dispatched;
        }

        try
        {
            await handler.HandleAsync(row, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the claim runs out and another sweep (of this or another node) dispatches the row.
            throw;
        }
        catch (Exception ex)
        {
            return await RecordFailureAsync(row, ex);
        }

        // Sent: the mark must not be cancelled (a row sent and not marked is sent again, which the Message-Id absorbs).
        await _store.MarkOutboxDispatchedAsync(row.Id, _time.GetUtcNow(), CancellationToken.None);
        return OutboxOutcome.Dispatched;
    }

    private async Task<OutboxOutcome> RecordFailureAsync(OutboxMessage row, Exception ex)
    {
        var attempts = row.Attempts + 1;
        var permanent = ex is OutboxDispatchException { Permanent: true };
        var failed = permanent || attempts >= _settings.MaxAttempts;
        var now = _time.GetUtcNow();
        DateTimeOffset? next = failed ? null : now + _settings.RetryDelay(attempts);
        var error = ex is OutboxDispatchException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
        await _store.RecordOutboxFailureAsync(row.Id, error, next, failed, now, CancellationToken.None);
        if (failed)
        {
            _logger.LogError(ex, "Outbox row {OutboxId} ({Kind}) failed {How} after {Attempts} attempt(s) and waits for an administrator (GET /api/admin/outbox/failed): {Error}",
                row.Id, row.Kind, permanent ? "permanently" : "for the last time", attempts, error);
            return OutboxOutcome.Failed;
        }

        _logger.LogWarning("Outbox row {OutboxId} ({Kind}) failed (attempt {Attempts} of {MaxAttempts}); next attempt at {NextAttemptAt:O}: {Error}",
            row.Id, row.Kind, attempts, _settings.MaxAttempts, next, error);
        return OutboxOutcome.Retrying;
    }
}

/// <summary>A row claimed for dispatch until <paramref name="Lease"/>.</summary>
public sealed record OutboxClaim(Guid Id, DateTimeOffset Lease);
