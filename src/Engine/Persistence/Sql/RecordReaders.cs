using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Workflows.Engine.Persistence.Sql;

/// <summary>Reads records from the column lists of <see cref="Statements"/>.</summary>
internal static class RecordReaders
{
    public static InstanceRecord Instance(DbDataReader r, SqlDialect d) => new()
    {
        Id = d.ReadGuid(r, 0),
        DefinitionId = d.ReadGuid(r, 1),
        DefinitionKey = r.GetString(2),
        DefinitionVersion = r.GetInt32(3),
        BusinessKey = SqlDialect.ReadTextOrNull(r, 4),
        Status = ParseStatus(r.GetString(5)),
        StateJson = r.GetString(6),
        Version = r.GetInt64(7),
        ParentInstanceId = d.ReadGuidOrNull(r, 8),
        ParentExecutionId = SqlDialect.ReadTextOrNull(r, 9),
        StartedBy = SqlDialect.ReadTextOrNull(r, 10),
        StartedAt = d.ReadTime(r, 11),
        EndedAt = d.ReadTimeOrNull(r, 12),
        OrganizationPath = SqlDialect.ReadTextOrNull(r, 13),
        Campaign = SqlDialect.ReadTextOrNull(r, 14),
    };

    /// <summary>Ordinal of the column after <see cref="Statements.InstanceColumns"/> (a window total).</summary>
    public const int InstanceTotalOrdinal = 15;

    /// <summary>Ordinal of the column after <see cref="Statements.TaskColumns"/> (a window total).</summary>
    public const int TaskTotalOrdinal = 19;

    /// <summary>Ordinal of the column after <see cref="Statements.CopyColumns"/> (a window total).</summary>
    public const int CopyTotalOrdinal = 14;

    /// <summary>Ordinal of the column after <see cref="Statements.DoneColumns"/> (a window total).</summary>
    public const int DoneTotalOrdinal = 15;

    /// <summary>Reads task rows joined with their candidates (ordered so that a task's rows are adjacent).</summary>
    public static Task<List<TaskRecord>> TasksAsync(DbDataReader r, SqlDialect d, CancellationToken ct) => TasksAsync(r, d, null, ct);

    /// <summary>
    /// Reads task rows joined with their candidates; when <paramref name="total"/> is given, the rows carry one more
    /// column after the task columns (the same on every row, e.g. a window count) and it is read into it.
    /// </summary>
    public static async Task<List<TaskRecord>> TasksAsync(DbDataReader r, SqlDialect d, StrongBox<long>? total, CancellationToken ct)
    {
        var result = new List<TaskRecord>();
        TaskRecord? current = null;
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            if (total is not null && current is null)
            {
                total.Value = r.GetInt64(TaskTotalOrdinal);
            }

            var id = d.ReadGuid(r, 0);
            if (current is null || current.Id != id)
            {
                if (current is not null)
                {
                    RecordCopies.NormalizeCandidates(current);
                }

                current = new TaskRecord
                {
                    Id = id,
                    InstanceId = d.ReadGuid(r, 1),
                    ExecutionId = r.GetString(2),
                    ElementId = r.GetString(3),
                    Name = SqlDialect.ReadTextOrNull(r, 4),
                    DefinitionKey = r.GetString(5),
                    BusinessKey = SqlDialect.ReadTextOrNull(r, 6),
                    Assignee = SqlDialect.ReadTextOrNull(r, 7),
                    FormKey = SqlDialect.ReadTextOrNull(r, 8),
                    Priority = r.GetInt32(9),
                    CreatedAt = d.ReadTime(r, 10),
                    DueAt = d.ReadTimeOrNull(r, 11),
                    OrganizationPath = SqlDialect.ReadTextOrNull(r, 12),
                    Campaign = SqlDialect.ReadTextOrNull(r, 13),
                    StartedBy = SqlDialect.ReadTextOrNull(r, 14),
                    Owner = SqlDialect.ReadTextOrNull(r, 15),
                    Delegation = ParseDelegation(r.GetString(16)),
                };
                result.Add(current);
            }

            if (!r.IsDBNull(17))
            {
                AddCandidate(current, r.GetString(17), r.GetString(18));
            }
        }

        if (current is not null)
        {
            RecordCopies.NormalizeCandidates(current);
        }

