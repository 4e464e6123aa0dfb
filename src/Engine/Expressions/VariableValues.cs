using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;

namespace Workflows.Engine.Expressions;

/// <summary>
/// Turns arbitrary CLR values into the "normalized" form every variable value takes in the engine:
/// <see langword="null"/>, <see cref="bool"/>, <see cref="long"/>, <see cref="double"/>, <see cref="decimal"/>,
/// <see cref="string"/>, <see cref="DateTimeOffset"/>, <c>List&lt;object?&gt;</c> and
/// <c>Dictionary&lt;string, object?&gt;</c> (ordinal keys), nested to any depth up to <see cref="MaxDepth"/>.
/// </summary>
public static class VariableValues
{
    /// <summary>How deeply lists and dictionaries may nest; deeper values (or cycles) are rejected.</summary>
    public const int MaxDepth = 64;

    /// <summary>The largest integer a JavaScript number represents exactly (2^53 - 1).</summary>
    internal const double MaxSafeInteger = 9007199254740991d;

    /// <summary>
    /// Converts a value to its normalized form. Containers are always copied, so the result never aliases the input.
    /// <list type="bullet">
    /// <item>JSON (<see cref="JsonElement"/>, <see cref="JsonDocument"/>, <see cref="JsonNode"/>): numbers written as
    /// integers that fit become <see cref="long"/>, as do fractions with a whole value within ±(2^53 - 1) such as
    /// <c>2.0</c>; other numbers become <see cref="double"/>; objects become
    /// dictionaries, arrays lists.</item>
    /// <item>Integers of any width become <see cref="long"/> (an unsigned or big value too large for it becomes
    /// <see cref="decimal"/>, or <see cref="double"/> beyond that); <see cref="float"/> and <see cref="Half"/> become
    /// <see cref="double"/> (by their shortest decimal form, so <c>0.1f</c> gives <c>0.1</c>).</item>
    /// <item><see cref="DateTime"/> becomes <see cref="DateTimeOffset"/> (unspecified kind is taken as UTC);
    /// <see cref="DateOnly"/>, <see cref="TimeOnly"/>, <see cref="TimeSpan"/> (ISO 8601 duration), <see cref="Guid"/>,
    /// enums, <see cref="Uri"/> and <see cref="char"/> become strings; byte arrays become base64 strings.</item>
    /// <item>Dictionaries become <c>Dictionary&lt;string, object?&gt;</c> (keys converted with the invariant culture);
    /// any other enumerable becomes <c>List&lt;object?&gt;</c>.</item>
    /// <item>Any other object is serialized with System.Text.Json and the result normalized (a POCO becomes a
    /// dictionary of its public properties).</item>
    /// </list>
    /// </summary>
    /// <exception cref="ArgumentException">The value nests deeper than <see cref="MaxDepth"/> or contains a cycle,
    /// or it cannot be serialized.</exception>
    public static object? Normalize(object? value) => Normalize(value, 0);

    /// <summary>Whole numbers within ±(2^53 - 1) become <see cref="long"/>; everything else stays a double.</summary>
    internal static object NormalizeNumber(double number)
    {
        if (Math.Abs(number) <= MaxSafeInteger && Math.Floor(number) == number)
        {
            return (long)number;
        }

        return number;
    }

    /// <summary>The ISO 8601 form used when a date has to become text.</summary>
    internal static string FormatDate(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture);

