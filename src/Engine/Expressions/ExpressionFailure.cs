namespace Workflows.Engine.Expressions;

/// <summary>Why an expression or script failed.</summary>
public enum ExpressionFailure
{
    /// <summary>The text is not valid JavaScript (or not a single expression where one was expected).</summary>
    Syntax,

    /// <summary>The code ran and threw: unknown variable, type error, an exception thrown by the script, and so on.</summary>
    Runtime,

    /// <summary>The code ran longer than <see cref="ExpressionOptions.Timeout"/>.</summary>
    Timeout,

    /// <summary>The code executed more than <see cref="ExpressionOptions.MaxStatements"/> statements.</summary>
    StatementLimit,

    /// <summary>The code allocated more than <see cref="ExpressionOptions.MemoryLimitBytes"/>.</summary>
    MemoryLimit,

    /// <summary>The code recursed deeper than <see cref="ExpressionOptions.RecursionLimit"/> (or the stack ran out).</summary>
    RecursionLimit,
}
