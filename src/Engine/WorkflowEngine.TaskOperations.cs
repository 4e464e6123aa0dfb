using System.Text.Json;
using Workflows.Engine.Model;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.Behaviours;

namespace Workflows.Engine;

/// <summary>The approval operations users expect: reject, delegate and resolve, add and remove signers, withdraw, urge.</summary>
public sealed partial class WorkflowEngine
{
    /// <summary>
    /// 驳回. On an approval vote a vote against; a signer added before the owner records their rejection and gives the
    /// task back; otherwise the node's <see cref="UserTaskNode.RejectAction"/>: the outcome variable set to false and
    /// the token moves on (history <see cref="HistoryTypes.TaskRejected"/> instead of a completion), the instance
    /// terminated, or the token returned to <see cref="UserTaskNode.RejectTo"/>.
    /// </summary>
    public Task<InstanceView> RejectTaskAsync(RejectTaskCommand command, CancellationToken ct = default) =>
        ExecuteAsync("reject-task", command.RequestId, command.RequestFingerprint, command.Actor, async context =>
        {
            var (task, instance, execution) = await OpenTaskAsync(context, command.TaskId, ct);
            var node = (UserTaskNode)instance.Model.GetNode(task.ElementId);
            TaskPermissions.RequireHandler(task, command);
            RequireNotDelegated(task);
            RequireComment(node, command.Comment, rejecting: true);
            OwnedVariables.Refuse(instance.Model, command.Variables);
            if (AddedSigners.Holding(execution) is { } before)
            {
                AddedSigners.RecordOpinion(context, instance, execution, node, task, command.Variables, command.Comment, rejected: true);
                AddedSigners.GiveBack(context, instance, execution, task, before);
            }
            else if (ApprovalVoting.Applies(node) && CommandContext.IsMultiInstanceChild(instance, execution, node))
            {
                var ballot = new Dictionary<string, object?>(command.Variables ?? new Dictionary<string, object?>(), StringComparer.Ordinal) { ["vote"] = "against" };
                execution.Waiting = false;
                UserTaskBehaviour.Complete(context, instance, execution, node, task, ballot, command.Comment);
            }
            else
            {
                await RejectByRuleAsync(context, instance, execution, node, task, command, ct);
            }

            await context.RunAgendaAsync();
            return View(instance);
        }, ct);

    private async Task RejectByRuleAsync(CommandContext context, InstanceRuntime instance, Execution execution, UserTaskNode node, TaskRecord task,
        RejectTaskCommand command, CancellationToken ct)
    {
        switch (node.RejectAction)
        {
            case RejectAction.End:
                context.History(instance, HistoryTypes.TaskRejected, node, execution, JsonSerializer.Serialize(new { action = "end" }), task.Id, command.Comment);
                context.SetVariables(instance, execution, command.Variables);
                instance.SetVariable(null, node.OutcomeVariable, false);
                context.CancelInstanceTree(instance, InstanceStatus.Terminated);
                break;
            case RejectAction.Return:
                context.SetVariables(instance, execution, command.Variables);
                var target = node.RejectTo == UserTaskNode.RejectToInitiator ? ReturnTaskCommand.Initiator : node.RejectTo!;
                await ReturnAsync(context, instance, execution, node, task, target, HistoryTypes.TaskRejected, "return", command.Comment, ct);
                break;
            default:
                var variables = new Dictionary<string, object?>(command.Variables ?? new Dictionary<string, object?>(), StringComparer.Ordinal) { [node.OutcomeVariable] = false };
                UserTaskBehaviour.RecordCompletion(context, instance, execution, node, task, variables, command.Comment, HistoryTypes.TaskRejected,
                    JsonSerializer.Serialize(new { action = "outcome", variables }, EngineJson.Options));
                execution.Waiting = false;
                execution.Signers = null; // a rejection is final: signers added after are not asked
                context.Leave(instance, execution, node);
                break;
        }
    }

