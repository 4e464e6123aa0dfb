namespace Workflows.Engine.Expressions;

/// <summary>
/// What a script produced: the value of its last expression statement (normalized) and the variables it set with
/// <c>execution.setVariable</c>, in the order they were first set, each with the last value given to it.
/// </summary>
public sealed record ScriptResult(object? Value, IReadOnlyList<KeyValuePair<string, object?>> SetVariables);
