using Microsoft.Extensions.Time.Testing;
using Workflows.Activities.Calendar;
using Workflows.Activities.Persistence;
using Workflows.Activities.Tests.Persistence;
using Workflows.Engine.Time;

namespace Workflows.Activities.Tests.Calendar;

/// <summary>
/// The calendar in the database: seeded with the shipped years on first start, and kept by an administrator who
/// adds the next year when its notice comes out, without a restart.
/// </summary>
public sealed class CalendarAdministrationTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// TEST DATA, not an official calendar: a plausible 2027 (Spring Festival falls on Saturday 6 February 2027),
    /// made up for these tests only.
    /// </summary>
    private static CalendarYearInput TestYear2027() => new(
        2027,
        "测试数据，非官方 / TEST DATA, not an official notice",
        [
            new HolidayPeriod("元旦", D(2027, 1, 1), D(2027, 1, 3)),
            new HolidayPeriod("春节", D(2027, 2, 6), D(2027, 2, 14)),
            new HolidayPeriod("清明节", D(2027, 4, 3), D(2027, 4, 5)),
            new HolidayPeriod("劳动节", D(2027, 5, 1), D(2027, 5, 5)),
            new HolidayPeriod("端午节", D(2027, 6, 9), D(2027, 6, 9)),
            new HolidayPeriod("中秋节", D(2027, 9, 15), D(2027, 9, 15)),
            new HolidayPeriod("国庆节", D(2027, 10, 1), D(2027, 10, 7)),
        ],
        [
            new AdjustedWorkday(D(2027, 2, 20), "春节"), // Saturday
            new AdjustedWorkday(D(2027, 4, 25), "劳动节"), // Sunday
            new AdjustedWorkday(D(2027, 5, 8), "劳动节"), // Saturday
            new AdjustedWorkday(D(2027, 9, 26), "国庆节"), // Sunday
            new AdjustedWorkday(D(2027, 10, 9), "国庆节"), // Saturday
        ]);

    [Theory, MemberData(nameof(TestDatabases.AllKinds), MemberType = typeof(TestDatabases))]
    public async Task The_first_start_seeds_the_shipped_years_and_later_starts_leave_them(DatabaseKind kind)
    {
        var database = await databases.CreateMigratedAsync(kind);
        var calendar = new OfficialCalendar(database, new FakeTimeProvider(Now));
        var service = new CalendarService(database, calendar);

        (await calendar.SeedAsync()).Should().Equal(2025, 2026);
        (await calendar.SeedAsync()).Should().BeEmpty("the years are there already");
        (await new OfficialCalendar(database).SeedAsync()).Should().BeEmpty("a second node finds them too");

        var years = await service.ListYearsAsync();
        years.Select(y => (y.Year, y.HolidayDays, y.AdjustedWorkdays.Count, y.WorkingDays))
            .Should().Equal((2025, 28, 5, 248), (2026, 33, 6, 248));

        var y2026 = (await service.GetYearAsync(2026))!;
        var shipped = ShippedCalendar.Years.Single(y => y.Year == 2026);
        y2026.Holidays.Should().Equal(shipped.Holidays);
        y2026.AdjustedWorkdays.Should().Equal(shipped.AdjustedWorkdays);
        y2026.SourceNote.Should().Contain("国务院办公厅关于2026年部分节假日安排的通知");
        y2026.UpdatedAt.Should().Be(Now);
        (await service.GetYearAsync(2027)).Should().BeNull();
    }

    [Theory, MemberData(nameof(TestDatabases.AllKinds), MemberType = typeof(TestDatabases))]
    public async Task An_administrator_adds_2027_and_the_running_calendar_uses_it_at_once(DatabaseKind kind)
    {
        var database = await databases.CreateMigratedAsync(kind);
        var calendar = new OfficialCalendar(database);
        await calendar.SeedAsync();
        var days = new WorkingDays(calendar, WorkingDays.ChinaStandardTime);
        var service = new CalendarService(database, calendar, new FakeTimeProvider(Now));

        // Before: 2027 is unknown, so Friday 5 February 2027 + 3 working days is Wednesday 10 February (Mon–Fri).
        var eve = new DateTimeOffset(2027, 2, 5, 9, 0, 0, TimeSpan.FromHours(8));
        calendar.IsKnownYear(2027).Should().BeFalse();
        days.Add(eve, 3).Should().Be(eve.AddDays(5));

        var result = await service.PutYearAsync(TestYear2027());

        result.Created.Should().BeTrue();
        result.Year.Year.Should().Be(2027);
        result.Year.HolidayDays.Should().Be(3 + 9 + 3 + 5 + 1 + 1 + 7);
        result.Year.UpdatedAt.Should().Be(Now);

        // After, same objects, no restart: Sat 6 – Sun 14 Feb are 春节, so Mon 15 (1), Tue 16 (2), Wed 17 (3).
        calendar.IsKnownYear(2027).Should().BeTrue();
        days.Add(eve, 3).Should().Be(new DateTimeOffset(2027, 2, 17, 9, 0, 0, TimeSpan.FromHours(8)));
        calendar.IsWorkingDay(D(2027, 2, 20)).Should().BeTrue("Saturday 20 February 2027 is a declared working day (test data)");
        (await service.ListYearsAsync()).Select(y => y.Year).Should().Equal(2025, 2026, 2027);

        // Another node on the same database sees the year when it reloads (it reloads on a timer).
        var otherNode = new OfficialCalendar(database);
        await otherNode.ReloadAsync();
        otherNode.IsKnownYear(2027).Should().BeTrue();
        otherNode.IsWorkingDay(D(2027, 2, 8)).Should().BeFalse();
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task Putting_a_year_again_replaces_it_whole_and_a_later_seed_keeps_the_administrators_version(DatabaseKind kind)
    {
        var database = await databases.CreateMigratedAsync(kind);
        var calendar = new OfficialCalendar(database);
        await calendar.SeedAsync();
        var service = new CalendarService(database, calendar);

        // A correction of 2026: 中秋 moved to one day, Sunday 20 September no longer worked (made up for the test).
        var shipped = ShippedCalendar.Years.Single(y => y.Year == 2026);
        var corrected = shipped with
        {
            SourceNote = "测试数据：更正 / TEST DATA: correction",
            Holidays = [.. shipped.Holidays!.Where(h => h.Name != "中秋节"), new HolidayPeriod("中秋节", D(2026, 9, 25), D(2026, 9, 25))],
            AdjustedWorkdays = [.. shipped.AdjustedWorkdays!.Where(w => w.Date != D(2026, 9, 20))],
        };

        var result = await service.PutYearAsync(corrected);

        result.Created.Should().BeFalse();
        result.Year.Holidays.Should().HaveCount(7).And.ContainSingle(h => h.Name == "中秋节").Which.To.Should().Be(D(2026, 9, 25));
        result.Year.Holidays.Select(h => h.From).Should().BeInAscendingOrder();
        result.Year.AdjustedWorkdays.Should().HaveCount(5);
        calendar.IsWorkingDay(D(2026, 9, 20)).Should().BeFalse();
        calendar.IsWorkingDay(D(2026, 9, 26)).Should().BeFalse("a Saturday");
        calendar.IsWorkingDay(D(2026, 2, 14)).Should().BeTrue("the rest of the year is unchanged");

        (await calendar.SeedAsync()).Should().BeEmpty();
        (await service.GetYearAsync(2026))!.SourceNote.Should().Be("测试数据：更正 / TEST DATA: correction");
        calendar.IsWorkingDay(D(2026, 9, 20)).Should().BeFalse();
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task Administrators_putting_the_same_year_at_once_both_succeed_and_one_version_is_stored(DatabaseKind kind)
    {
        var database = await databases.CreateMigratedAsync(kind);
        var calendar = new OfficialCalendar(database);
        var service = new CalendarService(database, calendar);
        var versions = Enumerable.Range(1, 6).Select(i => TestYear2027() with { SourceNote = $"TEST DATA version {i}" }).ToList();

        var results = await Task.WhenAll(versions.Select(v => Task.Run(() => service.PutYearAsync(v))));

        results.Count(r => r.Created).Should().Be(1, "exactly one of them found the year absent");
        var stored = (await service.GetYearAsync(2027))!;
        versions.Select(v => v.SourceNote).Should().Contain(stored.SourceNote);
        stored.Holidays.Should().HaveCount(7);
        stored.AdjustedWorkdays.Should().HaveCount(5);
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task An_invalid_year_is_refused_with_every_problem_in_Chinese_and_English_and_nothing_changes(DatabaseKind kind)
    {
        var database = await databases.CreateMigratedAsync(kind);
        var calendar = new OfficialCalendar(database);
        await calendar.SeedAsync();
        var service = new CalendarService(database, calendar);
        var invalid = new CalendarYearInput(
            2027,
            " ",
            [
                new HolidayPeriod("春节", D(2027, 2, 14), D(2027, 2, 6)), // backwards
                new HolidayPeriod("元旦", D(2028, 1, 1), D(2028, 1, 1)), // next year
                new HolidayPeriod("劳动节", D(2027, 5, 1), D(2027, 5, 5)),
                new HolidayPeriod("五一补假", D(2027, 5, 5), D(2027, 5, 6)), // overlaps 劳动节 on 5 May
                new HolidayPeriod("", D(2027, 6, 9), D(2027, 6, 9)), // no name
                new HolidayPeriod("国庆节", D(2027, 10, 1), D(2027, 10, 7)),
            ],
            [
                new AdjustedWorkday(D(2027, 2, 10), "春节"), // a Wednesday
                new AdjustedWorkday(D(2027, 10, 2), "国庆节"), // a Saturday inside 国庆节
                new AdjustedWorkday(D(2026, 12, 26)), // a Saturday of the previous year
                new AdjustedWorkday(D(2027, 9, 26)),
                new AdjustedWorkday(D(2027, 9, 26)), // twice
            ]);

        var act = () => service.PutYearAsync(invalid);

        var error = (await act.Should().ThrowAsync<CalendarValidationException>()).Which;
        error.Year.Should().Be(2027);
        error.Problems.Select(p => p.Field).Should().Equal(
            "sourceNote",
            "holidays[0].to",
            "holidays[1].from",
            "holidays[1].to",
            "holidays[3]",
            "holidays[4].name",
            "adjustedWorkdays[0].date",
            "adjustedWorkdays[1].date",
            "adjustedWorkdays[2].date",
            "adjustedWorkdays[4].date");
        error.Problems.Should().ContainEquivalentOf(new CalendarProblem(
            "adjustedWorkdays[0].date",
            "调休上班日 2027-02-10 是星期三，调休上班日必须是星期六或星期日。",
            "Adjusted working day 2027-02-10 is a Wednesday; an adjusted working day must be a Saturday or a Sunday."));
        error.Problems.Should().ContainEquivalentOf(new CalendarProblem(
            "adjustedWorkdays[1].date",
            "2027-10-02 既是节假日“国庆节”，又是调休上班日。",
            "2027-10-02 is both a holiday (国庆节) and an adjusted working day."));
        error.Problems.Should().ContainEquivalentOf(new CalendarProblem(
            "holidays[3]",
            "2027-05-05 同时属于节假日“劳动节”和“五一补假”，节假日不能重叠。",
            "2027-05-05 is in both holiday 劳动节 and holiday 五一补假; holidays must not overlap."));
        error.Problems.Should().ContainEquivalentOf(new CalendarProblem(
            "holidays[1].from",
            "节假日“元旦”的日期 2028-01-01 不在 2027 年内。",
            "Holiday 元旦: 2028-01-01 is not in 2027."));
        error.Problems.Should().ContainEquivalentOf(new CalendarProblem(
            "holidays[0].to",
            "节假日“春节”的结束日期 2027-02-06 早于开始日期 2027-02-14。",
            "Holiday 春节 ends (2027-02-06) before it starts (2027-02-14)."));
        error.Message.Should().StartWith("2027 年的工作日历未保存 / The calendar of 2027 was not saved: sourceNote: 请填写来源说明");

        (await service.GetYearAsync(2027)).Should().BeNull();
        calendar.IsKnownYear(2027).Should().BeFalse();
    }

    [Fact]
    public void A_year_without_holidays_or_out_of_range_is_refused()
    {
        CalendarYearValidator.Validate(new CalendarYearInput(2027, "TEST DATA", [], []))
            .Should().ContainSingle().Which.Should().Be(new CalendarProblem("holidays", "至少需要一个节假日。", "List at least one holiday."));

        CalendarYearValidator.Validate(new CalendarYearInput(2027, "TEST DATA", null, null))
            .Should().ContainSingle().Which.Field.Should().Be("holidays");

        CalendarYearValidator.Validate(TestYear2027() with { Year = 1999 })
            .Should().ContainSingle().Which.Should().Be(new CalendarProblem(
                "year", "年份必须在 2000 至 2100 之间（收到 1999）。", "The year must be between 2000 and 2100 (got 1999)."));

        CalendarYearValidator.Validate(new CalendarYearInput(2027, "TEST DATA", [new HolidayPeriod("春节", D(2027, 1, 1), D(2027, 3, 1))], []))
            .Should().ContainSingle().Which.English.Should().Be("Holiday 春节 lasts 60 days, more than 31; check the dates.");

        CalendarYearValidator.Validate(TestYear2027()).Should().BeEmpty();
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_new_calendar_object_knows_the_shipped_years_until_it_is_loaded_from_the_database(DatabaseKind kind)
    {
        var database = await databases.CreateMigratedAsync(kind);
        var calendar = new OfficialCalendar(database);

        calendar.KnownYears.Should().Equal(2025, 2026);

        // Reloaded from an empty database (never seeded): it knows what the database knows, nothing.
        await calendar.ReloadAsync();
        calendar.KnownYears.Should().BeEmpty();
        calendar.IsWorkingDay(D(2026, 10, 1)).Should().BeTrue("without a calendar, Thursday 1 October 2026 is a plain Thursday");

        await calendar.SeedAsync();
        calendar.KnownYears.Should().Equal(2025, 2026);
        calendar.IsWorkingDay(D(2026, 10, 1)).Should().BeFalse();
    }

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

}
