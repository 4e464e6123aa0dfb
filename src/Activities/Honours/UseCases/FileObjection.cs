using Workflows.Activities.Application;
using Workflows.Activities.Honours.Notices;
using Workflows.Engine;
using Workflows.Engine.Runtime;

namespace Workflows.Activities.Honours.UseCases;

/// <summary>异议: an objection against a nominee under notice, filed by <see cref="Actor"/> (the public's is <c>public</c>).</summary>
public sealed record FileObjectionCommand(ObjectionInput Objection, string Actor = FileObjection.PublicActor)
{
    public RequestKey? Request { get; init; }
}

/// <summary>The objection recorded (its receipt) for the nomination it names.</summary>
public sealed record FiledObjection(Guid ObjectionId, Guid NominationId, DateTimeOffset ReceivedAt);

/// <summary>
/// Files an objection in one transaction: the objection row and the message <see cref="MessageName"/> delivered to the
/// nominee's process that waits for it (which pauses its notice) commit together or not at all, so a crash never leaves
/// an objection its process did not hear of. No process waiting (a notice opened outside a process, or already past)
/// records the objection all the same. A retry of the same request gets the first receipt.
/// </summary>
public sealed class FileObjection(UseCaseRunner runner, HonoursServices honours)
{
    public const string Name = "file-objection";

    /// <summary>The engine message a nominee's process waits for during its notice.</summary>
    public const string MessageName = "objection";

    /// <summary>The actor of an objection filed without signing in.</summary>
    public const string PublicActor = "public";

    /// <summary>The first answer of a retried request, or null (look it up before reading anything).</summary>
    public Task<FiledObjection?> AnsweredAsync(RequestKey? request, CancellationToken ct = default) => runner.AnsweredAsync<FiledObjection>(Name, request, ct);

    public Task<FiledObjection> RunAsync(FileObjectionCommand command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.RunAsync(Name, command.Request, async token =>
        {
            var objection = await honours.Notices.RecordObjectionAsync(command.Objection, token).ConfigureAwait(false);
            try
            {
                // The objection's own request id: an objection answered by its source key is not delivered twice.
                await runner.Engine.CorrelateMessageAsync(new CorrelateMessageCommand(MessageName, objection.NominationId.ToString(), new Dictionary<string, object?>
                {
                    ["objectionId"] = objection.Id.ToString(),
                }) { Actor = command.Actor, RequestId = "objection:" + objection.Id }, token).ConfigureAwait(false);
            }
            catch (WorkflowException ex) when (ex.Kind is WorkflowErrorKind.NotFound or WorkflowErrorKind.Conflict)
            {
                // No process waits for it: the objection is recorded all the same (the engine wrote nothing).
            }

            return new FiledObjection(objection.Id, objection.NominationId, objection.ReceivedAt);
        }, ct);
    }
}
