using System.Text.Json;
using Workflows.Engine.Persistence;

namespace Workflows.Host.Api;

/// <summary>A page of a list with the number of matching items in all.</summary>
public sealed record CountedPageDto<T>(IReadOnlyList<T> Items, int Skip, int Take, int Total);

/// <summary>An open task in a to-do list, with who it belongs to and its deadline.</summary>
public sealed record WorkTaskDto(
    Guid Id,
    Guid InstanceId,
    string ElementId,
    string? Name,
    string DefinitionKey,
    string? BusinessKey,
    string? Campaign,
    string? OrganizationPath,
    string? StartedBy,
    string? Assignee,
    string? Owner,
    DelegationState Delegation,
    IReadOnlyList<string> CandidateUsers,
    IReadOnlyList<string> CandidateGroups,
    string? FormKey,
    int Priority,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt,
    bool Overdue)
{
    public static WorkTaskDto From(TaskRecord t, DateTimeOffset now) => new(
        t.Id, t.InstanceId, t.ElementId, t.Name, t.DefinitionKey, t.BusinessKey, t.Campaign, t.OrganizationPath, t.StartedBy,
        t.Assignee, t.Owner, t.Delegation, t.CandidateUsers, t.CandidateGroups, t.FormKey, t.Priority, t.CreatedAt, t.DueAt,
        t.DueAt is { } due && due < now);
}

/// <summary>One thing the user did on a task (已办).</summary>
public sealed record DoneTaskDto(
    long Id,
    Guid? TaskId,
    Guid InstanceId,
    string? ElementId,
    string? ElementName,
    string DefinitionKey,
    string? BusinessKey,
    string? Campaign,
    string? StartedBy,
    string Action,
    string? Comment,
    DateTimeOffset At,
    InstanceStatus InstanceStatus)
{
    public static DoneTaskDto From(DoneTaskRecord r) => new(
        r.HistoryId, r.TaskId, r.InstanceId, r.ElementId, r.ElementName, r.DefinitionKey, r.BusinessKey, r.Campaign, r.StartedBy,
        r.Action, r.Comment, r.At, r.InstanceStatus);
}

/// <summary>A copy to the user (抄送我的).</summary>
public sealed record CopyDto(
    Guid Id,
    Guid InstanceId,
    Guid? TaskId,
    string? ElementId,
    string? TaskName,
    string DefinitionKey,
    string? BusinessKey,
    string? Campaign,
    string? CopiedBy,
    string? Comment,
    DateTimeOffset CopiedAt,
    DateTimeOffset? ReadAt)
{
    public static CopyDto From(CopyRecord r) => new(
        r.Id, r.InstanceId, r.TaskId, r.ElementId, r.TaskName, r.DefinitionKey, r.BusinessKey, r.Campaign, r.CopiedBy, r.Comment, r.CopiedAt, r.ReadAt);
}

/// <summary>An instance the user started (我发起的) or sees in a monitor list.</summary>
public sealed record WorkInstanceDto(
    Guid Id,
    string DefinitionKey,
    int DefinitionVersion,
    string? BusinessKey,
    string? Campaign,
    string? OrganizationPath,
    InstanceStatus Status,
    string? StartedBy,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt)
{
    public static WorkInstanceDto From(InstanceRecord r) => new(
        r.Id, r.DefinitionKey, r.DefinitionVersion, r.BusinessKey, r.Campaign, r.OrganizationPath, r.Status, r.StartedBy, r.StartedAt, r.EndedAt);
}

/// <summary>An earlier node a task may be returned to (退回).</summary>
public sealed record ReturnTargetDto(string ElementId, string? Name);

/// <summary>
/// An open task as its page shows it: the task, what its node asks (approval method, required comment, reject rule),
/// the earlier nodes it may be returned to, the live tally of a vote, and the operations the signed-in user may use now.
/// </summary>
public sealed record TaskDetailDto(
    WorkTaskDto Task,
    string ApprovalMethod,
    string CommentRequired,
    string RejectAction,
    IReadOnlyList<ReturnTargetDto> ReturnTargets,
    IReadOnlyDictionary<string, object?>? Tally,
    IReadOnlyList<string> Operations);

/// <summary>Body of the task operations: a comment and, where the operation takes them, variables.</summary>
public sealed record TaskActionRequest(string? Comment, Dictionary<string, JsonElement>? Variables) : IVariablesRequest;

/// <summary>Body of 退回: the element to return to, or <c>initiator</c> (退回发起人).</summary>
public sealed record ReturnTaskRequest(string? Target, string? Comment);

/// <summary>Body of 转办 and 委派: the user who gets the task.</summary>
public sealed record HandOverRequest(string? UserName, string? Comment);

/// <summary>Body of 加签 and 减签.</summary>
public sealed record SignerRequest(string? UserName, string? Position, string? Comment);

/// <summary>Body of 抄送.</summary>
public sealed record CopyRequest(IReadOnlyList<string>? Readers, string? Comment);

/// <summary>Body of a committee vote: for, against or abstain (同意 / 反对 / 弃权).</summary>
public sealed record VoteRequest(string? Vote, string? Comment);

/// <summary>Body of 撤回 and of a comment or urge.</summary>
public sealed record CommentRequest(string? Comment);

/// <summary>What an annotation did.</summary>
public sealed record NoteDto(Guid InstanceId, Guid TaskId, string Kind, DateTimeOffset At);
