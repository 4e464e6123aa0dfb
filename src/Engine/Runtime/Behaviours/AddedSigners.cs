using System.Text.Json;
using Workflows.Engine.Model;
using Workflows.Engine.Persistence;

namespace Workflows.Engine.Runtime.Behaviours;

/// <summary>
/// Signers added to a node (加签 / 减签). On a parallel multi-instance activity an added signer is one more instance;
/// on a sequential one a new turn, before or after the current one; on a single user task the signers live in the
/// execution's state: a before-signer holds the task (the task's owner is the one who added them) and gives it back
/// with their opinion; after-signers get a task of the same node, one after another, before the token moves on.
/// </summary>
internal static class AddedSigners
{
    /// <summary>The before-signer (前加签) holding a single task, if any.</summary>
    public static AddedSigner? Holding(Execution execution) =>
        execution.Signers?.Find(s => s.Position == SignerPosition.Before && s.Acting);

    /// <summary>
    /// Completes a user task with its added signers in mind: a before-signer's completion is their opinion (recorded;
    /// the task goes back to its owner); after a completion the next after-signer gets the task; otherwise the node
    /// completes and the token moves on.
    /// </summary>
    public static void Complete(CommandContext context, InstanceRuntime instance, Execution execution, UserTaskNode node, TaskRecord task,
        IReadOnlyDictionary<string, object?>? variables, string? comment)
    {
        if (Holding(execution) is { } before)
        {
            RecordOpinion(context, instance, execution, node, task, variables, comment, rejected: false);
            GiveBack(context, instance, execution, task, before);
            return;
        }

        if (execution.Signers is { Count: > 0 } signers)
        {
            signers.RemoveAll(s => s.Acting); // the after-signer who has just acted
            var next = signers.Find(s => s.Position == SignerPosition.After);
            if (next is not null)
            {
                UserTaskBehaviour.RecordCompletion(context, instance, execution, node, task, variables, comment);
                next.Acting = true;
                UserTaskBehaviour.Reissue(context, instance, execution, node, task, next.Signer);
                return;
            }
        }

        execution.Waiting = false;
        UserTaskBehaviour.Complete(context, instance, execution, node, task, variables, comment);
    }

    /// <summary>A before-signer's opinion, recorded in the history; the process variables stay the owner's to set.</summary>
    public static void RecordOpinion(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node, TaskRecord task,
        IReadOnlyDictionary<string, object?>? variables, string? comment, bool rejected) =>
        context.History(instance, HistoryTypes.SignerCompleted, node, execution,
            JsonSerializer.Serialize(new { owner = task.Owner, decision = rejected ? "rejected" : "approved", variables }, EngineJson.Options), task.Id, comment);

    /// <summary>The before-signer is done (or removed): the task is its owner's again.</summary>
    public static void GiveBack(CommandContext context, InstanceRuntime instance, Execution execution, TaskRecord task, AddedSigner before)
    {
        task.Assignee = task.Owner ?? before.AddedBy;
        task.Owner = null;
        context.UpdateTask(task);
        Forget(execution, before);
        instance.Dirty = true;
    }

    /// <summary>
    /// 加签 on a single user task. Before: the signer takes the task now and the actor becomes its owner. After: the
    /// signer is asked when the task is completed, before the token moves on.
    /// </summary>
    public static void AddToTask(CommandContext context, InstanceRuntime instance, Execution execution, TaskRecord task, string signer, SignerPosition position)
    {
        var by = context.Actor ?? task.Assignee;
        if (position == SignerPosition.Before)
        {
            var owner = task.Assignee ?? context.Actor
                ?? throw new WorkflowException($"Task {task.Id} has no assignee to come back to; claim it before adding a signer before you.", WorkflowErrorKind.Invalid) { ElementId = task.ElementId };
            task.Owner = owner;
            task.Assignee = signer;
            context.UpdateTask(task);
            (execution.Signers ??= []).Add(new AddedSigner { Signer = signer, AddedBy = by, Position = position, Acting = true });
        }
        else
        {
            (execution.Signers ??= []).Add(new AddedSigner { Signer = signer, AddedBy = by, Position = position });
        }

        instance.Dirty = true;
    }

    /// <summary>
    /// 减签 on a single user task: a before-signer who holds the task gives it back unheard; a waiting after-signer is
    /// dropped; the after-signer being asked now is passed over (the next one is asked, or the token moves on).
    /// </summary>
    public static void RemoveFromTask(CommandContext context, InstanceRuntime instance, Execution execution, UserTaskNode node, TaskRecord task, AddedSigner signer)
    {
        if (signer.Position == SignerPosition.Before)
        {
            GiveBack(context, instance, execution, task, signer);
            return;
        }

        Forget(execution, signer);
        instance.Dirty = true;
        if (!signer.Acting)
        {
            return;
        }

        if (execution.Signers?.Find(s => s.Position == SignerPosition.After) is { } next)
        {
            next.Acting = true;
            UserTaskBehaviour.Reissue(context, instance, execution, node, task, next.Signer);
            return;
        }

        execution.Waiting = false;
        execution.Signers = null;
        context.Leave(instance, execution, node);
    }

    private static void Forget(Execution execution, AddedSigner signer)
    {
        execution.Signers?.Remove(signer);
        if (execution.Signers is { Count: 0 })
        {
            execution.Signers = null;
        }
    }
}
