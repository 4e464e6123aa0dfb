using System.Text.Json;
using Workflows.Engine.Model;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.Behaviours;

namespace Workflows.Engine;

/// <summary>Commands of human work beyond completing a task: return to an earlier node, reassign, comment, and the diagram marks.</summary>
public sealed partial class WorkflowEngine
{
    /// <summary>
    /// 退回: cancels the task (a whole multi-instance vote when the task is one of its approvers) and moves the
    /// token back to an earlier node of the same scope that the instance has already passed, or, with the target
    /// <see cref="ReturnTaskCommand.Initiator"/>, to the user task the initiator completed last, assigned to the initiator.
    /// </summary>
    public Task<InstanceView> ReturnToAsync(ReturnTaskCommand command, CancellationToken ct = default) =>
        ExecuteAsync("return-task", command.RequestId, command.RequestFingerprint, command.Actor, async context =>
        {
            var (task, instance, execution) = await OpenTaskAsync(context, command.TaskId, ct);
            var node = (UserTaskNode)instance.Model.GetNode(task.ElementId);
            TaskPermissions.RequireHandler(task, command);
            RequireFree(task, execution);
            RequireComment(node, command.Comment, rejecting: true);
            await ReturnAsync(context, instance, execution, node, task, command.TargetElementId, HistoryTypes.TaskReturned, null, command.Comment, ct);
            await context.RunAgendaAsync();
            return View(instance);
        }, ct);

    /// <summary>
    /// Claims, releases or hands over a task (认领, 释放, 转办): only the assignment changes, with history. A claim takes
    /// an unassigned task (a task claimed by someone else is a conflict); a release gives it back to the candidates.
    /// </summary>
    public Task<TaskRecord> AssignTaskAsync(AssignTaskCommand command, CancellationToken ct = default) =>
        ExecuteAsync("assign-task", command.RequestId, command.RequestFingerprint, command.Actor, async context =>
        {
            var (task, instance, execution) = await OpenTaskAsync(context, command.TaskId, ct);
            var node = instance.Model.GetNode(task.ElementId);
            var previous = task.Assignee;
            string? assignee;
            switch (command.Kind)
            {
                case AssignmentKind.Claim:
                    TaskPermissions.RequireCandidate(task, command);
                    assignee = command.Assignee ?? command.Actor
                        ?? throw new WorkflowException("A claim names who claims the task: set the actor or the assignee.", WorkflowErrorKind.Invalid);
                    if (command.ActorGroups is not null && assignee != command.Actor)
                    {
                        throw new WorkflowException($"'{command.Actor}' may claim task {task.Id} only for themselves, not for '{assignee}'; transfer it instead.", WorkflowErrorKind.Forbidden) { ElementId = task.ElementId };
                    }

                    if (task.Assignee is not null && task.Assignee != assignee)
                    {
                        throw new WorkflowException($"Task '{task.Name ?? task.ElementId}' ({task.Id}) is already claimed by '{task.Assignee}'. 该任务已被他人认领。", WorkflowErrorKind.Conflict) { ElementId = task.ElementId };
                    }

                    RequireFree(task, execution);
                    break;
                case AssignmentKind.Release:
                    TaskPermissions.RequireAssignee(task, command);
                    RequireFree(task, execution);
                    assignee = null;
                    break;
                default:
                    TaskPermissions.RequireHandler(task, command);
                    assignee = string.IsNullOrWhiteSpace(command.Assignee)
                        ? throw new WorkflowException("A transfer names the person who takes the task over (assignee).", WorkflowErrorKind.Invalid) { ElementId = task.ElementId }
                        : command.Assignee.Trim();
                    if (command.ActorGroups is not null)
                    {
                        RequireFree(task, execution);
                    }
                    else
                    {
                        EndHolds(task, execution); // an administrator's transfer overrides a delegation or an added signer
                    }

                    break;
            }

            task.Assignee = assignee;
            context.UpdateTask(task);
            instance.Dirty = true;
            context.History(instance, command.Kind switch
            {
                AssignmentKind.Claim => HistoryTypes.TaskClaimed,
                AssignmentKind.Release => HistoryTypes.TaskReleased,
                _ => HistoryTypes.TaskTransferred,
            }, node, execution, JsonSerializer.Serialize(new { from = previous, to = assignee }), task.Id, command.Comment);
            return task;
        }, ct);