    /// <summary>
    /// 委派: the delegate gets the task to work on and resolves it back; the actor (the assignee) becomes its owner.
    /// While delegated, nobody can complete, reject or return it.
    /// </summary>
    public Task<TaskRecord> DelegateTaskAsync(DelegateTaskCommand command, CancellationToken ct = default) =>
        ExecuteAsync("delegate-task", command.RequestId, command.RequestFingerprint, command.Actor, async context =>
        {
            var (task, instance, execution) = await OpenTaskAsync(context, command.TaskId, ct);
            var node = instance.Model.GetNode(task.ElementId);
            TaskPermissions.RequireHandler(task, command);
            RequireFree(task, execution);
            var owner = task.Assignee ?? command.Actor
                ?? throw new WorkflowException($"Task {task.Id} has no assignee to delegate for; claim it first.", WorkflowErrorKind.Invalid) { ElementId = task.ElementId };
            var delegateTo = RequireUser(command.Delegate, "delegate", task);
            if (delegateTo == owner)
            {
                throw new WorkflowException($"'{owner}' cannot delegate task {task.Id} to themselves. 不能委派给自己。", WorkflowErrorKind.Invalid) { ElementId = task.ElementId };
            }

            task.Owner = owner;
            task.Assignee = delegateTo;
            task.Delegation = DelegationState.Pending;
            context.UpdateTask(task);
            instance.Dirty = true;
            context.History(instance, HistoryTypes.TaskDelegated, node, execution, JsonSerializer.Serialize(new { from = owner, to = delegateTo }), task.Id, command.Comment);
            return task;
        }, ct);

    /// <summary>The delegate resolves a delegated task back to its owner (with the variables of their work, if any).</summary>
    public Task<TaskRecord> ResolveTaskAsync(ResolveTaskCommand command, CancellationToken ct = default) =>
        ExecuteAsync("resolve-task", command.RequestId, command.RequestFingerprint, command.Actor, async context =>
        {
            var (task, instance, execution) = await OpenTaskAsync(context, command.TaskId, ct);
            var node = instance.Model.GetNode(task.ElementId);
            TaskPermissions.RequireAssignee(task, command);
            if (task.Delegation != DelegationState.Pending)
            {
                throw new WorkflowException($"Task '{task.Name ?? task.ElementId}' ({task.Id}) is not delegated; there is nothing to resolve. 该任务未委派。", WorkflowErrorKind.Conflict) { ElementId = task.ElementId };
            }

            OwnedVariables.Refuse(instance.Model, command.Variables);
            context.SetVariables(instance, execution, command.Variables);
            var delegateUser = task.Assignee;
            task.Assignee = task.Owner;
            task.Delegation = DelegationState.Resolved;
            context.UpdateTask(task);
            instance.Dirty = true;
            context.History(instance, HistoryTypes.TaskResolved, node, execution,
                JsonSerializer.Serialize(new { from = delegateUser, to = task.Owner, variables = command.Variables }, EngineJson.Options), task.Id, command.Comment);
            return task;
        }, ct);

    /// <summary>
    /// 加签: adds a signer to the node of a task — a ballot of their own on a parallel vote, a turn before or after the
    /// actor's on a sequential one, and on a single task the signer acts before the actor (the task comes back) or after.
    /// </summary>
    public Task<InstanceView> AddSignerAsync(AddSignerCommand command, CancellationToken ct = default) =>
        ExecuteAsync("add-signer", command.RequestId, command.RequestFingerprint, command.Actor, async context =>
        {
            var (task, instance, execution) = await OpenTaskAsync(context, command.TaskId, ct);
            var node = (UserTaskNode)instance.Model.GetNode(task.ElementId);
            TaskPermissions.RequireHandler(task, command);
            RequireFree(task, execution);
            var signer = RequireUser(command.Signer, "signer", task);
            if (signer == task.Assignee || signer == command.Actor)
            {
                throw new WorkflowException($"'{signer}' already handles task {task.Id}; add someone else. 不能给自己加签。", WorkflowErrorKind.Invalid) { ElementId = task.ElementId };
            }

            var body = CommandContext.IsMultiInstanceChild(instance, execution, node) ? instance.Parent(execution)! : null;
            var already = body is null ? execution.Signers?.Any(s => s.Signer == signer) == true
                : node.MultiInstance!.IsSequential ? RemainingTurn(body, MultiInstanceBehaviour.LoopCounterOf(execution), signer) >= 0
                : (await OpenBallotsAsync(instance, body, ct)).Any(t => t.Assignee == signer);
            if (already)
            {
                throw new WorkflowException($"'{signer}' is already a signer of '{node.Name ?? node.Id}' who has not acted yet. 该人员已在待办理的签核人中。", WorkflowErrorKind.Conflict) { ElementId = node.Id };
            }

            context.History(instance, HistoryTypes.SignerAdded, node, execution,
                JsonSerializer.Serialize(new { signer, position = command.Position.ToString().ToLowerInvariant() }), task.Id, command.Comment);
            if (body is null)
            {
                AddedSigners.AddToTask(context, instance, execution, task, signer, command.Position);
            }
            else if (!node.MultiInstance!.IsSequential)
            {
                MultiInstanceBehaviour.AddParallelInstance(context, instance, body, node, signer);
            }
            else
            {
                var index = MultiInstanceBehaviour.LoopCounterOf(execution);
                var added = new AddedSigner { Signer = signer, AddedBy = command.Actor ?? task.Assignee, Position = command.Position };
                MultiInstanceBehaviour.InsertSequential(instance, body, node, command.Position == SignerPosition.After ? index + 1 : index, added);
                if (command.Position == SignerPosition.Before)
                {
                    MultiInstanceBehaviour.RestartSequentialTurn(context, instance, body, node, execution);
                }
            }

            await context.RunAgendaAsync();
            return View(instance);
        }, ct);

