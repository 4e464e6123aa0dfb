namespace Workflows.Engine.Persistence;

/// <summary>Filters for the task list. Null filters are not applied.</summary>
public sealed record TaskQuery
{
    public Guid? InstanceId { get; init; }
    public string? ElementId { get; init; }
    public string? Assignee { get; init; }

    /// <summary>Tasks where this user is a candidate user.</summary>
    public string? CandidateUser { get; init; }

    /// <summary>Tasks where one of these groups is a candidate group.</summary>
    public IReadOnlyList<string>? CandidateGroups { get; init; }
    public string? DefinitionKey { get; init; }
    public string? BusinessKey { get; init; }

    /// <summary>
    /// The to-do list (待办) of a user: tasks assigned to <see cref="TaskHandler.User"/>, and tasks assigned to no one
    /// where the user is a candidate user or one of <see cref="TaskHandler.Groups"/> is a candidate group (the tasks
    /// the user may claim). A task claimed by someone else is not in it. Combined with the other filters by AND.
    /// </summary>
    public TaskHandler? Handler { get; init; }

    /// <summary>
    /// Organisation scopes: only tasks whose <see cref="TaskRecord.OrganizationPath"/> equals one of these paths or
    /// lies below one (<c>/gd/gz</c> covers <c>/gd/gz/th/ent-001</c>, not <c>/gd/gzx</c>). An empty list matches nothing;
    /// a null or empty scope is an <see cref="ArgumentException"/>. The rule: <see cref="OrganizationScope"/>.
    /// </summary>
    public IReadOnlyList<string>? OrganizationScopes { get; init; }
    public string? Campaign { get; init; }

    /// <summary>Only tasks due before this time (tasks without a due date are excluded).</summary>
    public DateTimeOffset? DueBefore { get; init; }

    /// <summary>Order of the result; <see cref="TaskOrder.Created"/> (oldest first) unless set.</summary>
    public TaskOrder OrderBy { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = 100;
}

/// <summary>A user and the groups (roles scoped to an organisation, e.g. <c>city-reviewer@/gd/gz</c>) the user holds: whose to-do list <see cref="TaskQuery.Handler"/> selects.</summary>
public sealed record TaskHandler(string User, IReadOnlyList<string> Groups)
{
    /// <summary>A user without groups.</summary>
    public TaskHandler(string user)
        : this(user, [])
    {
    }
}

/// <summary>A page of tasks (<see cref="TaskQuery.Skip"/>, <see cref="TaskQuery.Take"/>) and how many tasks match in all.</summary>
public sealed record TaskPage(IReadOnlyList<TaskRecord> Tasks, int Total);

/// <summary>Orders of the task list. Ties are broken by id in the same direction, so that pages do not overlap.</summary>
public enum TaskOrder
{
    /// <summary>Oldest first: created_at, id.</summary>
    Created,

    /// <summary>Newest first: created_at descending, id descending.</summary>
    CreatedDescending,

    /// <summary>Earliest deadline first, tasks without a due date last; then oldest first (due_at, created_at, id).</summary>
    Due,
}

/// <summary>Filters of the incident list (jobs whose last attempt failed). Null filters are not applied.</summary>
public sealed record IncidentQuery
{
    public Guid? InstanceId { get; init; }
    public int Take { get; init; } = 100;
}

/// <summary>Filters for the instance list.</summary>
public sealed record InstanceQuery
{
    public string? DefinitionKey { get; init; }
    public string? BusinessKey { get; init; }
    public InstanceStatus? Status { get; init; }

    /// <summary>Instances started by this user (我发起的).</summary>
    public string? StartedBy { get; init; }

    /// <summary>Organisation scopes, as in <see cref="TaskQuery.OrganizationScopes"/>.</summary>
    public IReadOnlyList<string>? OrganizationScopes { get; init; }
    public string? Campaign { get; init; }

    /// <summary>Newest first unless set.</summary>
    public InstanceOrder OrderBy { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = 100;
}

/// <summary>Orders of the instance list; ties broken by id in the same direction.</summary>
public enum InstanceOrder
{
    /// <summary>Newest first: started_at descending, id descending.</summary>
    StartedDescending,

    /// <summary>Oldest first.</summary>
    Started,
}

/// <summary>A page of instances and how many match in all.</summary>
public sealed record InstancePage(IReadOnlyList<InstanceRecord> Instances, int Total);

/// <summary>Filters of a user's done list (已办). Newest first.</summary>
public sealed record DoneTaskQuery(string Actor)
{
    public string? DefinitionKey { get; init; }
    public string? Campaign { get; init; }

    /// <summary>The status of the instance the task belonged to.</summary>
    public InstanceStatus? InstanceStatus { get; init; }

