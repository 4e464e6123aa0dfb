using System.Globalization;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;
using Workflows.Engine.Persistence;

namespace Workflows.Engine.Runtime.Behaviours;

/// <summary>
/// Embedded sub-process (BPMN 2.0 §10.3.5): the arriving execution becomes the scope and a child token
/// starts at the sub-process's none start event; when the last child ends, the scope leaves.
/// </summary>
internal sealed class SubProcessBehaviour : Behaviour
{
    public override void Enter(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node)
    {
        var sub = (SubProcessNode)node;
        execution.Role = ExecutionRole.Scope;
        execution.Waiting = false;
        var start = sub.NoneStartEvents[0];
        var child = instance.CreateExecution(execution.Id, start.Id);
        context.Schedule(() =>
        {
            context.Enter(instance, child, start, null);
            return ValueTask.CompletedTask;
        });
    }
}

/// <summary>
/// Call activity (BPMN 2.0 §10.3.6): starts the newest published version of the called process with the
/// mapped variables (camunda:in) and waits; when the called instance ends, the mapped variables
/// (camunda:out) come back and the token moves on. Both instances change in one transaction.
/// </summary>
internal sealed class CallActivityBehaviour : Behaviour
{
    public override void Enter(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node)
    {
        var call = (CallActivityNode)node;
        execution.Waiting = true;
        context.Schedule(async () =>
        {
            if (execution.Removed || !instance.IsActive)
            {
                return;
            }

            var key = Convert.ToString(context.EvaluateIfExpression(instance, execution, call.CalledElement, node.Id), CultureInfo.InvariantCulture) ?? "";
            var definition = await context.Engine.Store.GetLatestPublishedAsync(key, context.CancellationToken)
                ?? throw new WorkflowException($"Call activity '{node.Id}': no published process has the key '{key}'. Publish it first.", WorkflowErrorKind.ProcessFailure) { ElementId = node.Id };
            var model = await context.Engine.GetModelAsync(definition.Id, context.CancellationToken);

            var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
            var reader = instance.Reader(execution);
            if (call.PassAllIn)
            {
                foreach (var (name, value) in reader.AllVariables())
                {
                    variables[name] = value;
                }
            }

            foreach (var mapping in call.InMappings)
            {
                variables[mapping.Target] = Map(context, instance, execution, mapping, node.Id);
            }

            var businessKey = call.BusinessKey is null
                ? instance.Record.BusinessKey
                : Convert.ToString(context.EvaluateIfExpression(instance, execution, call.BusinessKey, node.Id), CultureInfo.InvariantCulture);
            var child = context.CreateInstance(definition, model, businessKey, instance.Id, execution.Id);
            execution.ChildInstanceId = child.Id;
            instance.Dirty = true;
            context.Engine.StartInstance(context, child, variables, startEvent: null);
        });
    }

    private static object? Map(CommandContext context, InstanceRuntime instance, Execution? execution, VariableMapping mapping, string elementId)
    {
        if (mapping.SourceExpression is not null)
        {
            return VariableValues.Normalize(context.Evaluate(instance, execution, mapping.SourceExpression, elementId));
        }

        return instance.TryGetVariable(execution, mapping.Source!, out var value) ? value : null;
    }

    /// <summary>The called instance ended: map its variables out and continue.</summary>
    public static void ChildCompleted(CommandContext context, InstanceRuntime parent, Execution execution, InstanceRuntime child)
    {
        var node = (CallActivityNode)parent.Model.GetNode(execution.ElementId);
        if (Outputs(node) is { } outputs)
        {
            foreach (var (name, value) in outputs)
            {
                parent.SetVariable(execution, name, value);
            }
        }

        execution.ChildInstanceId = null;
        execution.Waiting = false;
        context.Leave(parent, execution, node);

        Dictionary<string, object?>? Outputs(CallActivityNode n)
        {
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (n.PassAllOut)
            {
                foreach (var (name, value) in child.State.Variables)
                {
                    result[name] = value;
                }
            }

            foreach (var mapping in n.OutMappings)
            {
                result[mapping.Target] = Map(context, child, null, mapping, n.Id);
            }

            return result;
        }
    }
}

/// <summary>
/// Multi-instance activity (BPMN 2.0 §10.3.7): the arriving execution becomes the body, holding
/// nrOfInstances, nrOfCompletedInstances and nrOfActiveInstances; each instance is a child execution
/// with loopCounter and the element variable. Parallel starts all at once, sequential one after
/// another. After each instance the completion condition is evaluated; when it holds, the remaining
/// instances are cancelled and the activity leaves.
/// </summary>
internal static class MultiInstanceBehaviour
{
    public const string NrOfInstances = "nrOfInstances";
    public const string NrOfCompletedInstances = "nrOfCompletedInstances";
    public const string NrOfActiveInstances = "nrOfActiveInstances";
    public const string LoopCounter = "loopCounter";

