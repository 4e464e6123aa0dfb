namespace Workflows.Engine.Expressions;

/// <summary>
/// Raised for any failure of an expression or script: syntax error, runtime error, timeout, statement, memory or
/// recursion limit. <see cref="Exception.Message"/> is a complete English sentence meant for people.
/// </summary>
public sealed class ExpressionException : Exception
{
    /// <summary>Creates an exception for a runtime failure.</summary>
    public ExpressionException(string message, string expression, Exception? inner = null)
        : this(message, expression, ExpressionFailure.Runtime, inner)
    {
    }

    /// <summary>Creates an exception for the given kind of failure.</summary>
    public ExpressionException(string message, string expression, ExpressionFailure failure, Exception? inner = null)
        : base(message, inner)
    {
        Expression = expression ?? string.Empty;
        Failure = failure;
    }

    /// <summary>The expression or script text as it was given to the evaluator.</summary>
    public string Expression { get; }

    /// <summary>What kind of failure this is.</summary>
    public ExpressionFailure Failure { get; }
}
