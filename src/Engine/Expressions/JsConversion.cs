using Jint;
using Jint.Native;
using Jint.Native.Array;
using Jint.Native.Object;
using Jint.Runtime;

using JintEngine = Jint.Engine;

namespace Workflows.Engine.Expressions;

/// <summary>
/// Converts between normalized CLR values and JavaScript values. Nothing CLR-typed ever reaches the script: every
/// value is rebuilt from JavaScript primitives, plain objects, arrays and dates.
/// </summary>
internal static class JsConversion
{
    /// <summary>Longest array a script may hand back; longer (or absurdly sparse) arrays are refused.</summary>
    internal const uint MaxArrayLength = 1_000_000;

    /// <summary>
    /// Normalized CLR value to JavaScript: lists become arrays, dictionaries plain objects, dates <c>Date</c>
    /// objects, decimals and longs numbers. Values not yet normalized are normalized first.
    /// </summary>
    public static JsValue ToJs(JintEngine engine, object? value) => ToJs(engine, value, 0);

    private static JsValue ToJs(JintEngine engine, object? value, int depth)
    {
        switch (value)
        {
            case null:
                return JsValue.Null;
            case bool b:
                return b ? JsBoolean.True : JsBoolean.False;
            case string s:
                return JsString.Create(s);
            case long l:
                return JsNumber.Create((double)l);
            case double d:
                return JsNumber.Create(d);
            case decimal m:
                return JsNumber.Create((double)m);
            case DateTimeOffset dto:
                return new JsDate(engine, dto);
            case List<object?> list:
            {
                var next = Deeper(depth);
                var items = new JsValue[list.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = ToJs(engine, list[i], next);
                }

                return new JsArray(engine, items);
            }

            case Dictionary<string, object?> dictionary:
            {
                var next = Deeper(depth);
                var obj = new JsObject(engine);
                foreach (var (key, item) in dictionary)
                {
                    obj.CreateDataProperty(JsString.Create(key), ToJs(engine, item, next));
                }

                return obj;
            }

            default:
                // Not normalized (an int from a careless caller, a POCO...): normalize, which only yields the types above.
                return ToJs(engine, VariableValues.Normalize(value), depth);
        }
    }

    private static int Deeper(int depth)
    {
        if (depth >= VariableValues.MaxDepth)
        {
            throw new ValueConversionException(
                $"the value is nested more than {VariableValues.MaxDepth} levels deep or refers to itself");
        }

        return depth + 1;
    }

    /// <summary>
    /// JavaScript value to normalized CLR value, as a JSON-like snapshot: primitives, plain objects (own enumerable
    /// data properties; getters are never run), arrays (holes become null) and dates. <c>undefined</c> becomes null.
    /// </summary>
    /// <exception cref="ValueConversionException">Functions, symbols, cycles, or objects other than plain objects,
    /// arrays and dates (Map, Proxy, class wrappers...).</exception>
    public static object? FromJs(JsValue value) => FromJs(value, 0, null);

    private static object? FromJs(JsValue value, int depth, HashSet<ObjectInstance>? ancestors)
    {
        switch (value.Type)
        {
            case Types.Undefined:
            case Types.Null:
            case Types.Empty:
                return null;
            case Types.Boolean:
                return value.AsBoolean();
            case Types.Number:
                return VariableValues.NormalizeNumber(value.AsNumber());
            case Types.String:
                return value.ToString();
            case Types.BigInt:
                return VariableValues.Normalize(TypeConverter.ToBigInt(value));
            case Types.Symbol:
                throw new ValueConversionException("a Symbol is not a data value");
        }

        if (value is not ObjectInstance obj)
        {
            throw new ValueConversionException($"a value of type {value.Type} is not a data value");
        }

        if (value.IsCallable())
        {
            throw new ValueConversionException("a function is not a data value");
        }

