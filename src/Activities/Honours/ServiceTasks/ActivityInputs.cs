using System.Collections;
using System.Globalization;
using Workflows.Engine.Activities;

namespace Workflows.Activities.Honours.ServiceTasks;

/// <summary>
/// Reads the inputs of the <c>honours.*</c> activities (an input parameter of the task, or else the process variable of
/// that name): ids, texts, lists of ids, numbers, dates. A missing or malformed required input throws an
/// <see cref="ArgumentException"/> that names the activity and the input, so the incident tells the designer what to fix.
/// </summary>
internal static class ActivityInputs
{
    public static Guid RequireGuid(ActivityContext context, string activity, string name) =>
        Guid(context, activity, name) ?? throw new ArgumentException($"{activity} needs the input '{name}' (an id).");

    public static Guid? Guid(ActivityContext context, string activity, string name) => context.Get(name) switch
    {
        null => null,
        System.Guid g => g,
        string s when string.IsNullOrWhiteSpace(s) => null,
        string s when System.Guid.TryParse(s, out var g) => g,
        var other => throw new ArgumentException($"{activity}: the input '{name}' is not an id: '{other}'."),
    };

    public static string RequireText(ActivityContext context, string activity, string name) =>
        Text(context, name) ?? throw new ArgumentException($"{activity} needs the input '{name}'.");

    public static string? Text(ActivityContext context, string name) =>
        context.Get(name) is { } value && Convert.ToString(value, CultureInfo.InvariantCulture) is { } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;

    /// <summary>A list of ids from a list (of ids, texts, or objects with an <c>id</c> or <c>nominationId</c>) or a text separated by commas; null when absent.</summary>
    public static IReadOnlyList<Guid>? Guids(ActivityContext context, string activity, string name)
    {
        var value = context.Get(name);
        if (value is null)
        {
            return null;
        }

        var result = new List<Guid>();
        void Add(object? item)
        {
            switch (item)
            {
                case null:
                    return;
                case System.Guid g:
                    result.Add(g);
                    return;
                case string s:
                    foreach (var part in s.Split([',', ';', '，', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        result.Add(System.Guid.TryParse(part, out var g)
                            ? g
                            : throw new ArgumentException($"{activity}: '{part}' in the input '{name}' is not an id."));
                    }

                    return;
                case IDictionary<string, object?> map:
                    Add(map.TryGetValue("nominationId", out var n) ? n : map.TryGetValue("id", out var id) ? id : null);
                    return;
                case IEnumerable list:
                    foreach (var inner in list)
                    {
                        Add(inner);
                    }

                    return;
                default:
                    throw new ArgumentException($"{activity}: the input '{name}' is not a list of ids.");
            }
        }

        Add(value);
        return result;
    }

    public static int? Int(ActivityContext context, string activity, string name) => context.Get(name) switch
    {
        null => null,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        int i => i,
        double d when Math.Floor(d) == d && d is >= int.MinValue and <= int.MaxValue => (int)d,
        string s when string.IsNullOrWhiteSpace(s) => null,
        string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        var other => throw new ArgumentException($"{activity}: the input '{name}' is not a whole number: '{other}'."),
    };

    public static bool? Bool(ActivityContext context, string activity, string name) => context.Get(name) switch
    {
        null => null,
        bool b => b,
        string s when string.IsNullOrWhiteSpace(s) => null,
        string s when bool.TryParse(s, out var b) => b,
        var other => throw new ArgumentException($"{activity}: the input '{name}' is not true or false: '{other}'."),
    };

    /// <summary>A calendar day from <c>yyyy-MM-dd</c>, or the China-time day of a moment (text or <see cref="DateTimeOffset"/>).</summary>
    public static DateOnly? Date(ActivityContext context, string activity, string name) => context.Get(name) switch
    {
        null => null,
        DateOnly d => d,
        DateTimeOffset at => ChinaDay(at),
        DateTime at => ChinaDay(new DateTimeOffset(DateTime.SpecifyKind(at, at.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : at.Kind))),
        string s when string.IsNullOrWhiteSpace(s) => null,
        string s when DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d,
        string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => ChinaDay(at),
        var other => throw new ArgumentException($"{activity}: the input '{name}' is not a date such as 2026-04-20: '{other}'."),
    };

    public static T? Enum<T>(ActivityContext context, string activity, string name)
        where T : struct, System.Enum =>
        Text(context, name) is not { } text ? null
        : System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) ? value
        : throw new ArgumentException($"{activity}: the input '{name}' must be one of {string.Join(", ", System.Enum.GetNames<T>())}, not '{text}'.");

    /// <summary>The acting user: the <c>actor</c> input, else the process's <c>initiator</c>, else <c>system:process</c>.</summary>
    public static string Actor(ActivityContext context) => Text(context, "actor") ?? Text(context, "initiator") ?? "system:process";

    /// <summary>The idempotency key of a step: its instance and element.</summary>
    public static string SourceKey(ActivityContext context) => $"{context.InstanceId:N}:{context.ElementId}";

    public static DateOnly ChinaDay(DateTimeOffset at) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Engine.Time.WorkingDays.ChinaStandardTime).DateTime);

    /// <summary>A moment as ISO 8601 in China Standard Time: <c>2026-10-11T00:00:00+08:00</c>.</summary>
    public static string Moment(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Engine.Time.WorkingDays.ChinaStandardTime).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