    private static object? Normalize(object? value, int depth)
    {
        switch (value)
        {
            case null:
                return null;
            case string s:
                return s;
            case bool b:
                return b;
            case long l:
                return l;
            case int i:
                return (long)i;
            case double d:
                return d;
            case decimal m:
                return m;
            case DateTimeOffset dto:
                return dto;
            case JsonElement element:
                return FromJsonElement(element, depth);
            case JsonDocument document:
                return FromJsonElement(document.RootElement, depth);
            case JsonNode node:
                return FromJsonNode(node, depth);
            case short s16:
                return (long)s16;
            case ushort u16:
                return (long)u16;
            case byte u8:
                return (long)u8;
            case sbyte s8:
                return (long)s8;
            case uint u32:
                return (long)u32;
            case ulong u64:
                return u64 <= long.MaxValue ? (long)u64 : (decimal)u64;
            case float f:
                return float.IsFinite(f)
                    ? double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
                    : (double)f;
            case Half h:
                return (double)h;
            case BigInteger big:
                return FromBigInteger(big);
            case Int128 i128:
                return FromBigInteger((BigInteger)i128);
            case UInt128 u128:
                return FromBigInteger((BigInteger)u128);
            case char c:
                return c.ToString();
            case DateTime dt:
                return dt.Kind == DateTimeKind.Local
                    ? new DateTimeOffset(dt)
                    : new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc));
            case DateOnly date:
                return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case TimeOnly time:
                return time.ToString("HH':'mm':'ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');
            case TimeSpan span:
                return XmlConvert.ToString(span);
            case Guid guid:
                return guid.ToString("D");
            case Enum e:
                return e.ToString();
            case Uri uri:
                return uri.OriginalString;
            case byte[] bytes:
                return Convert.ToBase64String(bytes);
            case DBNull:
                return null;
            case IDictionary<string, object?> generic:
                return FromPairs(generic, generic.Count, depth);
            case IReadOnlyDictionary<string, object?> readOnly:
                return FromPairs(readOnly, readOnly.Count, depth);
            case IDictionary dictionary:
                return FromDictionary(dictionary, depth);
            case IEnumerable enumerable:
                return FromEnumerable(enumerable, depth);
            default:
                return FromObject(value, depth);
        }
    }

    private static object FromBigInteger(BigInteger value)
    {
        if (value >= long.MinValue && value <= long.MaxValue)
        {
            return (long)value;
        }

        if (value >= (BigInteger)decimal.MinValue && value <= (BigInteger)decimal.MaxValue)
        {
            return (decimal)value;
        }

        return (double)value;
    }

    private static int Deeper(int depth)
    {
        if (depth >= MaxDepth)
        {
            throw new ArgumentException(
                $"The value is nested more than {MaxDepth} levels deep or refers to itself, so it cannot be stored as a variable.");
        }

        return depth + 1;
    }

    private static Dictionary<string, object?> FromPairs(IEnumerable<KeyValuePair<string, object?>> pairs, int count, int depth)
    {
        var next = Deeper(depth);
        var result = new Dictionary<string, object?>(count, StringComparer.Ordinal);
        foreach (var (key, item) in pairs)
        {
            result[key] = Normalize(item, next);
        }

        return result;
    }

    private static Dictionary<string, object?> FromDictionary(IDictionary dictionary, int depth)
    {
        var next = Deeper(depth);
        var result = new Dictionary<string, object?>(dictionary.Count, StringComparer.Ordinal);
        foreach (DictionaryEntry entry in dictionary)
        {
            var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
            result[key] = Normalize(entry.Value, next);
        }

        return result;
    }

    private static List<object?> FromEnumerable(IEnumerable enumerable, int depth)
    {
        var next = Deeper(depth);
        var result = enumerable is ICollection collection ? new List<object?>(collection.Count) : new List<object?>();
        foreach (var item in enumerable)
        {
            result.Add(Normalize(item, next));
        }

        return result;
    }

    private static object? FromObject(object value, int depth)
    {
        JsonElement element;
        try
        {
            element = JsonSerializer.SerializeToElement(value, value.GetType());
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw new ArgumentException(
                $"A value of type {value.GetType().Name} cannot be stored as a variable: {ex.Message}", nameof(value), ex);
        }

        return FromJsonElement(element, depth);
    }

    private static object? FromJsonElement(JsonElement element, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return null;
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.TryGetInt64(out var whole)
                    ? whole
                    : NormalizeNumber(element.GetDouble());
            case JsonValueKind.Array:
            {
                var next = Deeper(depth);
                var list = new List<object?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(FromJsonElement(item, next));
                }

                return list;
            }

            case JsonValueKind.Object:
            {
                var next = Deeper(depth);
                var dictionary = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    dictionary[property.Name] = FromJsonElement(property.Value, next);
                }

                return dictionary;
            }

            default:
                return null;
        }
    }

    private static object? FromJsonNode(JsonNode node, int depth)
    {
        switch (node)
        {
            case JsonObject obj:
            {
                var next = Deeper(depth);
                var dictionary = new Dictionary<string, object?>(obj.Count, StringComparer.Ordinal);
                foreach (var (key, item) in obj)
                {
                    dictionary[key] = item is null ? null : FromJsonNode(item, next);
                }

                return dictionary;
            }

            case JsonArray array:
            {
                var next = Deeper(depth);
                var list = new List<object?>(array.Count);
                foreach (var item in array)
                {
                    list.Add(item is null ? null : FromJsonNode(item, next));
                }

                return list;
            }

            case JsonValue jsonValue:
                if (jsonValue.TryGetValue<JsonElement>(out var element))
                {
                    return FromJsonElement(element, depth);
                }

                var raw = jsonValue.GetValue<object>();
                return raw is JsonNode ? FromJsonElement(JsonSerializer.SerializeToElement(jsonValue), depth) : Normalize(raw, depth);
            default:
                return FromJsonElement(JsonSerializer.SerializeToElement(node), depth);
        }
    }
}
