using System.Text;

namespace Workflows.Engine.Runtime;

/// <summary>
/// Bounds on the variables an instance holds, checked when a command's changes are written: an instance with more
/// variables, or whose stored state (its variables and executions, as JSON) is larger, is refused and the command
/// changes nothing. The host also bounds each request (<c>Workflows:Variables</c>); this is the total of an instance.
/// </summary>
public sealed class VariableLimits
{
    public const int DefaultMaxCount = 1_000;
    public const int DefaultMaxInstanceJsonBytes = 4 * 1024 * 1024;

    /// <summary>Most variables of one instance, counting those of every scope (sub-processes, multi-instance).</summary>
    public int MaxCount { get; set; } = DefaultMaxCount;

    /// <summary>Largest stored state of one instance in UTF-8 bytes of JSON.</summary>
    public int MaxInstanceJsonBytes { get; set; } = DefaultMaxInstanceJsonBytes;

    /// <summary>Throws a <see cref="WorkflowErrorKind.LimitExceeded"/> error when the instance is over a limit.</summary>
    internal void Check(InstanceRuntime instance, string stateJson)
    {
        var count = instance.State.Variables.Count;
        foreach (var execution in instance.State.Executions)
        {
            count += execution.Variables?.Count ?? 0;
        }

        if (count > MaxCount)
        {
            throw new WorkflowException(
                $"The instance would hold {count:N0} variables; the limit is {MaxCount:N0} (Workflows:Variables:MaxCount). 流程变量过多。",
                WorkflowErrorKind.LimitExceeded);
        }

        // Characters are at most 3 bytes each: count the bytes only when that bound is over the limit.
        if ((long)stateJson.Length * 3 > MaxInstanceJsonBytes && Encoding.UTF8.GetByteCount(stateJson) is var bytes && bytes > MaxInstanceJsonBytes)
        {
            throw new WorkflowException(
                $"The instance's variables would take {bytes:N0} bytes of JSON; the limit is {MaxInstanceJsonBytes:N0} (Workflows:Variables:MaxInstanceJsonBytes). 流程变量过大。",
                WorkflowErrorKind.LimitExceeded);
        }
    }
}
