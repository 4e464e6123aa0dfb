using System.Text.Json;
using Workflows.Engine.Model;
using Workflows.Engine.Persistence;

namespace Workflows.Engine.Runtime;

/// <summary>
/// Where a withdrawal (撤回) goes back to, read from the history: the user task the actor completed last. Allowed to
/// the initiator and to the one who completed a task last, while nobody has acted since that completion and every
/// token of that task's scope waits at a task created since — so several branches, a called process or a timer
/// standing in between make it a conflict rather than a guess.
/// </summary>
internal static class Withdrawal
{
    /// <summary>What a withdrawal does: the task to go back to, the scope execution whose tokens are cancelled (null: the process), and where they stand.</summary>
    public sealed record Decision(UserTaskNode Target, Execution? Scope, IReadOnlyList<string> OpenElementIds);

    /// <summary>What counts as acting on the item: any of these after the completion makes it too late to withdraw.</summary>
    private static readonly HashSet<string> Actions = new(StringComparer.Ordinal)
    {
        HistoryTypes.TaskCompleted, HistoryTypes.TaskRejected, HistoryTypes.TaskReturned, HistoryTypes.TaskClaimed,
        HistoryTypes.TaskReleased, HistoryTypes.TaskTransferred, HistoryTypes.TaskDelegated, HistoryTypes.TaskResolved,
        HistoryTypes.Comment, HistoryTypes.SignerAdded, HistoryTypes.SignerRemoved, HistoryTypes.SignerCompleted,
        HistoryTypes.TaskTimedOut, HistoryTypes.TaskEscalated, HistoryTypes.InstanceWithdrawn,
    };

    public static Decision Plan(InstanceRuntime instance, IReadOnlyList<HistoryEvent> history, string actor)
    {
        var last = LastIndex(history, e => IsCompletion(e));
        var mine = LastIndex(history, e => IsCompletion(e) && e.Actor == actor);
        var isInitiator = instance.Record.StartedBy == actor;
        if (!isInitiator && (mine < 0 || mine != last))
        {
            throw new WorkflowException(
                $"'{actor}' is neither the initiator of instance {instance.Id} nor the one who completed its last task, so cannot withdraw it. 只有发起人或上一步办理人可以撤回。",
                WorkflowErrorKind.Forbidden);
        }

        if (mine < 0)
        {
            throw new WorkflowException(
                $"'{actor}' has completed no task of instance {instance.Id}: there is no step to withdraw to (cancel the instance instead). 您尚未办理过该流程的任务，无可撤回。",
                WorkflowErrorKind.Conflict);
        }

        for (var i = mine + 1; i < history.Count; i++)
        {
            if (Actions.Contains(history[i].Type))
            {
                throw TooLate(instance, $"'{history[i].Actor ?? "the system"}' has already acted on it ({history[i].Type} at '{history[i].ElementName ?? history[i].ElementId}')");
            }
        }

        var completion = history[mine];
        if (completion.ElementId is null || !instance.Model.NodesById.TryGetValue(completion.ElementId, out var node) || node is not UserTaskNode target)
        {
            throw TooLate(instance, "the completed task is no longer part of the process");
        }

        if (target.MultiInstance is not null)
        {
            throw new WorkflowException(
                $"A vote or a multi-instance task ('{target.Name ?? target.Id}') cannot be withdrawn; ask for the item to be returned instead. 会签、多人任务不能撤回。",
                WorkflowErrorKind.Conflict) { ElementId = target.Id };
        }

        var scope = ScopeExecution(instance, target) ?? (target.Scope is SubProcessNode ? throw TooLate(instance, "its sub-process has ended") : null);
        var createdSince = new HashSet<Guid>();
        for (var i = mine + 1; i < history.Count; i++)
        {
            if (history[i] is { Type: HistoryTypes.TaskCreated, TaskId: { } id })
            {
                createdSince.Add(id);
            }
        }

        var open = new List<string>();
        var tokens = instance.Children(scope?.Id).ToList();
        foreach (var token in tokens)
        {
            CheckWaitsAtNewTasks(instance, token, createdSince, open);
        }

        if (tokens.Count == 0)
        {
            throw TooLate(instance, "no token is open in that part of the process");
        }

        return new Decision(target, scope, open.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>A completion that moved the item on: a task completed (not a before-signer's opinion), or rejected to its outcome.</summary>
    private static bool IsCompletion(HistoryEvent e)
    {
        if (e.Type == HistoryTypes.TaskCompleted)
        {
            return true;
        }

        if (e.Type != HistoryTypes.TaskRejected || e.Data is null)
        {
            return false;
        }

        using var data = JsonDocument.Parse(e.Data);
        return data.RootElement.TryGetProperty("action", out var action) && action.GetString() == "outcome";
    }

    private static int LastIndex(IReadOnlyList<HistoryEvent> history, Func<HistoryEvent, bool> match)
    {
        for (var i = history.Count - 1; i >= 0; i--)
        {
            if (match(history[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static Execution? ScopeExecution(InstanceRuntime instance, FlowNode target)
    {
        if (target.Scope is not SubProcessNode sub)
        {
            return null;
        }

        var scopes = instance.State.Executions.Where(e => !e.Removed && e.ElementId == sub.Id && e.Role == ExecutionRole.Scope).ToList();
        return scopes.Count switch
        {
            0 => null,
            1 => scopes[0],
            _ => throw TooLate(instance, $"several instances of the sub-process '{sub.Name ?? sub.Id}' are running"),
        };
    }

    /// <summary>Every leaf under <paramref name="execution"/> must wait at a task created since the completion.</summary>
    private static void CheckWaitsAtNewTasks(InstanceRuntime instance, Execution execution, HashSet<Guid> createdSince, List<string> open)
    {
        var children = instance.Children(execution.Id).ToList();
        if (children.Count > 0)
        {
            foreach (var child in children)
            {
                CheckWaitsAtNewTasks(instance, child, createdSince, open);
            }

            return;
        }

        if (execution.TaskId is not { } taskId)
        {
            throw TooLate(instance, $"the process waits at '{execution.ElementId}', which is not a task (a called process, a timer, a message or a joining gateway)");
        }

        if (!createdSince.Contains(taskId))
        {
            throw TooLate(instance, $"the process also stands at '{execution.ElementId}', which did not come from your step (parallel branches cannot be withdrawn)");
        }

        open.Add(execution.ElementId);
    }

    private static WorkflowException TooLate(InstanceRuntime instance, string why) =>
        new($"Instance {instance.Id} cannot be withdrawn: {why}. 已有人处理，无法撤回。", WorkflowErrorKind.Conflict);
}
