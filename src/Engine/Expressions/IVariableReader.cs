namespace Workflows.Engine.Expressions;

/// <summary>Read-only view of the variables visible at a point of execution (the engine implements it).</summary>
public interface IVariableReader
{
    /// <summary>Looks a variable up by name; values are normalized (see <see cref="VariableValues"/>).</summary>
    bool TryGetVariable(string name, out object? value);

    /// <summary>Every visible name once, innermost scope wins.</summary>
    IEnumerable<KeyValuePair<string, object?>> AllVariables();
}
