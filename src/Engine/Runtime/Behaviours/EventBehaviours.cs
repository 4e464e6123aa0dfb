using System.Text.Json;
using Workflows.Engine.Model;
using Workflows.Engine.Persistence;

namespace Workflows.Engine.Runtime.Behaviours;

/// <summary>
/// End events (BPMN 2.0 §10.5.3): a none end ends the token; terminate ends every token of its scope
/// (the process, or the enclosing sub-process); an error end throws the error to the nearest boundary
/// error event; a message end sends its message through the outbox, then ends the token.
/// </summary>
internal sealed class EndEventBehaviour : Behaviour
{
    public override void Enter(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node)
    {
        switch (node.EventDefinition)
        {
            case TerminateEventDefinition:
                Terminate(context, instance, execution, node);
                return;
            case ErrorEventDefinition error:
                context.CompleteElement(instance, execution, node);
                ErrorPropagation.Throw(context, instance, execution, error.ErrorCode ?? "", error.ErrorName);
                return;
            case MessageEventDefinition message:
                ThrowEventBehaviour.SendMessage(context, instance, execution, node, message.MessageName);
                break;
        }

        context.CompleteElement(instance, execution, node);
        context.EndToken(instance, execution);
    }

    private static void Terminate(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node)
    {
        context.CompleteElement(instance, execution, node);
        var scope = instance.Parent(execution);
        if (scope is null)
        {
            foreach (var top in instance.Children(null).Where(e => e != execution).ToList())
            {
                context.CancelTree(instance, top, removeSelf: true);
            }

            instance.Remove(execution);
            context.CompleteInstance(instance, InstanceStatus.Terminated);
            return;
        }

        foreach (var sibling in instance.Children(scope.Id).Where(e => e != execution).ToList())
        {
            context.CancelTree(instance, sibling, removeSelf: true);
        }

        instance.Remove(execution);
        context.CompleteScope(instance, scope);
    }
}

/// <summary>Intermediate throw events: none passes through; message sends through the outbox.</summary>
internal sealed class ThrowEventBehaviour : Behaviour
{
    public override void Enter(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node)
    {
        if (node.EventDefinition is MessageEventDefinition message)
        {
            SendMessage(context, instance, execution, node, message.MessageName);
        }

        context.Leave(instance, execution, node);
    }

    /// <summary>A thrown message leaves the engine through the outbox, after commit.</summary>
    public static void SendMessage(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node, string messageName)
    {
        var payload = JsonSerializer.Serialize(new
        {
            messageName,
            instanceId = instance.Id,
            businessKey = instance.Record.BusinessKey,
            elementId = node.Id,
            variables = instance.State.Variables,
        }, EngineJson.Options);
        context.AddOutbox(instance.Id, "message", payload, $"{instance.Id}:{execution.Id}:{node.Id}:{instance.ReadVersion}");
        context.History(instance, HistoryTypes.MessageSent, node, execution, JsonSerializer.Serialize(new { messageName }));
    }
}

/// <summary>
/// Message intermediate catch events and receive tasks: the token waits on a subscription row keyed by
/// message name and correlation key (the business key unless <c>wf:correlationKey</c> says otherwise).
/// </summary>
internal sealed class MessageCatchBehaviour : Behaviour
{
    public override void Enter(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node)
    {
        if (node.EventDefinition is not MessageEventDefinition message)
        {
            context.Leave(instance, execution, node);
            return;
        }

        context.AddSubscription(instance, execution, node, message);
        execution.Waiting = true;
    }

    /// <summary>The message arrived: its variables are set and the token moves on.</summary>
    public static void Trigger(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node, IReadOnlyDictionary<string, object?>? variables)
    {
        context.SetVariables(instance, execution, variables);
        context.Leave(instance, execution, node);
    }
}

/// <summary>
/// Boundary events (BPMN 2.0 §10.5.4). Message boundaries subscribe when their activity starts;
/// an interrupting one cancels the activity and continues from the event, a non-interrupting one
/// opens a second path and keeps the activity (and its subscription) alive.
/// </summary>
internal static class BoundaryEventBehaviour
{
    public static void Subscribe(CommandContext context, InstanceRuntime instance, Execution host, FlowNode activity)
    {
        foreach (var boundary in activity.Boundaries)
        {
            switch (boundary.EventDefinition)
            {
                case MessageEventDefinition message:
                    context.AddSubscription(instance, host, boundary, message);
                    break;
                case TimerEventDefinition timer:
                    TimerJobs.Schedule(context, instance, host, boundary, timer);
                    break;
            }
        }
    }

