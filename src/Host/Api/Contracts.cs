using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Engine;
using Workflows.Engine.Persistence;
using Workflows.Host.Errors;

namespace Workflows.Host.Api;

// ------------------------------------------------------------------ definitions

/// <summary>A deployed process definition (without its XML; see <c>GET /api/definitions/{id}/xml</c>).</summary>
public sealed record DefinitionDto(
    Guid Id,
    string Key,
    string? Name,
    int? Version,
    DefinitionState State,
    string ContentHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? RetiredAt)
{
    public static DefinitionDto From(DefinitionRecord r) =>
        new(r.Id, r.Key, r.Name, r.Version, r.State, r.ContentHash, r.CreatedAt, r.PublishedAt, r.RetiredAt);
}

/// <summary>The drafts created by one deployment: one per executable process of the file.</summary>
public sealed record DeploymentDto(IReadOnlyList<DefinitionDto> Definitions);

/// <summary>A process found in a validated file.</summary>
public sealed record ValidatedProcessDto(string Key, string? Name);

/// <summary>The outcome of validating a BPMN file without deploying it.</summary>
public sealed record ValidationDto(bool Valid, IReadOnlyList<BpmnProblemDto> Problems, IReadOnlyList<ValidatedProcessDto> Processes);

// ------------------------------------------------------------------ instances

/// <summary>Starts an instance of the newest published version of <see cref="DefinitionKey"/>.</summary>
public sealed record StartInstanceRequest(string? DefinitionKey, string? BusinessKey, Dictionary<string, JsonElement>? Variables, string? Campaign = null) : IVariablesRequest;

/// <summary>Cancels an instance; the reason is kept in its history.</summary>
public sealed record CancelInstanceRequest(string? Reason);

/// <summary>An instance with its variables, the elements where it waits and its open user tasks.</summary>
public sealed record InstanceDto(
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
    Guid? ParentInstanceId,
    IReadOnlyList<TaskDto> Tasks)
{
    public static InstanceDto From(InstanceView v, IEnumerable<TaskRecord> tasks) => new(
        v.Id, v.DefinitionId, v.DefinitionKey, v.DefinitionVersion, v.BusinessKey, v.Status, v.ActiveElementIds,
        v.Variables, v.StartedAt, v.EndedAt, v.ParentInstanceId, tasks.Select(TaskDto.From).ToList());
}

/// <summary>An instance in a list (without variables).</summary>
public sealed record InstanceSummaryDto(
    Guid Id,
    Guid DefinitionId,
    string DefinitionKey,
    int DefinitionVersion,
    string? BusinessKey,
    InstanceStatus Status,
    string? StartedBy,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    Guid? ParentInstanceId)
{
    public static InstanceSummaryDto From(InstanceRecord r) => new(
        r.Id, r.DefinitionId, r.DefinitionKey, r.DefinitionVersion, r.BusinessKey, r.Status, r.StartedBy, r.StartedAt, r.EndedAt, r.ParentInstanceId);
}

/// <summary>A page of a list; <see cref="Total"/> is the number of matching items in all, where the list counts them.</summary>
public sealed record PageDto<T>(IReadOnlyList<T> Items, int Skip, int Take, int? Total = null);

/// <summary>One entry of an instance's history.</summary>
public sealed record HistoryEventDto(
    long Id,
    DateTimeOffset At,
    string Type,
    string? ElementId,
    string? ElementName,
    string? ExecutionId,
    Guid? TaskId,
    string? Actor,
    string? Comment,
    JsonNode? Data)
{
    public static HistoryEventDto From(HistoryEvent e) =>
        new(e.Id, e.At, e.Type, e.ElementId, e.ElementName, e.ExecutionId, e.TaskId, e.Actor, e.Comment, ParseData(e.Data));

    private static JsonNode? ParseData(string? data)
    {
        if (string.IsNullOrEmpty(data))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(data);
        }
        catch (JsonException)
        {
            return JsonValue.Create(data);
        }
    }
}

// ------------------------------------------------------------------ tasks

/// <summary>Completes a user task; the variables are set on the instance, the comment is kept in its history.</summary>
public sealed record CompleteTaskRequest(Dictionary<string, JsonElement>? Variables, string? Comment) : IVariablesRequest;

/// <summary>An open user task.</summary>
public sealed record TaskDto(
    Guid Id,
    Guid InstanceId,
    string ExecutionId,
    string ElementId,
    string? Name,
    string DefinitionKey,
    string? BusinessKey,
    string? Assignee,
    IReadOnlyList<string> CandidateUsers,
    IReadOnlyList<string> CandidateGroups,
    string? FormKey,
    int Priority,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt)
{
    public static TaskDto From(TaskRecord t) => new(
        t.Id, t.InstanceId, t.ExecutionId, t.ElementId, t.Name, t.DefinitionKey, t.BusinessKey, t.Assignee,
        t.CandidateUsers, t.CandidateGroups, t.FormKey, t.Priority, t.CreatedAt, t.DueAt);
}

// ------------------------------------------------------------------ messages

/// <summary>A message for the instances waiting for it (by name and correlation key), or for a process that starts with it.</summary>
public sealed record CorrelateMessageRequest(string? Name, string? CorrelationKey, Dictionary<string, JsonElement>? Variables) : IVariablesRequest;

// ------------------------------------------------------------------ health

/// <summary>The answer of <c>GET /health</c>.</summary>
public sealed record HealthDto(string Status, string Database);
