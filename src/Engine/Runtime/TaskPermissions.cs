using Workflows.Engine.Persistence;

namespace Workflows.Engine.Runtime;

/// <summary>
/// Who may act on a task. A command without actor groups comes from a trusted caller (the system, timers,
/// administrators) and is not checked; otherwise a refusal is a <see cref="WorkflowErrorKind.Forbidden"/> error and
/// the command changes nothing.
/// </summary>
public static class TaskPermissions
{
    /// <summary>
    /// To decide (complete, reject, return, transfer, delegate, add or remove a signer): the assignee, or, while the
    /// task is unassigned, a candidate user or a member of a candidate group (acting claims it implicitly).
    /// </summary>
    internal static void RequireHandler(TaskRecord task, ITaskCommand command)
    {
        if (command.ActorGroups is { } groups && !IsHandler(task, command.Actor, groups))
        {
            throw Forbidden(task, command.Actor);
        }
    }

    /// <summary>To claim: a candidate (the task being unassigned is checked by the claim itself).</summary>
    internal static void RequireCandidate(TaskRecord task, ITaskCommand command)
    {
        if (command.ActorGroups is { } groups && command.Actor != task.Assignee && !IsCandidate(task, command.Actor, groups))
        {
            throw Forbidden(task, command.Actor);
        }
    }

    /// <summary>To release or resolve: the assignee.</summary>
    internal static void RequireAssignee(TaskRecord task, ITaskCommand command)
    {
        if (command.ActorGroups is not null && (command.Actor is null || command.Actor != task.Assignee))
        {
            throw new WorkflowException(
                $"{Who(command.Actor)} is not the assignee of task '{task.Name ?? task.ElementId}' ({task.Id}); only {task.Assignee ?? "its assignee"} may do this. 您不是该任务的办理人。",
                WorkflowErrorKind.Forbidden) { ElementId = task.ElementId };
        }
    }

    /// <summary>To comment, urge or copy: anyone involved — the assignee, the owner, a candidate user or group member.</summary>
    internal static void RequireParticipant(TaskRecord task, ITaskCommand command)
    {
        if (command.ActorGroups is { } groups && command.Actor != task.Owner && command.Actor != task.Assignee && !IsCandidate(task, command.Actor, groups))
        {
            throw Forbidden(task, command.Actor);
        }
    }

    public static bool IsHandler(TaskRecord task, string? actor, IReadOnlyList<string> groups) =>
        actor is not null && (task.Assignee is null ? IsCandidate(task, actor, groups) : task.Assignee == actor);

    public static bool IsCandidate(TaskRecord task, string? actor, IReadOnlyList<string> groups) =>
        actor is not null && (task.CandidateUsers.Contains(actor, StringComparer.Ordinal) || task.CandidateGroups.Any(g => groups.Contains(g, StringComparer.Ordinal)));

    internal static WorkflowException Forbidden(TaskRecord task, string? actor) => new(
        $"{Who(actor)} is neither the assignee nor a candidate of task '{task.Name ?? task.ElementId}' ({task.Id}). 您不是该任务的办理人或候选人，无权办理。",
        WorkflowErrorKind.Forbidden) { ElementId = task.ElementId };

    private static string Who(string? actor) => actor is null ? "An anonymous caller" : $"'{actor}'";
}
