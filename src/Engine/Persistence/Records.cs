namespace Workflows.Engine.Persistence;

/// <summary>Lifecycle of a process definition version.</summary>
public enum DefinitionState
{
    /// <summary>Deployed for review; cannot start instances.</summary>
    Draft,

    /// <summary>An immutable, numbered version that starts instances.</summary>
    Published,

    /// <summary>No longer starts instances; running instances go on.</summary>
    Retired,
}

/// <summary>A deployed BPMN process (one process of a file).</summary>
public sealed class DefinitionRecord
{
    public Guid Id { get; set; }

    /// <summary>The BPMN process id.</summary>
    public string Key { get; set; } = "";
    public string? Name { get; set; }

    /// <summary>1, 2, 3 … once published; null while a draft.</summary>
    public int? Version { get; set; }
    public DefinitionState State { get; set; }
    public string Xml { get; set; } = "";

    /// <summary>SHA-256 of the XML, hex.</summary>
    public string ContentHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
}

/// <summary>Where a process instance stands.</summary>
public enum InstanceStatus
{
    Active,
    Completed,
    Terminated,
    Cancelled,
}

/// <summary>A process instance row. Its tokens and variables are JSON in <see cref="StateJson"/>.</summary>
public sealed class InstanceRecord
{
    public Guid Id { get; set; }
    public Guid DefinitionId { get; set; }
    public string DefinitionKey { get; set; } = "";
    public int DefinitionVersion { get; set; }
    public string? BusinessKey { get; set; }
    public InstanceStatus Status { get; set; }

    /// <summary>Serialized <see cref="Runtime.InstanceState"/>: executions (tokens) and variables.</summary>
    public string StateJson { get; set; } = "";

    /// <summary>Optimistic concurrency: incremented by every command that changes the instance.</summary>
    public long Version { get; set; }
    public Guid? ParentInstanceId { get; set; }
    public string? ParentExecutionId { get; set; }
    public string? StartedBy { get; set; }

    /// <summary>
    /// The materialised path of the initiator's organisation (e.g. <c>/gd/gz/th/ent-001</c>): who may see the
    /// instance. A reviewer sees instances whose path lies in the subtree of an organisation of their role.
    /// </summary>
    public string? OrganizationPath { get; set; }

    /// <summary>The campaign (评选活动) the instance belongs to, when there is one: a filter of the lists.</summary>
    public string? Campaign { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}

/// <summary>An open user task: a wait state of an instance.</summary>
public sealed class TaskRecord
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ExecutionId { get; set; } = "";
    public string ElementId { get; set; } = "";
    public string? Name { get; set; }
    public string DefinitionKey { get; set; } = "";
    public string? BusinessKey { get; set; }
    public string? Assignee { get; set; }

    /// <summary>Candidate users; stored as rows of <c>task_candidates</c> for indexed look-up.</summary>
    public List<string> CandidateUsers { get; set; } = [];

    /// <summary>Candidate groups (roles); stored as rows of <c>task_candidates</c>.</summary>
    public List<string> CandidateGroups { get; set; } = [];
    public string? FormKey { get; set; }
    public int Priority { get; set; } = 50;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>The instance's <see cref="InstanceRecord.OrganizationPath"/>, copied for scoped task lists.</summary>
    public string? OrganizationPath { get; set; }

    /// <summary>The instance's <see cref="InstanceRecord.Campaign"/>, copied for the list filters.</summary>
    public string? Campaign { get; set; }

    /// <summary>The instance's initiator (<see cref="InstanceRecord.StartedBy"/>), copied for the lists.</summary>
    public string? StartedBy { get; set; }

    /// <summary>
    /// Who the task belongs to while it is delegated (委派) or handed to an added signer: the task returns to the
    /// owner when the delegate resolves it. Null when the task was never delegated.
    /// </summary>
    public string? Owner { get; set; }

    /// <summary>Where a delegation stands.</summary>
    public DelegationState Delegation { get; set; }
}

/// <summary>Where a delegated task (委派) stands.</summary>
public enum DelegationState
{
    /// <summary>Never delegated.</summary>
    None,

    /// <summary>With the delegate (<see cref="TaskRecord.Assignee"/>), to be resolved back to the <see cref="TaskRecord.Owner"/>.</summary>
    Pending,

    /// <summary>The delegate resolved it; the owner has it again.</summary>
    Resolved,
}

