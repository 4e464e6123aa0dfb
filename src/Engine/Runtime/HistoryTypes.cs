namespace Workflows.Engine.Runtime;

/// <summary>Names of the history event types the engine writes.</summary>
public static class HistoryTypes
{
    public const string InstanceStarted = "InstanceStarted";
    public const string InstanceCompleted = "InstanceCompleted";
    public const string InstanceTerminated = "InstanceTerminated";
    public const string InstanceCancelled = "InstanceCancelled";
    public const string ElementStarted = "ElementStarted";
    public const string ElementCompleted = "ElementCompleted";
    public const string ElementCancelled = "ElementCancelled";
    public const string TaskCreated = "TaskCreated";
    public const string TaskCompleted = "TaskCompleted";
    public const string MessageCorrelated = "MessageCorrelated";
    public const string MessageSent = "MessageSent";
    public const string ErrorThrown = "ErrorThrown";
    public const string ErrorCaught = "ErrorCaught";
    public const string VariablesSet = "VariablesSet";
    public const string TimerFired = "TimerFired";
    public const string TaskReminded = "TaskReminded";
    public const string TaskTimedOut = "TaskTimedOut";
    public const string TaskEscalated = "TaskEscalated";
    public const string TaskReturned = "TaskReturned";
    public const string TaskClaimed = "TaskClaimed";
    public const string TaskReleased = "TaskReleased";
    public const string TaskTransferred = "TaskTransferred";
    public const string TaskUrged = "TaskUrged";
    public const string TaskCopied = "TaskCopied";
    public const string Comment = "Comment";

    /// <summary>驳回: a rejection by the node's rule (end the process or return to a node).</summary>
    public const string TaskRejected = "TaskRejected";

    /// <summary>委派: handed to a delegate who resolves it back.</summary>
    public const string TaskDelegated = "TaskDelegated";

    /// <summary>The delegate gave the task back to its owner.</summary>
    public const string TaskResolved = "TaskResolved";

    /// <summary>加签: a signer added to a node.</summary>
    public const string SignerAdded = "SignerAdded";

    /// <summary>减签: a signer removed from a node.</summary>
    public const string SignerRemoved = "SignerRemoved";

    /// <summary>
    /// 前加签: the signer added before the task's owner gave their opinion (data: the owner and the variables given); the
    /// task went back to the owner and the process did not move.
    /// </summary>
    public const string SignerCompleted = "SignerCompleted";

    /// <summary>撤回: the one who acted last took the item back while nobody had acted on it since.</summary>
    public const string InstanceWithdrawn = "InstanceWithdrawn";

    /// <summary>An attachment added to an instance or task.</summary>
    public const string AttachmentAdded = "AttachmentAdded";

    /// <summary>The history types that put a task in its actor's done list (已办).</summary>
    public static readonly IReadOnlyList<string> DoneActions =
    [
        TaskCompleted, TaskReturned, TaskRejected, TaskTransferred, TaskDelegated, TaskResolved, InstanceWithdrawn, SignerCompleted,
    ];
}
