using System.Text.Json;

namespace Workflows.Activities.Calendar;

/// <summary>
/// The calendar years shipped with the product: the embedded files <c>Calendar/Data/&lt;year&gt;.json</c> (the
/// State Council notices of 2025 and 2026), in the shape of <see cref="CalendarYearInput"/>.
/// <see cref="OfficialCalendar.SeedAsync"/> writes them into the database when they are absent. To ship a new year,
/// add its file (it is embedded by the project file) and a test of its facts.
/// </summary>
public static class ShippedCalendar
{
    private const string ResourcePrefix = "Workflows.Activities.Calendar.Data.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly Lazy<IReadOnlyList<CalendarYearInput>> Loaded = new(Load);

    /// <summary>The shipped years, ascending. Each one is valid (checked when loaded).</summary>
    public static IReadOnlyList<CalendarYearInput> Years => Loaded.Value;

    private static List<CalendarYearInput> Load()
    {
        var assembly = typeof(ShippedCalendar).Assembly;
        var years = new List<CalendarYearInput>();
        foreach (var name in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The embedded calendar {name} cannot be opened.");
            var year = JsonSerializer.Deserialize<CalendarYearInput>(stream, Json)
                ?? throw new InvalidOperationException($"The embedded calendar {name} is empty.");
            var problems = CalendarYearValidator.Validate(year);
            if (problems.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The embedded calendar {name} is not valid: {string.Join("; ", problems)}");
            }

            years.Add(year);
        }

        years.Sort((a, b) => a.Year.CompareTo(b.Year));
        return years;
    }
}
