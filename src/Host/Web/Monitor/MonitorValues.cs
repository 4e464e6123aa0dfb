using System.Text.Encodings.Web;
using System.Text.Json;

namespace Workflows.Host.Web.Monitor;

/// <summary>How the monitor shows a variable's value: as JSON, cut short in the table and whole on demand.</summary>
public static class MonitorValues
{
    /// <summary>Values up to this length are shown whole in the table.</summary>
    public const int ShortLength = 80;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The value as (indented) JSON, Chinese text unescaped.</summary>
    public static string Json(object? value) => value switch
    {
        null => "null",
        JsonElement element => JsonSerializer.Serialize(element, Indented),
        _ => JsonSerializer.Serialize(value, Indented),
    };

    /// <summary>The JSON kind of the value.</summary>
    public static JsonValueKind Kind(object? value) => value switch
    {
        JsonElement element => element.ValueKind,
        null => JsonValueKind.Null,
        string => JsonValueKind.String,
        bool b => b ? JsonValueKind.True : JsonValueKind.False,
        int or long or double or decimal => JsonValueKind.Number,
        _ => JsonValueKind.Object,
    };

    /// <summary>The first <see cref="ShortLength"/> characters on one line, with an ellipsis.</summary>
    public static string Short(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var line = string.Join(' ', json.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= ShortLength ? line : line[..ShortLength] + "…";
    }
}