    public static void Enter(CommandContext context, InstanceRuntime instance, Execution body, FlowNode node)
    {
        var mi = node.MultiInstance!;
        var items = Items(context, instance, body, node, mi);
        body.Role = ExecutionRole.MultiInstanceBody;
        body.Items = mi.IsSequential ? items : null;
        InstanceRuntime.SetLocal(body, NrOfInstances, (long)items.Count);
        InstanceRuntime.SetLocal(body, NrOfCompletedInstances, 0L);
        InstanceRuntime.SetLocal(body, NrOfActiveInstances, mi.IsSequential ? Math.Min(1L, items.Count) : items.Count);

        if (node.Boundaries.Count > 0)
        {
            BoundaryEventBehaviour.Subscribe(context, instance, body, node);
        }

        if (items.Count == 0)
        {
            Finish(context, instance, body, node);
            return;
        }

        var count = mi.IsSequential ? 1 : items.Count;
        for (var i = 0; i < count; i++)
        {
            StartChild(context, instance, body, node, i, items[i]);
        }
    }

    private static void StartChild(CommandContext context, InstanceRuntime instance, Execution body, FlowNode node, int index, object? item)
    {
        var child = instance.CreateExecution(body.Id, node.Id);
        InstanceRuntime.SetLocal(child, LoopCounter, (long)index);
        if (node.MultiInstance!.ElementVariable is { } variable)
        {
            InstanceRuntime.SetLocal(child, variable, item);
        }

        context.Schedule(() =>
        {
            if (!child.Removed)
            {
                context.EnterBehaviour(instance, child, node);
            }

            return ValueTask.CompletedTask;
        });
    }

    /// <summary>An instance finished: count it, check the completion condition, start the next (sequential) or leave.</summary>
    public static void ChildCompleted(CommandContext context, InstanceRuntime instance, Execution child, FlowNode node)
    {
        var body = instance.Parent(child)!;
        var mi = node.MultiInstance!;
        var completed = AsLong(body.Variables![NrOfCompletedInstances]) + 1;
        var total = AsLong(body.Variables[NrOfInstances]);
        body.Variables[NrOfCompletedInstances] = completed;
        body.Variables[NrOfActiveInstances] = AsLong(body.Variables[NrOfActiveInstances]) - 1;
        instance.Dirty = true;

        bool done;
        if (node is UserTaskNode approval && ApprovalVoting.Applies(node))
        {
            var decided = ApprovalVoting.Decide(body, approval);
            done = decided is not null || completed >= total;
            if (done)
            {
                ApprovalVoting.Conclude(instance, body, approval, decided ?? false);
            }
        }
        else
        {
            done = completed >= total
                || (mi.CompletionCondition is not null && context.EvaluateCondition(instance, child, mi.CompletionCondition, node.Id));
        }
        var index = (int)AsLong(child.Variables![LoopCounter]);
        instance.Remove(child);

        if (done)
        {
            foreach (var remaining in instance.Children(body.Id).ToList())
            {
                context.CancelTree(instance, remaining, removeSelf: true);
            }

            Finish(context, instance, body, node);
            return;
        }

        if (mi.IsSequential)
        {
            body.Variables[NrOfActiveInstances] = 1L;
            StartChild(context, instance, body, node, index + 1, body.Items![index + 1]);
        }
    }

    private static void Finish(CommandContext context, InstanceRuntime instance, Execution body, FlowNode node)
    {
        body.Role = ExecutionRole.Token;
        body.Items = null;
        body.Variables = null;
        context.CompleteElement(instance, body, node);
        context.TakeFlows(instance, body, context.SelectOutgoing(instance, body, node));
    }

    private static List<object?> Items(CommandContext context, InstanceRuntime instance, Execution body, FlowNode node, MultiInstanceCharacteristics mi)
    {
        if (mi.Collection is not null)
        {
            var value = ExpressionEvaluator.IsExpression(mi.Collection)
                ? context.Evaluate(instance, body, mi.Collection, node.Id)
                : instance.TryGetVariable(body, mi.Collection, out var v) ? v
                : throw new WorkflowException($"Multi-instance '{node.Id}': the collection variable '{mi.Collection}' does not exist.") { ElementId = node.Id };
            return value switch
            {
                List<object?> list => [.. list],
                IEnumerable<object?> items => [.. items],
                null => throw new WorkflowException($"Multi-instance '{node.Id}': the collection '{mi.Collection}' is null; give a list.") { ElementId = node.Id },
                _ => throw new WorkflowException($"Multi-instance '{node.Id}': the collection '{mi.Collection}' is not a list.") { ElementId = node.Id },
            };
        }

        var cardinality = context.EvaluateIfExpression(instance, body, mi.LoopCardinality!, node.Id);
        long n;
        try
        {
            n = Convert.ToInt64(cardinality, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            throw new WorkflowException($"Multi-instance '{node.Id}': the loop cardinality '{mi.LoopCardinality}' is not a whole number.", WorkflowErrorKind.ProcessFailure, ex) { ElementId = node.Id };
        }

        if (n < 0 || n > context.Engine.Options.MaxMultiInstanceCount)
        {
            throw new WorkflowException($"Multi-instance '{node.Id}': {n} instances is outside 0..{context.Engine.Options.MaxMultiInstanceCount}.") { ElementId = node.Id };
        }

        return Enumerable.Repeat<object?>(null, (int)n).ToList();
    }

    private static long AsLong(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
