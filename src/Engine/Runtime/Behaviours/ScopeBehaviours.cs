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
            var child = context.CreateInstance(definition, model, businessKey, instance.Id, execution.Id,
                instance.Record.OrganizationPath, instance.Record.Campaign, instance.Record.StartedBy);
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

    /// <summary>Starts the instance of index <paramref name="index"/>; an added signer (加签) standing at that index gets its task.</summary>
    internal static Execution StartChild(CommandContext context, InstanceRuntime instance, Execution body, FlowNode node, int index, object? item)
    {
        var child = instance.CreateExecution(body.Id, node.Id);
        InstanceRuntime.SetLocal(child, LoopCounter, (long)index);
        if (node.MultiInstance!.ElementVariable is { } variable)
        {
            InstanceRuntime.SetLocal(child, variable, item);
        }

        child.AssignTo = body.Signers?.Find(s => s.Index == index)?.Signer;

        context.Schedule(() =>
        {
            if (!child.Removed)
            {
                context.EnterBehaviour(instance, child, node);
            }

            return ValueTask.CompletedTask;
        });
        return child;
    }

    /// <summary>An instance finished: count it, check the completion condition, start the next (sequential) or leave.</summary>
    public static void ChildCompleted(CommandContext context, InstanceRuntime instance, Execution child, FlowNode node)
    {
        var body = instance.Parent(child)!;
        var mi = node.MultiInstance!;
        var completed = AsLong(body.Variables![NrOfCompletedInstances]) + 1;
        body.Variables[NrOfCompletedInstances] = completed;
        body.Variables[NrOfActiveInstances] = AsLong(body.Variables[NrOfActiveInstances]) - 1;
        instance.Dirty = true;

        var done = IsDone(context, instance, body, node, child);
        var index = (int)AsLong(child.Variables![LoopCounter]);
        instance.Remove(child);

        if (done)
        {
            CancelRemainingAndFinish(context, instance, body, node);
            return;
        }

        if (mi.IsSequential)
        {
            body.Variables[NrOfActiveInstances] = 1L;
            StartChild(context, instance, body, node, index + 1, body.Items![index + 1]);
        }
    }

    /// <summary>
    /// Whether the activity is done after a change of its counts: an approval vote when its outcome is certain (the
    /// outcome is then concluded), otherwise when every instance completed or the completion condition holds
    /// (evaluated for <paramref name="child"/>, the instance that just completed, if any).
    /// </summary>
    private static bool IsDone(CommandContext context, InstanceRuntime instance, Execution body, FlowNode node, Execution? child)
    {
        var completed = AsLong(body.Variables![NrOfCompletedInstances]);
        var total = AsLong(body.Variables[NrOfInstances]);
        if (node is UserTaskNode approval && ApprovalVoting.Applies(node))
        {
            var decided = ApprovalVoting.Decide(body, approval);
            var done = decided is not null || completed >= total;
            if (done)
            {
                ApprovalVoting.Conclude(instance, body, approval, decided ?? false);
            }
            else
            {
                ApprovalVoting.Refresh(instance, body, approval);
            }

            return done;
        }

        var condition = node.MultiInstance!.CompletionCondition;
        return completed >= total || (child is not null && condition is not null && context.EvaluateCondition(instance, child, condition, node.Id));
    }

    private static void CancelRemainingAndFinish(CommandContext context, InstanceRuntime instance, Execution body, FlowNode node)
    {
        foreach (var remaining in instance.Children(body.Id).ToList())
        {
            context.CancelTree(instance, remaining, removeSelf: true);
        }

        Finish(context, instance, body, node);
    }

    /// <summary>
    /// 加签 on a parallel multi-instance activity: one more instance, for <paramref name="signer"/>. The counts grow by
    /// one, and an approval vote's tally with them (its pass ratio then applies to the new total).
    /// </summary>
    public static Execution AddParallelInstance(CommandContext context, InstanceRuntime instance, Execution body, FlowNode node, string signer)
    {
        var total = AsLong(body.Variables![NrOfInstances]);
        body.Variables[NrOfInstances] = total + 1;
        body.Variables[NrOfActiveInstances] = AsLong(body.Variables[NrOfActiveInstances]) + 1;
        var child = StartChild(context, instance, body, node, NextLoopCounter(instance, body, total), signer);
        child.AssignTo = signer;
        if (node is UserTaskNode approval && ApprovalVoting.Applies(node))
        {
            ApprovalVoting.Refresh(instance, body, approval);
        }

        return child;
    }

    /// <summary>
    /// 减签 on a parallel multi-instance activity: the open instance <paramref name="child"/> is cancelled and no longer
    /// counted; the activity completes now if that makes its outcome certain.
    /// </summary>
    public static void RemoveParallelInstance(CommandContext context, InstanceRuntime instance, Execution body, FlowNode node, Execution child)
    {
        context.CancelTree(instance, child, removeSelf: true);
        body.Variables![NrOfInstances] = AsLong(body.Variables[NrOfInstances]) - 1;
        body.Variables[NrOfActiveInstances] = AsLong(body.Variables[NrOfActiveInstances]) - 1;
        instance.Dirty = true;
        if (IsDone(context, instance, body, node, child: null))
        {
            CancelRemainingAndFinish(context, instance, body, node);
        }
    }

    /// <summary>
    /// 加签 on a sequential multi-instance activity: <paramref name="signer"/> is put into the sequence at
    /// <paramref name="index"/>; added signers standing there or later move one place on; a vote's tally shows the new total.
    /// </summary>
    public static void InsertSequential(InstanceRuntime instance, Execution body, FlowNode node, int index, AddedSigner signer)
    {
        foreach (var added in body.Signers ?? [])
        {
            if (added.Index >= index)
            {
                added.Index++;
            }
        }

        body.Items!.Insert(index, signer.Signer);
        signer.Index = index;
        (body.Signers ??= []).Add(signer);
        body.Variables![NrOfInstances] = AsLong(body.Variables[NrOfInstances]) + 1;
        instance.Dirty = true;
        if (node is UserTaskNode approval && ApprovalVoting.Applies(node))
        {
            ApprovalVoting.Refresh(instance, body, approval);
        }
    }

    /// <summary>减签 on a sequential multi-instance activity: the turn at <paramref name="index"/> (not reached yet) is taken out.</summary>
    public static void RemoveSequential(InstanceRuntime instance, Execution body, FlowNode node, int index)
    {
        body.Items!.RemoveAt(index);
        body.Signers?.RemoveAll(s => s.Index == index);
        foreach (var added in body.Signers ?? [])
        {
            if (added.Index > index)
            {
                added.Index--;
            }
        }

        if (body.Signers is { Count: 0 })
        {
            body.Signers = null;
        }

        body.Variables![NrOfInstances] = AsLong(body.Variables[NrOfInstances]) - 1;
        instance.Dirty = true;
        if (node is UserTaskNode approval && ApprovalVoting.Applies(node))
        {
            ApprovalVoting.Refresh(instance, body, approval);
        }
    }

    /// <summary>Cancels the running turn of a sequential activity and starts the turn at the same index again (a before-signer now stands there).</summary>
    public static void RestartSequentialTurn(CommandContext context, InstanceRuntime instance, Execution body, FlowNode node, Execution current)
    {
        var index = (int)AsLong(current.Variables![LoopCounter]);
        context.CancelTree(instance, current, removeSelf: true);
        StartChild(context, instance, body, node, index, body.Items![index]);
    }

    /// <summary>The loop counter of the running instance of a multi-instance activity.</summary>
    public static int LoopCounterOf(Execution child) => (int)AsLong(child.Variables![LoopCounter]);

    /// <summary>The number of instances the body counts now.</summary>
    public static long InstanceCount(Execution body) => AsLong(body.Variables![NrOfInstances]);

    private static int NextLoopCounter(InstanceRuntime instance, Execution body, long total)
    {
        var next = total;
        foreach (var child in instance.Children(body.Id))
        {
            if (child.Variables is not null && child.Variables.TryGetValue(LoopCounter, out var counter))
            {
                next = Math.Max(next, AsLong(counter) + 1);
            }
        }

        return (int)next;
    }

    private static void Finish(CommandContext context, InstanceRuntime instance, Execution body, FlowNode node)
    {
        body.Role = ExecutionRole.Token;
        body.Items = null;
        body.Variables = null;
        body.Signers = null;
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
