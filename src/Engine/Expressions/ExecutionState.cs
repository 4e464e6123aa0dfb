using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Interop;

using JintEngine = Jint.Engine;

namespace Workflows.Engine.Expressions;

/// <summary>
/// The <c>execution</c> object of one evaluation: reads variables (including those the script set itself) and,
/// in scripts, records the variables set.
/// </summary>
internal sealed class ExecutionState(JintEngine engine, IVariableReader variables, bool isScript)
{
    private Dictionary<string, object?>? _set;
    private List<string>? _order;

    public JsObject CreateExecutionObject()
    {
        var execution = new JsObject(engine);
        execution.FastSetDataProperty("getVariable", new ClrFunction(engine, "getVariable", GetVariable, 1));
        execution.FastSetDataProperty("hasVariable", new ClrFunction(engine, "hasVariable", HasVariable, 1));
        execution.FastSetDataProperty("setVariable", new ClrFunction(engine, "setVariable", SetVariable, 2));
        return execution;
    }

    public IReadOnlyList<KeyValuePair<string, object?>> SetVariables()
    {
        if (_order is null || _set is null)
        {
            return [];
        }

        var result = new KeyValuePair<string, object?>[_order.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new KeyValuePair<string, object?>(_order[i], _set[_order[i]]);
        }

        return result;
    }

    private JsValue GetVariable(JsValue thisValue, JsValue[] arguments)
    {
        var name = RequireName("getVariable", arguments);
        if (_set is not null && _set.TryGetValue(name, out var own))
        {
            return JsConversion.ToJs(engine, own);
        }

        return variables.TryGetVariable(name, out var value) ? JsConversion.ToJs(engine, value) : JsValue.Undefined;
    }

    private JsValue HasVariable(JsValue thisValue, JsValue[] arguments)
    {
        var name = RequireName("hasVariable", arguments);
        var has = (_set is not null && _set.ContainsKey(name)) || variables.TryGetVariable(name, out _);
        return has ? JsBoolean.True : JsBoolean.False;
    }

    private JsValue SetVariable(JsValue thisValue, JsValue[] arguments)
    {
        if (!isScript)
        {
            throw new JavaScriptException(
                engine.Intrinsics.TypeError,
                "execution.setVariable() is only available in scripts; an expression cannot change variables.");
        }

        var name = RequireName("setVariable", arguments);
        object? value;
        try
        {
            value = JsConversion.FromJs(arguments.Length > 1 ? arguments[1] : JsValue.Undefined);
        }
        catch (ValueConversionException ex)
        {
            throw new JavaScriptException(
                engine.Intrinsics.TypeError, $"execution.setVariable('{name}'): {ExpressionEvaluator.Sentence(ex.Message)}");
        }

        _set ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        _order ??= [];
        if (!_set.ContainsKey(name))
        {
            _order.Add(name);
        }

        _set[name] = value;
        return JsValue.Undefined;
    }

    private string RequireName(string function, JsValue[] arguments)
    {
        var name = arguments.Length > 0 ? arguments[0] : JsValue.Undefined;
        if (!name.IsString() || name.ToString().Length == 0)
        {
            throw new JavaScriptException(
                engine.Intrinsics.TypeError,
                $"execution.{function}(): the variable name must be a non-empty string, not {JsConversion.TypeOf(name)}.");
        }

        return name.ToString();
    }
}
