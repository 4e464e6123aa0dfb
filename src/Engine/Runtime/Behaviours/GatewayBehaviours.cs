using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Behaviours;

/// <summary>
/// Exclusive gateway (BPMN 2.0 §10.6.2): the first outgoing flow, in document order, whose condition
/// holds; otherwise the default flow; otherwise the command fails with a clear error (the spec calls
/// this an exception, so nothing is changed).
/// </summary>
internal sealed class ExclusiveGatewayBehaviour : Behaviour
{
    public override void Enter(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node)
    {
        context.CompleteElement(instance, execution, node);
        if (node.Outgoing.Count == 0)
        {
            context.EndToken(instance, execution);
            return;
        }

        SequenceFlow? chosen = null;
        if (node.Outgoing.Count == 1 && node.Outgoing[0].Condition is null)
        {
            chosen = node.Outgoing[0];
        }
        else
        {
            foreach (var flow in node.Outgoing)
            {
                if (!flow.IsDefault && (flow.Condition is null || context.EvaluateCondition(instance, execution, flow.Condition, flow.Id)))
                {
                    chosen = flow;
                    break;
                }
            }

            chosen ??= node.DefaultFlow;
        }

        if (chosen is null)
        {
            throw new WorkflowException($"No outgoing flow of the exclusive gateway '{node.Id}' has a condition that holds, and it has no default flow. Set a default flow or check the variables.") { ElementId = node.Id };
        }

        context.TakeFlows(instance, execution, [chosen]);
    }
}

/// <summary>
/// Parallel gateway (BPMN 2.0 §10.6.4): forks a token per outgoing flow; joins by waiting until a token
/// has arrived on every incoming flow. A second token on the same flow waits for the next round.
/// </summary>
internal sealed class ParallelGatewayBehaviour : Behaviour
{
    public override void Enter(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node)
    {
        if (node.Incoming.Count <= 1)
        {
            context.CompleteElement(instance, execution, node);
            context.TakeFlows(instance, execution, node.Outgoing);
            return;
        }

        execution.Waiting = true;
        var arrived = new Dictionary<string, Execution>(StringComparer.Ordinal);
        foreach (var sibling in instance.Children(execution.ParentId))
        {
            if (sibling.Waiting && sibling.ElementId == node.Id && sibling.ArrivedVia is { } via && !arrived.ContainsKey(via))
            {
                arrived[via] = sibling;
            }
        }

        if (!arrived.ContainsKey(execution.ArrivedVia ?? ""))
        {
            arrived[execution.ArrivedVia ?? ""] = execution;
        }

        if (node.Incoming.Any(flow => !arrived.ContainsKey(flow.Id)))
        {
            return;
        }

        foreach (var joined in arrived.Values.Where(e => e != execution))
        {
            instance.Remove(joined);
        }

        execution.Waiting = false;
        context.CompleteElement(instance, execution, node);
        context.TakeFlows(instance, execution, node.Outgoing);
    }
}

/// <summary>
/// Inclusive gateway (BPMN 2.0 §10.6.3): forks along every flow whose condition holds (the default flow
/// when none does); joins when no other token of the same scope can still reach the gateway, so it waits
/// only for the paths actually taken. The check runs when a token arrives and again whenever the agenda
/// empties, because a token that ends elsewhere can release the join.
/// </summary>
internal sealed class InclusiveGatewayBehaviour : Behaviour
{
    public override void Enter(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node)
    {
        if (node.Incoming.Count <= 1)
        {
            Fork(context, instance, execution, node);
            return;
        }

        execution.Waiting = true;
        TryJoin(context, instance, execution, node);
    }

    private static void Fork(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node)
    {
        context.CompleteElement(instance, execution, node);
        var flows = context.SelectOutgoing(instance, execution, node);
        if (flows.Count == 0 && node.Outgoing.Count > 0)
        {
            throw new WorkflowException($"No outgoing flow of the inclusive gateway '{node.Id}' has a condition that holds, and it has no default flow. Set a default flow or check the variables.") { ElementId = node.Id };
        }

        context.TakeFlows(instance, execution, flows);
    }

    private static bool TryJoin(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node)
    {
        var waiting = new List<Execution>();
        foreach (var sibling in instance.Children(execution.ParentId))
        {
            if (sibling.ElementId == node.Id && sibling.Waiting)
            {
                waiting.Add(sibling);
                continue;
            }

            var at = instance.Model.GetNode(sibling.ElementId);
            if (instance.Model.CanReach(at, node))
            {
                return false;
            }
        }

        foreach (var joined in waiting.Where(e => e != execution))
        {
            instance.Remove(joined);
        }

        execution.Waiting = false;
        Fork(context, instance, execution, node);
        return true;
    }

    /// <summary>Fires the joins that no token can reach any more. Returns true when one fired.</summary>
    public static bool FireReadyJoins(CommandContext context)
    {
        foreach (var instance in context.Instances)
        {
            if (!instance.IsActive)
            {
                continue;
            }

            foreach (var execution in instance.State.Executions)
            {
                if (execution.Removed || !execution.Waiting || execution.TaskId is not null)
                {
                    continue;
                }

                if (instance.Model.NodesById.TryGetValue(execution.ElementId, out var node)
                    && node.Kind == NodeKind.InclusiveGateway && node.Incoming.Count > 1
                    && TryJoin(context, instance, execution, node))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>
/// Event-based gateway (BPMN 2.0 §10.6.6): the token waits at the gateway with a subscription for each
/// following catch event; the first event to occur wins and the other subscriptions are dropped.
/// </summary>
internal sealed class EventBasedGatewayBehaviour : Behaviour
{
    public override void Enter(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node)
    {
        foreach (var flow in node.Outgoing)
        {
            switch (flow.Target.EventDefinition)
            {
                case MessageEventDefinition message:
                    context.AddSubscription(instance, execution, flow.Target, message);
                    break;
                case TimerEventDefinition timer:
                    TimerJobs.Schedule(context, instance, execution, flow.Target, timer);
                    break;
            }
        }

        execution.Waiting = true;
    }

    /// <summary>One of the events occurred: the token leaves the gateway to that event, which completes at once.</summary>
    public static void Trigger(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode gateway, FlowNode caught, IReadOnlyDictionary<string, object?>? variables)
    {
        context.CompleteElement(instance, execution, gateway);
        var flow = gateway.Outgoing.First(f => f.Target == caught);
        context.Enter(instance, execution, caught, flow);

        // The catch event behaviour waited again on entering; the event has already occurred.
        context.ReleaseWaitRows(instance, execution);
        MessageCatchBehaviour.Trigger(context, instance, execution, caught, variables);
    }
}
