using System.Globalization;

namespace Workflows.Activities.Calendar;

/// <summary>
/// Checks a <see cref="CalendarYearInput"/> before it is stored: the year is between
/// <see cref="CalendarLimits.MinYear"/> and <see cref="CalendarLimits.MaxYear"/>; a source note is given; there is at
/// least one holiday; every holiday has a name and its dates are in the year, in order, at most
/// <see cref="CalendarLimits.MaxHolidayDays"/> days long and not overlapping another one; every adjusted working
/// day is in the year, a Saturday or Sunday, listed once and not a holiday. All problems are reported at once.
/// </summary>
public static class CalendarYearValidator
{
    private static readonly string[] ChineseDayNames = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

    /// <summary>Every problem of <paramref name="input"/>; empty when it can be stored.</summary>
    public static IReadOnlyList<CalendarProblem> Validate(CalendarYearInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<CalendarProblem>();
        var year = input.Year;
        var yearValid = year is >= CalendarLimits.MinYear and <= CalendarLimits.MaxYear;
        if (!yearValid)
        {
            problems.Add(new CalendarProblem(
                "year",
                $"年份必须在 {CalendarLimits.MinYear} 至 {CalendarLimits.MaxYear} 之间（收到 {year}）。",
                $"The year must be between {CalendarLimits.MinYear} and {CalendarLimits.MaxYear} (got {year})."));
        }

        if (string.IsNullOrWhiteSpace(input.SourceNote))
        {
            problems.Add(new CalendarProblem(
                "sourceNote",
                "请填写来源说明，例如国务院办公厅通知的标题。",
                "Give a source note, e.g. the title of the State Council notice."));
        }
        else if (input.SourceNote.Trim().Length > CalendarLimits.SourceNoteLength)
        {
            problems.Add(new CalendarProblem(
                "sourceNote",
                $"来源说明最多 {CalendarLimits.SourceNoteLength} 个字符。",
                $"The source note may have at most {CalendarLimits.SourceNoteLength} characters."));
        }

        // date → name of the holiday that covers it
        var holidayOf = new Dictionary<DateOnly, string>();
        var holidays = input.Holidays ?? [];
        if (holidays.Count == 0)
        {
            problems.Add(new CalendarProblem(
                "holidays",
                "至少需要一个节假日。",
                "List at least one holiday."));
        }

        for (var i = 0; i < holidays.Count; i++)
        {
            var field = $"holidays[{i}]";
            var holiday = holidays[i];
            if (holiday is null)
            {
                problems.Add(new CalendarProblem(field, $"第 {i + 1} 个节假日为空。", $"Holiday {i + 1} is empty."));
                continue;
            }

            var name = holiday.Name?.Trim() ?? "";
            var label = name.Length > 0 ? name : $"#{i + 1}";
            if (name.Length == 0)
            {
                problems.Add(new CalendarProblem(
                    field + ".name",
                    $"第 {i + 1} 个节假日缺少名称（例如“春节”）。",
                    $"Holiday {i + 1} has no name (e.g. 春节, Spring Festival)."));
            }
            else if (name.Length > CalendarLimits.NameLength)
            {
                problems.Add(new CalendarProblem(
                    field + ".name",
                    $"节假日名称“{Shorten(name)}”超过 {CalendarLimits.NameLength} 个字符。",
                    $"The holiday name \"{Shorten(name)}\" is longer than {CalendarLimits.NameLength} characters."));
            }

            var datesInYear = true;
            foreach (var (part, date) in new[] { ("from", holiday.From), ("to", holiday.To) })
            {
                if (yearValid && date.Year != year)
                {
                    datesInYear = false;
                    problems.Add(new CalendarProblem(
                        $"{field}.{part}",
                        $"节假日“{label}”的日期 {Iso(date)} 不在 {year} 年内。",
                        $"Holiday {label}: {Iso(date)} is not in {year}."));
                }
            }

            if (holiday.To < holiday.From)
            {
                problems.Add(new CalendarProblem(
                    field + ".to",
                    $"节假日“{label}”的结束日期 {Iso(holiday.To)} 早于开始日期 {Iso(holiday.From)}。",
                    $"Holiday {label} ends ({Iso(holiday.To)}) before it starts ({Iso(holiday.From)})."));
                continue;
            }

            if (holiday.Days > CalendarLimits.MaxHolidayDays)
            {
                problems.Add(new CalendarProblem(
                    field + ".to",
                    $"节假日“{label}”长达 {holiday.Days} 天，超过 {CalendarLimits.MaxHolidayDays} 天，请检查日期。",
                    $"Holiday {label} lasts {holiday.Days} days, more than {CalendarLimits.MaxHolidayDays}; check the dates."));
                continue;
            }

            if (!datesInYear)
            {
                continue;
            }

            for (var d = holiday.From; d <= holiday.To; d = d.AddDays(1))
            {
                if (holidayOf.TryGetValue(d, out var other))
                {
                    problems.Add(new CalendarProblem(
                        field,
                        $"{Iso(d)} 同时属于节假日“{other}”和“{label}”，节假日不能重叠。",
                        $"{Iso(d)} is in both holiday {other} and holiday {label}; holidays must not overlap."));
                    break;
                }

                holidayOf[d] = label;
            }
        }

        var workdays = input.AdjustedWorkdays ?? [];
        var seen = new HashSet<DateOnly>();
        for (var i = 0; i < workdays.Count; i++)
        {
            var field = $"adjustedWorkdays[{i}]";
            var workday = workdays[i];
            if (workday is null)
            {
                problems.Add(new CalendarProblem(field, $"第 {i + 1} 个调休上班日为空。", $"Adjusted working day {i + 1} is empty."));
                continue;
            }

            var date = workday.Date;
            if (yearValid && date.Year != year)
            {
                problems.Add(new CalendarProblem(
                    field + ".date",
                    $"调休上班日 {Iso(date)} 不在 {year} 年内。",
                    $"Adjusted working day {Iso(date)} is not in {year}."));
            }

            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                problems.Add(new CalendarProblem(
                    field + ".date",
                    $"调休上班日 {Iso(date)} 是{ChineseDayNames[(int)date.DayOfWeek]}，调休上班日必须是星期六或星期日。",
                    $"Adjusted working day {Iso(date)} is a {date.DayOfWeek}; an adjusted working day must be a Saturday or a Sunday."));
            }

            if (holidayOf.TryGetValue(date, out var holidayName))
            {
                problems.Add(new CalendarProblem(
                    field + ".date",
                    $"{Iso(date)} 既是节假日“{holidayName}”，又是调休上班日。",
                    $"{Iso(date)} is both a holiday ({holidayName}) and an adjusted working day."));
            }

            if (!seen.Add(date))
            {
                problems.Add(new CalendarProblem(
                    field + ".date",
                    $"调休上班日 {Iso(date)} 重复出现。",
                    $"Adjusted working day {Iso(date)} is listed twice."));
            }

            if (workday.Holiday is { } forHoliday && forHoliday.Trim().Length > CalendarLimits.NameLength)
            {
                problems.Add(new CalendarProblem(
                    field + ".holiday",
                    $"调休上班日 {Iso(date)} 的节假日名称超过 {CalendarLimits.NameLength} 个字符。",
                    $"The holiday name of adjusted working day {Iso(date)} is longer than {CalendarLimits.NameLength} characters."));
            }
        }

        return problems;
    }

    /// <summary>Throws <see cref="CalendarValidationException"/> when <paramref name="input"/> has problems.</summary>
    public static void ThrowIfInvalid(CalendarYearInput input)
    {
        var problems = Validate(input);
        if (problems.Count > 0)
        {
            throw new CalendarValidationException(input.Year, problems);
        }
    }

    /// <summary>The entity for a valid input (names trimmed, lists in date order).</summary>
    internal static CalendarYear ToEntity(CalendarYearInput input, DateTimeOffset updatedAt) => new()
    {
        Year = input.Year,
        SourceNote = input.SourceNote!.Trim(),
        UpdatedAt = updatedAt,
        Holidays = [.. (input.Holidays ?? []).OrderBy(h => h.From).Select(h => new CalendarHoliday
        {
            Year = input.Year, Name = h.Name.Trim(), FirstDay = h.From, LastDay = h.To,
        })],
        AdjustedWorkdays = [.. (input.AdjustedWorkdays ?? []).OrderBy(w => w.Date).Select(w => new CalendarWorkday
        {
            Year = input.Year, Date = w.Date, Holiday = w.Holiday?.Trim() ?? "",
        })],
    };

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