    /// <summary>Only these actions (history types); <see cref="Runtime.HistoryTypes.DoneActions"/> when null.</summary>
    public IReadOnlyList<string>? Actions { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = 100;
}

/// <summary>A page of done entries and how many match in all.</summary>
public sealed record DoneTaskPage(IReadOnlyList<DoneTaskRecord> Items, int Total);

/// <summary>Filters of a reader's copies (抄送我的). Newest first.</summary>
public sealed record CopyQuery(string Reader)
{
    public string? DefinitionKey { get; init; }
    public string? Campaign { get; init; }

    /// <summary>True: unread only; false: read only; null: both.</summary>
    public bool? Unread { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = 100;
}

/// <summary>A page of copies and how many match in all.</summary>
public sealed record CopyPage(IReadOnlyList<CopyRecord> Items, int Total);

/// <summary>
/// Where the engine keeps its state. Reads happen outside a transaction; <see cref="CommitAsync"/>
/// applies one command's <see cref="ChangeSet"/> atomically, checking instance versions.
/// </summary>
public interface IWorkflowStore
{
    // --- definitions ---
    Task AddDefinitionsAsync(IReadOnlyList<DefinitionRecord> definitions, CancellationToken ct = default);

    /// <summary>Saves a changed definition (publish, retire). Publishing assigns the next version number of its key atomically.</summary>
    Task UpdateDefinitionAsync(DefinitionRecord definition, CancellationToken ct = default);
    Task<DefinitionRecord?> GetDefinitionAsync(Guid id, CancellationToken ct = default);

    /// <summary>The newest published version of a key, or null.</summary>
    Task<DefinitionRecord?> GetLatestPublishedAsync(string key, CancellationToken ct = default);
    Task<int> GetMaxVersionAsync(string key, CancellationToken ct = default);
    Task<IReadOnlyList<DefinitionRecord>> ListDefinitionsAsync(string? key, CancellationToken ct = default);

    // --- command reads ---
    Task<InstanceRecord?> GetInstanceAsync(Guid id, CancellationToken ct = default);
    Task<TaskRecord?> GetTaskAsync(Guid id, CancellationToken ct = default);
    Task<IReadOnlyList<TaskRecord>> GetTasksOfInstanceAsync(Guid instanceId, CancellationToken ct = default);
    Task<IReadOnlyList<SubscriptionRecord>> GetSubscriptionsOfInstanceAsync(Guid instanceId, CancellationToken ct = default);
    Task<IReadOnlyList<JobRecord>> GetJobsOfInstanceAsync(Guid instanceId, CancellationToken ct = default);

    /// <summary>A job by id, or null once it fired or was removed.</summary>
    Task<JobRecord?> GetJobAsync(Guid id, CancellationToken ct = default);

    /// <summary>Jobs due at or before <paramref name="dueBy"/>, earliest first (due_at, id), at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<JobRecord>> GetDueJobsAsync(DateTimeOffset dueBy, int max, CancellationToken ct = default);

    // --- incidents (jobs whose firing failed; see IncidentQuery) ---

    /// <summary>
    /// Records a failed attempt to fire a job: attempts + 1, the error (at most 4,000 characters) and its time. The
    /// row is otherwise unchanged (it stays due and is tried again). False when the job no longer exists.
    /// </summary>
    Task<bool> RecordJobFailureAsync(Guid id, string error, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Jobs with a last error (incidents), most recent failure first (last_error_at descending, id).</summary>
    Task<IReadOnlyList<JobRecord>> QueryIncidentsAsync(IncidentQuery query, CancellationToken ct = default);

    /// <summary>
    /// An administrator's retry of an incident: the job becomes due at <paramref name="dueAt"/> (now); attempts and
    /// the error stay until it fires (the row is then deleted) or fails again. False when the job is unknown or has no error.
    /// </summary>
    Task<bool> RetryJobAsync(Guid id, DateTimeOffset dueAt, CancellationToken ct = default);

    /// <summary>Subscriptions waiting for a message; a null key matches only subscriptions with a null key.</summary>
    Task<IReadOnlyList<SubscriptionRecord>> FindSubscriptionsAsync(string messageName, string? correlationKey, CancellationToken ct = default);
    /// <summary>The request of no named actor with this id (<see cref="ProcessedRequest.Actor"/> "").</summary>
    Task<ProcessedRequest?> GetProcessedRequestAsync(string requestId, CancellationToken ct = default) => GetProcessedRequestAsync("", requestId, ct);

    /// <summary>The request <paramref name="requestId"/> of <paramref name="actor"/> ("" for none), or null.</summary>
    Task<ProcessedRequest?> GetProcessedRequestAsync(string actor, string requestId, CancellationToken ct = default);

    /// <summary>Applies the change set in one transaction. Throws <see cref="ConcurrencyConflictException"/> or <see cref="DuplicateRequestException"/>.</summary>
    Task CommitAsync(ChangeSet changes, CancellationToken ct = default);

    // --- queries ---
    Task<IReadOnlyList<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken ct = default);

