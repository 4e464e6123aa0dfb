using Workflows.Engine.Time;

namespace Workflows.Activities.Honours.Notices;

/// <summary>
/// The days a public notice (公示) runs: from <see cref="StartsOn"/> to <see cref="EndsOn"/> (both included), and the
/// moment it is over, <see cref="ClosesAt"/> (midnight China Standard Time after the last day; a timer waits for it).
/// <para>
/// Working days count on the official calendar: the start day counts when it is a working day, otherwise counting
/// begins with the next working day; holidays inside the period do not count and declared working days (调休上班) do.
/// Five working days from Tuesday 29 September 2026 are 29 and 30 September, 8, 9 October and Saturday 10 October
/// (a declared working day), so the notice ends on 10 October.
/// </para>
/// </summary>
public sealed record NoticePeriod(DateOnly StartsOn, DateOnly EndsOn, int Days, bool InWorkingDays, DateTimeOffset ClosesAt)
{
    /// <summary>The longest notice: a year of days.</summary>
    public const int MaxDays = 366;

    /// <summary>The calendar days the notice spans.</summary>
    public int CalendarDays => EndsOn.DayNumber - StartsOn.DayNumber + 1;

    /// <summary>A notice of <paramref name="workingDays"/> working days from <paramref name="start"/> on <paramref name="calendar"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 1 or more than <see cref="MaxDays"/> days.</exception>
    public static NoticePeriod Compute(DateOnly start, int workingDays, IWorkingCalendar calendar, TimeZoneInfo? timeZone = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        CheckDays(workingDays);
        var day = start;
        var counted = calendar.IsWorkingDay(day) ? 1 : 0;
        while (counted < workingDays)
        {
            day = day.AddDays(1);
            if (calendar.IsWorkingDay(day))
            {
                counted++;
            }
        }

        return new NoticePeriod(start, day, workingDays, true, MidnightAfter(day, timeZone));
    }

    /// <summary>A notice of <paramref name="days"/> calendar days from <paramref name="start"/> (7 days from Monday end on Sunday).</summary>
    public static NoticePeriod ComputeCalendarDays(DateOnly start, int days, TimeZoneInfo? timeZone = null)
    {
        CheckDays(days);
        var end = start.AddDays(days - 1);
        return new NoticePeriod(start, end, days, false, MidnightAfter(end, timeZone));
    }

    /// <summary>True while the notice runs at <paramref name="at"/> (from the start of the first day until <see cref="ClosesAt"/>).</summary>
    public bool IsRunning(DateTimeOffset at, TimeZoneInfo? timeZone = null) =>
        at >= MidnightAfter(StartsOn.AddDays(-1), timeZone) && at < ClosesAt;

    private static DateTimeOffset MidnightAfter(DateOnly day, TimeZoneInfo? timeZone)
    {
        var zone = timeZone ?? WorkingDays.ChinaStandardTime;
        var local = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static void CheckDays(int days)
    {
        if (days is < 1 or > MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, $"A notice lasts 1 to {MaxDays} days.");
        }
    }
}