    /// <summary>
    /// Adds a comment, an urge (催办: remind the handlers now — the delegate while a task is delegated) or a copy to
    /// readers (抄送: one copy row per reader for their "copied to me" list) to a task's history.
    /// </summary>
    public Task<HistoryNote> AnnotateTaskAsync(AnnotateTaskCommand command, CancellationToken ct = default) =>
        ExecuteAsync("annotate-task", command.RequestId, command.RequestFingerprint, command.Actor, async context =>
        {
            var (task, instance, execution) = await OpenTaskAsync(context, command.TaskId, ct);
            var node = instance.Model.GetNode(task.ElementId);
            TaskPermissions.RequireParticipant(task, command);
            instance.Dirty = true;
            switch (command.Kind)
            {
                case AnnotationKind.Urge:
                    TaskDeadlines.Remind(context, instance, execution, node, task, "urge");
                    context.History(instance, HistoryTypes.TaskUrged, node, execution, null, task.Id, command.Comment);
                    break;
                case AnnotationKind.Copy:
                    var readers = (command.Readers ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).Distinct(StringComparer.Ordinal).ToList();
                    if (readers.Count == 0)
                    {
                        throw new WorkflowException("A copy (抄送) names at least one reader.", WorkflowErrorKind.Invalid) { ElementId = task.ElementId };
                    }

                    foreach (var reader in readers)
                    {
                        context.AddCopy(instance, task, reader, command.Comment);
                    }

                    context.History(instance, HistoryTypes.TaskCopied, node, execution, JsonSerializer.Serialize(new { to = readers }), task.Id, command.Comment);
                    context.AddOutbox(instance.Id, "task-copy", JsonSerializer.Serialize(new
                    {
                        taskId = task.Id, instanceId = instance.Id, taskName = task.Name, businessKey = task.BusinessKey,
                        readers, by = command.Actor, comment = command.Comment,
                    }, EngineJson.Options), $"copy:{task.Id}:{context.Now.ToUnixTimeMilliseconds()}");
                    break;
                default:
                    context.History(instance, HistoryTypes.Comment, node, execution, null, task.Id, command.Comment);
                    break;
            }

            return new HistoryNote(instance.Id, task.Id, command.Kind, context.Now);
        }, ct);

    /// <summary>
    /// What the process picture marks: finished elements, where tokens stand now, elements where a decision went
    /// against the item (returns and rejected votes), and the sequence flows taken.
    /// </summary>
    public async Task<DiagramState> GetDiagramStateAsync(Guid instanceId, CancellationToken ct = default)
    {
        var record = await Store.GetInstanceAsync(instanceId, ct)
            ?? throw new WorkflowException($"Process instance {instanceId} does not exist.", WorkflowErrorKind.NotFound);
        var state = JsonSerializer.Deserialize<InstanceState>(record.StateJson, EngineJson.Options) ?? new InstanceState();
        var history = await Store.GetHistoryAsync(instanceId, ct);
        var finished = new SortedSet<string>(StringComparer.Ordinal);
        var rejected = new SortedSet<string>(StringComparer.Ordinal);
        var flows = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var e in history)
        {
            switch (e.Type)
            {
                case HistoryTypes.ElementCompleted when e.ElementId is not null:
                    finished.Add(e.ElementId);
                    break;
                case HistoryTypes.ElementStarted when e.Data is not null:
                    using (var data = JsonDocument.Parse(e.Data))
                    {
                        if (data.RootElement.TryGetProperty("flow", out var flow) && flow.GetString() is { } id)
                        {
                            flows.Add(id);
                        }
                    }

                    break;
                case HistoryTypes.TaskReturned or HistoryTypes.TaskRejected when e.ElementId is not null:
                    rejected.Add(e.ElementId);
                    break;
            }
        }

        var model = await GetModelAsync(record.DefinitionId, ct);
        foreach (var node in model.NodesById.Values.OfType<UserTaskNode>())
        {
            if (node.ApprovalMethod != ApprovalMethod.Single && state.Variables.TryGetValue(node.TallyVariable, out var t)
                && t is Dictionary<string, object?> tally && tally.TryGetValue("approved", out var approved) && approved is false)
            {
                rejected.Add(node.Id);
            }
        }

        var active = state.Executions.Select(e => e.ElementId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new DiagramState(instanceId, record.DefinitionId, record.Status, [.. finished], active, [.. rejected], [.. flows]);
    }

