namespace Workflows.Engine.Time;

/// <summary>
/// Tells which days are working days. The engine uses it for durations counted in working days
/// (<c>P5WD</c>) and for the working-day helpers of expressions. The honours domain supplies the
/// official calendar of statutory holidays and adjusted workdays (调休); without one, Monday to Friday.
/// </summary>
public interface IWorkingCalendar
{
    /// <summary>True when the date is a working day.</summary>
    bool IsWorkingDay(DateOnly date);
}

/// <summary>Monday to Friday, no holidays: the fallback when no official calendar is configured.</summary>
public sealed class WeekdayCalendar : IWorkingCalendar
{
    public static readonly WeekdayCalendar Instance = new();

    public bool IsWorkingDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
