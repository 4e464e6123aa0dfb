using Workflows.Activities.Calendar;

namespace Workflows.Activities.Tests.Calendar;

/// <summary>The calendar shipped with the product holds exactly the State Council's arrangements of 2025 and 2026.</summary>
public sealed class ShippedCalendarTests
{
    [Fact]
    public void The_product_ships_2025_and_2026()
    {
        ShippedCalendar.Years.Select(y => y.Year).Should().Equal(2025, 2026);
        ShippedCalendar.Years.Should().AllSatisfy(y => CalendarYearValidator.Validate(y).Should().BeEmpty());
    }

    [Fact]
    public void The_holidays_of_2025_are_those_of_the_notice()
    {
        var year = Shipped(2025);

        year.Holidays.Should().Equal(
            new HolidayPeriod("元旦", D(2025, 1, 1), D(2025, 1, 1)),
            new HolidayPeriod("春节", D(2025, 1, 28), D(2025, 2, 4)),
            new HolidayPeriod("清明节", D(2025, 4, 4), D(2025, 4, 6)),
            new HolidayPeriod("劳动节", D(2025, 5, 1), D(2025, 5, 5)),
            new HolidayPeriod("端午节", D(2025, 5, 31), D(2025, 6, 2)),
            new HolidayPeriod("国庆节、中秋节", D(2025, 10, 1), D(2025, 10, 8)));
        year.AdjustedWorkdays!.Select(w => w.Date).Should().Equal(
            D(2025, 1, 26), // Sunday, 春节
            D(2025, 2, 8), // Saturday, 春节
            D(2025, 4, 27), // Sunday, 劳动节
            D(2025, 9, 28), // Sunday, 国庆节、中秋节
            D(2025, 10, 11)); // Saturday, 国庆节、中秋节
    }

    [Fact]
    public void The_holidays_of_2026_are_those_of_the_notice()
    {
        var year = Shipped(2026);

        year.Holidays.Should().Equal(
            new HolidayPeriod("元旦", D(2026, 1, 1), D(2026, 1, 3)),
            new HolidayPeriod("春节", D(2026, 2, 15), D(2026, 2, 23)),
            new HolidayPeriod("清明节", D(2026, 4, 4), D(2026, 4, 6)),
            new HolidayPeriod("劳动节", D(2026, 5, 1), D(2026, 5, 5)),
            new HolidayPeriod("端午节", D(2026, 6, 19), D(2026, 6, 21)),
            new HolidayPeriod("中秋节", D(2026, 9, 25), D(2026, 9, 27)),
            new HolidayPeriod("国庆节", D(2026, 10, 1), D(2026, 10, 7)));
        year.AdjustedWorkdays!.Select(w => w.Date).Should().Equal(
            D(2026, 1, 4), // Sunday, 元旦
            D(2026, 2, 14), // Saturday, 春节
            D(2026, 2, 28), // Saturday, 春节
            D(2026, 5, 9), // Saturday, 劳动节
            D(2026, 9, 20), // Sunday, 国庆节
            D(2026, 10, 10)); // Saturday, 国庆节
    }

    [Fact]
    public void Days_off_and_working_days_per_year_add_up()
    {
        // 2025 days off: 元旦 1 + 春节 8 + 清明 3 + 劳动节 5 + 端午 3 + 国庆中秋 8 = 28.
        // Of those, weekdays: 元旦 1 (Wed) + 春节 6 + 清明 1 (Fri 4 Apr) + 劳动节 3 + 端午 1 (Mon 2 Jun) + 国庆 6 = 18.
        // 2025 has 261 weekdays (it starts on a Wednesday): 261 - 18 + 5 worked weekend days = 248 working days.
        var y2025 = Details(2025);
        y2025.HolidayDays.Should().Be(28);
        y2025.AdjustedWorkdays.Should().HaveCount(5);
        y2025.WorkingDays.Should().Be(248);

        // 2026 days off: 元旦 3 + 春节 9 + 清明 3 + 劳动节 5 + 端午 3 + 中秋 3 + 国庆 7 = 33.
        // Of those, weekdays: 元旦 2 + 春节 6 + 清明 1 (Mon 6 Apr) + 劳动节 3 + 端午 1 (Fri 19 Jun) + 中秋 1 (Fri 25 Sep)
        // + 国庆 5 = 19. 2026 has 261 weekdays (it starts on a Thursday): 261 - 19 + 6 = 248 working days.
        var y2026 = Details(2026);
        y2026.HolidayDays.Should().Be(33);
        y2026.AdjustedWorkdays.Should().HaveCount(6);
        y2026.WorkingDays.Should().Be(248);
    }

    [Fact]
    public void The_shipped_calendar_marks_exactly_these_days_differently_from_the_week()
    {
        var calendar = OfficialCalendar.ShippedOnly();
        var holidayWeekdays = new List<DateOnly>();
        var workedWeekendDays = new List<DateOnly>();
        for (var d = D(2025, 1, 1); d <= D(2026, 12, 31); d = d.AddDays(1))
        {
            var weekend = d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            if (!weekend && !calendar.IsWorkingDay(d))
            {
                holidayWeekdays.Add(d);
            }
            else if (weekend && calendar.IsWorkingDay(d))
            {
                workedWeekendDays.Add(d);
            }
        }

        holidayWeekdays.Should().HaveCount(18 + 19);
        workedWeekendDays.Should().Equal(
            D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11),
            D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10));
        holidayWeekdays.Should().Contain([D(2025, 10, 8), D(2026, 2, 23), D(2026, 9, 25), D(2026, 1, 2)]);
    }

    private static CalendarYearInput Shipped(int year) => ShippedCalendar.Years.Single(y => y.Year == year);

    private static CalendarYearDetails Details(int year) =>
        CalendarYearDetails.From(CalendarYearValidator.ToEntity(Shipped(year), DateTimeOffset.UnixEpoch));

    private static DateOnly D(int year, int month, int day) => new(year, month, day);
}
