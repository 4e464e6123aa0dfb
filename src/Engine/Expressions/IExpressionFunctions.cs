namespace Workflows.Engine.Expressions;

/// <summary>Host-supplied built-in functions (e.g. working-day arithmetic). Each is exposed as a global JS function.</summary>
public interface IExpressionFunctions
{
    /// <summary>
    /// Called once per evaluation to add functions to the sandbox with <see cref="ExpressionSandbox.SetFunction"/>,
    /// using delegates that take and return primitive types only.
    /// </summary>
    void Register(ExpressionSandbox sandbox);
}
