namespace Workflows.Engine.Expressions;

/// <summary>
/// Limits applied to every expression and script run in the sandbox. The evaluator reads them once, when it is
/// constructed; changing an instance afterwards does not affect an evaluator that already exists.
/// </summary>
public sealed class ExpressionOptions
{
    /// <summary>Wall-clock time one evaluation may take. Zero or negative means no time limit.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Number of statements one evaluation may execute. Zero or negative means no limit.</summary>
    public int MaxStatements { get; set; } = 1_000_000;

    /// <summary>Bytes one evaluation may allocate. Zero or negative means no limit.</summary>
    public long MemoryLimitBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>How many times one function may appear on the call stack. Negative means no limit.</summary>
    public int RecursionLimit { get; set; } = 128;
}
