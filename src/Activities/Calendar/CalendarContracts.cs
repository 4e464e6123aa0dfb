namespace Workflows.Activities.Calendar;

/// <summary>A holiday period (放假) as the notice states it: a name and its first and last day off, both included.</summary>
/// <param name="Name">e.g. 春节, 国庆节、中秋节.</param>
/// <param name="From">The first day off.</param>
/// <param name="To">The last day off (the same as <paramref name="From"/> for a one-day holiday).</param>
public sealed record HolidayPeriod(string Name, DateOnly From, DateOnly To)
{
    /// <summary>Number of days off in the period.</summary>
    public int Days => To.DayNumber - From.DayNumber + 1;
}

/// <summary>A Saturday or Sunday declared a working day (调休上班).</summary>
/// <param name="Date">The weekend day that is worked.</param>
/// <param name="Holiday">The holiday it makes up for, e.g. 春节 (optional).</param>
public sealed record AdjustedWorkday(DateOnly Date, string? Holiday = null);

/// <summary>
/// One year of the official calendar as an administrator enters it (and as the shipped files
/// <c>Calendar/Data/&lt;year&gt;.json</c> are written). Checked by <see cref="CalendarYearValidator"/>.
/// <code>
/// {
///   "year": 2026,
///   "sourceNote": "国务院办公厅关于2026年部分节假日安排的通知",
///   "holidays": [ { "name": "春节", "from": "2026-02-15", "to": "2026-02-23" } ],
///   "adjustedWorkdays": [ { "date": "2026-02-14", "holiday": "春节" } ]
/// }
/// </code>
/// </summary>
public sealed record CalendarYearInput(
    int Year,
    string? SourceNote,
    IReadOnlyList<HolidayPeriod>? Holidays,
    IReadOnlyList<AdjustedWorkday>? AdjustedWorkdays);

/// <summary>One year of the official calendar as stored, with counts that let an administrator check it at a glance.</summary>
/// <param name="Year">The calendar year.</param>
/// <param name="SourceNote">Where the facts come from.</param>
/// <param name="UpdatedAt">When the year was last written (UTC).</param>
/// <param name="Holidays">The holiday periods, by date.</param>
/// <param name="AdjustedWorkdays">The weekend days that are worked, by date.</param>
/// <param name="HolidayDays">Number of days off in the holiday periods (weekend days within them included).</param>
/// <param name="WorkingDays">Number of working days of the year under this calendar.</param>
public sealed record CalendarYearDetails(
    int Year,
    string SourceNote,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<HolidayPeriod> Holidays,
    IReadOnlyList<AdjustedWorkday> AdjustedWorkdays,
    int HolidayDays,
    int WorkingDays)
{
    internal static CalendarYearDetails From(CalendarYear year)
    {
        var holidays = year.Holidays.OrderBy(h => h.FirstDay).Select(h => new HolidayPeriod(h.Name, h.FirstDay, h.LastDay)).ToList();
        var workdays = year.AdjustedWorkdays.OrderBy(w => w.Date)
            .Select(w => new AdjustedWorkday(w.Date, string.IsNullOrEmpty(w.Holiday) ? null : w.Holiday)).ToList();
        var snapshot = CalendarSnapshot.Create([year]);
        var first = new DateOnly(year.Year, 1, 1);
        var working = 0;
        for (var d = first; d.Year == year.Year; d = d.AddDays(1))
        {
            if (snapshot.IsWorkingDay(d))
            {
                working++;
            }
        }

        return new CalendarYearDetails(year.Year, year.SourceNote, year.UpdatedAt, holidays, workdays, holidays.Sum(h => h.Days), working);
    }
}

/// <summary>What <see cref="CalendarService.PutYearAsync"/> did.</summary>
/// <param name="Year">The year as now stored.</param>
/// <param name="Created">True when the year was new, false when it replaced a stored one.</param>
public sealed record CalendarPutResult(CalendarYearDetails Year, bool Created);

/// <summary>
/// One reason why a calendar year is refused, in Chinese and in English.
/// </summary>
/// <param name="Field">Where the problem is, as a path into the JSON body: <c>year</c>, <c>sourceNote</c>,
/// <c>holidays</c>, <c>holidays[2].to</c>, <c>adjustedWorkdays[0].date</c>.</param>
/// <param name="Chinese">The problem in Simplified Chinese.</param>
/// <param name="English">The problem in English.</param>
public sealed record CalendarProblem(string Field, string Chinese, string English)
{
    /// <summary>Both languages, Chinese first.</summary>
    public string Message => $"{Chinese} / {English}";

    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>A calendar year that cannot be saved; <see cref="Problems"/> lists every reason (never empty).</summary>
public sealed class CalendarValidationException : Exception
{
    public CalendarValidationException(int year, IReadOnlyList<CalendarProblem> problems)
        : base(Describe(year, problems))
    {
        Year = year;
        Problems = problems;
    }

    /// <summary>The year that was refused.</summary>
    public int Year { get; }

    /// <summary>Every problem found, in the order of the input.</summary>
    public IReadOnlyList<CalendarProblem> Problems { get; }

    private static string Describe(int year, IReadOnlyList<CalendarProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return $"{year} 年的工作日历未保存 / The calendar of {year} was not saved: "
            + string.Join("; ", problems.Select(p => p.ToString()));
    }
}
