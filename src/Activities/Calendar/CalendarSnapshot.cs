using System.Collections.Frozen;
using Workflows.Engine.Time;

namespace Workflows.Activities.Calendar;

/// <summary>
/// An immutable view of the known calendar years, made for look-ups in loops: the days that differ from the
/// plain week (holidays on weekdays and weekends alike, adjusted working days) in one frozen dictionary.
/// A day not in it follows the week (Monday–Friday work), which is also the rule for unknown years.
/// </summary>
internal sealed class CalendarSnapshot : IWorkingCalendar
{
    private readonly FrozenDictionary<DateOnly, bool> _exceptions;
    private readonly FrozenSet<int> _years;

    private CalendarSnapshot(FrozenDictionary<DateOnly, bool> exceptions, FrozenSet<int> years, IReadOnlyList<int> ordered)
    {
        _exceptions = exceptions;
        _years = years;
        Years = ordered;
    }

    /// <summary>No known year: Monday to Friday everywhere.</summary>
    public static CalendarSnapshot Empty { get; } = Create([]);

    /// <summary>The known years, ascending.</summary>
    public IReadOnlyList<int> Years { get; }

    public static CalendarSnapshot Create(IEnumerable<CalendarYear> years)
    {
        var exceptions = new Dictionary<DateOnly, bool>();
        var known = new SortedSet<int>();
        foreach (var year in years)
        {
            known.Add(year.Year);
            foreach (var holiday in year.Holidays)
            {
                for (var d = holiday.FirstDay; d <= holiday.LastDay; d = d.AddDays(1))
                {
                    exceptions[d] = false;
                }
            }

            foreach (var workday in year.AdjustedWorkdays)
            {
                exceptions[workday.Date] = true;
            }
        }

        return new CalendarSnapshot(exceptions.ToFrozenDictionary(), known.ToFrozenSet(), [.. known]);
    }

    public bool IsWorkingDay(DateOnly date) =>
        _exceptions.TryGetValue(date, out var working) ? working : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public bool IsKnownYear(int year) => _years.Contains(year);
}
