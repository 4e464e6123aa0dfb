namespace Workflows.Engine.Runtime;

/// <summary>What went wrong with a command, so the API can answer with the right status.</summary>
public enum WorkflowErrorKind
{
    /// <summary>The request is wrong (bad variables, wrong state).</summary>
    Invalid,
    NotFound,

    /// <summary>The request conflicts with the current state (task already completed, definition retired).</summary>
    Conflict,

    /// <summary>The process itself failed while running (no gateway path, script error, cycle without wait).</summary>
    ProcessFailure,

    /// <summary>The actor may not do this (neither the assignee nor a candidate of the task, not the initiator …).</summary>
    Forbidden,

    /// <summary>The request is well formed but cannot be accepted (it sets a variable the engine owns, such as <c>initiator</c>).</summary>
    Unprocessable,
    /// <summary>The command would put an instance over a limit (too many or too large variables).</summary>
    LimitExceeded,
}

/// <summary>A failure a user can understand; the command that raised it changed nothing.</summary>
public class WorkflowException(string message, WorkflowErrorKind kind = WorkflowErrorKind.ProcessFailure, Exception? inner = null)
    : Exception(message, inner)
{
    public WorkflowErrorKind Kind { get; } = kind;

    /// <summary>The element where it happened, when known.</summary>
    public string? ElementId { get; init; }
}
