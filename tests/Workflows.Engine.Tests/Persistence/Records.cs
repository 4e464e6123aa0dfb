using Workflows.Engine.Persistence;

namespace Workflows.Engine.Tests.Persistence;

/// <summary>Record builders for the persistence tests (times with a non-UTC offset, millisecond precision).</summary>
internal static class TestRecords
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 4, 10, 20, 30, 123, TimeSpan.FromHours(2));

    public static DateTimeOffset At(int seconds) => T0.AddSeconds(seconds);

    public static InstanceRecord Instance(string? definitionKey = null, string? businessKey = null, long version = 1) => new()
    {
        Id = Guid.NewGuid(),
        DefinitionId = Guid.NewGuid(),
        DefinitionKey = definitionKey ?? "proc-" + Guid.NewGuid().ToString("N")[..8],
        DefinitionVersion = 3,
        BusinessKey = businessKey,
        Status = InstanceStatus.Active,
        StateJson = """{"executions":[{"id":"e1","element":"task"}],"variables":{"amount":42}}""",
        Version = version,
        StartedBy = "alice",
        OrganizationPath = "/gd/gz/th/ent-001",
        Campaign = "model-workers-2025",
        StartedAt = T0,
    };

    public static TaskRecord UserTask(InstanceRecord instance, string elementId = "approve", string? assignee = null,
        string[]? users = null, string[]? groups = null, int createdSeconds = 0) => new()
    {
        Id = Guid.NewGuid(),
        InstanceId = instance.Id,
        ExecutionId = "e1",
        ElementId = elementId,
        Name = "Approve " + elementId,
        DefinitionKey = instance.DefinitionKey,
        BusinessKey = instance.BusinessKey,
        Assignee = assignee,
        CandidateUsers = [.. users ?? []],
        CandidateGroups = [.. groups ?? []],
        FormKey = "forms/approve",
        Priority = 70,
        CreatedAt = At(createdSeconds),
        DueAt = At(3600),
        OrganizationPath = instance.OrganizationPath,
        Campaign = instance.Campaign,
        StartedBy = instance.StartedBy,
    };

    public static JobRecord Job(InstanceRecord instance, int dueSeconds = 60) => new()
    {
        Id = Guid.NewGuid(),
        InstanceId = instance.Id,
        ExecutionId = "e1",
        ElementId = "timer",
        Kind = "timer",
        DueAt = At(dueSeconds),
        Retries = 3,
        Data = """{"cycle":null}""",
        CreatedAt = T0,
    };

    public static SubscriptionRecord Subscription(InstanceRecord instance, string message, string? key, int createdSeconds = 0) => new()
    {
        Id = Guid.NewGuid(),
        InstanceId = instance.Id,
        ExecutionId = "e1",
        ElementId = "catch",
        MessageName = message,
        CorrelationKey = key,
        CreatedAt = At(createdSeconds),
    };

    public static HistoryEvent History(InstanceRecord instance, string type, int seconds = 0) => new()
    {
        InstanceId = instance.Id,
        At = At(seconds),
        Type = type,
        ElementId = "el-" + type,
        ElementName = "Element " + type,
        ExecutionId = "e1",
        TaskId = null,
        Actor = "alice",
        Comment = null,
        Data = """{"x":1}""",
    };

    public static OutboxMessage Outbox(InstanceRecord? instance, int createdSeconds = 0) => new()
    {
        Id = Guid.NewGuid(),
        Kind = "mail",
        Payload = """{"to":"bob@example.org"}""",
        IdempotencyKey = Guid.NewGuid().ToString("N"),
        InstanceId = instance?.Id,
        CreatedAt = At(createdSeconds),
    };

    public static ProcessedRequest Request(string? id = null) => new()
    {
        RequestId = id ?? "req-" + Guid.NewGuid().ToString("N"),
        Command = "StartProcess",
        ResponseJson = """{"instanceId":"x"}""",
        At = T0,
    };

    public static DefinitionRecord Definition(string key, DefinitionState state = DefinitionState.Draft) => new()
    {
        Id = Guid.NewGuid(),
        Key = key,
        Name = "Process " + key,
        State = state,
        Xml = "<definitions/>",
        ContentHash = "abc123",
        CreatedAt = T0,
        PublishedAt = state == DefinitionState.Published ? T0 : null,
    };

    /// <summary>A copy of an instance as the next command would write it.</summary>
    public static InstanceRecord Next(InstanceRecord i, string stateJson = """{"executions":[],"variables":{}}""") => new()
    {
        Id = i.Id,
        DefinitionId = i.DefinitionId,
        DefinitionKey = i.DefinitionKey,
        DefinitionVersion = i.DefinitionVersion,
        BusinessKey = i.BusinessKey,
        Status = i.Status,
        StateJson = stateJson,
        Version = i.Version + 1,
        ParentInstanceId = i.ParentInstanceId,
        ParentExecutionId = i.ParentExecutionId,
        StartedBy = i.StartedBy,
        OrganizationPath = i.OrganizationPath,
        Campaign = i.Campaign,
        StartedAt = i.StartedAt,
        EndedAt = i.EndedAt,
    };

    /// <summary>A copy (抄送) of a task of <paramref name="instance"/> to <paramref name="reader"/>.</summary>
    public static CopyRecord Copy(InstanceRecord instance, string reader, int copiedSeconds = 0, Guid? taskId = null) => new()
    {
        Id = Guid.NewGuid(),
        InstanceId = instance.Id,
        TaskId = taskId ?? Guid.NewGuid(),
        ElementId = "review",
        TaskName = "市级审核",
        DefinitionKey = instance.DefinitionKey,
        BusinessKey = instance.BusinessKey,
        OrganizationPath = instance.OrganizationPath,
        Campaign = instance.Campaign,
        Reader = reader,
        CopiedBy = "alice",
        Comment = "请知悉",
        CopiedAt = At(copiedSeconds),
    };
}
