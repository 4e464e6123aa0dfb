using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Interop;

using JintEngine = Jint.Engine;

namespace Workflows.Engine.Expressions;

/// <summary>
/// What an <see cref="IExpressionFunctions"/> sees of the sandbox during one evaluation: a place to add global
/// functions, and nothing else.
/// </summary>
public sealed class ExpressionSandbox
{
    private readonly JintEngine _engine;
    private readonly Func<string, bool>? _wanted;

    internal ExpressionSandbox(JintEngine engine, Func<string, bool>? wanted)
    {
        _engine = engine;
        _wanted = wanted;
    }

    /// <summary>
    /// Exposes <paramref name="function"/> as the global JavaScript function <paramref name="name"/>.
    /// Parameters and the return type must be <see cref="bool"/>, <see cref="string"/>, <see cref="int"/>,
    /// <see cref="long"/>, <see cref="double"/>, <see cref="decimal"/>, <see cref="DateTimeOffset"/>,
    /// <see cref="DateTime"/> (or nullable forms of these), or <see cref="object"/> for any normalized value;
    /// the return type may also be <see langword="void"/>. Arguments are checked: a script passing the wrong type
    /// gets a <c>TypeError</c>. An exception thrown by the function becomes a JavaScript <c>Error</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty or the delegate uses a type not listed above.</exception>
    public void SetFunction(string name, Delegate function)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(function);
        var signature = HostFunctionSignature.For(function.Method);
        if (_wanted is not null && !_wanted(name))
        {
            return; // the code never mentions it: skip building the wrapper
        }

        var host = new HostFunction(_engine, name, function, signature);
        _engine.SetValue(name, new ClrFunction(_engine, name, host.Invoke, signature.Parameters.Length));
    }
}

/// <summary>The checked shape of a host delegate, cached per method.</summary>
internal sealed class HostFunctionSignature
{
    private static readonly ConcurrentDictionary<MethodInfo, HostFunctionSignature> Cache = new();

    private static readonly HashSet<Type> AllowedTypes =
    [
        typeof(bool), typeof(string), typeof(int), typeof(long), typeof(double), typeof(decimal),
        typeof(DateTimeOffset), typeof(DateTime), typeof(object),
    ];

    private HostFunctionSignature(ParameterInfo[] parameters, Type returnType)
    {
        Parameters = parameters;
        ReturnsVoid = returnType == typeof(void);
    }

    public ParameterInfo[] Parameters { get; }

    public bool ReturnsVoid { get; }

    public static HostFunctionSignature For(MethodInfo method) => Cache.GetOrAdd(method, Create);

    private static HostFunctionSignature Create(MethodInfo method)
    {
        var parameters = method.GetParameters();
        foreach (var parameter in parameters)
        {
            if (!IsAllowed(parameter.ParameterType) || parameter.ParameterType.IsByRef)
            {
                throw new ArgumentException(
                    $"Expression function parameter '{parameter.Name}' has type {parameter.ParameterType.Name}, which the sandbox does not accept; use bool, string, int, long, double, decimal, DateTimeOffset, DateTime or object.");
            }
        }

        if (method.ReturnType != typeof(void) && !IsAllowed(method.ReturnType))
        {
            throw new ArgumentException(
                $"Expression function {method.Name} returns {method.ReturnType.Name}, which the sandbox does not accept; return bool, string, int, long, double, decimal, DateTimeOffset, DateTime, object or nothing.");
        }

        return new HostFunctionSignature(parameters, method.ReturnType);
    }

    private static bool IsAllowed(Type type) => AllowedTypes.Contains(Nullable.GetUnderlyingType(type) ?? type);
}

/// <summary>Adapts a host delegate to a JavaScript function, converting every argument and the result.</summary>
internal sealed class HostFunction(JintEngine engine, string name, Delegate function, HostFunctionSignature signature)
{
    public JsValue Invoke(JsValue thisValue, JsValue[] arguments)
    {
        var parameters = signature.Parameters;
        var clrArguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            clrArguments[i] = ConvertArgument(i < arguments.Length ? arguments[i] : JsValue.Undefined, parameters[i], i);
        }

        object? result;
        try
        {
            result = function.DynamicInvoke(clrArguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new JavaScriptException(engine.Intrinsics.Error, $"{name}() failed: {ex.InnerException.Message}");
        }

        if (signature.ReturnsVoid)
        {
            return JsValue.Undefined;
        }

        try
        {
            return JsConversion.ToJs(engine, result);
        }
        catch (Exception ex) when (ex is ArgumentException or ValueConversionException)
        {
            throw new JavaScriptException(engine.Intrinsics.Error, $"{name}() returned a value that cannot be used: {ex.Message}");
        }
    }

    private object? ConvertArgument(JsValue value, ParameterInfo parameter, int index)
    {
        var declared = parameter.ParameterType;
        var underlying = Nullable.GetUnderlyingType(declared);
        var type = underlying ?? declared;

        if (value.IsUndefined() && parameter.HasDefaultValue)
        {
            return parameter.DefaultValue;
        }

        if (value.IsNull() || value.IsUndefined())
        {
            if (underlying is not null || !declared.IsValueType)
            {
                return null;
            }

            throw Fail(index, $"is required ({Describe(type)} was expected)");
        }

        if (type == typeof(object))
        {
            try
            {
                return JsConversion.FromJs(value);
            }
            catch (ValueConversionException ex)
            {
                throw Fail(index, $"cannot be used: {ex.Message}");
            }
        }

        if (type == typeof(string))
        {
            return value.IsString() ? value.ToString() : throw Fail(index, $"must be a string, not {JsConversion.TypeOf(value)}");
        }

        if (type == typeof(bool))
        {
            return value.IsBoolean() ? value.AsBoolean() : throw Fail(index, $"must be a boolean, not {JsConversion.TypeOf(value)}");
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            DateTimeOffset date;
            if (value is JsDate jsDate && !double.IsNaN(jsDate.DateValue))
            {
                date = DateTimeOffset.FromUnixTimeMilliseconds((long)jsDate.DateValue);
            }
            else if (!value.IsString() || !DateTimeOffset.TryParse(
                         value.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
            {
                throw Fail(index, "must be a date (a Date object or an ISO 8601 string)");
            }

            return type == typeof(DateTime) ? date.UtcDateTime : date;
        }

        if (!value.IsNumber())
        {
            throw Fail(index, $"must be a number, not {JsConversion.TypeOf(value)}");
        }

        var number = value.AsNumber();
        if (type == typeof(double))
        {
            return number;
        }

        if (!double.IsFinite(number))
        {
            throw Fail(index, "must be a finite number");
        }

        if (type == typeof(decimal))
        {
            return number is > (double)decimal.MaxValue or < (double)decimal.MinValue
                ? throw Fail(index, "is too large")
                : (decimal)number;
        }

        if (Math.Floor(number) != number)
        {
            throw Fail(index, "must be a whole number");
        }

        if (type == typeof(int))
        {
            return number is >= int.MinValue and <= int.MaxValue ? (int)number : throw Fail(index, "is out of range");
        }

        return Math.Abs(number) <= VariableValues.MaxSafeInteger ? (long)number : throw Fail(index, "is out of range");
    }

    private JavaScriptException Fail(int index, string problem) =>
        new(engine.Intrinsics.TypeError, $"{name}(): argument {index + 1} {problem}.");

    private static string Describe(Type type) =>
        type == typeof(bool) ? "a boolean"
        : type == typeof(string) ? "a string"
        : type == typeof(DateTimeOffset) || type == typeof(DateTime) ? "a date"
        : "a number";
}