        if (obj is JsDate date)
        {
            var time = date.DateValue;
            return double.IsNaN(time) ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)time);
        }

        if (obj is not ArrayInstance && obj is not JsObject)
        {
            throw new ValueConversionException(
                $"{WithArticle(DescribeKind(obj))} object is not a data value; use a plain object, an array, a string or a number");
        }

        var next = Deeper(depth);
        ancestors ??= new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance);
        if (!ancestors.Add(obj))
        {
            throw new ValueConversionException("the value refers to itself (a circular reference)");
        }

        try
        {
            return obj is ArrayInstance array ? FromArray(array, next, ancestors) : FromObject(obj, next, ancestors);
        }
        finally
        {
            ancestors.Remove(obj);
        }
    }

    private static List<object?> FromArray(ArrayInstance array, int depth, HashSet<ObjectInstance> ancestors)
    {
        var lengthValue = array.GetOwnProperty(CommonKeys.Length).Value;
        var length = lengthValue.IsNumber() ? lengthValue.AsNumber() : 0;
        if (length > MaxArrayLength)
        {
            throw new ValueConversionException(
                $"the array has {length:0} elements, more than the {MaxArrayLength:N0} a variable may hold");
        }

        var count = (int)length;
        var list = new List<object?>(count);
        for (var i = 0; i < count; i++)
        {
            var descriptor = array.GetOwnProperty(JsNumber.Create(i));
            list.Add(descriptor != PropertyDescriptorNone && descriptor.IsDataDescriptor()
                ? FromJs(descriptor.Value, depth, ancestors)
                : null);
        }

        return list;
    }

    private static Dictionary<string, object?> FromObject(ObjectInstance obj, int depth, HashSet<ObjectInstance> ancestors)
    {
        var keys = obj.GetOwnPropertyKeys(Types.String);
        var dictionary = new Dictionary<string, object?>(keys.Count, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var descriptor = obj.GetOwnProperty(key);
            if (descriptor == PropertyDescriptorNone || !descriptor.Enumerable || !descriptor.IsDataDescriptor())
            {
                continue;
            }

            dictionary[key.ToString()] = FromJs(descriptor.Value, depth, ancestors);
        }

        return dictionary;
    }

    private static Jint.Runtime.Descriptors.PropertyDescriptor PropertyDescriptorNone =>
        Jint.Runtime.Descriptors.PropertyDescriptor.Undefined;

    /// <summary>"Map" for JsMap, "Proxy" for JsProxy, "String" for StringInstance...</summary>
    private static string DescribeKind(ObjectInstance obj)
    {
        var name = obj.GetType().Name;
        if (name.StartsWith("Js", StringComparison.Ordinal) && name.Length > 2)
        {
            name = name[2..];
        }

        if (name.EndsWith("Instance", StringComparison.Ordinal) && name.Length > "Instance".Length)
        {
            name = name[..^"Instance".Length];
        }

        return name;
    }

    private static string WithArticle(string noun) =>
        (noun.Length > 0 && "AEIOUaeiou".Contains(noun[0], StringComparison.Ordinal) ? "an " : "a ") + noun;

    /// <summary>The <c>typeof</c> of a value, for messages.</summary>
    public static string TypeOf(JsValue value) => value.Type switch
    {
        Types.Undefined or Types.Empty => "undefined",
        Types.Null => "null",
        Types.Boolean => "a boolean",
        Types.Number => "a number",
        Types.String => "a string",
        Types.Symbol => "a symbol",
        Types.BigInt => "a bigint",
        _ => value.IsCallable() ? "a function" : value.IsArray() ? "an array" : "an object",
    };
}

/// <summary>A JavaScript value that cannot become a normalized variable value; the message completes a sentence.</summary>
internal sealed class ValueConversionException(string reason) : Exception(reason);

/// <summary>Property keys used often enough to be worth keeping.</summary>
internal static class CommonKeys
{
    public static readonly JsString Length = JsString.Create("length");
}