    /// <summary>
    /// 减签: removes a signer who has not acted yet — an open ballot of a parallel vote (not the actor's, not the last
    /// one; the vote is decided now if that makes it certain), a turn still to come in a sequence, or a signer added to
    /// a single task (only by the one who added them).
    /// </summary>
    public Task<InstanceView> RemoveSignerAsync(RemoveSignerCommand command, CancellationToken ct = default) =>
        ExecuteAsync("remove-signer", command.RequestId, command.RequestFingerprint, command.Actor, async context =>
        {
            var (task, instance, execution) = await OpenTaskAsync(context, command.TaskId, ct);
            var node = (UserTaskNode)instance.Model.GetNode(task.ElementId);
            RequireNotDelegated(task);
            var signer = RequireUser(command.Signer, "signer", task);
            if (!CommandContext.IsMultiInstanceChild(instance, execution, node))
            {
                var added = execution.Signers?.Find(s => s.Signer == signer) ?? throw NotPending(signer, node);
                if (command.ActorGroups is not null && command.Actor != added.AddedBy)
                {
                    throw new WorkflowException($"'{signer}' was added by '{added.AddedBy}'; only they may remove the signer. 只能减签自己所加的签。", WorkflowErrorKind.Forbidden) { ElementId = node.Id };
                }

                RecordRemoval(added.Position.ToString().ToLowerInvariant());
                AddedSigners.RemoveFromTask(context, instance, execution, node, task, added);
            }
            else
            {
                TaskPermissions.RequireHandler(task, command);
                if (signer == command.Actor || signer == task.Assignee)
                {
                    throw new WorkflowException($"'{signer}' cannot remove themselves from '{node.Name ?? node.Id}'; reject or return instead. 不能减签自己。", WorkflowErrorKind.Invalid) { ElementId = node.Id };
                }

                var body = instance.Parent(execution)!;
                if (node.MultiInstance!.IsSequential)
                {
                    var turn = RemainingTurn(body, MultiInstanceBehaviour.LoopCounterOf(execution), signer);
                    if (turn < 0)
                    {
                        throw NotPending(signer, node);
                    }

                    RecordRemoval("sequence");
                    MultiInstanceBehaviour.RemoveSequential(instance, body, node, turn);
                }
                else
                {
                    var ballot = (await OpenBallotsAsync(instance, body, ct)).FirstOrDefault(t => t.Assignee == signer) ?? throw NotPending(signer, node);
                    if (MultiInstanceBehaviour.InstanceCount(body) <= 1)
                    {
                        throw new WorkflowException($"'{signer}' is the last signer of '{node.Name ?? node.Id}' and cannot be removed.", WorkflowErrorKind.Conflict) { ElementId = node.Id };
                    }

                    RecordRemoval("parallel");
                    MultiInstanceBehaviour.RemoveParallelInstance(context, instance, body, node, instance.Get(ballot.ExecutionId));
                }
            }

            await context.RunAgendaAsync();
            return View(instance);

            void RecordRemoval(string position) => context.History(instance, HistoryTypes.SignerRemoved, node, execution,
                JsonSerializer.Serialize(new { signer, position }), task.Id, command.Comment);
        }, ct);

