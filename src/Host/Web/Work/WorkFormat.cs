using System.Globalization;
using System.Text.Json;
using Workflows.Host.Web.Localization;

namespace Workflows.Host.Web.Work;

/// <summary>How the work pages write times, sizes and form values.</summary>
public static class WorkFormat
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>Beijing time to the minute, or "—".</summary>
    public static string Time(DateTimeOffset? time) =>
        time?.ToOffset(Beijing).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>A file size in KB or MB.</summary>
    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB"
        : Math.Max(1, (long)Math.Ceiling(bytes / 1024.0)).ToString(CultureInfo.InvariantCulture) + " KB";

    /// <summary>The whole number of a JSON value (tallies are numbers), or 0.</summary>
    public static long Number(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var l) => l,
        JsonElement { ValueKind: JsonValueKind.Number } n => (long)n.GetDouble(),
        long l => l,
        int i => i,
        _ => 0,
    };

    /// <summary>A JSON value as true, false or null.</summary>
    public static bool? Flag(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        bool b => b,
        _ => null,
    };

    /// <summary>The text of a JSON string value, or null.</summary>
    public static string? Text(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.String } s => s.GetString(),
        string s => s,
        _ => null,
    };

    /// <summary>A JSON value as the form shows it: 是/否, decisions in words, lists joined, organisations by name.</summary>
    public static string Value(JsonElement value, Func<string, string> organisation) => value.ValueKind switch
    {
        JsonValueKind.True => UiText.Work.Yes,
        JsonValueKind.False => UiText.Work.No,
        JsonValueKind.Null or JsonValueKind.Undefined => "—",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.String => Words(value.GetString() ?? "", organisation),
        JsonValueKind.Array => string.Join(UiText.Work.ListSeparator, value.EnumerateArray().Select(v => Value(v, organisation))),
        _ => value.GetRawText(),
    };

    private static string Words(string text, Func<string, string> organisation) =>
        UiText.DecisionValue(text) ?? (text.StartsWith('/') ? organisation(text) : text);
}