    /// <summary>
    /// Moves the token of a task back to <paramref name="targetId"/> (or the initiator's last task) after checking that
    /// it is an earlier node of the same scope; records <paramref name="historyType"/> on the task's node.
    /// </summary>
    private async Task ReturnAsync(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node, TaskRecord task,
        string targetId, string historyType, string? action, string? comment, CancellationToken ct)
    {
        var moving = CommandContext.IsMultiInstanceChild(instance, execution, node) ? instance.Parent(execution)! : execution;
        var scope = instance.ScopeOf(instance.Parent(moving));
        var history = await Store.GetHistoryAsync(instance.Id, ct);
        FlowNode target;
        string? assignTo = null;
        if (targetId == ReturnTaskCommand.Initiator)
        {
            target = InitiatorTask(instance, history, scope);
            assignTo = instance.Record.StartedBy;
        }
        else
        {
            if (!instance.Model.NodesById.TryGetValue(targetId, out target!))
            {
                throw new WorkflowException($"The process has no element '{targetId}' to return to.", WorkflowErrorKind.Invalid);
            }

            if (target.Scope != scope)
            {
                throw new WorkflowException($"'{target.Id}' is not in the same scope as '{node.Id}'; a task returns only to a node of its own (sub-)process.", WorkflowErrorKind.Invalid);
            }

            if (!history.Any(h => h.Type == HistoryTypes.ElementCompleted && h.ElementId == target.Id))
            {
                throw new WorkflowException($"'{target.Id}' has not been passed yet; a task returns only to an earlier node.", WorkflowErrorKind.Invalid);
            }
        }

        var data = action is null
            ? JsonSerializer.Serialize(new { to = target.Id, toName = target.Name })
            : JsonSerializer.Serialize(new { action, to = target.Id, toName = target.Name });
        context.History(instance, historyType, node, execution, data, task.Id, comment);
        context.CancelTree(instance, moving, removeSelf: false);
        moving.Role = ExecutionRole.Token;
        moving.Variables = null;
        moving.Items = null;
        moving.Signers = null;
        moving.AssignTo = target.MultiInstance is null ? assignTo : null;
        context.Schedule(() =>
        {
            context.Enter(instance, moving, target, null);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>退回发起人: the user task of this scope that the initiator completed last.</summary>
    private static FlowNode InitiatorTask(InstanceRuntime instance, IReadOnlyList<HistoryEvent> history, IFlowScope scope)
    {
        var initiator = instance.Record.StartedBy
            ?? throw new WorkflowException($"Instance {instance.Id} has no recorded initiator to return to. 该流程没有发起人，无法退回发起人。", WorkflowErrorKind.Invalid);
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var e = history[i];
            if (e.Type == HistoryTypes.TaskCompleted && e.Actor == initiator && e.ElementId is not null
                && instance.Model.NodesById.TryGetValue(e.ElementId, out var node) && node is UserTaskNode && node.MultiInstance is null && node.Scope == scope)
            {
                return node;
            }
        }

        throw new WorkflowException(
            $"The initiator '{initiator}' has completed no user task of this (sub-)process, so there is nothing to return to. 发起人未办理过本流程的任务，无法退回发起人；请选择要退回的节点。",
            WorkflowErrorKind.Invalid);
    }

    /// <summary>A delegated task (委派) is with its delegate until they resolve it back.</summary>
    private static void RequireNotDelegated(TaskRecord task)
    {
        if (task.Delegation == DelegationState.Pending)
        {
            throw new WorkflowException(
                $"Task '{task.Name ?? task.ElementId}' ({task.Id}) is delegated to '{task.Assignee}': resolve the delegated task back to its owner '{task.Owner}' first. 任务已委派，须由被委派人办理后交回。",
                WorkflowErrorKind.Conflict) { ElementId = task.ElementId };
        }
    }

    /// <summary>Neither delegated nor held by a signer added before its owner.</summary>
    private static void RequireFree(TaskRecord task, Execution execution)
    {
        RequireNotDelegated(task);
        if (AddedSigners.Holding(execution) is { } signer)
        {
            throw new WorkflowException(
                $"Task '{task.Name ?? task.ElementId}' ({task.Id}) is with the added signer '{signer.Signer}', who acts before '{task.Owner}'; wait for them or remove them first. 前加签人尚未办理。",
                WorkflowErrorKind.Conflict) { ElementId = task.ElementId };
        }
    }

    /// <summary>A trusted transfer ends a delegation and a before-signer's hold: the new assignee has the task outright.</summary>
    private static void EndHolds(TaskRecord task, Execution execution)
    {
        task.Owner = null;
        task.Delegation = DelegationState.None;
        execution.Signers?.RemoveAll(s => s.Position == SignerPosition.Before && s.Acting);
        if (execution.Signers is { Count: 0 })
        {
            execution.Signers = null;
        }
    }

    /// <summary>审批意见必填: <c>wf:commentRequired</c> on the node.</summary>
    private static void RequireComment(UserTaskNode node, string? comment, bool rejecting)
    {
        var required = node.CommentRequired == CommentRequirement.Always || (rejecting && node.CommentRequired == CommentRequirement.OnReject);
        if (required && string.IsNullOrWhiteSpace(comment))
        {
            throw new WorkflowException(
                $"Task '{node.Name ?? node.Id}' requires a comment{(rejecting ? " to reject or return it" : "")}: write your opinion. 审批意见必填。",
                WorkflowErrorKind.Invalid) { ElementId = node.Id };
        }
    }

    private async Task<(TaskRecord Task, InstanceRuntime Instance, Execution Execution)> OpenTaskAsync(CommandContext context, Guid taskId, CancellationToken ct)
    {
        var task = await Store.GetTaskAsync(taskId, ct)
            ?? throw new WorkflowException($"Task {taskId} does not exist or is already completed.", WorkflowErrorKind.NotFound);
        var instance = await context.LoadInstanceAsync(task.InstanceId);
        var execution = instance.Find(task.ExecutionId);
        if (execution is null || execution.TaskId != task.Id || !instance.IsActive)
        {
            throw new WorkflowException($"Task {taskId} is already completed.", WorkflowErrorKind.Conflict);
        }

        return (task, instance, execution);
    }
}