/// <summary>A copy of a task to a reader (抄送): a row of the reader's "copied to me" list.</summary>
public sealed class CopyRecord
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public Guid? TaskId { get; set; }
    public string? ElementId { get; set; }
    public string? TaskName { get; set; }
    public string DefinitionKey { get; set; } = "";
    public string? BusinessKey { get; set; }
    public string? OrganizationPath { get; set; }
    public string? Campaign { get; set; }

    /// <summary>The user the copy is for.</summary>
    public string Reader { get; set; } = "";
    public string? CopiedBy { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset CopiedAt { get; set; }

    /// <summary>When the reader opened it; null while unread.</summary>
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>
/// One thing a user did on a task (已办): read from the history (completions, votes, returns, rejections,
/// transfers, delegations, resolutions, withdrawals) with the instance it belongs to.
/// </summary>
public sealed class DoneTaskRecord
{
    /// <summary>The id of the history event.</summary>
    public long HistoryId { get; set; }
    public Guid? TaskId { get; set; }
    public Guid InstanceId { get; set; }
    public string? ElementId { get; set; }
    public string? ElementName { get; set; }
    public string DefinitionKey { get; set; } = "";
    public string? BusinessKey { get; set; }
    public string? OrganizationPath { get; set; }
    public string? Campaign { get; set; }
    public string? StartedBy { get; set; }

    /// <summary>The history type, e.g. <see cref="Runtime.HistoryTypes.TaskCompleted"/>.</summary>
    public string Action { get; set; } = "";
    public string Actor { get; set; } = "";
    public string? Comment { get; set; }
    public DateTimeOffset At { get; set; }
    public InstanceStatus InstanceStatus { get; set; }
}

/// <summary>A job: a timer or an asynchronous step, due at a time. The row is the truth; the scheduler only executes it.</summary>
public sealed class JobRecord
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ExecutionId { get; set; } = "";
    public string ElementId { get; set; } = "";

    /// <summary>What the job does, e.g. <c>timer</c>.</summary>
    public string Kind { get; set; } = "";
    public DateTimeOffset DueAt { get; set; }
    public int Retries { get; set; } = 3;
    public string? Data { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Failed attempts to fire the job so far (its command threw and was rolled back).</summary>
    public int Attempts { get; set; }

    /// <summary>The error of the last failed attempt, or null: a job with an error is an incident (有异常).</summary>
    public string? LastError { get; set; }

    /// <summary>When the last attempt failed.</summary>
    public DateTimeOffset? LastErrorAt { get; set; }
}

/// <summary>A message an instance waits for: catch event, receive task, boundary event or event-based gateway branch.</summary>
public sealed class SubscriptionRecord
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ExecutionId { get; set; } = "";

    /// <summary>The catching element (the event or receive task that the message triggers).</summary>
    public string ElementId { get; set; } = "";
    public string MessageName { get; set; } = "";
    public string? CorrelationKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One append-only entry of an instance's history.</summary>
public sealed class HistoryEvent
{
    public long Id { get; set; }
    public Guid InstanceId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>See <see cref="Runtime.HistoryTypes"/>.</summary>
    public string Type { get; set; } = "";
    public string? ElementId { get; set; }
    public string? ElementName { get; set; }
    public string? ExecutionId { get; set; }
    public Guid? TaskId { get; set; }
    public string? Actor { get; set; }
    public string? Comment { get; set; }

    /// <summary>Event data as JSON (variables set, flow taken, error …).</summary>
    public string? Data { get; set; }
}

/// <summary>A side effect to dispatch after commit (mail, scheduler call, webhook, sent message).</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public string Kind { get; set; } = "";
    public string Payload { get; set; } = "";

    /// <summary>Stable key so that a dispatch repeated after a crash is recognised downstream.</summary>
    public string IdempotencyKey { get; set; } = "";
    public Guid? InstanceId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }

    /// <summary>Failed dispatch attempts so far.</summary>
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    /// <summary>
    /// Not before this time is the message dispatched (again): null means at once; after a failed attempt it is
    /// the back-off, and while a dispatcher holds the message it is the end of that dispatcher's claim (lease).
    /// </summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>When dispatching was given up (attempts exhausted or a permanent error); the message then waits for an administrator.</summary>
    public DateTimeOffset? FailedAt { get; set; }
}

/// <summary>
/// A client request id already applied, with the answer given then. A request id belongs to one actor
/// (<see cref="Actor"/>, empty for requests without one): the same id from another actor is another request.
/// <see cref="Fingerprint"/> names what was asked (the caller's digest of the operation, its target and its input;
/// null for rows written before it existed, which are matched by <see cref="Command"/> only).
/// </summary>
public sealed class ProcessedRequest
{
    public string RequestId { get; set; } = "";

    /// <summary>Who sent the request ("" when nobody was named).</summary>
    public string Actor { get; set; } = "";

    /// <summary>The digest of the request (operation, target, input); null when the caller gave none.</summary>
    public string? Fingerprint { get; set; }

    public string Command { get; set; } = "";
    public string ResponseJson { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
