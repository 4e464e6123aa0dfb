using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace Workflows.Engine.Time;

/// <summary>
/// A timer's schedule from ISO-8601 text: a date (<c>2026-04-20T09:00:00+08:00</c>), a duration
/// (<c>PT10M</c>, <c>P3D</c>) or a cycle (<c>R3/P1D</c>, <c>R/PT1H</c>, <c>R5/2026-01-01T09:00+08:00/P1D</c>).
/// Durations may count working days with our extension <c>PnWD</c> (<c>P5WD</c>, <c>R/P1WD</c>).
/// </summary>
public sealed partial record TimerSchedule
{
    private TimerSchedule()
    {
    }

    /// <summary>A fixed due time.</summary>
    public DateTimeOffset? At { get; private init; }

    /// <summary>A calendar duration.</summary>
    public TimeSpan? Duration { get; private init; }

    /// <summary>A number of working days.</summary>
    public int? WorkingDays { get; private init; }

    /// <summary>For cycles: repetitions in all (null: without end); 0 for a date or duration.</summary>
    public int? Repetitions { get; private init; }

    /// <summary>For cycles with a start: the first occurrence.</summary>
    public DateTimeOffset? Start { get; private init; }

    public bool IsCycle { get; private init; }

    /// <summary>Parses a date.</summary>
    public static TimerSchedule Date(string text) =>
        DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? new TimerSchedule { At = at.ToUniversalTime() }
            : throw new FormatException($"'{text}' is not an ISO-8601 date such as 2026-04-20T09:00:00+08:00.");

    /// <summary>Parses a duration (ISO-8601 or PnWD).</summary>
    public static TimerSchedule ForDuration(string text)
    {
        var (duration, workingDays) = ParseDuration(text.Trim());
        return new TimerSchedule { Duration = duration, WorkingDays = workingDays };
    }

    /// <summary>Parses a cycle Rn/[start/]duration.</summary>
    public static TimerSchedule Cycle(string text)
    {
        var parts = text.Trim().Split('/');
        if (parts.Length is < 2 or > 3 || !parts[0].StartsWith('R'))
        {
            throw new FormatException($"'{text}' is not an ISO-8601 cycle such as R3/P1D or R/PT1H.");
        }

        int? repetitions = parts[0].Length == 1 ? null
            : int.TryParse(parts[0][1..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
            : throw new FormatException($"'{parts[0]}' in '{text}' is not a repetition count such as R3.");
        DateTimeOffset? start = null;
        if (parts.Length == 3)
        {
            start = Date(parts[1]).At;
        }

        var (duration, workingDays) = ParseDuration(parts[^1]);
        return new TimerSchedule { Duration = duration, WorkingDays = workingDays, Repetitions = repetitions, Start = start, IsCycle = true };
    }

    /// <summary>The first due time from <paramref name="now"/>.</summary>
    public DateTimeOffset FirstDue(DateTimeOffset now, Time.WorkingDays calendar)
    {
        if (At is { } at)
        {
            return at;
        }

        if (Start is { } start)
        {
            return start;
        }

        return Next(now, calendar);
    }

    /// <summary>One period after <paramref name="from"/>.</summary>
    public DateTimeOffset Next(DateTimeOffset from, Time.WorkingDays calendar) =>
        WorkingDays is { } days ? calendar.Add(from, days) : from + (Duration ?? TimeSpan.Zero);

    /// <summary>One period before <paramref name="from"/>.</summary>
    public DateTimeOffset Previous(DateTimeOffset from, Time.WorkingDays calendar) =>
        WorkingDays is { } days ? calendar.Add(from, -days) : from - (Duration ?? TimeSpan.Zero);

    private static (TimeSpan? Duration, int? WorkingDays) ParseDuration(string text)
    {
        var wd = WorkingDayPattern().Match(text);
        if (wd.Success)
        {
            return (null, int.Parse(wd.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        try
        {
            var span = XmlConvert.ToTimeSpan(text);
            if (span <= TimeSpan.Zero)
            {
                throw new FormatException($"The duration '{text}' must be positive.");
            }

            return (span, null);
        }
        catch (FormatException)
        {
            throw new FormatException($"'{text}' is not an ISO-8601 duration such as PT10M, P3D, or P5WD (five working days).");
        }
    }

    [GeneratedRegex(@"^P(\d{1,5})WD$", RegexOptions.CultureInvariant)]
    private static partial Regex WorkingDayPattern();
}
