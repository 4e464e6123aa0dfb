namespace Workflows.Engine.Model;

/// <summary>The kinds of BPMN flow node the engine executes. Each kind has one behaviour class.</summary>
public enum NodeKind
{
    StartEvent,
    EndEvent,
    IntermediateCatchEvent,
    IntermediateThrowEvent,
    BoundaryEvent,
    Task,
    UserTask,
    ManualTask,
    ServiceTask,
    SendTask,
    ScriptTask,
    ReceiveTask,
    ExclusiveGateway,
    ParallelGateway,
    InclusiveGateway,
    EventBasedGateway,
    SubProcess,
    CallActivity,
}

/// <summary>Anything in a process with an id and a source line.</summary>
public abstract class FlowElement
{
    public required string Id { get; init; }
    public string? Name { get; init; }

    /// <summary>1-based line of the element in the BPMN file, for error messages.</summary>
    public int Line { get; init; }

    /// <summary>Our own and Camunda extension attributes, by local name (e.g. <c>approvalMethod</c>).</summary>
    public IReadOnlyDictionary<string, string> Extensions { get; init; } = EmptyExtensions;

    internal static readonly IReadOnlyDictionary<string, string> EmptyExtensions = new Dictionary<string, string>();

    public override string ToString() => $"{GetType().Name} '{Id}'";
}

/// <summary>A sequence flow, with an optional condition (a <c>${...}</c> expression).</summary>
public sealed class SequenceFlow : FlowElement
{
    public FlowNode Source { get; internal set; } = null!;
    public FlowNode Target { get; internal set; } = null!;
    public string? Condition { get; init; }
    public bool IsDefault { get; internal set; }
}

/// <summary>A node of the flow graph. Element-specific data lives in the subclasses.</summary>
public class FlowNode : FlowElement
{
    public required NodeKind Kind { get; init; }

    /// <summary>The scope that contains this node: the process or an embedded sub-process.</summary>
    public IFlowScope Scope { get; internal set; } = null!;

    public List<SequenceFlow> Incoming { get; } = [];
    public List<SequenceFlow> Outgoing { get; } = [];
    public SequenceFlow? DefaultFlow { get; internal set; }

    /// <summary>Boundary events attached to this activity.</summary>
    public List<BoundaryEventNode> Boundaries { get; } = [];

    /// <summary>Multi-instance characteristics, when the activity repeats.</summary>
    public MultiInstanceCharacteristics? MultiInstance { get; init; }

    /// <summary>The event definition of an event node (message, error, terminate, timer); null for none events.</summary>
    public EventDefinition? EventDefinition { get; init; }

    /// <summary>Dense index within the process, for arrays such as reachability.</summary>
    public int Index { get; internal set; }

    /// <summary>True for nodes where execution can wait or that can host boundary events.</summary>
    public bool IsActivity => Kind is NodeKind.Task or NodeKind.UserTask or NodeKind.ManualTask or NodeKind.ServiceTask
        or NodeKind.SendTask or NodeKind.ScriptTask or NodeKind.ReceiveTask or NodeKind.SubProcess or NodeKind.CallActivity;
}

/// <summary>A user task: human work with assignment attributes (camunda: and wf:).</summary>
public sealed class UserTaskNode : FlowNode
{
    public string? Assignee { get; init; }
    public IReadOnlyList<string> CandidateUsers { get; init; } = [];
    public IReadOnlyList<string> CandidateGroups { get; init; } = [];
    public string? FormKey { get; init; }
    public string? DueDate { get; init; }
    public string? Priority { get; init; }

    /// <summary>First reminder this long before the due time (<c>wf:remindBefore</c>, e.g. <c>P2WD</c>).</summary>
    public string? RemindBefore { get; init; }

    /// <summary>Then a reminder this often until the due time (<c>wf:remindEvery</c>, e.g. <c>P1D</c>).</summary>
    public string? RemindEvery { get; init; }

    /// <summary>What happens at the due time (<c>wf:timeoutAction</c>).</summary>
    public TaskTimeoutAction TimeoutAction { get; init; }

    /// <summary>The role that receives the task when the timeout action escalates (<c>wf:escalateTo</c>).</summary>
    public string? EscalateTo { get; init; }

    /// <summary>The variable that carries the decision of an automatic approval or rejection (<c>wf:outcomeVariable</c>, default <c>approved</c>).</summary>
    public string OutcomeVariable { get; init; } = "approved";

