using Workflows.Activities.Identity;
using Workflows.Designs.ProcessTests.Support;
using Workflows.Engine;
using Workflows.Engine.Persistence;
using static Workflows.Designs.ProcessTests.Support.Journeys;

namespace Workflows.Designs.ProcessTests;

/// <summary>
/// One nomination from the enterprise's filing to the registry, per design: which tasks appear, in which order, for
/// whom; the unit notice and the provincial notice on the official working-day calendar; the committee vote.
/// </summary>
public sealed class NominationJourneyTests
{
    private static readonly string[] UnitStage =
    [
        "unitRecommendation → filer",
        "timer unitNoticeElapsed 2026-05-09 00:00", // 29, 30 April and 6, 7, 8 May: 劳动节 1–5 May does not count
        "submitNomination → filer",
    ];

    private static readonly string[] ProvinceEnd =
    [
        "timer noticeElapsed 2026-05-15 00:00", // 5 working days from Saturday 9 May, a declared working day: 9, 11–14 May
        "approval → admin@/gd",
        "message decisionPublished",
        "end endAwarded",
    ];

    public static TheoryData<string, string[]> Routes => new()
    {
        {
            DesignCatalog.LabourMedal,
            [
                .. UnitStage, .. EnterpriseHeadOpinions,
                "districtReview → district-reviewer@/gd/gz/th", "cityReview → city-reviewer@/gd/gz", "provinceReview → province-reviewer@/gd",
                .. CommitteeVotes, .. ProvinceEnd,
            ]
        },
        {
            DesignCatalog.LabourCertificate,
            [
                .. UnitStage, .. EnterpriseHeadOpinions,
                "districtReview → district-reviewer@/gd/gz/th", "cityReview → city-reviewer@/gd/gz", "provinceReview → province-reviewer@/gd",
                .. CommitteeVotes, .. ProvinceEnd,
            ]
        },
        {
            DesignCatalog.PioneerTeam,
            [
                .. UnitStage, .. EnterpriseHeadOpinions,
                "districtReview → district-reviewer@/gd/gz/th", "cityReview → city-reviewer@/gd/gz", "provinceReview → province-reviewer@/gd",
                .. CommitteeVotes, .. ProvinceEnd,
            ]
        },
        {
            DesignCatalog.ModelWorker,
            [
                .. UnitStage, .. EnterpriseHeadOpinions,
                "districtReview → district-reviewer@/gd/gz/th", "cityReview → city-reviewer@/gd/gz",
                "hrReview → department-reviewer@/gd/dept-rs", "provinceReview → province-reviewer@/gd", // joint review, in parallel
                .. CommitteeVotes,
                "timer noticeElapsed 2026-05-16 00:00", // the model workers' notice: 7 calendar days, 9–15 May
                "approval → admin@/gd", "message decisionPublished", "end endAwarded",
            ]
        },
        {
            DesignCatalog.NanyueCraftsman,
            [
                .. UnitStage, .. EnterpriseHeadOpinions,
                "districtReview → district-reviewer@/gd/gz/th", "cityReview → city-reviewer@/gd/gz", "provinceReview → province-reviewer@/gd",
                "expertReview → department-reviewer@/gd/dept-xcb", "interview → department-reviewer@/gd/dept-xcb, province-reviewer@/gd",
                .. CommitteeVotes, .. ProvinceEnd,
            ]
        },
        {
            DesignCatalog.NanyueBestWorker,
            [
                .. UnitStage, .. EnterpriseHeadOpinions,
                "cityReview → city-reviewer@/gd/gz", // recommended by the city, no district round
                "provinceReview → province-reviewer@/gd",
                .. CommitteeVotes, .. ProvinceEnd,
            ]
        },
    };

