using Workflows.Engine;
using Workflows.Engine.Persistence;

namespace Workflows.Activities.Application;

/// <summary>
/// A client's request to make a retry safe: its key (the Idempotency-Key), who sent it, and what it asked
/// (a digest of the operation, its target and its body). The same actor, key and fingerprint get the first answer;
/// the same actor and key with another fingerprint are refused; another actor's key is another request.
/// </summary>
public sealed record RequestKey(string Id, string Actor, string Fingerprint);

/// <summary>The points of a use case where a test may stop the process (see <see cref="UseCaseRunner.CommitPoint"/>).</summary>
public enum CommitPoint
{
    /// <summary>Every change is made in the transaction, which is not committed yet.</summary>
    BeforeCommit,

    /// <summary>The transaction is committed; the caller has not been answered.</summary>
    AfterCommit,
}

/// <summary>
/// Runs a use case as one unit: the stored first answer of its request is looked up first (before anything is read
/// or checked, so that a retry after success is answered even when its target is gone); otherwise the work runs in one
/// <see cref="CommandTransaction"/> with the engine's commands and the domain's contexts, the request is claimed at
/// its start (a concurrent duplicate waits and then gets the first answer) and answered at its end, in the same
/// transaction: the stored answer exists if and only if the change does. Conflicts retry the whole work.
/// </summary>
public sealed class UseCaseRunner(WorkflowEngine engine)
{
    /// <summary>Test hook (fault injection): called at each commit point with the use case's name.</summary>
    public Action<string, CommitPoint>? CommitPoint { get; set; }

    public WorkflowEngine Engine => engine;

    /// <summary>The first answer to <paramref name="request"/> for <paramref name="useCase"/>, or null.</summary>
    /// <exception cref="RequestReusedException">The actor used the key for a different request.</exception>
    public Task<T?> AnsweredAsync<T>(string useCase, RequestKey? request, CancellationToken ct = default) where T : class =>
        request is null ? Task.FromResult<T?>(null) : engine.AnsweredAsync<T>(useCase, request.Id, request.Actor, request.Fingerprint, ct);

    /// <summary>
    /// Runs <paramref name="work"/> as the use case <paramref name="useCase"/>.
    /// </summary>
    public Task<T> RunAsync<T>(string useCase, RequestKey? request, Func<CancellationToken, Task<T>> work, CancellationToken ct = default)
        where T : class => RunAsync(useCase, request, work, null, ct);

    /// <summary>
    /// Runs <paramref name="work"/> as the use case <paramref name="useCase"/>. When <paramref name="keep"/> says no
    /// (a refusal that changed nothing), everything is rolled back and the result answered without being stored.
    /// </summary>
    public async Task<T> RunAsync<T>(string useCase, RequestKey? request, Func<CancellationToken, Task<T>> work, Func<T, bool>? keep, CancellationToken ct = default)
        where T : class
    {
        if (await AnsweredAsync<T>(useCase, request, ct).ConfigureAwait(false) is { } first)
        {
            return first;
        }

        T result;
        try
        {
            result = await engine.InTransactionAsync(async _ =>
            {
                if (request is not null)
                {
                    await engine.ClaimRequestAsync(useCase, request.Id, request.Actor, request.Fingerprint, ct).ConfigureAwait(false);
                }

                var answer = await work(ct).ConfigureAwait(false);
                if (keep is not null && !keep(answer))
                {
                    throw new Refusal(answer);
                }

                if (request is not null)
                {
                    await engine.AnswerRequestAsync(request.Id, request.Actor, answer, ct).ConfigureAwait(false);
                }

                CommitPoint?.Invoke(useCase, Application.CommitPoint.BeforeCommit);
                return answer;
            }, ct).ConfigureAwait(false);
        }
        catch (Refusal refusal)
        {
            return (T)refusal.Result;
        }
        catch (DuplicateRequestException) when (request is not null)
        {
            // The same request ran at the same moment (a double click) and committed first: its answer is ours.
            return await AnsweredAsync<T>(useCase, request, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Request '{request.Id}' was applied but has no answer.");
        }

        CommitPoint?.Invoke(useCase, Application.CommitPoint.AfterCommit);
        return result;
    }

    private sealed class Refusal(object result) : Exception("The use case refused; nothing is kept.")
    {
        public object Result { get; } = result;
    }
}
