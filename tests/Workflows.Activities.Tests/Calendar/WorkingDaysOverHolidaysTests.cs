using Workflows.Engine.Time;

namespace Workflows.Activities.Tests.Calendar;

/// <summary>
/// Deadlines and publicity periods (公示期) counted in working days across the holidays of 2025 and 2026, with the
/// engine's <see cref="WorkingDays"/> on the official calendar: as shipped, and as read back from SQLite and PostgreSQL.
/// All times are Guangzhou time (China Standard Time, +08:00).
/// </summary>
public sealed class WorkingDaysOverHolidaysTests(SeededCalendars calendars) : IClassFixture<SeededCalendars>
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Theory, MemberData(nameof(SeededCalendars.Sources), MemberType = typeof(SeededCalendars))]
    public async Task Five_working_days_from_Friday_18_September_2026_end_on_Thursday_24_September(CalendarSource source)
    {
        var days = await calendars.WorkingDaysAsync(source);
        var friday = At(2026, 9, 18, 10, 0);

        // Fri 18 Sep 10:00, then:
        //   Sat 19          rest
        //   Sun 20  work    (调休上班 for 国庆)        1
        //   Mon 21                                    2
        //   Tue 22                                    3
        //   Wed 23                                    4
        //   Thu 24                                    5   → Thursday 24 September 10:00
        // On a plain Monday–Friday week the Sunday would not count and the deadline would be Friday 25 September.
        days.Add(friday, 5).Should().Be(At(2026, 9, 24, 10, 0));
        new WorkingDays(WeekdayCalendar.Instance, WorkingDays.ChinaStandardTime).Add(friday, 5).Should().Be(At(2026, 9, 25, 10, 0));
    }

    [Theory, MemberData(nameof(SeededCalendars.Sources), MemberType = typeof(SeededCalendars))]
    public async Task Longer_periods_from_18_September_2026_jump_over_Mid_Autumn_and_National_Day(CalendarSource source)
    {
        var days = await calendars.WorkingDaysAsync(source);
        var friday = At(2026, 9, 18, 10, 0);

        // Continuing after Thu 24 Sep (5):
        //   Fri 25 – Sun 27   中秋 holiday
        //   Mon 28 (6), Tue 29 (7), Wed 30 (8)
        //   Thu 1 – Wed 7 Oct 国庆 holiday
        //   Thu 8 Oct (9), Fri 9 Oct (10)
        //   Sat 10 Oct  work (调休上班)  (11)
        //   Sun 11 Oct  rest
        //   Mon 12 Oct (12)
        days.Add(friday, 8).Should().Be(At(2026, 9, 30, 10, 0));
        days.Add(friday, 9).Should().Be(At(2026, 10, 8, 10, 0));
        days.Add(friday, 10).Should().Be(At(2026, 10, 9, 10, 0));
        days.Add(friday, 11).Should().Be(At(2026, 10, 10, 10, 0), "Saturday 10 October 2026 is a working day");
        days.Add(friday, 12).Should().Be(At(2026, 10, 12, 10, 0));
        days.Count(friday, At(2026, 10, 12, 10, 0)).Should().Be(12);
    }

    [Theory, MemberData(nameof(SeededCalendars.Sources), MemberType = typeof(SeededCalendars))]
    public async Task A_publicity_period_over_National_Day_2025_counts_the_Sunday_before_and_the_Saturday_after(CalendarSource source)
    {
        var days = await calendars.WorkingDaysAsync(source);

        // The list of candidates is published on Thursday 25 September 2025 at 09:00; the publicity period is 5
        // working days:
        //   Fri 26 Sep (1); Sat 27 rest; Sun 28 Sep work (2); Mon 29 (3); Tue 30 (4);
        //   Wed 1 – Wed 8 Oct 国庆+中秋 holiday; Thu 9 Oct (5)   → ends Thursday 9 October 09:00
        // and 7 working days: Fri 10 Oct (6), Sat 11 Oct work (7)  → Saturday 11 October.
        var published = At(2025, 9, 25, 9, 0);
        days.Add(published, 5).Should().Be(At(2025, 10, 9, 9, 0));
        days.Add(published, 7).Should().Be(At(2025, 10, 11, 9, 0));
        days.Count(published, At(2025, 10, 11, 18, 0)).Should().Be(7);

        // Counting back from Thu 9 Oct: 1–8 Oct are holidays, so 1 working day earlier is Tue 30 Sep,
        // 2 is Mon 29 Sep and 3 is Sun 28 Sep (worked).
        days.Add(At(2025, 10, 9, 9, 0), -1).Should().Be(At(2025, 9, 30, 9, 0));
        days.Add(At(2025, 10, 9, 9, 0), -3).Should().Be(At(2025, 9, 28, 9, 0));
    }

    [Theory, MemberData(nameof(SeededCalendars.Sources), MemberType = typeof(SeededCalendars))]
    public async Task Weekend_days_declared_working_days_are_counted(CalendarSource source)
    {
        var calendar = await calendars.CalendarAsync(source);
        var days = await calendars.WorkingDaysAsync(source);

        calendar.IsWorkingDay(new DateOnly(2026, 2, 14)).Should().BeTrue("Saturday 14 February 2026 is worked before 春节");
        calendar.IsWorkingDay(new DateOnly(2026, 2, 28)).Should().BeTrue("Saturday 28 February 2026 is worked after 春节");
        calendar.IsWorkingDay(new DateOnly(2025, 1, 26)).Should().BeTrue("Sunday 26 January 2025 is worked before 春节");
        calendar.IsWorkingDay(new DateOnly(2026, 2, 21)).Should().BeFalse("an ordinary Saturday inside 春节 is a holiday");
        calendar.IsWorkingDay(new DateOnly(2026, 3, 7)).Should().BeFalse("an ordinary Saturday is a rest day");

        // Friday 24 January 2025 + 1 working day = Sunday 26 January (Saturday 25 rests).
        days.Add(At(2025, 1, 24, 16, 0), 1).Should().Be(At(2025, 1, 26, 16, 0));

        // 2025 春节 from Friday 24 January: Sun 26 (1), Mon 27 (2), Tue 28 – Tue 4 Feb holiday, Wed 5 (3), Thu 6 (4),
        // Fri 7 (5), Sat 8 Feb work (6), Sun 9 rest, Mon 10 (7).
        days.Add(At(2025, 1, 24, 16, 0), 6).Should().Be(At(2025, 2, 8, 16, 0));
        days.Count(At(2025, 1, 24, 16, 0), At(2025, 2, 10, 8, 0)).Should().Be(7);
    }

    [Theory, MemberData(nameof(SeededCalendars.Sources), MemberType = typeof(SeededCalendars))]
    public async Task Spring_Festival_2026(CalendarSource source)
    {
        var days = await calendars.WorkingDaysAsync(source);

        // A task assigned on Thursday 12 February 2026 at 17:30 with 5 working days to answer:
        //   Fri 13 (1), Sat 14 work (2), Sun 15 – Mon 23 春节 holiday (9 days), Tue 24 (3), Wed 25 (4), Thu 26 (5)
        //   → due Thursday 26 February 17:30.
        days.Add(At(2026, 2, 12, 17, 30), 5).Should().Be(At(2026, 2, 26, 17, 30));

        // Every day of the holiday is a rest day, weekdays included.
        var calendar = await calendars.CalendarAsync(source);
        for (var d = new DateOnly(2026, 2, 15); d <= new DateOnly(2026, 2, 23); d = d.AddDays(1))
        {
            calendar.IsWorkingDay(d).Should().BeFalse($"{d:yyyy-MM-dd} is in 春节 2026");
        }
    }

    [Theory, MemberData(nameof(SeededCalendars.Sources), MemberType = typeof(SeededCalendars))]
    public async Task Working_days_between_two_dates_over_Spring_Festival_2026(CalendarSource source)
    {
        var days = await calendars.WorkingDaysAsync(source);

        // After Friday 13 February up to and including Monday 2 March 2026:
        //   Sat 14 work (1); 15–23 holiday; Tue 24 (2), Wed 25 (3), Thu 26 (4), Fri 27 (5), Sat 28 work (6);
        //   Sun 1 Mar rest; Mon 2 Mar (7)   → 7 working days (a plain week would give 11).
        var from = At(2026, 2, 13, 9, 0);
        var to = At(2026, 3, 2, 9, 0);
        days.Count(from, to).Should().Be(7);
        days.Count(to, from).Should().Be(-7);
        new WorkingDays(WeekdayCalendar.Instance, WorkingDays.ChinaStandardTime).Count(from, to).Should().Be(11);
    }

    [Theory, MemberData(nameof(SeededCalendars.Sources), MemberType = typeof(SeededCalendars))]
    public async Task Days_are_Guangzhou_days_a_late_UTC_evening_is_already_tomorrow(CalendarSource source)
    {
        var days = await calendars.WorkingDaysAsync(source);

        // 16:30 UTC on Friday 13 February 2026 is 00:30 on Saturday 14 February in Guangzhou, a working day.
        // One working day later: Sun 15 – Mon 23 are 春节, so Tuesday 24 February 00:30 CST = 23 February 16:30 UTC.
        // (Read as a UTC date it would have been Friday 13 → Saturday 14.)
        var lateEvening = new DateTimeOffset(2026, 2, 13, 16, 30, 0, TimeSpan.Zero);
        days.Add(lateEvening, 1).Should().Be(new DateTimeOffset(2026, 2, 23, 16, 30, 0, TimeSpan.Zero));

        // 15:00 UTC on 30 September 2026 is 23:00 CST, still Wednesday 30 September; 16:00 UTC is 00:00 on 1 October (国庆).
        // From 23:00 on 30 Sep to 23:59 on 8 Oct: 1–7 Oct holiday, Thu 8 Oct working → 1.
        days.Count(new DateTimeOffset(2026, 9, 30, 15, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 8, 15, 59, 0, TimeSpan.Zero))
            .Should().Be(1);
        days.Add(new DateTimeOffset(2026, 9, 30, 15, 0, 0, TimeSpan.Zero), 1)
            .Should().Be(new DateTimeOffset(2026, 10, 8, 15, 0, 0, TimeSpan.Zero));
    }

    [Theory, MemberData(nameof(SeededCalendars.Sources), MemberType = typeof(SeededCalendars))]
    public async Task A_year_without_a_calendar_falls_back_to_Monday_to_Friday_and_says_so(CalendarSource source)
    {
        var calendar = await calendars.CalendarAsync(source);

        calendar.IsKnownYear(2025).Should().BeTrue();
        calendar.IsKnownYear(2026).Should().BeTrue();
        calendar.IsKnownYear(2030).Should().BeFalse();
        calendar.KnownYears.Should().Equal(2025, 2026);

        // 1 October 2030 is a Tuesday: without the notice of 2030 it counts as a working day.
        calendar.IsWorkingDay(new DateOnly(2030, 10, 1)).Should().BeTrue();
        calendar.IsWorkingDay(new DateOnly(2030, 10, 5)).Should().BeFalse("a Saturday");
    }

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, Cst);
}
