using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;

namespace Workflows.Engine;

/// <summary>A request id that was already used by the same actor for a different request (another operation, target or input).</summary>
public sealed class RequestReusedException(string requestId)
    : WorkflowException($"The request id '{requestId}' was already used for a different request. Use a new request id.", WorkflowErrorKind.Invalid)
{
    public string RequestId { get; } = requestId;
}

/// <summary>
/// Commands in one transaction with other work, and the processed requests: a request id belongs to its actor, and a
/// repeat of the same request (same fingerprint) is answered with the first answer whatever happened since.
/// </summary>
public sealed partial class WorkflowEngine
{
    /// <summary>
    /// Runs <paramref name="work"/> in one <see cref="CommandTransaction"/> of the store and commits it: every engine
    /// command the work runs, and every context that joins <see cref="CommandTransaction.Current"/>, commits together.
    /// A concurrency conflict (of an engine command or of a joined EF context) rolls everything back and runs the whole
    /// work again, up to <see cref="WorkflowEngineOptions.MaxConcurrencyRetries"/> times. Inside a transaction already,
    /// the work joins it. Commands that change the same instance twice in one transaction conflict with themselves:
    /// one command per instance.
    /// </summary>
    /// <exception cref="NotSupportedException">The store cannot open transactions.</exception>
    public async Task<T> InTransactionAsync<T>(Func<CommandTransaction, Task<T>> work, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (CommandTransaction.Current is { } open && ReferenceEquals(open.Owner, Store))
        {
            return await work(open).ConfigureAwait(false);
        }

        if (Store is not ITransactionalStore store)
        {
            throw new NotSupportedException($"The store {Store.GetType().Name} cannot open transactions.");
        }

        for (var attempt = 0; ; attempt++)
        {
            List<JobRecord> jobs;
            T result;
            var transaction = await store.BeginTransactionAsync(ct).ConfigureAwait(false);
            try
            {
                CommandTransaction.SetCurrent(transaction);
                result = await work(transaction).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                jobs = transaction.CreatedJobs;
            }
            catch (Exception ex) when (IsConflict(ex) && attempt < Options.MaxConcurrencyRetries)
            {
                CommandTransaction.SetCurrent(null);
                await transaction.DisposeAsync().ConfigureAwait(false);
                await Task.Delay(Random.Shared.Next(1, 5 * (attempt + 1)), ct).ConfigureAwait(false);
                continue;
            }
            catch (Exception ex) when (IsConflict(ex))
            {
                throw new WorkflowException($"The work kept conflicting with concurrent changes after {attempt + 1} attempts; try again.", WorkflowErrorKind.Conflict, ex);
            }
            finally
            {
                CommandTransaction.SetCurrent(null);
                await transaction.DisposeAsync().ConfigureAwait(false);
            }

            NotifyJobsCreated(jobs);
            return result;
        }
    }

    /// <summary>
    /// The first answer to the request <paramref name="requestId"/> of <paramref name="actor"/>, deserialized, or
    /// default when there is none. Look it up before reading what the request acts on: a repeat is answered even when
    /// its target is gone since.
    /// </summary>
    /// <exception cref="RequestReusedException">The id was used by the actor for a different request.</exception>
    public async Task<T?> AnsweredAsync<T>(string command, string? requestId, string? actor, string? fingerprint, CancellationToken ct = default)
    {
        if (requestId is null || await Store.GetProcessedRequestAsync(actor ?? "", requestId, ct).ConfigureAwait(false) is not { } done)
        {
            return default;
        }

        return Answer<T>(done, command, fingerprint);
    }

    /// <summary>
    /// Claims the request in the current transaction (a row without its answer yet): a concurrent claim of the same
    /// request waits for this transaction and then fails with <see cref="DuplicateRequestException"/>.
    /// </summary>
    public Task ClaimRequestAsync(string command, string requestId, string? actor, string? fingerprint, CancellationToken ct = default)
    {
        var transaction = CurrentTransaction();
        return transaction.EnlistAsync(new ChangeSet
        {
            Request = new ProcessedRequest { RequestId = requestId, Actor = actor ?? "", Fingerprint = fingerprint, Command = command, ResponseJson = "null", At = Time.GetUtcNow() },
        }, ct);
    }