        return result;
    }

    public static void AddCandidate(TaskRecord task, string kind, string value)
    {
        if (kind == TaskCandidate.UserKind)
        {
            task.CandidateUsers.Add(value);
        }
        else if (kind == TaskCandidate.GroupKind)
        {
            task.CandidateGroups.Add(value);
        }
    }

    public static JobRecord Job(DbDataReader r, SqlDialect d) => new()
    {
        Id = d.ReadGuid(r, 0),
        InstanceId = d.ReadGuid(r, 1),
        ExecutionId = r.GetString(2),
        ElementId = r.GetString(3),
        Kind = r.GetString(4),
        DueAt = d.ReadTime(r, 5),
        Retries = r.GetInt32(6),
        Data = SqlDialect.ReadTextOrNull(r, 7),
        CreatedAt = d.ReadTime(r, 8),
        Attempts = r.GetInt32(9),
        LastError = SqlDialect.ReadTextOrNull(r, 10),
        LastErrorAt = d.ReadTimeOrNull(r, 11),
    };

    public static SubscriptionRecord Subscription(DbDataReader r, SqlDialect d) => new()
    {
        Id = d.ReadGuid(r, 0),
        InstanceId = d.ReadGuid(r, 1),
        ExecutionId = r.GetString(2),
        ElementId = r.GetString(3),
        MessageName = r.GetString(4),
        CorrelationKey = SqlDialect.ReadTextOrNull(r, 5),
        CreatedAt = d.ReadTime(r, 6),
    };

    public static ProcessedRequest Request(DbDataReader r, SqlDialect d) => new()
    {
        RequestId = r.GetString(0),
        Command = r.GetString(1),
        ResponseJson = r.GetString(2),
        At = d.ReadTime(r, 3),
        Actor = r.GetString(4),
        Fingerprint = SqlDialect.ReadTextOrNull(r, 5),
    };

    public static DefinitionRecord Definition(DbDataReader r, SqlDialect d) => new()
    {
        Id = d.ReadGuid(r, 0),
        Key = r.GetString(1),
        Name = SqlDialect.ReadTextOrNull(r, 2),
        Version = r.IsDBNull(3) ? null : r.GetInt32(3),
        State = Enum.Parse<DefinitionState>(r.GetString(4)),
        Xml = r.GetString(5),
        ContentHash = r.GetString(6),
        CreatedAt = d.ReadTime(r, 7),
        PublishedAt = d.ReadTimeOrNull(r, 8),
        RetiredAt = d.ReadTimeOrNull(r, 9),
    };

    public static HistoryEvent History(DbDataReader r, SqlDialect d) => new()
    {
        Id = r.GetInt64(0),
        InstanceId = d.ReadGuid(r, 1),
        At = d.ReadTime(r, 2),
        Type = r.GetString(3),
        ElementId = SqlDialect.ReadTextOrNull(r, 4),
        ElementName = SqlDialect.ReadTextOrNull(r, 5),
        ExecutionId = SqlDialect.ReadTextOrNull(r, 6),
        TaskId = d.ReadGuidOrNull(r, 7),
        Actor = SqlDialect.ReadTextOrNull(r, 8),
        Comment = SqlDialect.ReadTextOrNull(r, 9),
        Data = SqlDialect.ReadTextOrNull(r, 10),
    };

    public static CopyRecord Copy(DbDataReader r, SqlDialect d) => new()
    {
        Id = d.ReadGuid(r, 0),
        InstanceId = d.ReadGuid(r, 1),
        TaskId = d.ReadGuidOrNull(r, 2),
        ElementId = SqlDialect.ReadTextOrNull(r, 3),
        TaskName = SqlDialect.ReadTextOrNull(r, 4),
        DefinitionKey = r.GetString(5),
        BusinessKey = SqlDialect.ReadTextOrNull(r, 6),
        OrganizationPath = SqlDialect.ReadTextOrNull(r, 7),
        Campaign = SqlDialect.ReadTextOrNull(r, 8),
        Reader = r.GetString(9),
        CopiedBy = SqlDialect.ReadTextOrNull(r, 10),
        Comment = SqlDialect.ReadTextOrNull(r, 11),
        CopiedAt = d.ReadTime(r, 12),
        ReadAt = d.ReadTimeOrNull(r, 13),
    };

    public static DoneTaskRecord DoneTask(DbDataReader r, SqlDialect d) => new()
    {
        HistoryId = r.GetInt64(0),
        TaskId = d.ReadGuidOrNull(r, 1),
        InstanceId = d.ReadGuid(r, 2),
        ElementId = SqlDialect.ReadTextOrNull(r, 3),
        ElementName = SqlDialect.ReadTextOrNull(r, 4),
        DefinitionKey = r.GetString(5),
        BusinessKey = SqlDialect.ReadTextOrNull(r, 6),
        OrganizationPath = SqlDialect.ReadTextOrNull(r, 7),
        Campaign = SqlDialect.ReadTextOrNull(r, 8),
        StartedBy = SqlDialect.ReadTextOrNull(r, 9),
        Action = r.GetString(10),
        Actor = r.GetString(11),
        Comment = SqlDialect.ReadTextOrNull(r, 12),
        At = d.ReadTime(r, 13),
        InstanceStatus = ParseStatus(r.GetString(14)),
    };

    public static OutboxMessage Outbox(DbDataReader r, SqlDialect d) => new()
    {
        Id = d.ReadGuid(r, 0),
        Kind = r.GetString(1),
        Payload = r.GetString(2),
        IdempotencyKey = r.GetString(3),
        InstanceId = d.ReadGuidOrNull(r, 4),
        CreatedAt = d.ReadTime(r, 5),
        DispatchedAt = d.ReadTimeOrNull(r, 6),
        Attempts = r.GetInt32(7),
        LastError = SqlDialect.ReadTextOrNull(r, 8),
        NextAttemptAt = d.ReadTimeOrNull(r, 9),
        FailedAt = d.ReadTimeOrNull(r, 10),
    };

    /// <summary>Reads every row with <paramref name="row"/>.</summary>
    public static async Task<IReadOnlyList<T>> ListAsync<T>(DbDataReader r, SqlDialect d, Func<DbDataReader, SqlDialect, T> row, CancellationToken ct)
    {
        var list = new List<T>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(row(r, d));
        }

        return list;
    }

    /// <summary>
    /// Reads every row with <paramref name="row"/>; the rows carry one more column at <paramref name="totalOrdinal"/>
    /// (the same on every row, a window count), read into <paramref name="total"/> (left unchanged without rows).
    /// </summary>
    public static async Task<IReadOnlyList<T>> PageAsync<T>(
        DbDataReader r, SqlDialect d, Func<DbDataReader, SqlDialect, T> row, int totalOrdinal, StrongBox<long> total, CancellationToken ct)
    {
        var list = new List<T>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            if (list.Count == 0)
            {
                total.Value = r.GetInt64(totalOrdinal);
            }

            list.Add(row(r, d));
        }

        return list;
    }

    /// <summary>Reads the first row with <paramref name="row"/>, or null.</summary>
    public static async Task<T?> SingleAsync<T>(DbDataReader r, SqlDialect d, Func<DbDataReader, SqlDialect, T> row, CancellationToken ct)
        where T : class =>
        await r.ReadAsync(ct).ConfigureAwait(false) ? row(r, d) : null;

    public static InstanceStatus ParseStatus(string value) => value switch
    {
        nameof(InstanceStatus.Active) => InstanceStatus.Active,
        nameof(InstanceStatus.Completed) => InstanceStatus.Completed,
        nameof(InstanceStatus.Terminated) => InstanceStatus.Terminated,
        nameof(InstanceStatus.Cancelled) => InstanceStatus.Cancelled,
        _ => Enum.Parse<InstanceStatus>(value),
    };

    public static DelegationState ParseDelegation(string value) => value switch
    {
        nameof(DelegationState.None) => DelegationState.None,
        nameof(DelegationState.Pending) => DelegationState.Pending,
        nameof(DelegationState.Resolved) => DelegationState.Resolved,
        _ => Enum.Parse<DelegationState>(value),
    };

    public static string DelegationText(DelegationState state) => state switch
    {
        DelegationState.None => nameof(DelegationState.None),
        DelegationState.Pending => nameof(DelegationState.Pending),
        DelegationState.Resolved => nameof(DelegationState.Resolved),
        _ => state.ToString(),
    };

    public static string StatusText(InstanceStatus status) => status switch
    {
        InstanceStatus.Active => nameof(InstanceStatus.Active),
        InstanceStatus.Completed => nameof(InstanceStatus.Completed),
        InstanceStatus.Terminated => nameof(InstanceStatus.Terminated),
        InstanceStatus.Cancelled => nameof(InstanceStatus.Cancelled),
        _ => status.ToString(),
    };
}
