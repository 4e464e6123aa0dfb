using System.Globalization;
using System.Text.Json;
using Workflows.Engine.Activities;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;
using Workflows.Engine.Persistence;
using Workflows.Engine.Time;

namespace Workflows.Engine.Runtime.Behaviours;

/// <summary>
/// User task (BPMN 2.0 §10.3.3): creates a task row with its assignee, candidate users and groups
/// (expressions evaluated now) and waits until a command completes it.
/// </summary>
internal sealed class UserTaskBehaviour : Behaviour
{
    public override void Enter(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node)
    {
        var userTask = (UserTaskNode)node;
        var assignTo = execution.AssignTo;
        execution.AssignTo = null;
        var task = new TaskRecord
        {
            Id = Guid.CreateVersion7(),
            InstanceId = instance.Id,
            ExecutionId = execution.Id,
            ElementId = node.Id,
            Name = node.Name,
            DefinitionKey = instance.Record.DefinitionKey,
            BusinessKey = instance.Record.BusinessKey,
            Assignee = assignTo ?? (userTask.Assignee is null ? null : AsText(context.EvaluateIfExpression(instance, execution, userTask.Assignee, node.Id))),
            CandidateUsers = Expand(context, instance, execution, node, userTask.CandidateUsers),
            CandidateGroups = Expand(context, instance, execution, node, userTask.CandidateGroups),
            FormKey = userTask.FormKey,
            CreatedAt = context.Now,
            DueAt = userTask.DueDate is null ? null : DueAt(context, instance, execution, node, userTask.DueDate),
            Priority = userTask.Priority is null ? 50 : Convert.ToInt32(context.EvaluateIfExpression(instance, execution, userTask.Priority, node.Id), CultureInfo.InvariantCulture),
            OrganizationPath = instance.Record.OrganizationPath,
            Campaign = instance.Record.Campaign,
            StartedBy = instance.Record.StartedBy,
        };
        context.AddTask(task);
        execution.TaskId = task.Id;
        execution.Waiting = true;
        context.History(instance, HistoryTypes.TaskCreated, node, execution, taskId: task.Id);
        TaskDeadlines.Schedule(context, instance, execution, userTask, task);
    }

    /// <summary>Completes the task: variables are set, the token moves on.</summary>
    public static void Complete(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node, TaskRecord task, IReadOnlyDictionary<string, object?>? variables, string? comment)
    {
        RecordCompletion(context, instance, execution, node, task, variables, comment);
        execution.Signers = null;
        context.Leave(instance, execution, node);
    }

    /// <summary>Sets the variables of a completion (a vote is counted) and records it, without moving the token.</summary>
    public static void RecordCompletion(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node, TaskRecord task,
        IReadOnlyDictionary<string, object?>? variables, string? comment, string historyType = HistoryTypes.TaskCompleted, string? data = null)
    {
        var toSet = ApprovalVoting.Applies(node) && CommandContext.IsMultiInstanceChild(instance, execution, node)
            ? ApprovalVoting.RecordVote(context, instance, execution, (UserTaskNode)node, variables)
            : variables;
        context.SetVariables(instance, execution, toSet);
        context.History(instance, historyType, node, execution,
            data ?? (variables is { Count: > 0 } ? JsonSerializer.Serialize(variables, EngineJson.Options) : null), task.Id, comment);
    }

    /// <summary>
    /// Replaces the open task of a waiting execution by a fresh one for <paramref name="assignee"/> (an after-signer):
    /// same node, form, priority and due time; the deadline jobs of the execution stay and apply to the new task.
    /// </summary>
    public static TaskRecord Reissue(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node, TaskRecord previous, string assignee)
    {
        context.DeleteTask(previous.Id);
        var task = new TaskRecord
        {
            Id = Guid.CreateVersion7(),
            InstanceId = instance.Id,
            ExecutionId = execution.Id,
            ElementId = node.Id,
            Name = previous.Name,
            DefinitionKey = previous.DefinitionKey,
            BusinessKey = previous.BusinessKey,
            Assignee = assignee,
            FormKey = previous.FormKey,
            Priority = previous.Priority,
            CreatedAt = context.Now,
            DueAt = previous.DueAt,
            OrganizationPath = previous.OrganizationPath,
            Campaign = previous.Campaign,
            StartedBy = previous.StartedBy,
        };
        context.AddTask(task);
        execution.TaskId = task.Id;
        execution.Waiting = true;
        instance.Dirty = true;
        context.History(instance, HistoryTypes.TaskCreated, node, execution, taskId: task.Id);
        return task;
    }

