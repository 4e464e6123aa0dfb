using System.Text.Json.Serialization;

namespace Workflows.Engine.Runtime;

/// <summary>What an execution is doing in the tree of an instance.</summary>
public enum ExecutionRole
{
    /// <summary>A token at a flow node.</summary>
    Token,

    /// <summary>The execution of an embedded sub-process; its children run inside it.</summary>
    Scope,

    /// <summary>The body of a multi-instance activity; its children are the instances.</summary>
    MultiInstanceBody,
}

/// <summary>
/// One execution (token or scope) of an instance, serialized in the instance row. Wait-state rows that
/// belong to it are listed here so that cancelling it needs no query.
/// </summary>
public sealed class Execution
{
    public string Id { get; set; } = "";

    /// <summary>The enclosing scope execution; null for the process scope.</summary>
    public string? ParentId { get; set; }
    public string ElementId { get; set; } = "";
    public ExecutionRole Role { get; set; }

    /// <summary>True while the execution waits in its element (task, message, join, child instance).</summary>
    public bool Waiting { get; set; }

    /// <summary>For a token waiting at a joining gateway: the sequence flow it arrived by.</summary>
    public string? ArrivedVia { get; set; }

    /// <summary>Local variables (multi-instance element variable, loop counters, sub-process locals).</summary>
    public Dictionary<string, object?>? Variables { get; set; }

    /// <summary>For a sequential multi-instance body: the collection snapshot taken when it started.</summary>
    public List<object?>? Items { get; set; }

    public Guid? TaskId { get; set; }
    public List<Guid>? SubscriptionIds { get; set; }
    public List<Guid>? JobIds { get; set; }
    public Guid? ChildInstanceId { get; set; }

    [JsonIgnore]
    internal bool Removed { get; set; }
}

/// <summary>The serialized runtime state of an instance: its executions and process variables.</summary>
public sealed class InstanceState
{
    public Dictionary<string, object?> Variables { get; set; } = new(StringComparer.Ordinal);
    public List<Execution> Executions { get; set; } = [];
    public int NextId { get; set; } = 1;
}
