using System.Text.Json;
using Workflows.Engine;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Host.Identity;

namespace Workflows.Host.Api;

/// <summary>
/// Who may read an instance or a task. Administrators read everything. Others read what lies in the organisation
/// scope of their roles (<see cref="CurrentActor.CanSee"/>), the instances they started, and the items they have to
/// do, have done or were copied: a committee member sees the nomination they vote on, not the whole city. A record the
/// user may not read answers 404, the same answer as a record that does not exist, and nothing is changed.
/// </summary>
internal static class WorkAccess
{
    /// <summary>The groups the engine checks an actor against: null (trusted) for administrators.</summary>
    public static IReadOnlyList<string>? GroupsFor(CurrentActor actor) => actor.IsAdmin ? null : actor.Groups;

    /// <summary>The instance record, when it exists and the actor may read it; else a 404.</summary>
    public static async Task<InstanceRecord> ReadableInstanceAsync(WorkflowEngine engine, CurrentActor actor, Guid id, CancellationToken ct)
    {
        var record = await engine.Store.GetInstanceAsync(id, ct);
        if (record is null || !await MayReadAsync(engine, actor, record, ct))
        {
            throw InstanceNotFound(id);
        }

        return record;
    }

    /// <summary>The open task, when it exists and the actor may read it; else a 404.</summary>
    public static async Task<TaskRecord> ReadableTaskAsync(WorkflowEngine engine, CurrentActor actor, Guid id, CancellationToken ct)
    {
        var task = await engine.Store.GetTaskAsync(id, ct);
        if (task is null || !await MayReadAsync(engine, actor, task, ct))
        {
            throw TaskNotFound(id);
        }

        return task;
    }

    /// <summary>The actor is the task's assignee, owner (while delegated) or a candidate (by the engine's own rule).</summary>
    public static bool IsInvolved(TaskRecord task, CurrentActor actor) =>
        actor.UserName is { } user
        && (task.Assignee == user || task.Owner == user || TaskPermissions.IsCandidate(task, user, actor.Groups));

    private static async Task<bool> MayReadAsync(WorkflowEngine engine, CurrentActor actor, TaskRecord task, CancellationToken ct)
    {
        if (actor.IsAdmin || actor.CanSee(task.OrganizationPath) || IsInvolved(task, actor) || (actor.UserName is not null && task.StartedBy == actor.UserName))
        {
            return true;
        }

        var instance = await engine.Store.GetInstanceAsync(task.InstanceId, ct);
        return instance is not null && await MayReadAsync(engine, actor, instance, ct);
    }

    private static async Task<bool> MayReadAsync(WorkflowEngine engine, CurrentActor actor, InstanceRecord instance, CancellationToken ct)
    {
        if (actor.IsAdmin || actor.CanSee(instance.OrganizationPath))
        {
            return true;
        }

        if (actor.UserName is not { } user)
        {
            return false;
        }

        if (instance.StartedBy == user)
        {
            return true;
        }

        var tasks = await engine.Store.GetTasksOfInstanceAsync(instance.Id, ct);
        if (tasks.Any(t => IsInvolved(t, actor)))
        {
            return true;
        }

        // Done by me or copied to me: the history of the instance names me as actor or reader.
        var history = await engine.Store.GetHistoryAsync(instance.Id, ct);
        if (history.Any(h => h.Actor == user && h.TaskId is not null))
        {
            return true;
        }

        return history.Any(h => h.Type == HistoryTypes.TaskCopied && h.Data is not null && CopiedTo(h.Data, user));
    }

    private static bool CopiedTo(string data, string user)
    {
        using var document = JsonDocument.Parse(data);
        return document.RootElement.TryGetProperty("to", out var to) && to.ValueKind == JsonValueKind.Array
            && to.EnumerateArray().Any(r => r.ValueKind == JsonValueKind.String && r.GetString() == user);
    }

    public static WorkflowException InstanceNotFound(Guid id) => new($"Instance {id} does not exist. 流程实例不存在。", WorkflowErrorKind.NotFound);

    public static WorkflowException TaskNotFound(Guid id) => new($"Task {id} does not exist or is already completed. 任务不存在或已办结。", WorkflowErrorKind.NotFound);
}
