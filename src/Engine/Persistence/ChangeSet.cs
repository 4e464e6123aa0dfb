namespace Workflows.Engine.Persistence;

/// <summary>
/// Everything one command writes. A store applies a change set in one transaction or not at all.
/// </summary>
public sealed class ChangeSet
{
    public List<InstanceRecord> InsertedInstances { get; } = [];

    /// <summary>Updated instances with the version they were read at; the store fails the commit when it changed since.</summary>
    public List<(InstanceRecord Instance, long ExpectedVersion)> UpdatedInstances { get; } = [];
    public List<TaskRecord> InsertedTasks { get; } = [];
    public List<TaskRecord> UpdatedTasks { get; } = [];
    public List<Guid> DeletedTaskIds { get; } = [];
    public List<SubscriptionRecord> InsertedSubscriptions { get; } = [];
    public List<Guid> DeletedSubscriptionIds { get; } = [];
    public List<JobRecord> InsertedJobs { get; } = [];
    public List<Guid> DeletedJobIds { get; } = [];
    public List<HistoryEvent> History { get; } = [];
    public List<OutboxMessage> Outbox { get; } = [];

    /// <summary>Copies to readers (抄送) written by the command.</summary>
    public List<CopyRecord> InsertedCopies { get; } = [];

    /// <summary>The client request this command answers, recorded so that a repeat is answered, not applied.</summary>
    public ProcessedRequest? Request { get; set; }

    public bool IsEmpty =>
        InsertedInstances.Count == 0 && UpdatedInstances.Count == 0 && InsertedTasks.Count == 0 && UpdatedTasks.Count == 0
        && DeletedTaskIds.Count == 0 && InsertedSubscriptions.Count == 0 && DeletedSubscriptionIds.Count == 0
        && InsertedJobs.Count == 0 && DeletedJobIds.Count == 0 && History.Count == 0 && Outbox.Count == 0 && InsertedCopies.Count == 0 && Request is null;
}

/// <summary>Raised by a store when an instance changed since it was read; the command is retried.</summary>
public sealed class ConcurrencyConflictException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Raised by a store when the request id was recorded meanwhile by a concurrent command.</summary>
public sealed class DuplicateRequestException(string requestId, Exception? inner = null)
    : Exception($"Request '{requestId}' was already applied.", inner)
{
    public string RequestId { get; } = requestId;
}
