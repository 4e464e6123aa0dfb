using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Calendar;
using Workflows.Activities.Honours;
using Workflows.Activities.Honours.Notices;
using Workflows.Activities.Identity;
using Workflows.Activities.Tests.Persistence;

namespace Workflows.Activities.Tests.Honours;

/// <summary>Public notices (公示): periods in working days on the official calendar, objections and their investigation, the closing report.</summary>
public sealed class NoticeTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    private static readonly OfficialCalendar Calendar = OfficialCalendar.ShippedOnly();

    [Fact]
    public void Five_working_days_from_29_September_2026_end_on_the_worked_Saturday_10_October()
    {
        var period = NoticePeriod.Compute(new DateOnly(2026, 9, 29), 5, Calendar);

        period.StartsOn.Should().Be(new DateOnly(2026, 9, 29));
        period.EndsOn.Should().Be(new DateOnly(2026, 10, 10), "29, 30 September, then 8, 9 and the worked Saturday 10 October (国庆 1–7 October)");
        period.CalendarDays.Should().Be(12);
        period.ClosesAt.Should().Be(new DateTimeOffset(2026, 10, 11, 0, 0, 0, TimeSpan.FromHours(8)));
        period.InWorkingDays.Should().BeTrue();
    }

    [Fact]
    public void A_notice_starting_on_a_holiday_counts_from_the_next_working_day()
    {
        NoticePeriod.Compute(new DateOnly(2026, 10, 1), 5, Calendar).EndsOn.Should().Be(new DateOnly(2026, 10, 13), "8, 9, 10, 12, 13 October");
        NoticePeriod.Compute(new DateOnly(2026, 2, 13), 5, Calendar).EndsOn.Should().Be(new DateOnly(2026, 2, 26),
            "13 February, the worked Saturday 14th, then 春节 15–23 February does not count, then 24, 25, 26");
    }

    [Fact]
    public void Seven_calendar_days_run_through_weekends_and_holidays()
    {
        var period = NoticePeriod.ComputeCalendarDays(new DateOnly(2026, 4, 30), 7);

        period.EndsOn.Should().Be(new DateOnly(2026, 5, 6));
        period.InWorkingDays.Should().BeFalse();
        period.IsRunning(new DateTimeOffset(2026, 5, 6, 23, 59, 0, TimeSpan.FromHours(8))).Should().BeTrue();
        period.IsRunning(new DateTimeOffset(2026, 5, 7, 0, 0, 0, TimeSpan.FromHours(8))).Should().BeFalse();
        period.IsRunning(new DateTimeOffset(2026, 4, 29, 23, 59, 0, TimeSpan.FromHours(8))).Should().BeFalse();
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_unit_notice_runs_at_least_five_working_days(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync();
        var nomination = await world.FileAsync(campaign, await world.PersonAsync("何明", NomineeCategories.IndustrialWorker));

        var tooShort = () => world.Services.Notices.OpenAsync(UnitNotice(campaign, nomination) with { Days = 3 });
        (await tooShort.Should().ThrowAsync<HonoursException>()).Which.Message.Should().Be("单位公示不得少于 5 个工作日（本次为 3 个）。");

        var notice = await world.Services.Notices.OpenAsync(UnitNotice(campaign, nomination));
        notice.StartsOn.Should().Be(new DateOnly(2026, 3, 10));
        notice.EndsOn.Should().Be(new DateOnly(2026, 3, 16), "Tuesday 10 March + 5 working days");
        notice.Title.Should().Be("2026年广东省五一劳动奖章评选单位公示");
        notice.Entries.Should().ContainSingle().Which.NominationId.Should().Be(nomination.Id);

        var again = await world.Services.Notices.OpenAsync(UnitNotice(campaign, nomination));
        again.Id.Should().Be(notice.Id, "the same step opens the same notice");
        (await world.WithDbAsync(db => db.PublicNotices.CountAsync())).Should().Be(1);
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task The_provincial_notice_follows_the_campaign_in_calendar_days(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync(provincialNoticeDays: 7, provincialInWorkingDays: false);
        var nomination = await world.FileAsync(campaign, await world.PersonAsync("何亮", NomineeCategories.IndustrialWorker));

        var notice = await world.Services.Notices.OpenAsync(new NoticeInput
        {
            CampaignId = campaign.Id, Level = NoticeLevel.Provincial, OrganisationPath = DemoSeed.ProvincePath,
            NominationIds = [nomination.Id], OpenedBy = "province-reviewer", StartsOn = new DateOnly(2026, 4, 13),
        });

        (notice.StartsOn, notice.EndsOn, notice.Days, notice.InWorkingDays).Should().Be((new DateOnly(2026, 4, 13), new DateOnly(2026, 4, 19), 7, false));
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task Objections_need_a_real_name_a_contact_and_for_a_unit_its_seal(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var (notice, nomination) = await NoticeAsync(world);

        var anonymous = () => world.Services.Notices.RecordObjectionAsync(new ObjectionInput
        {
            NoticeId = notice.Id, NominationId = nomination.Id, ObjectorName = " ", ObjectorContact = "", Content = "材料不实",
        });
        (await anonymous.Should().ThrowAsync<HonoursException>()).Which.Problems.Should().Equal(
            "异议须实名提出：请填写「姓名或单位名称」。", "请填写「联系方式」，以便核实情况。");

        var unsealed = () => world.Services.Notices.RecordObjectionAsync(new ObjectionInput
        {
            NoticeId = notice.Id, NominationId = nomination.Id, ObjectorName = "某某公司", ObjectorContact = "020-12345678", Content = "材料不实", ByUnit = true,
        });
        (await unsealed.Should().ThrowAsync<HonoursException>()).Which.Message.Should().Be("以单位名义提出的异议须加盖公章：请上传盖章的异议材料。");

        var objection = await world.Services.Notices.RecordObjectionAsync(new ObjectionInput
        {
            NoticeId = notice.Id, NominationId = nomination.Id, ObjectorName = "王五", ObjectorContact = "13800000000", Content = "获奖事迹与实际不符",
        });
        objection.State.Should().Be(ObjectionState.Investigating);
        objection.ReceivedAt.Should().Be(world.Time.GetUtcNow());

        world.Time.SetUtcNow(notice.ClosesAt);
        var late = () => world.Services.Notices.RecordObjectionAsync(new ObjectionInput
        {
            NoticeId = notice.Id, NominationId = nomination.Id, ObjectorName = "王五", ObjectorContact = "13800000000", Content = "补充",
        });
        (await late.Should().ThrowAsync<HonoursException>()).Which.Message.Should().Be("「2026年广东省五一劳动奖章评选单位公示」已于 2026-03-17 00:00 结束，不再受理异议。");
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task An_upheld_objection_rejects_the_nomination_and_the_report_says_so(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var (notice, nomination) = await NoticeAsync(world);
        var objection = await world.Services.Notices.RecordObjectionAsync(new ObjectionInput
        {
            NoticeId = notice.Id, NominationId = nomination.Id, ObjectorName = "王五", ObjectorContact = "13800000000", Content = "获奖事迹与实际不符",
        });

        var early = () => world.Services.Notices.CloseAsync(notice.Id, "admin");
        (await early.Should().ThrowAsync<HonoursException>()).Which.Message.Should().Be("「2026年广东省五一劳动奖章评选单位公示」公示期至 2026-03-16 结束，尚未期满。");

        var noFindings = () => world.Services.Notices.ConcludeAsync(objection.Id, upheld: true, "", "investigator");
        (await noFindings.Should().ThrowAsync<HonoursException>()).Which.Message.Should().Be("请填写「调查核实情况」。");

        await world.Services.Notices.ConcludeAsync(objection.Id, upheld: true, "经核实，所报技术革新成果系他人完成。", "investigator");
        var rejected = await world.ReloadAsync(nomination.Id);
        rejected.State.Should().Be(NominationState.Rejected);
        rejected.StateReason.Should().Be("公示异议成立：经核实，所报技术革新成果系他人完成。");

        world.Time.SetUtcNow(notice.ClosesAt);
        var outcome = await world.Services.Notices.CloseAsync(notice.Id, "admin");
        outcome.Clean.Should().BeFalse();
        outcome.RejectedNominationIds.Should().Equal(nomination.Id);
        outcome.Notice.Report.Should().Be("「2026年广东省五一劳动奖章评选单位公示」于 2026-03-10 至 2026-03-16（5 个工作日）公示，收到异议 1 件：经核实成立 1 件，不成立 0 件。");
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_notice_without_objections_closes_clean(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var (notice, _) = await NoticeAsync(world);
        world.Time.SetUtcNow(notice.ClosesAt);

        var outcome = await world.Services.Notices.CloseAsync(notice.Id, "admin");
        var again = await world.Services.Notices.CloseAsync(notice.Id, "admin");

        outcome.Clean.Should().BeTrue();
        outcome.Notice.Report.Should().Be("「2026年广东省五一劳动奖章评选单位公示」于 2026-03-10 至 2026-03-16（5 个工作日）公示，公示期满，无异议。");
        again.Notice.ClosedAt.Should().Be(outcome.Notice.ClosedAt, "closing twice changes nothing");
    }

    private static async Task<(PublicNotice Notice, Nomination Nomination)> NoticeAsync(HonoursWorld world)
    {
        var campaign = await world.OpenCampaignAsync();
        var nomination = await world.FileAsync(campaign, await world.PersonAsync("何明", NomineeCategories.IndustrialWorker));
        return (await world.Services.Notices.OpenAsync(UnitNotice(campaign, nomination)), nomination);
    }

    private static NoticeInput UnitNotice(Campaign campaign, Nomination nomination) => new()
    {
        CampaignId = campaign.Id,
        Level = NoticeLevel.Unit,
        OrganisationPath = DemoSeed.Enterprise1UnionPath,
        NominationIds = [nomination.Id],
        OpenedBy = HonoursWorld.Filer,
        SourceKey = "instance-1:unitNotice",
    };
}
