using System.Globalization;
using System.Text.Json;
using Workflows.Engine.Model;
using Workflows.Engine.Persistence;
using Workflows.Engine.Time;

namespace Workflows.Engine.Runtime.Behaviours;

/// <summary>
/// Deadlines of user tasks: reminders before the due time (<c>wf:remindBefore</c>, then every
/// <c>wf:remindEvery</c>) and the timeout action at the due time (<c>wf:timeoutAction</c>: remind, approve,
/// reject, escalate). Each is a job row of the task's execution, so completing the task drops them, and
/// each firing is recorded in the history with the reason "timeout".
/// </summary>
internal static class TaskDeadlines
{
    public const string ReminderKind = "task-reminder";
    public const string TimeoutKind = "task-timeout";
    public const string Reason = "timeout";

    public static void Schedule(CommandContext context, InstanceRuntime instance, Execution execution, UserTaskNode node, TaskRecord task)
    {
        if (task.DueAt is not { } due)
        {
            return;
        }

        if (node.TimeoutAction != TaskTimeoutAction.None)
        {
            Add(context, instance, execution, node, TimeoutKind, due);
        }

        DateTimeOffset? first = null;
        if (node.RemindBefore is not null)
        {
            first = Duration(context, instance, execution, node, node.RemindBefore).Previous(due, context.Engine.WorkingDays);
            if (first < context.Now)
            {
                first = context.Now;
            }
        }
        else if (node.RemindEvery is not null)
        {
            first = Duration(context, instance, execution, node, node.RemindEvery).Next(context.Now, context.Engine.WorkingDays);
        }

        if (first is { } at && at < due)
        {
            Add(context, instance, execution, node, ReminderKind, at);
        }
    }

    public static void FireReminder(CommandContext context, InstanceRuntime instance, Execution execution, UserTaskNode node, TaskRecord task, JobRecord job)
    {
        Remind(context, instance, execution, node, task, "reminder");
        if (node.RemindEvery is not null && task.DueAt is { } due)
        {
            var next = Duration(context, instance, execution, node, node.RemindEvery).Next(job.DueAt, context.Engine.WorkingDays);
            if (next < due)
            {
                Add(context, instance, execution, node, ReminderKind, next);
            }
        }
    }

    public static void FireTimeout(CommandContext context, InstanceRuntime instance, Execution execution, UserTaskNode node, TaskRecord task)
    {
        var data = JsonSerializer.Serialize(new { reason = Reason, action = node.TimeoutAction.ToString().ToLowerInvariant(), dueAt = task.DueAt });
        switch (node.TimeoutAction)
        {
            case TaskTimeoutAction.Approve:
            case TaskTimeoutAction.Reject:
                context.History(instance, HistoryTypes.TaskTimedOut, node, execution, data, task.Id, Reason);
                execution.Waiting = false;
                UserTaskBehaviour.Complete(context, instance, execution, node, task,
                    new Dictionary<string, object?> { [node.OutcomeVariable] = node.TimeoutAction == TaskTimeoutAction.Approve }, Reason);
                break;
            case TaskTimeoutAction.Escalate:
                context.History(instance, HistoryTypes.TaskTimedOut, node, execution, data, task.Id, Reason);
                task.Assignee = null;
                task.Owner = null; // an escalated task belongs to the role now: no delegation or added signer holds it
                task.Delegation = DelegationState.None;
                execution.Signers = null;
                task.CandidateUsers = [];
                task.CandidateGroups = [node.EscalateTo!];
                context.UpdateTask(task);
                context.History(instance, HistoryTypes.TaskEscalated, node, execution, JsonSerializer.Serialize(new { reason = Reason, to = node.EscalateTo }), task.Id, Reason);
                Remind(context, instance, execution, node, task, Reason);
                break;
            default:
                context.History(instance, HistoryTypes.TaskTimedOut, node, execution, data, task.Id, Reason);
                Remind(context, instance, execution, node, task, Reason);
                break;
        }
    }

    /// <summary>
    /// A reminder leaves through the outbox (mail in the host) and is recorded in the history. It goes to whoever has
    /// the task now: the assignee (the delegate while the task is delegated, the signer while an added signer holds it)
    /// or, when unassigned, the candidates; the owner is named too.
    /// </summary>
    public static void Remind(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node, TaskRecord task, string reason)
    {
        var payload = JsonSerializer.Serialize(new
        {
            taskId = task.Id,
            instanceId = instance.Id,
            elementId = node.Id,
            taskName = node.Name,
            businessKey = instance.Record.BusinessKey,
            definitionKey = instance.Record.DefinitionKey,
            assignee = task.Assignee,
            owner = task.Owner,
            candidateUsers = task.CandidateUsers,
            candidateGroups = task.CandidateGroups,
            dueAt = task.DueAt,
            reason,
        }, EngineJson.Options);
        context.AddOutbox(instance.Id, "task-reminder", payload, $"reminder:{task.Id}:{context.Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}");
        context.History(instance, HistoryTypes.TaskReminded, node, execution, JsonSerializer.Serialize(new { reason }), task.Id, reason == Reason ? Reason : null);
    }

    private static void Add(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node, string kind, DateTimeOffset due)
    {
        var job = TimerJobs.NewJob(context, instance.Id, execution.Id, node.Id, due, null);
        job.Kind = kind;
        context.AddJob(job);
        (execution.JobIds ??= []).Add(job.Id);
        instance.Dirty = true;
    }

    private static TimerSchedule Duration(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node, string text)
    {
        var value = Convert.ToString(context.EvaluateIfExpression(instance, execution, text, node.Id), CultureInfo.InvariantCulture) ?? "";
        try
        {
            return TimerSchedule.ForDuration(value);
        }
        catch (FormatException ex)
        {
            throw new WorkflowException($"User task '{node.Id}': {ex.Message}", WorkflowErrorKind.ProcessFailure, ex) { ElementId = node.Id };
        }
    }
}
