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
}