    /// <summary>How several approvers decide (<c>wf:approvalMethod</c>): 会签, 或签, 依次.</summary>
    public ApprovalMethod ApprovalMethod { get; init; }

    /// <summary>For countersign: the share of all approvers that must approve (<c>wf:passRatio</c>, e.g. 2/3); 1 means all.</summary>
    public double PassRatio { get; init; } = 1;

    /// <summary>The process variable that shows the vote tally (<c>wf:tallyVariable</c>, default <c>{id}Tally</c>).</summary>
    public string TallyVariable { get; init; } = "tally";
}

/// <summary>How the approvers of one node decide together.</summary>
public enum ApprovalMethod
{
    /// <summary>One task, one decision.</summary>
    Single,

    /// <summary>会签: every approver votes; approved when the share in favour reaches the pass ratio.</summary>
    Countersign,

    /// <summary>或签: the first approver to decide decides for all.</summary>
    Anyone,

    /// <summary>依次: one after another; a rejection ends it, all in favour approves.</summary>
    Sequential,
}

/// <summary>What a user task does when its due time passes.</summary>
public enum TaskTimeoutAction
{
    /// <summary>Nothing beyond marking it overdue.</summary>
    None,

    /// <summary>Remind the handlers once more.</summary>
    Remind,

    /// <summary>Complete it as approved.</summary>
    Approve,

    /// <summary>Complete it as rejected.</summary>
    Reject,

    /// <summary>Hand it to the role named by <c>wf:escalateTo</c>.</summary>
    Escalate,
}

/// <summary>A service or send task that runs an activity type from the registry, or an expression.</summary>
public sealed class ServiceTaskNode : FlowNode
{
    /// <summary>The activity type name (wf:activityType, or camunda:type/topic for external tasks is not supported).</summary>
    public string? ActivityType { get; init; }

    /// <summary>A <c>camunda:expression</c> evaluated for its result instead of an activity.</summary>
    public string? Expression { get; init; }

    public string? ResultVariable { get; init; }

    /// <summary>Input parameters: name to expression or literal (camunda:inputParameter / wf:input).</summary>
    public IReadOnlyList<Parameter> Inputs { get; init; } = [];

    /// <summary>Output parameters: variable name to expression over the activity's outputs.</summary>
    public IReadOnlyList<Parameter> Outputs { get; init; } = [];

    /// <summary>For send tasks: the message it sends (written to the outbox).</summary>
    public string? MessageName { get; init; }
}

/// <summary>A script task run by the sandboxed JavaScript evaluator.</summary>
public sealed class ScriptTaskNode : FlowNode
{
    public required string Script { get; init; }
    public string? ScriptFormat { get; init; }
    public string? ResultVariable { get; init; }
}

/// <summary>An embedded sub-process: a scope of its own.</summary>
public sealed class SubProcessNode : FlowNode, IFlowScope
{
    public List<FlowNode> Nodes { get; } = [];
    public List<FlowNode> NoneStartEvents { get; } = [];
    IReadOnlyList<FlowNode> IFlowScope.Nodes => Nodes;
    IReadOnlyList<FlowNode> IFlowScope.NoneStartEvents => NoneStartEvents;
    FlowNode? IFlowScope.ScopeNode => this;
}

/// <summary>A call activity that starts another process and waits for it.</summary>
public sealed class CallActivityNode : FlowNode
{
    public required string CalledElement { get; init; }
    public IReadOnlyList<VariableMapping> InMappings { get; init; } = [];
    public IReadOnlyList<VariableMapping> OutMappings { get; init; } = [];
    public bool PassAllIn { get; init; }
    public bool PassAllOut { get; init; }
    public string? BusinessKey { get; init; }
}

/// <summary>A boundary event attached to an activity.</summary>
public sealed class BoundaryEventNode : FlowNode
{
    public FlowNode AttachedTo { get; internal set; } = null!;
    public bool CancelActivity { get; init; } = true;
}

/// <summary>A named input or output parameter.</summary>
public sealed record Parameter(string Name, string Value);

/// <summary>Maps a variable between a caller and a called process: <c>source</c> (or <c>sourceExpression</c>) to <c>target</c>.</summary>
public sealed record VariableMapping(string? Source, string? SourceExpression, string Target);

/// <summary>Multi-instance loop characteristics.</summary>
public sealed class MultiInstanceCharacteristics
{
    public bool IsSequential { get; init; }
    public string? LoopCardinality { get; init; }
    public string? Collection { get; init; }
    public string? ElementVariable { get; init; }
    public string? CompletionCondition { get; init; }
}