    private static List<string> Expand(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node, IReadOnlyList<string> items)
    {
        var result = new List<string>(items.Count);
        foreach (var item in items)
        {
            var value = context.EvaluateIfExpression(instance, execution, item, node.Id);
            if (value is IEnumerable<object?> list)
            {
                result.AddRange(list.Select(AsText).OfType<string>());
            }
            else if (AsText(value) is { } text)
            {
                result.AddRange(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        return result;
    }

    private static DateTimeOffset? DueAt(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node, string dueDate)
    {
        var value = context.EvaluateIfExpression(instance, execution, dueDate, node.Id);
        if (value is DateTimeOffset at)
        {
            return at;
        }

        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        try
        {
            return text.StartsWith('P')
                ? TimerSchedule.ForDuration(text).Next(context.Now, context.Engine.WorkingDays)
                : TimerSchedule.Date(text).At;
        }
        catch (FormatException ex)
        {
            throw new WorkflowException($"Element '{node.Id}': the due date '{dueDate}' is neither an ISO-8601 date nor a duration such as P3D or P5WD.", WorkflowErrorKind.ProcessFailure, ex) { ElementId = node.Id };
        }
    }

    private static string? AsText(object? value) => value switch
    {
        null => null,
        string s => s,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// Service and send tasks: run the named activity from the registry (or evaluate <c>camunda:expression</c>)
/// inside the command and set its outputs; a send task without an activity sends its message through
/// the outbox. An activity may raise a <see cref="BpmnErrorException"/> for a boundary error event.
/// </summary>
internal sealed class ServiceTaskBehaviour : Behaviour
{
    public override void Enter(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node)
    {
        var task = (ServiceTaskNode)node;
        if (task.ActivityType is null)
        {
            if (task.Expression is not null)
            {
                var result = context.Evaluate(instance, execution, task.Expression, node.Id);
                if (task.ResultVariable is not null)
                {
                    instance.SetVariable(execution, task.ResultVariable, result);
                }
            }
            else if (task.MessageName is not null)
            {
                ThrowEventBehaviour.SendMessage(context, instance, execution, node, task.MessageName);
            }

            context.Leave(instance, execution, node);
            return;
        }

        execution.Waiting = true;
        context.Schedule(async () =>
        {
            if (execution.Removed || !instance.IsActive || execution.ElementId != node.Id)
            {
                return;
            }

            await RunActivityAsync(context, instance, execution, task);
        });
    }

    private static async ValueTask RunActivityAsync(CommandContext context, InstanceRuntime instance, Execution execution, ServiceTaskNode task)
    {
        var inputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var input in task.Inputs)
        {
            inputs[input.Name] = VariableValues.Normalize(context.EvaluateIfExpression(instance, execution, input.Value, task.Id));
        }

        var activity = context.Engine.Activities.Create(task.ActivityType!);
        var activityContext = new ActivityContext(instance.Id, task.Id, instance.Record.BusinessKey, inputs, instance.Reader(execution), context.Engine.Time,
            (kind, payload, key) => context.AddOutbox(instance.Id, kind, payload, key));
        IReadOnlyDictionary<string, object?> outputs;
        try
        {
            outputs = await activity.ExecuteAsync(activityContext, context.CancellationToken);
        }
        catch (BpmnErrorException error)
        {
            execution.Waiting = false;
            ErrorPropagation.Throw(context, instance, execution, error.ErrorCode, error.Message);
            return;
        }
        catch (Exception ex) when (ex is not WorkflowException and not OperationCanceledException)
        {
            throw new WorkflowException($"Element '{task.Id}': the activity '{task.ActivityType}' failed: {ex.Message}", WorkflowErrorKind.ProcessFailure, ex) { ElementId = task.Id };
        }

        execution.Waiting = false;
        if (task.Outputs.Count > 0)
        {
            var reader = new OutputReader(outputs, instance.Reader(execution));
            foreach (var output in task.Outputs)
            {
                var value = ExpressionEvaluator.IsExpression(output.Value)
                    ? context.Expressions.Evaluate(output.Value, reader)
                    : outputs.TryGetValue(output.Value, out var v) ? v : output.Value;
                instance.SetVariable(execution, output.Name, VariableValues.Normalize(value));
            }
        }
        else if (task.ResultVariable is not null)
        {
            instance.SetVariable(execution, task.ResultVariable, VariableValues.Normalize(outputs));
        }
        else
        {
            context.SetVariables(instance, execution, outputs);
        }

        context.Leave(instance, execution, task);
    }

    /// <summary>Output expressions see the activity's outputs first, then the process variables.</summary>
    private sealed class OutputReader(IReadOnlyDictionary<string, object?> outputs, IVariableReader variables) : IVariableReader
    {
        public bool TryGetVariable(string name, out object? value) =>
            outputs.TryGetValue(name, out value) || variables.TryGetVariable(name, out value);

        public IEnumerable<KeyValuePair<string, object?>> AllVariables() =>
            outputs.Concat(variables.AllVariables().Where(v => !outputs.ContainsKey(v.Key)));
    }
}

/// <summary>
/// Script task: JavaScript in the sandbox. The script reads variables as globals, writes them with
/// <c>execution.setVariable</c>; its last value goes to <c>camunda:resultVariable</c>.
/// </summary>
internal sealed class ScriptTaskBehaviour : Behaviour
{
    public override void Enter(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node)
    {
        var task = (ScriptTaskNode)node;
        ScriptResult result;
        try
        {
            result = context.Expressions.RunScript(task.Script, instance.Reader(execution));
        }
        catch (ExpressionException ex)
        {
            throw new WorkflowException($"Script task '{node.Id}': {ex.Message}", WorkflowErrorKind.ProcessFailure, ex) { ElementId = node.Id };
        }

        foreach (var (name, value) in result.SetVariables)
        {
            instance.SetVariable(execution, name, value);
        }

        if (task.ResultVariable is not null)
        {
            instance.SetVariable(execution, task.ResultVariable, result.Value);
        }

        context.Leave(instance, execution, node);
    }
}
