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

    /// <summary>
    /// The user the next task of this execution goes to, whatever the node's assignee says: an added signer (加签),
    /// or the actor of a withdrawal or a return to the initiator. Used once, when the task is created.
    /// </summary>
    public string? AssignTo { get; set; }

    /// <summary>
    /// Signers added (加签) to the node this execution stands at: on a user task, the before-signer holding the task and
    /// the after-signers still to ask; on a sequential multi-instance body, where added signers stand in the sequence.
    /// Cleared when the execution moves to another node.
    /// </summary>
    public List<AddedSigner>? Signers { get; set; }

    [JsonIgnore]
    internal bool Removed { get; set; }
}

/// <summary>A signer added (加签) to a node, kept in the execution's state until they have acted.</summary>
public sealed class AddedSigner
{
    public string Signer { get; set; } = "";

    /// <summary>Who added them; only they (or a trusted caller) may remove them again.</summary>
    public string? AddedBy { get; set; }
    public SignerPosition Position { get; set; }

    /// <summary>True while the signer holds the task (a before-signer, or the after-signer being asked now).</summary>
    public bool Acting { get; set; }

    /// <summary>On a sequential multi-instance body: the signer's place in the sequence (the loop counter of their turn).</summary>
    public int? Index { get; set; }
}

/// <summary>The serialized runtime state of an instance: its executions and process variables.</summary>
public sealed class InstanceState
{
    public Dictionary<string, object?> Variables { get; set; } = new(StringComparer.Ordinal);
    public List<Execution> Executions { get; set; } = [];
    public int NextId { get; set; } = 1;
}