    /// <summary>Stores the answer of a request claimed in the current transaction.</summary>
    public Task AnswerRequestAsync<T>(string requestId, string? actor, T answer, CancellationToken ct = default) =>
        CurrentTransaction().AnswerRequestAsync(new ProcessedRequest
        {
            RequestId = requestId, Actor = actor ?? "", ResponseJson = JsonSerializer.Serialize(answer, EngineJson.Options),
        }, ct);

    private CommandTransaction CurrentTransaction() =>
        CommandTransaction.Current is { } t && ReferenceEquals(t.Owner, Store)
            ? t
            : throw new InvalidOperationException("No transaction of this engine's store is open; run the work in InTransactionAsync.");

    private static bool IsConflict(Exception ex) => ex is ConcurrencyConflictException or DbUpdateConcurrencyException;

    private async Task<T> ExecuteAsync<T>(string commandName, string? requestId, string? fingerprint, string? actor, Func<CommandContext, Task<T>> body, CancellationToken ct)
    {
        var scope = actor ?? "";
        if (requestId is not null && await Store.GetProcessedRequestAsync(scope, requestId, ct) is { } done)
        {
            return Answer<T>(done, commandName, fingerprint);
        }

        // Enlisted in a use case's transaction: a conflict or a duplicate rolls the whole transaction back, and
        // the transaction's runner retries or answers.
        var transaction = CommandTransaction.Current is { } t && ReferenceEquals(t.Owner, Store) ? t : null;
        for (var attempt = 0; ; attempt++)
        {
            var context = new CommandContext(this, actor, ct);
            var result = await body(context);
            context.Flush();
            if (requestId is not null)
            {
                context.Changes.Request = new ProcessedRequest
                {
                    RequestId = requestId,
                    Actor = scope,
                    Fingerprint = fingerprint,
                    Command = commandName,
                    ResponseJson = JsonSerializer.Serialize(result, EngineJson.Options),
                    At = context.Now,
                };
            }

            try
            {
                if (BeforeCommit is { } hook)
                {
                    await hook(context.Changes);
                }

                await Store.CommitAsync(context.Changes, ct);
                if (transaction is not null)
                {
                    transaction.CreatedJobs.AddRange(context.Changes.InsertedJobs);
                }
                else
                {
                    NotifyJobsCreated(context.Changes.InsertedJobs);
                }

                return result;
            }
            catch (ConcurrencyConflictException) when (transaction is null && attempt < Options.MaxConcurrencyRetries)
            {
                await Task.Delay(Random.Shared.Next(1, 5 * (attempt + 1)), ct);
            }
            catch (ConcurrencyConflictException ex) when (transaction is null)
            {
                throw new WorkflowException($"The command '{commandName}' kept conflicting with concurrent changes after {attempt + 1} attempts; try again.", WorkflowErrorKind.Conflict, ex);
            }
            catch (DuplicateRequestException) when (requestId is not null && transaction is null)
            {
                var first = await Store.GetProcessedRequestAsync(scope, requestId, ct);
                return Answer<T>(first!, commandName, fingerprint);
            }
        }
    }

    private static T Answer<T>(ProcessedRequest done, string commandName, string? fingerprint)
    {
        if (done.Fingerprint is not null && fingerprint is not null)
        {
            if (!string.Equals(done.Fingerprint, fingerprint, StringComparison.Ordinal))
            {
                throw new RequestReusedException(done.RequestId);
            }
        }
        else if (done.Command != commandName)
        {
            throw new WorkflowException($"The request id '{done.RequestId}' was already used for a different command ({done.Command}). Use a new request id.", WorkflowErrorKind.Conflict);
        }

        return JsonSerializer.Deserialize<T>(done.ResponseJson, EngineJson.Options)!;
    }
}
