using Workflows.Engine;
using Workflows.Host.Identity;

namespace Workflows.Host.Api;

/// <summary>
/// The first answer of a retried command, looked up before the endpoint reads or checks its target: a retry with the
/// same Idempotency-Key by the same user, for the same request, is answered as the first time even when its task is
/// gone since; the same key with another request is a 422 (<see cref="RequestReusedException"/>).
/// </summary>
internal static class Replay
{
    public static Task<T?> FirstAsync<T>(WorkflowEngine engine, string command, HttpRequest http, CurrentActor actor, object? body, CancellationToken ct)
        where T : class =>
        RequestValues.Key(http, actor.UserName, body) is { } key
            ? engine.AnsweredAsync<T>(command, key.Id, key.Actor, key.Fingerprint, ct)
            : Task.FromResult<T?>(null);
}
