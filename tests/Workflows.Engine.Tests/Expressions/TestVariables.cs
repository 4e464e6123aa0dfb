using Workflows.Engine.Expressions;

namespace Workflows.Engine.Tests.Expressions;

/// <summary>A flat variable scope backed by a dictionary.</summary>
internal sealed class TestVariables : IVariableReader
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    public TestVariables(params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            _values[name] = value;
        }
    }

    public static TestVariables Empty => new();

    public bool TryGetVariable(string name, out object? value) => _values.TryGetValue(name, out value);

    public IEnumerable<KeyValuePair<string, object?>> AllVariables() => _values;
}
