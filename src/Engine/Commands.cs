using Workflows.Engine.Persistence;

namespace Workflows.Engine;

/// <summary>Start an instance of the newest published version of <paramref name="DefinitionKey"/>.</summary>
public sealed record StartInstanceCommand(string DefinitionKey, string? BusinessKey = null, IReadOnlyDictionary<string, object?>? Variables = null)
{
    /// <summary>A client request id: a repeat with the same id is answered, not applied again.</summary>
    public string? RequestId { get; init; }
    public string? Actor { get; init; }
}

/// <summary>Complete a user task.</summary>
public sealed record CompleteTaskCommand(Guid TaskId, IReadOnlyDictionary<string, object?>? Variables = null)
{
    public string? RequestId { get; init; }
    public string? Actor { get; init; }
    public string? Comment { get; init; }
}

/// <summary>Deliver a message to the instances waiting for it (or start one by a message start event).</summary>
public sealed record CorrelateMessageCommand(string MessageName, string? CorrelationKey = null, IReadOnlyDictionary<string, object?>? Variables = null)
{
    public string? RequestId { get; init; }
    public string? Actor { get; init; }
}

/// <summary>Cancel an instance.</summary>
public sealed record CancelInstanceCommand(Guid InstanceId, string? Reason = null)
{
    public string? RequestId { get; init; }
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

/// <summary>Return a task to an earlier node (退回), with a comment.</summary>
public sealed record ReturnTaskCommand(Guid TaskId, string TargetElementId, string? Comment = null)
{
    public string? RequestId { get; init; }
    public string? Actor { get; init; }
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

/// <summary>Change a task's assignee.</summary>
public sealed record AssignTaskCommand(Guid TaskId, AssignmentKind Kind, string? Assignee, string? Comment = null)
{
    public string? RequestId { get; init; }
    public string? Actor { get; init; }
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

/// <summary>Add a comment, an urge or a copy to a task.</summary>
public sealed record AnnotateTaskCommand(Guid TaskId, AnnotationKind Kind, string? Comment = null, IReadOnlyList<string>? Readers = null)
{
    public string? RequestId { get; init; }
    public string? Actor { get; init; }
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
