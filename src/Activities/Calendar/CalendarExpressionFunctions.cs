using System.Globalization;
using Workflows.Engine.Expressions;
using Workflows.Engine.Time;

namespace Workflows.Activities.Calendar;

/// <summary>
/// Adds <c>isWorkingDay(date)</c> to expressions: true when the day is a working day of the calendar. The date is an
/// ISO-8601 string or a JavaScript <c>Date</c>; a plain date (<c>'2026-10-01'</c>) is taken as that calendar day,
/// a moment (<c>'2026-09-30T17:00:00Z'</c>, a <c>Date</c>) is first converted to the calendar's time zone (China
/// Standard Time by default): 17:00 UTC on 30 September is already 1 October in Guangzhou.
/// The engine's own <c>addWorkingDays</c> and <c>workingDaysBetween</c> use <c>WorkflowEngineOptions.Calendar</c>.
/// <code>
/// new WorkflowEngine(store, activities, options, time, functions: [new CalendarExpressionFunctions(calendar)]);
/// </code>
/// </summary>
public sealed class CalendarExpressionFunctions(IWorkingCalendar calendar, TimeZoneInfo? timeZone = null) : IExpressionFunctions
{
    private readonly TimeZoneInfo _timeZone = timeZone ?? WorkingDays.ChinaStandardTime;

    public void Register(ExpressionSandbox sandbox)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        sandbox.SetFunction("isWorkingDay", (Func<object?, bool>)IsWorkingDay);
    }

    /// <summary>The calendar day of <paramref name="value"/> in the calendar's time zone.</summary>
    internal DateOnly DayOf(object? value) => value switch
    {
        DateTimeOffset at => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, _timeZone).DateTime),
        DateTime at => DayOf(new DateTimeOffset(DateTime.SpecifyKind(at, at.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : at.Kind))),
        string text when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) => day,
        string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => DayOf(at),
        _ => throw new FormatException($"isWorkingDay() needs a date (an ISO-8601 string or a Date), not '{value}'."),
    };

    private bool IsWorkingDay(object? value) => calendar.IsWorkingDay(DayOf(value));
}
