using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Behaviours;

/// <summary>
/// The behaviour of one kind of flow node. <see cref="Enter"/> runs when a token arrives; a behaviour
/// either leaves at once (<see cref="CommandContext.Leave"/>) or creates a wait row and returns, to be
/// continued by a later command (task completed, message correlated, called instance ended).
/// </summary>
internal abstract class Behaviour
{
    private static readonly Dictionary<NodeKind, Behaviour> Behaviours = new()
    {
        [NodeKind.StartEvent] = new PassThroughBehaviour(),
        [NodeKind.Task] = new PassThroughBehaviour(),
        [NodeKind.ManualTask] = new PassThroughBehaviour(),
        [NodeKind.IntermediateThrowEvent] = new ThrowEventBehaviour(),
        [NodeKind.EndEvent] = new EndEventBehaviour(),
        [NodeKind.UserTask] = new UserTaskBehaviour(),
        [NodeKind.ServiceTask] = new ServiceTaskBehaviour(),
        [NodeKind.SendTask] = new ServiceTaskBehaviour(),
        [NodeKind.ScriptTask] = new ScriptTaskBehaviour(),
        [NodeKind.ReceiveTask] = new MessageCatchBehaviour(),
        [NodeKind.IntermediateCatchEvent] = new CatchEventBehaviour(),
        [NodeKind.BoundaryEvent] = new PassThroughBehaviour(),
        [NodeKind.ExclusiveGateway] = new ExclusiveGatewayBehaviour(),
        [NodeKind.ParallelGateway] = new ParallelGatewayBehaviour(),
        [NodeKind.InclusiveGateway] = new InclusiveGatewayBehaviour(),
        [NodeKind.EventBasedGateway] = new EventBasedGatewayBehaviour(),
        [NodeKind.SubProcess] = new SubProcessBehaviour(),
        [NodeKind.CallActivity] = new CallActivityBehaviour(),
    };

    public static Behaviour For(FlowNode node) => Behaviours[node.Kind];

    public abstract void Enter(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node);
}

/// <summary>Start events, abstract and manual tasks, and caught boundary events: nothing to do but leave.</summary>
internal sealed class PassThroughBehaviour : Behaviour
{
    public override void Enter(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node) =>
        context.Leave(instance, execution, node);
}
