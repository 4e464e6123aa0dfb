using Workflows.Engine.Persistence;

namespace Workflows.Engine;

/// <summary>
/// Start an instance of the newest published version of <paramref name="DefinitionKey"/>. The engine sets the variables
/// <c>initiator</c> (<see cref="Actor"/>) and <c>initiatorOrg</c> (<see cref="OrganizationPath"/>) itself: a caller
/// that gives them, or any other variable the engine owns (<see cref="Runtime.OwnedVariables"/>), is refused.
/// <see cref="ActorGroups"/> decides whether the engine checks the definition's starters (<see cref="Model.StartRule"/>):
/// null means a trusted caller (an application service that checked its own rules, the system, administrators).
/// </summary>
public sealed record StartInstanceCommand(string DefinitionKey, string? BusinessKey = null, IReadOnlyDictionary<string, object?>? Variables = null)
{
    /// <summary>A client request id: a repeat with the same id is answered, not applied again.</summary>
    public string? RequestId { get; init; }

    /// <summary>What the request asked (operation, target, input), so that a reused request id with another request is refused; null: matched by command only.</summary>
    public string? RequestFingerprint { get; init; }
    public string? Actor { get; init; }

    /// <summary>The initiator's organisation (e.g. <c>/gd/gz/th/ent-001</c>), kept on the instance and copied onto its tasks.</summary>
    public string? OrganizationPath { get; init; }

    /// <summary>The campaign (评选活动) the instance belongs to, kept on the instance and copied onto its tasks.</summary>
    public string? Campaign { get; init; }

    /// <summary>The actor's groups (<c>enterprise-filer@/gd/gz/th/ent-001/union</c>); null for a trusted caller (no starter check).</summary>
    public IReadOnlyList<string>? ActorGroups { get; init; }

    /// <summary>
    /// True for the generic start (a person picks the process, <c>POST /api/instances</c>): a process that starts only
    /// through its own application (<c>wf:startVia="domain"</c>) refuses it, whoever asks.
    /// </summary>
    public bool FromTasklist { get; init; }
}

/// <summary>
/// What every command on one task carries. <see cref="ActorGroups"/> decides whether the engine checks the actor:
/// null means a trusted caller (the system, timers, administrators) and no check; a list (possibly empty) means the
/// actor must be entitled to the operation, else the command fails with <see cref="Runtime.WorkflowErrorKind.Forbidden"/>.
/// </summary>
public interface ITaskCommand
{
    Guid TaskId { get; }

    /// <summary>A client request id: a repeat with the same id is answered, not applied again.</summary>
    string? RequestId { get; }

    /// <summary>The user who acts; recorded in the history.</summary>
    string? Actor { get; }

    /// <summary>The actor's groups (roles such as <c>city-reviewer@/gd/gz</c>); null for a trusted caller.</summary>
    IReadOnlyList<string>? ActorGroups { get; }
}

/// <summary>Complete a user task (同意 / 提交).</summary>
public sealed record CompleteTaskCommand(Guid TaskId, IReadOnlyDictionary<string, object?>? Variables = null) : ITaskCommand
{
    public string? RequestId { get; init; }

    /// <summary>What the request asked (operation, target, input), so that a reused request id with another request is refused; null: matched by command only.</summary>
    public string? RequestFingerprint { get; init; }
    public string? Actor { get; init; }
    public IReadOnlyList<string>? ActorGroups { get; init; }
    public string? Comment { get; init; }
}

/// <summary>Deliver a message to the instances waiting for it (or start one by a message start event).</summary>
public sealed record CorrelateMessageCommand(string MessageName, string? CorrelationKey = null, IReadOnlyDictionary<string, object?>? Variables = null)
{
    public string? RequestId { get; init; }

    /// <summary>What the request asked (operation, target, input), so that a reused request id with another request is refused; null: matched by command only.</summary>
    public string? RequestFingerprint { get; init; }
    public string? Actor { get; init; }
}

/// <summary>Cancel an instance.</summary>
public sealed record CancelInstanceCommand(Guid InstanceId, string? Reason = null)
{
    public string? RequestId { get; init; }

    /// <summary>What the request asked (operation, target, input), so that a reused request id with another request is refused; null: matched by command only.</summary>
    public string? RequestFingerprint { get; init; }
    public string? Actor { get; init; }
}

/// <summary>An instance as a client sees it.</summary>
public sealed record InstanceView(
    Guid Id,
    Guid DefinitionId,
    string DefinitionKey,
    int DefinitionVersion,
    string? BusinessKey,
    InstanceStatus Status,
    IReadOnlyList<string> ActiveElementIds,
    IReadOnlyDictionary<string, object?> Variables,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    Guid? ParentInstanceId);

