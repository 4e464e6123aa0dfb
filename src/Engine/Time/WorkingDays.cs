namespace Workflows.Engine.Time;

/// <summary>
/// Working-day arithmetic on a calendar, in the process time zone (China Standard Time by default):
/// a deadline of "5 working days" from Friday 15:00 before a holiday lands on the fifth working day after
/// it, at 15:00.
/// </summary>
public sealed class WorkingDays(IWorkingCalendar calendar, TimeZoneInfo timeZone)
{
    /// <summary>Largest number of working days one step may add (about 40 years).</summary>
    public const int MaxDays = 10_000;

    public IWorkingCalendar Calendar { get; } = calendar;
    public TimeZoneInfo TimeZone { get; } = timeZone;

    /// <summary>China Standard Time (UTC+8, no daylight saving), whatever the server's zone.</summary>
    public static TimeZoneInfo ChinaStandardTime { get; } = FindChinaTimeZone();

    /// <summary>
    /// The moment <paramref name="days"/> working days after <paramref name="from"/> (before it when negative),
    /// keeping its local time of day.
    /// </summary>
    public DateTimeOffset Add(DateTimeOffset from, int days)
    {
        if (Math.Abs(days) > MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, $"Working days must be between -{MaxDays} and {MaxDays}.");
        }

        var local = TimeZoneInfo.ConvertTime(from, TimeZone);
        var date = DateOnly.FromDateTime(local.DateTime);
        var step = days < 0 ? -1 : 1;
        for (var added = 0; added < Math.Abs(days);)
        {
            date = date.AddDays(step);
            if (Calendar.IsWorkingDay(date))
            {
                added++;
            }
        }

        var result = date.ToDateTime(TimeOnly.FromDateTime(local.DateTime));
        return new DateTimeOffset(result, TimeZone.GetUtcOffset(result)).ToUniversalTime();
    }

    /// <summary>The working days after the date of <paramref name="from"/> up to and including the date of <paramref name="to"/>.</summary>
    public int Count(DateTimeOffset from, DateTimeOffset to)
    {
        var start = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, TimeZone).DateTime);
        var end = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to, TimeZone).DateTime);
        if (end < start)
        {
            return -Count(to, from);
        }

        var count = 0;
        for (var d = start.AddDays(1); d <= end; d = d.AddDays(1))
        {
            if (Calendar.IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    private static TimeZoneInfo FindChinaTimeZone()
    {
        foreach (var id in new[] { "Asia/Shanghai", "China Standard Time" })
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            {
                return zone;
            }
        }

        return TimeZoneInfo.CreateCustomTimeZone("CST+8", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
    }
}
