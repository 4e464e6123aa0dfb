namespace Workflows.Engine.Model;

/// <summary>A container of flow nodes: the process itself or an embedded sub-process.</summary>
public interface IFlowScope
{
    IReadOnlyList<FlowNode> Nodes { get; }
    IReadOnlyList<FlowNode> NoneStartEvents { get; }

    /// <summary>The sub-process node, or null for the process scope.</summary>
    FlowNode? ScopeNode { get; }
}

/// <summary>
/// A compiled, immutable executable process. Built once per definition by <see cref="Parsing.BpmnReader"/>
/// and cached; behaviours read it, never change it.
/// </summary>
public sealed class ProcessModel : IFlowScope
{
    public required string Key { get; init; }
    public string? Name { get; init; }

    /// <summary>Who may start the process (<c>camunda:candidateStarterGroups</c> …); see <see cref="StartRule"/>.</summary>
    public StartRule Start { get; init; } = StartRule.AdministratorsOnly;

    public List<FlowNode> Nodes { get; } = [];
    public List<FlowNode> NoneStartEvents { get; } = [];
    public List<FlowNode> MessageStartEvents { get; } = [];
    public List<FlowNode> TimerStartEvents { get; } = [];
    IReadOnlyList<FlowNode> IFlowScope.Nodes => Nodes;
    IReadOnlyList<FlowNode> IFlowScope.NoneStartEvents => NoneStartEvents;
    FlowNode? IFlowScope.ScopeNode => null;

    /// <summary>Every node of the process at any depth, by id.</summary>
    public Dictionary<string, FlowNode> NodesById { get; } = new(StringComparer.Ordinal);

    /// <summary>Every sequence flow at any depth, by id.</summary>
    public Dictionary<string, SequenceFlow> FlowsById { get; } = new(StringComparer.Ordinal);

    /// <summary>reach[a][b] is true when node b can be reached from node a in the same scope.</summary>
    internal bool[][] Reachability { get; set; } = [];

    public FlowNode GetNode(string id) =>
        NodesById.TryGetValue(id, out var node) ? node : throw new KeyNotFoundException($"The process '{Key}' has no element '{id}'.");

    /// <summary>True when <paramref name="to"/> can be reached from <paramref name="from"/> along sequence flows.</summary>
    public bool CanReach(FlowNode from, FlowNode to) => Reachability[from.Index][to.Index];
}