    public static void Trigger(CommandContext context, InstanceRuntime instance, Execution host, BoundaryEventNode boundary, IReadOnlyDictionary<string, object?>? variables)
    {
        if (boundary.CancelActivity)
        {
            Interrupt(context, instance, host, boundary);
            context.SetVariables(instance, host, variables);
            context.Schedule(() =>
            {
                context.Enter(instance, host, boundary, null);
                return ValueTask.CompletedTask;
            });
            return;
        }

        var path = instance.CreateExecution(host.ParentId, boundary.Id);
        context.SetVariables(instance, path, variables);
        context.Schedule(() =>
        {
            context.Enter(instance, path, boundary, null);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Cancels the activity that the host execution runs; the host itself becomes the token at the boundary event.</summary>
    public static void Interrupt(CommandContext context, InstanceRuntime instance, Execution host, BoundaryEventNode boundary)
    {
        context.CancelTree(instance, host, removeSelf: false);
        host.Role = ExecutionRole.Token;
        host.Variables = null;
        host.Items = null;
        host.ElementId = boundary.Id;
        instance.Dirty = true;
    }
}

/// <summary>
/// Error propagation (BPMN 2.0 §10.5.6): from the throwing execution outwards through its enclosing
/// activities, then into the calling process, to the first boundary error event whose code matches
/// (or that catches every error). An error nobody catches ends the token like a none end event,
/// as in Camunda 7, and the history says so.
/// </summary>
internal static class ErrorPropagation
{
    public static void Throw(CommandContext context, InstanceRuntime instance, Execution execution, string errorCode, string? errorName)
    {
        context.History(instance, HistoryTypes.ErrorThrown, null, execution, JsonSerializer.Serialize(new { errorCode, errorName }));
        for (var current = execution; current is not null; current = instance.Parent(current))
        {
            if (!instance.Model.NodesById.TryGetValue(current.ElementId, out var node))
            {
                continue;
            }

            // A multi-instance child carries no boundary of its own: the body does.
            if (CommandContext.IsMultiInstanceChild(instance, current, node) || current == execution && node.Kind == NodeKind.EndEvent)
            {
                continue;
            }

            var boundary = FindCatch(node, errorCode);
            if (boundary is not null)
            {
                Catch(context, instance, current, boundary, errorCode);
                return;
            }
        }

        if (instance.Record.ParentInstanceId is { } parentId && instance.Record.ParentExecutionId is { } parentExecutionId)
        {
            context.CancelInstanceTree(instance, InstanceStatus.Terminated);
            context.Schedule(async () =>
            {
                var parent = await context.LoadInstanceAsync(parentId);
                if (parent.Find(parentExecutionId) is { } caller)
                {
                    caller.ChildInstanceId = null;
                    Throw(context, parent, caller, errorCode, errorName);
                }
            });
            return;
        }

        context.History(instance, HistoryTypes.ErrorThrown, null, execution, JsonSerializer.Serialize(new { errorCode, uncaught = true }));
        if (!execution.Removed)
        {
            context.EndToken(instance, execution);
        }
    }

    public static BoundaryEventNode? FindCatch(FlowNode activity, string errorCode) =>
        activity.Boundaries.FirstOrDefault(b => b.EventDefinition is ErrorEventDefinition e && e.ErrorCode == errorCode)
        ?? activity.Boundaries.FirstOrDefault(b => b.EventDefinition is ErrorEventDefinition { ErrorCode: null });

    private static void Catch(CommandContext context, InstanceRuntime instance, Execution host, BoundaryEventNode boundary, string errorCode)
    {
        BoundaryEventBehaviour.Interrupt(context, instance, host, boundary);
        context.History(instance, HistoryTypes.ErrorCaught, boundary, host, JsonSerializer.Serialize(new { errorCode }));
        context.Schedule(() =>
        {
            context.Enter(instance, host, boundary, null);
            return ValueTask.CompletedTask;
        });
    }
}