    [Theory, MemberData(nameof(Routes))]
    public async Task A_nomination_passes_every_level_to_the_registry(string design, string[] route)
    {
        await using var h = await DesignEngine.CreateAsync();
        h.Honours.HeldHonours["n-1"] = ["labour-medal"];
        var id = await h.StartAsync(design, "n-1");

        var taken = await h.DriveAsync(id, Approving(design));

        taken.Should().Equal(route);
        var view = await h.InstanceAsync(id);
        view.Status.Should().Be(InstanceStatus.Completed);
        var tally = (Dictionary<string, object?>)view.Variables["committeeTally"]!;
        (tally["for"], tally["against"], tally["approved"]).Should().Be((4L, 1L, true));
        h.Honours.Registry.Should().ContainKey("n-1");
        view.Variables["certificateNumber"].Should().Be(h.Honours.Registry["n-1"]).And.Be($"GD-{DesignCatalog.Get(design).HonourType}-2026-0001");
        h.Honours.CallsOf("honours.closeNotice", "n-1").Should().ContainSingle().Which.Should().NotContainKey("early");
        h.Honours.Notices.Values.Should().ContainSingle().Which.Open.Should().BeFalse();
        h.Honours.CallsOf("honours.updateNomination", "n-1").Should().ContainSingle().Which["state"].Should().Be("approved");
        h.Honours.CallsOf("honours.notify", "n-1").Should().ContainSingle().Which["event"].Should().Be("published");
        view.Variables["decisionId"].Should().Be("decision-" + DesignEngine.CampaignOf(design), "the campaign's decision reached the nominee");
        h.Honours.CallsOf("honours.passOn", "n-1").Select(c => c["unitPath"]).Should().Equal(
            design == DesignCatalog.NanyueBestWorker ? [DemoSeed.Enterprise1Path, "/gd/gz"] : [DemoSeed.Enterprise1Path, "/gd/gz/th", "/gd/gz"],
            "every level passes the nomination on");
    }

