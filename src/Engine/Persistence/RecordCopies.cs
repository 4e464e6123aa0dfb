namespace Workflows.Engine.Persistence;

/// <summary>
/// Field-by-field copies of the records. The in-memory store keeps copies of what it is given and hands out
/// copies of what it keeps, so that an engine mutating a record it read (or a change set after commit) never
/// changes stored state — the same behaviour a database store has by construction.
/// </summary>
internal static class RecordCopies
{
    public static DefinitionRecord Copy(this DefinitionRecord r) => new()
    {
        Id = r.Id,
        Key = r.Key,
        Name = r.Name,
        Version = r.Version,
        State = r.State,
        Xml = r.Xml,
        ContentHash = r.ContentHash,
        CreatedAt = r.CreatedAt,
        PublishedAt = r.PublishedAt,
        RetiredAt = r.RetiredAt,
    };

    public static InstanceRecord Copy(this InstanceRecord r) => new()
    {
        Id = r.Id,
        DefinitionId = r.DefinitionId,
        DefinitionKey = r.DefinitionKey,
        DefinitionVersion = r.DefinitionVersion,
        BusinessKey = r.BusinessKey,
        Status = r.Status,
        StateJson = r.StateJson,
        Version = r.Version,
        ParentInstanceId = r.ParentInstanceId,
        ParentExecutionId = r.ParentExecutionId,
        StartedBy = r.StartedBy,
        OrganizationPath = r.OrganizationPath,
        Campaign = r.Campaign,
        StartedAt = r.StartedAt,
        EndedAt = r.EndedAt,
    };

    public static TaskRecord Copy(this TaskRecord r) => new()
    {
        Id = r.Id,
        InstanceId = r.InstanceId,
        ExecutionId = r.ExecutionId,
        ElementId = r.ElementId,
        Name = r.Name,
        DefinitionKey = r.DefinitionKey,
        BusinessKey = r.BusinessKey,
        Assignee = r.Assignee,
        CandidateUsers = [.. r.CandidateUsers],
        CandidateGroups = [.. r.CandidateGroups],
        FormKey = r.FormKey,
        Priority = r.Priority,
        CreatedAt = r.CreatedAt,
        DueAt = r.DueAt,
        OrganizationPath = r.OrganizationPath,
        Campaign = r.Campaign,
        StartedBy = r.StartedBy,
        Owner = r.Owner,
        Delegation = r.Delegation,
    };

    public static CopyRecord Copy(this CopyRecord r) => new()
    {
        Id = r.Id,
        InstanceId = r.InstanceId,
        TaskId = r.TaskId,
        ElementId = r.ElementId,
        TaskName = r.TaskName,
        DefinitionKey = r.DefinitionKey,
        BusinessKey = r.BusinessKey,
        OrganizationPath = r.OrganizationPath,
        Campaign = r.Campaign,
        Reader = r.Reader,
        CopiedBy = r.CopiedBy,
        Comment = r.Comment,
        CopiedAt = r.CopiedAt,
        ReadAt = r.ReadAt,
    };

    public static JobRecord Copy(this JobRecord r) => new()
    {
        Id = r.Id,
        InstanceId = r.InstanceId,
        ExecutionId = r.ExecutionId,
        ElementId = r.ElementId,
        Kind = r.Kind,
        DueAt = r.DueAt,
        Retries = r.Retries,
        Data = r.Data,
        CreatedAt = r.CreatedAt,
        Attempts = r.Attempts,
        LastError = r.LastError,
        LastErrorAt = r.LastErrorAt,
    };

    public static SubscriptionRecord Copy(this SubscriptionRecord r) => new()
    {
        Id = r.Id,
        InstanceId = r.InstanceId,
        ExecutionId = r.ExecutionId,
        ElementId = r.ElementId,
        MessageName = r.MessageName,
        CorrelationKey = r.CorrelationKey,
        CreatedAt = r.CreatedAt,
    };

    public static HistoryEvent Copy(this HistoryEvent r) => new()
    {
        Id = r.Id,
        InstanceId = r.InstanceId,
        At = r.At,
        Type = r.Type,
        ElementId = r.ElementId,
        ElementName = r.ElementName,
        ExecutionId = r.ExecutionId,
        TaskId = r.TaskId,
        Actor = r.Actor,
        Comment = r.Comment,
        Data = r.Data,
    };

    public static OutboxMessage Copy(this OutboxMessage r) => new()
    {
        Id = r.Id,
        Kind = r.Kind,
        Payload = r.Payload,
        IdempotencyKey = r.IdempotencyKey,
        InstanceId = r.InstanceId,
        CreatedAt = r.CreatedAt,
        DispatchedAt = r.DispatchedAt,
        Attempts = r.Attempts,
        LastError = r.LastError,
        NextAttemptAt = r.NextAttemptAt,
        FailedAt = r.FailedAt,
    };

    public static ProcessedRequest Copy(this ProcessedRequest r) => new()
    {
        RequestId = r.RequestId,
        Command = r.Command,
        ResponseJson = r.ResponseJson,
        At = r.At,
        Actor = r.Actor,
        Fingerprint = r.Fingerprint,
    };

    /// <summary>
    /// Candidate lists as every store returns them: without duplicates, in ordinal order
    /// (the database keeps them as a set of rows).
    /// </summary>
    public static void NormalizeCandidates(TaskRecord task)
    {
        Normalize(task.CandidateUsers);
        Normalize(task.CandidateGroups);
    }

    private static void Normalize(List<string> values)
    {
        if (values.Count < 2)
        {
            return;
        }

        values.Sort(StringComparer.Ordinal);
        for (var i = values.Count - 1; i > 0; i--)
        {
            if (values[i] == values[i - 1])
            {
                values.RemoveAt(i);
            }
        }
    }

    /// <summary>The distinct values of a candidate list (what is written as rows).</summary>
    public static IEnumerable<string> DistinctCandidates(List<string> values) =>
        values.Count < 2 ? values : values.Distinct(StringComparer.Ordinal);
}