    /// <summary>
    /// 撤回: the initiator, or the one who completed a task last, takes the item back while nobody has acted since their
    /// last completion. The open tasks (all created since then, in the scope of that task) are cancelled and the token
    /// goes back to the task they completed, assigned to them again.
    /// </summary>
    public Task<InstanceView> WithdrawAsync(WithdrawCommand command, CancellationToken ct = default) =>
        ExecuteAsync("withdraw", command.RequestId, command.RequestFingerprint, command.Actor, async context =>
        {
            var actor = string.IsNullOrWhiteSpace(command.Actor)
                ? throw new WorkflowException("A withdrawal names its actor: the one who takes the item back.", WorkflowErrorKind.Invalid)
                : command.Actor;
            var instance = await context.LoadInstanceAsync(command.InstanceId);
            if (!instance.IsActive)
            {
                throw new WorkflowException($"Instance {instance.Id} is already {instance.Record.Status.ToString().ToLowerInvariant()}; there is nothing to withdraw. 流程已结束，无法撤回。", WorkflowErrorKind.Conflict);
            }

            var history = await Store.GetHistoryAsync(instance.Id, ct);
            var plan = Withdrawal.Plan(instance, history, actor);
            context.History(instance, HistoryTypes.InstanceWithdrawn, plan.Target, null,
                JsonSerializer.Serialize(new { from = plan.OpenElementIds, to = plan.Target.Id }), comment: command.Comment);
            foreach (var token in instance.Children(plan.Scope?.Id).ToList())
            {
                context.CancelTree(instance, token, removeSelf: true);
            }

            var execution = instance.CreateExecution(plan.Scope?.Id, plan.Target.Id);
            execution.AssignTo = actor;
            context.Schedule(() =>
            {
                context.Enter(instance, execution, plan.Target, null);
                return ValueTask.CompletedTask;
            });
            await context.RunAgendaAsync();
            return View(instance);
        }, ct);

    /// <summary>
    /// 催办 from the instance: reminds the handlers of every open task now. With actor groups, only the initiator may.
    /// </summary>
    public Task<IReadOnlyList<HistoryNote>> UrgeInstanceAsync(UrgeInstanceCommand command, CancellationToken ct = default) =>
        ExecuteAsync<IReadOnlyList<HistoryNote>>("urge-instance", command.RequestId, command.RequestFingerprint, command.Actor, async context =>
        {
            var instance = await context.LoadInstanceAsync(command.InstanceId);
            if (command.ActorGroups is not null && (command.Actor is null || command.Actor != instance.Record.StartedBy))
            {
                throw new WorkflowException($"Only the initiator of instance {instance.Id} may urge it from the instance; urge a task you handle instead. 只有发起人可以催办。", WorkflowErrorKind.Forbidden);
            }

            if (!instance.IsActive)
            {
                throw new WorkflowException($"Instance {instance.Id} is already {instance.Record.Status.ToString().ToLowerInvariant()}; there is nobody to urge.", WorkflowErrorKind.Conflict);
            }

            var notes = new List<HistoryNote>();
            foreach (var task in await Store.GetTasksOfInstanceAsync(instance.Id, ct))
            {
                if (instance.Find(task.ExecutionId) is not { } execution || execution.TaskId != task.Id)
                {
                    continue;
                }

                var node = instance.Model.GetNode(task.ElementId);
                TaskDeadlines.Remind(context, instance, execution, node, task, "urge");
                context.History(instance, HistoryTypes.TaskUrged, node, execution, null, task.Id, command.Comment);
                notes.Add(new HistoryNote(instance.Id, task.Id, AnnotationKind.Urge, context.Now));
            }

            instance.Dirty = true;
            return notes;
        }, ct);

    /// <summary>The open tasks of the instances of a multi-instance body.</summary>
    private async Task<List<TaskRecord>> OpenBallotsAsync(InstanceRuntime instance, Execution body, CancellationToken ct)
    {
        var children = instance.Children(body.Id).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        return (await Store.GetTasksOfInstanceAsync(instance.Id, ct)).Where(t => children.Contains(t.ExecutionId)).ToList();
    }

    /// <summary>The index of a turn after <paramref name="current"/> in a sequence that is <paramref name="signer"/>'s, or -1.</summary>
    private static int RemainingTurn(Execution body, int current, string signer)
    {
        var items = body.Items!;
        for (var i = current + 1; i < items.Count; i++)
        {
            if (body.Signers?.Find(s => s.Index == i)?.Signer == signer || (items[i] is string item && item == signer))
            {
                return i;
            }
        }

        return -1;
    }

    private static string RequireUser(string? user, string what, TaskRecord task) =>
        string.IsNullOrWhiteSpace(user)
            ? throw new WorkflowException($"Name the {what} (a user id).", WorkflowErrorKind.Invalid) { ElementId = task.ElementId }
            : user.Trim();

    private static WorkflowException NotPending(string signer, FlowNode node) =>
        new($"'{signer}' has no turn still to come at '{node.Name ?? node.Id}': they have already acted, are acting now, or were never asked. 该人员已处理或不在待处理的签核人中，无法减签。",
            WorkflowErrorKind.Conflict) { ElementId = node.Id };
}
