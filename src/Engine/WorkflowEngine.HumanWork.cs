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
    /// token back to an earlier node of the same scope that the instance has already passed.
    /// </summary>
    public Task<InstanceView> ReturnToAsync(ReturnTaskCommand command, CancellationToken ct = default) =>
        ExecuteAsync("return-task", command.RequestId, command.Actor, async context =>
        {
            var (task, instance, execution) = await OpenTaskAsync(context, command.TaskId, ct);
            var node = instance.Model.GetNode(task.ElementId);
            var moving = CommandContext.IsMultiInstanceChild(instance, execution, node) ? instance.Parent(execution)! : execution;
            if (!instance.Model.NodesById.TryGetValue(command.TargetElementId, out var target))
            {
                throw new WorkflowException($"The process has no element '{command.TargetElementId}' to return to.", WorkflowErrorKind.Invalid);
            }

            var scope = instance.ScopeOf(instance.Parent(moving));
            if (target.Scope != scope)
            {
                throw new WorkflowException($"'{target.Id}' is not in the same scope as '{node.Id}'; a task returns only to a node of its own (sub-)process.", WorkflowErrorKind.Invalid);
            }

            var history = await Store.GetHistoryAsync(instance.Id, ct);
            if (!history.Any(h => h.Type == HistoryTypes.ElementCompleted && h.ElementId == target.Id))
            {
                throw new WorkflowException($"'{target.Id}' has not been passed yet; a task returns only to an earlier node.", WorkflowErrorKind.Invalid);
            }

            context.History(instance, HistoryTypes.TaskReturned, node, execution,
                JsonSerializer.Serialize(new { to = target.Id, toName = target.Name }), task.Id, command.Comment);
            context.CancelTree(instance, moving, removeSelf: false);
            moving.Role = ExecutionRole.Token;
            moving.Variables = null;
            moving.Items = null;
            context.Schedule(() =>
            {
                context.Enter(instance, moving, target, null);
                return ValueTask.CompletedTask;
            });
            await context.RunAgendaAsync();
            return View(instance);
        }, ct);

    /// <summary>Claims, releases or hands over a task (认领, 释放, 转办): only the assignment changes, with history.</summary>
    public Task<TaskRecord> AssignTaskAsync(AssignTaskCommand command, CancellationToken ct = default) =>
        ExecuteAsync("assign-task", command.RequestId, command.Actor, async context =>
        {
            var (task, instance, execution) = await OpenTaskAsync(context, command.TaskId, ct);
            var node = instance.Model.GetNode(task.ElementId);
            var previous = task.Assignee;
            task.Assignee = command.Assignee;
            context.UpdateTask(task);
            instance.Dirty = true;
            context.History(instance, command.Kind switch
            {
                AssignmentKind.Claim => HistoryTypes.TaskClaimed,
                AssignmentKind.Release => HistoryTypes.TaskReleased,
                _ => HistoryTypes.TaskTransferred,
            }, node, execution, JsonSerializer.Serialize(new { from = previous, to = command.Assignee }), task.Id, command.Comment);
            return task;
        }, ct);

    /// <summary>Adds a comment, an urge (催办: remind the handlers now) or a copy to readers (抄送) to a task's history.</summary>
    public Task<HistoryNote> AnnotateTaskAsync(AnnotateTaskCommand command, CancellationToken ct = default) =>
        ExecuteAsync("annotate-task", command.RequestId, command.Actor, async context =>
        {
            var (task, instance, execution) = await OpenTaskAsync(context, command.TaskId, ct);
            var node = instance.Model.GetNode(task.ElementId);
            instance.Dirty = true;
            switch (command.Kind)
            {
                case AnnotationKind.Urge:
                    TaskDeadlines.Remind(context, instance, execution, node, task, "urge");
                    context.History(instance, HistoryTypes.TaskUrged, node, execution, null, task.Id, command.Comment);
                    break;
                case AnnotationKind.Copy:
                    context.History(instance, HistoryTypes.TaskCopied, node, execution, JsonSerializer.Serialize(new { to = command.Readers }), task.Id, command.Comment);
                    context.AddOutbox(instance.Id, "task-copy", JsonSerializer.Serialize(new
                    {
                        taskId = task.Id, instanceId = instance.Id, taskName = task.Name, businessKey = task.BusinessKey,
                        readers = command.Readers, by = command.Actor, comment = command.Comment,
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
                case HistoryTypes.TaskReturned when e.ElementId is not null:
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