    /// <summary>How many tasks match the filters of <paramref name="query"/> (its Skip, Take and order are ignored): the total of a paged list.</summary>
    Task<int> CountTasksAsync(TaskQuery query, CancellationToken ct = default);

    /// <summary>
    /// The page of <see cref="QueryTasksAsync"/> and the total of <see cref="CountTasksAsync"/> together, from one
    /// pass over the matching tasks where the store can (what a list with a page and a total needs, e.g. a to-do list).
    /// </summary>
    Task<TaskPage> QueryTaskPageAsync(TaskQuery query, CancellationToken ct = default);

    /// <summary>A page of the instances matching the filters, in <see cref="InstanceQuery.OrderBy"/> (newest first unless set).</summary>
    Task<IReadOnlyList<InstanceRecord>> QueryInstancesAsync(InstanceQuery query, CancellationToken ct = default);

    /// <summary>A page of instances and the total of the filters (我发起的, the monitor).</summary>
    Task<InstancePage> QueryInstancePageAsync(InstanceQuery query, CancellationToken ct = default);

    /// <summary>The done list (已办) of a user, newest first.</summary>
    Task<DoneTaskPage> QueryDoneTasksAsync(DoneTaskQuery query, CancellationToken ct = default);

    /// <summary>The copies to a reader (抄送我的), newest first.</summary>
    Task<CopyPage> QueryCopiesAsync(CopyQuery query, CancellationToken ct = default);

    /// <summary>A copy by id, or null.</summary>
    Task<CopyRecord?> GetCopyAsync(Guid id, CancellationToken ct = default);

    /// <summary>Marks a copy read by its reader (the first time only). False when unknown or not the reader's.</summary>
    Task<bool> MarkCopyReadAsync(Guid id, string reader, DateTimeOffset at, CancellationToken ct = default);
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(Guid instanceId, CancellationToken ct = default);

    // --- outbox (dispatched after commit, at least once; see the host's outbox dispatcher) ---

    /// <summary>Messages neither dispatched nor failed (also those waiting for a retry or held by a dispatcher), oldest first (created_at, id).</summary>
    Task<IReadOnlyList<OutboxMessage>> GetPendingOutboxAsync(int take, CancellationToken ct = default);

    /// <summary>
    /// Messages due for dispatch at <paramref name="now"/>: neither dispatched nor failed, and
    /// <see cref="OutboxMessage.NextAttemptAt"/> null or at most <paramref name="now"/>; oldest first (created_at, id).
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> GetPendingOutboxAsync(int take, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>An outbox message by id, or null.</summary>
    Task<OutboxMessage?> GetOutboxAsync(Guid id, CancellationToken ct = default);

    /// <summary>
    /// Claims a message for one dispatcher until <paramref name="leaseUntil"/> (stored as its
    /// <see cref="OutboxMessage.NextAttemptAt"/>, so no other dispatcher finds it due meanwhile). Without
    /// <paramref name="held"/> the message must be due at <paramref name="now"/>; with it, the message must still carry
    /// that lease (the caller's earlier claim, renewed: a claim taken over by another dispatcher after it expired fails).
    /// Returns the lease as stored (whole milliseconds; pass it as <paramref name="held"/> to renew), or null when the
    /// message is dispatched, failed, not due, held by another claim or unknown. One conditional update: of concurrent
    /// claims exactly one wins.
    /// </summary>
    Task<DateTimeOffset?> ClaimOutboxAsync(Guid id, DateTimeOffset now, DateTimeOffset leaseUntil, DateTimeOffset? held = null, CancellationToken ct = default);

    Task MarkOutboxDispatchedAsync(Guid id, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>
    /// Records a failed attempt of a message neither dispatched nor failed: attempts + 1, the error, and either the
    /// time of the next attempt (<paramref name="nextAttemptAt"/>) or, when <paramref name="failed"/>, the end of
    /// dispatching (<see cref="OutboxMessage.FailedAt"/> = <paramref name="at"/>, no next attempt). False when the
    /// message is unknown, already dispatched or already failed.
    /// </summary>
    Task<bool> RecordOutboxFailureAsync(Guid id, string error, DateTimeOffset? nextAttemptAt, bool failed, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Failed messages, most recently failed first (failed_at descending, id).</summary>
    Task<IReadOnlyList<OutboxMessage>> GetFailedOutboxAsync(int take, CancellationToken ct = default);

    /// <summary>
    /// Gives a failed message a new series of attempts (an administrator's retry): not failed, attempts 0, due at once;
    /// the last error is kept. False when the message is unknown, dispatched or not failed.
    /// </summary>
    Task<bool> RetryOutboxAsync(Guid id, CancellationToken ct = default);
}