/// <summary>What a message did: the instances it reached and the instance it started, if any.</summary>
public sealed record CorrelationResult(IReadOnlyList<Guid> CorrelatedInstanceIds, Guid? StartedInstanceId);

/// <summary>What firing a job did.</summary>
public enum JobFireOutcome
{
    /// <summary>The timer fired and its instance moved on (or an instance started).</summary>
    Fired,

    /// <summary>The row no longer exists: already fired, or its wait ended. Nothing happened.</summary>
    Gone,

    /// <summary>The job is not due yet; the scheduler should call again at <see cref="JobFireResult.DueAt"/>.</summary>
    NotDue,
}

/// <summary>The result of <see cref="WorkflowEngine.FireJobAsync"/>.</summary>
public sealed record JobFireResult(JobFireOutcome Outcome, Guid? InstanceId, DateTimeOffset? DueAt);

/// <summary>
/// Return a task to an earlier node (退回), with a comment. <paramref name="TargetElementId"/> is an element id, or
/// <see cref="Initiator"/> for the user task the initiator completed last (退回发起人).
/// </summary>
public sealed record ReturnTaskCommand(Guid TaskId, string TargetElementId, string? Comment = null) : ITaskCommand
{
    /// <summary>The target that means "back to the initiator": the newest user task the initiator completed, assigned to the initiator again.</summary>
    public const string Initiator = "$initiator";

    public string? RequestId { get; init; }

    /// <summary>What the request asked (operation, target, input), so that a reused request id with another request is refused; null: matched by command only.</summary>
    public string? RequestFingerprint { get; init; }
    public string? Actor { get; init; }
    public IReadOnlyList<string>? ActorGroups { get; init; }
}

/// <summary>How a task's assignment changes.</summary>
public enum AssignmentKind
{
    /// <summary>认领: a candidate takes the task.</summary>
    Claim,

    /// <summary>释放: the assignee gives it back to the candidates.</summary>
    Release,

    /// <summary>转办: handed to another person for good.</summary>
    Transfer,
}

/// <summary>Change a task's assignee. A claim without <paramref name="Assignee"/> claims for the actor.</summary>
public sealed record AssignTaskCommand(Guid TaskId, AssignmentKind Kind, string? Assignee, string? Comment = null) : ITaskCommand
{
    public string? RequestId { get; init; }

    /// <summary>What the request asked (operation, target, input), so that a reused request id with another request is refused; null: matched by command only.</summary>
    public string? RequestFingerprint { get; init; }
    public string? Actor { get; init; }
    public IReadOnlyList<string>? ActorGroups { get; init; }
}

/// <summary>What an annotation of a task is.</summary>
public enum AnnotationKind
{
    Comment,

    /// <summary>催办: remind the current handlers now.</summary>
    Urge,

    /// <summary>抄送: copy to readers.</summary>
    Copy,
}

/// <summary>Add a comment, an urge or a copy to a task. A copy names its <paramref name="Readers"/>.</summary>
public sealed record AnnotateTaskCommand(Guid TaskId, AnnotationKind Kind, string? Comment = null, IReadOnlyList<string>? Readers = null) : ITaskCommand
{
    public string? RequestId { get; init; }

    /// <summary>What the request asked (operation, target, input), so that a reused request id with another request is refused; null: matched by command only.</summary>
    public string? RequestFingerprint { get; init; }
    public string? Actor { get; init; }
    public IReadOnlyList<string>? ActorGroups { get; init; }
}

/// <summary>Acknowledges an annotation.</summary>
public sealed record HistoryNote(Guid InstanceId, Guid TaskId, AnnotationKind Kind, DateTimeOffset At);

/// <summary>The marks of an instance's process picture.</summary>
public sealed record DiagramState(
    Guid InstanceId,
    Guid DefinitionId,
    InstanceStatus Status,
    IReadOnlyList<string> FinishedElementIds,
    IReadOnlyList<string> ActiveElementIds,
    IReadOnlyList<string> RejectedElementIds,
    IReadOnlyList<string> TakenFlowIds);

/// <summary>
/// Reject a task (驳回). On an approval vote (会签 / 或签 / 依次) it is a vote against; elsewhere the node's
/// <c>wf:rejectAction</c> decides: set the outcome variable to false and move on (default), end the process, or
/// return to <c>wf:rejectTo</c>. <see cref="Variables"/> are set as on completion (outcome and return only).
/// </summary>
public sealed record RejectTaskCommand(Guid TaskId, string? Comment = null) : ITaskCommand
{
    public string? RequestId { get; init; }

