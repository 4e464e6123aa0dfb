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

/// <summary>
/// A user task: human work with assignment attributes (camunda: and wf:). Assignee, candidate users and candidate
/// groups may be an expression (<c>${leaderOf(initiatorOrg)}</c>) or text with expressions in it
/// (<c>city-reviewer@${cityOf(initiatorOrg)}</c>). Our attributes (namespace <c>urn:gd-workflows:bpmn</c>):
/// <list type="bullet">
/// <item><c>wf:assignee</c>, <c>wf:candidateUsers</c>, <c>wf:candidateRoles</c>, <c>wf:formKey</c>, <c>wf:dueDate</c>: as the camunda: ones.</item>
/// <item><c>wf:remindBefore</c>, <c>wf:remindEvery</c>, <c>wf:timeoutAction</c> (remind, approve, reject, escalate), <c>wf:escalateTo</c>: deadlines.</item>
/// <item><c>wf:approvalMethod</c> (single, countersign 会签, anyone 或签, sequential 依次), <c>wf:approvers</c>, <c>wf:passRatio</c>,
/// <c>wf:tallyVariable</c>, <c>wf:outcomeVariable</c>: several approvers deciding together.</item>
/// <item><c>wf:commentRequired</c> (true, false, reject): whether an approval comment (审批意见) is required.</item>
/// <item><c>wf:rejectAction</c> (outcome, end, return) and <c>wf:rejectTo</c> (an earlier user task's id, or <c>initiator</c>): what a rejection (驳回) does.</item>
/// </list>
/// </summary>
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

    /// <summary>
    /// Whether the one who decides must write a comment (审批意见, <c>wf:commentRequired</c>): <c>true</c> on completing,
    /// rejecting and returning; <c>reject</c> on rejecting and returning only; <c>false</c> (default) never.
    /// </summary>
    public CommentRequirement CommentRequired { get; init; }

    /// <summary>
    /// What a rejection (驳回) does (<c>wf:rejectAction</c>): <c>outcome</c> (default) sets the outcome variable to false
    /// and moves on, <c>end</c> ends the process as terminated, <c>return</c> goes back to <see cref="RejectTo"/>.
    /// On an approval vote a rejection is always a vote against.
    /// </summary>
    public RejectAction RejectAction { get; init; }

    /// <summary>
    /// Where a rejection returns to (<c>wf:rejectTo</c>): the id of an earlier user task of the same scope, or
    /// <see cref="RejectToInitiator"/> for the user task the initiator completed last (退回发起人).
    /// </summary>
    public string? RejectTo { get; init; }

    /// <summary>The value of <c>wf:rejectTo</c> that means the initiator.</summary>
    public const string RejectToInitiator = "initiator";
}

/// <summary>When a user task requires a comment (审批意见必填).</summary>
public enum CommentRequirement
{
    /// <summary>A comment is optional.</summary>
    None,

    /// <summary>Completing, rejecting and returning all need a comment.</summary>
    Always,

    /// <summary>Only rejecting and returning need a comment.</summary>
    OnReject,
}

/// <summary>What a rejection (驳回) of a user task does.</summary>
public enum RejectAction
{
    /// <summary>Complete the task with the outcome variable set to false; the flows decide what follows.</summary>
    Outcome,

    /// <summary>End the process: the instance is terminated.</summary>
    End,

    /// <summary>Return to an earlier user task (<c>wf:rejectTo</c>) or to the initiator.</summary>
    Return,
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