    [Fact]
    public async Task The_notice_periods_count_working_days_of_the_official_calendar_across_holidays()
    {
        await using var h = await DesignEngine.CreateAsync();
        var id = await h.StartAsync(DesignCatalog.LabourMedal, "n-2");
        await h.CompleteAsync(id, "unitRecommendation");

        var unitNotice = (await h.TimersAsync(id)).Should().ContainSingle().Subject;
        unitNotice.ElementId.Should().Be("unitNoticeElapsed");
        DesignEngine.Local(unitNotice.DueAt).Should().Be("2026-05-09 00:00",
            "five working days from Wednesday 29 April are 29, 30 April, 6, 7 and 8 May (Monday to Friday would end on 5 May)");

        // Reach the committee on Thursday 24 September, just before 中秋 (25–27 September) and 国庆 (1–7 October).
        var answers = Approving(DesignCatalog.LabourMedal).Without("committeeVote");
        await h.DriveAsync(id, answers);
        h.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 24, 10, 0, 0, TimeSpan.FromHours(8)));
        foreach (var vote in (await h.OpenTasksAsync(id)).Where(t => t.ElementId == "committeeVote").ToList())
        {
            if ((await h.InstanceAsync(id)).ActiveElementIds.Contains("committeeVote"))
            {
                await h.Engine.CompleteTaskAsync(new CompleteTaskCommand(vote.Id, new Dictionary<string, object?> { ["vote"] = "for" }));
            }
        }

        var provinceNotice = (await h.TimersAsync(id)).Should().ContainSingle().Subject;
        provinceNotice.ElementId.Should().Be("noticeElapsed");
        DesignEngine.Local(provinceNotice.DueAt).Should().Be("2026-10-09 00:00",
            "the five working days are 24, 28, 29, 30 September and 8 October: 中秋 and 国庆 do not count");
        var opened = h.Honours.CallsOf("honours.openNotice", "n-2").Should().ContainSingle().Subject;
        (opened["level"], opened["organisationPath"], opened["start"], opened["days"], opened["inWorkingDays"])
            .Should().Be(("provincial", "/gd", "2026-09-24", 5L, true));
        h.Honours.Notices.Values.Single().ClosesAt.Should().Be(provinceNotice.DueAt, "the published notice and the timer end together");
    }

    [Fact]
    public async Task The_model_workers_notice_lasts_seven_calendar_days()
    {
        await using var h = await DesignEngine.CreateAsync();
        var id = await h.StartAsync(DesignCatalog.ModelWorker, "n-3");
        var answers = Approving(DesignCatalog.ModelWorker).Without("committeeVote");
        await h.DriveAsync(id, answers);
        h.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 24, 10, 0, 0, TimeSpan.FromHours(8)));
        foreach (var vote in (await h.OpenTasksAsync(id)).Where(t => t.ElementId == "committeeVote").Take(4).ToList())
        {
            await h.Engine.CompleteTaskAsync(new CompleteTaskCommand(vote.Id, new Dictionary<string, object?> { ["vote"] = "for" }));
        }

        DesignEngine.Local((await h.TimersAsync(id)).Single().DueAt).Should().Be("2026-10-01 00:00", "24 to 30 September, holidays included");
    }

    [Fact]
    public async Task An_enterprise_directly_under_a_city_skips_the_district_round()
    {
        await using var h = await DesignEngine.CreateAsync();
        var id = await h.StartAsync(DesignCatalog.LabourMedal, "n-4", StandInDirectory.ShenzhenEnterprise, nomineeType: "worker");

        var route = await h.DriveAsync(id, Approving(DesignCatalog.LabourMedal), stopAt: "provinceReview");

        route.Should().Equal([.. UnitStage, "cityReview → city-reviewer@/gd/sz", "provinceReview → province-reviewer@/gd"],
            "a front-line worker needs no department's opinion and Shenzhen's enterprise has no district union");
        (await h.InstanceAsync(id)).Variables["allocationUnit"].Should().Be("/gd/sz");
    }

    [Fact]
    public async Task An_enterprise_of_an_industry_union_is_chosen_by_the_industry_union_within_its_quota()
    {
        await using var h = await DesignEngine.CreateAsync();
        var id = await h.StartAsync(DesignCatalog.LabourMedal, "n-5", StandInDirectory.FinanceEnterprise, nomineeType: "cadre");

        var route = await h.DriveAsync(id, Approving(DesignCatalog.LabourMedal), stopAt: "provinceReview");

        route.Should().Equal([.. UnitStage, "departmentOpinion → department-reviewer@/gd/dept-jjjc", "cityReview → industry-reviewer@/gd/ind-jr",
            "provinceReview → province-reviewer@/gd"]);
        h.Honours.CallsOf("honours.passOn", "n-5").Select(c => c["unitPath"]).Should().Equal(StandInDirectory.FinanceEnterprise, "/gd/ind-jr");
    }

    [Fact]
    public async Task The_campaigns_committee_votes_and_a_committee_given_at_the_start_is_ignored()
    {
        await using var h = await DesignEngine.CreateAsync();
        h.Honours.Committees[DesignEngine.CampaignOf(DesignCatalog.PioneerTeam)] = ["chen", "li", "wang"];
        var id = await h.StartAsync(DesignCatalog.PioneerTeam, "n-6", nomineeType: "worker",
            extra: new Dictionary<string, object?> { ["committee"] = new List<object?> { "filer", "leader" } });

        var route = await h.DriveAsync(id, Approving(DesignCatalog.PioneerTeam), stopAt: "noticeWait");

        route.TakeLast(3).Should().Equal("committeeVote → chen", "committeeVote → li", "committeeVote → wang");
    }

    [Fact]
    public async Task Every_department_the_nominee_type_needs_gives_its_opinion_in_parallel()
    {
        await using var h = await DesignEngine.CreateAsync();
        var id = await h.StartAsync(DesignCatalog.LabourCertificate, "n-7", nomineeType: "state-enterprise-head");
        await h.DriveAsync(id, new Answers().On("unitRecommendation", new { }).On("submitNomination", new { }));

        (await h.OpenTasksAsync(id)).Select(t => t.CandidateGroups.Single()).Should().BeEquivalentTo(
            DemoSeed.Departments.Select(d => "department-reviewer@/gd/" + d.Code),
            "a state-owned enterprise's head needs every joint-review department, audit and discipline included");
    }
}