    /// <summary>What the request asked (operation, target, input), so that a reused request id with another request is refused; null: matched by command only.</summary>
    public string? RequestFingerprint { get; init; }
    public string? Actor { get; init; }
    public IReadOnlyList<string>? ActorGroups { get; init; }
    public IReadOnlyDictionary<string, object?>? Variables { get; init; }
}

/// <summary>
/// Delegate a task (委派): <paramref name="Delegate"/> works on it and resolves it back; the actor stays its owner and
/// completes it afterwards.
/// </summary>
public sealed record DelegateTaskCommand(Guid TaskId, string Delegate, string? Comment = null) : ITaskCommand
{
    public string? RequestId { get; init; }

    /// <summary>What the request asked (operation, target, input), so that a reused request id with another request is refused; null: matched by command only.</summary>
    public string? RequestFingerprint { get; init; }
    public string? Actor { get; init; }
    public IReadOnlyList<string>? ActorGroups { get; init; }
}

/// <summary>The delegate gives a delegated task back to its owner, optionally with variables (the delegate's work).</summary>
public sealed record ResolveTaskCommand(Guid TaskId, IReadOnlyDictionary<string, object?>? Variables = null, string? Comment = null) : ITaskCommand
{
    public string? RequestId { get; init; }

    /// <summary>What the request asked (operation, target, input), so that a reused request id with another request is refused; null: matched by command only.</summary>
    public string? RequestFingerprint { get; init; }
    public string? Actor { get; init; }
    public IReadOnlyList<string>? ActorGroups { get; init; }
}

/// <summary>Where an added signer (加签) acts, relative to the one who adds them.</summary>
public enum SignerPosition
{
    /// <summary>前加签: the signer acts first; then the task comes back to the one who added them.</summary>
    Before,

    /// <summary>后加签: the signer acts after the one who added them, before the process moves on.</summary>
    After,
}

/// <summary>
/// Add a signer (加签) to the node of a task. On a parallel vote the signer gets a ballot of their own (the position
/// does not matter); on a sequential one the signer is put before or after the actor; on a single task the signer
/// acts before the actor (the task comes back) or after the actor (the node asks the signer before it moves on).
/// </summary>
public sealed record AddSignerCommand(Guid TaskId, string Signer, SignerPosition Position, string? Comment = null) : ITaskCommand
{
    public string? RequestId { get; init; }

    /// <summary>What the request asked (operation, target, input), so that a reused request id with another request is refused; null: matched by command only.</summary>
    public string? RequestFingerprint { get; init; }
    public string? Actor { get; init; }
    public IReadOnlyList<string>? ActorGroups { get; init; }
}

/// <summary>Remove a signer (减签) who has not acted yet from the node of a task.</summary>
public sealed record RemoveSignerCommand(Guid TaskId, string Signer, string? Comment = null) : ITaskCommand
{
    public string? RequestId { get; init; }

    /// <summary>What the request asked (operation, target, input), so that a reused request id with another request is refused; null: matched by command only.</summary>
    public string? RequestFingerprint { get; init; }
    public string? Actor { get; init; }
    public IReadOnlyList<string>? ActorGroups { get; init; }
}

/// <summary>
/// Withdraw (撤回): the initiator, or the last person who completed a task, takes the item back while nobody has acted
/// on it since. The open tasks are cancelled and the actor gets the task they completed last again.
/// </summary>
public sealed record WithdrawCommand(Guid InstanceId, string? Comment = null)
{
    public string? RequestId { get; init; }

    /// <summary>What the request asked (operation, target, input), so that a reused request id with another request is refused; null: matched by command only.</summary>
    public string? RequestFingerprint { get; init; }

    /// <summary>Who withdraws: required, since it decides where the item goes back to.</summary>
    public string? Actor { get; init; }
}

/// <summary>Urge (催办) every open task of an instance: what the initiator does from the list of their own items.</summary>
public sealed record UrgeInstanceCommand(Guid InstanceId, string? Comment = null)
{
    public string? RequestId { get; init; }

    /// <summary>What the request asked (operation, target, input), so that a reused request id with another request is refused; null: matched by command only.</summary>
    public string? RequestFingerprint { get; init; }
    public string? Actor { get; init; }

    /// <summary>When not null, the actor must be the instance's initiator; see <see cref="ITaskCommand.ActorGroups"/>.</summary>
    public IReadOnlyList<string>? ActorGroups { get; init; }
}
