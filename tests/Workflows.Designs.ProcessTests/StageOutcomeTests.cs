using Workflows.Activities.Identity;
using Workflows.Designs.ProcessTests.Support;
using Workflows.Engine.Persistence;
using static Workflows.Designs.ProcessTests.Support.Journeys;

namespace Workflows.Designs.ProcessTests;

/// <summary>The ways a nomination stops before the notice, and the quota loop of the city level.</summary>
public sealed class StageOutcomeTests
{
    [Theory, MemberData(nameof(AllDesigns), MemberType = typeof(Journeys))]
    public async Task A_committee_vote_of_three_to_two_misses_two_thirds_and_ends_the_nomination(string design)
    {
        await using var h = await DesignEngine.CreateAsync();
        h.Honours.HeldHonours["n-1"] = ["labour-medal"];
        var id = await h.StartAsync(design, "n-1");
        var answers = Approving(design).Without("committeeVote")
            .On("committeeVote", new { vote = "for" }, new { vote = "for" }, new { vote = "for" }, new { vote = "against" }, new { vote = "反对" });

        var route = await h.DriveAsync(id, answers);

        route.Should().EndWith([.. CommitteeVotes, "end endVoteRejected"]);
        var view = await h.InstanceAsync(id);
        view.Variables["committeeApproved"].Should().Be(false);
        var tally = (Dictionary<string, object?>)view.Variables["committeeTally"]!;
        (tally["for"], tally["against"], tally["needed"], tally["total"]).Should().Be((3L, 2L, 4L, 5L));
        var told = h.Honours.CallsOf("honours.updateNomination", "n-1").Single();
        (told["state"], told["reason"]).Should().Be(("rejected", "评审委员会表决未达到三分之二"));
        h.Honours.States["n-1"].Should().Be("rejected");
        h.Honours.CallsOf("honours.openNotice", "n-1").Should().BeEmpty();
        h.Honours.Registry.Should().BeEmpty();
    }

    [Theory, MemberData(nameof(ReviewLevels), MemberType = typeof(Journeys))]
    public async Task A_level_that_does_not_recommend_ends_the_nomination_and_tells_the_enterprise(string design, string level)
    {
        await using var h = await DesignEngine.CreateAsync();
        h.Honours.HeldHonours["n-1"] = ["labour-medal"];
        var id = await h.StartAsync(design, "n-1");
        var variable = Reviews(design).Single(r => r.Element == level).Variable;

        var route = await h.DriveAsync(id, Approving(design).Without(level).On(level, Decision(variable, "rejected")));

        route.Last().Should().StartWith("end end").And.EndWith("Rejected");
        route.Should().NotContain(r => r.StartsWith("committeeVote", StringComparison.Ordinal));
        var told = h.Honours.CallsOf("honours.updateNomination", "n-1").Single();
        (told["state"], told["nominationId"]).Should().Be(("rejected", "n-1"));
        ((string)told["reason"]!).Should().NotBeNullOrWhiteSpace();
        (await h.InstanceAsync(id)).Status.Should().Be(InstanceStatus.Completed);
    }

    [Fact]
    public async Task A_department_that_disagrees_stops_the_opinions_and_the_nomination()
    {
        await using var h = await DesignEngine.CreateAsync();
        var id = await h.StartAsync(DesignCatalog.LabourMedal, "n-2");
        var answers = new Answers().On("unitRecommendation", new { }).On("submitNomination", new { })
            .On("departmentOpinion", new { opinionAgreed = true }, new { opinionAgreed = false });

        var route = await h.DriveAsync(id, answers);

        route.Should().Equal(
        [
            "unitRecommendation → filer", "timer unitNoticeElapsed 2026-05-09 00:00", "submitNomination → filer", .. EnterpriseHeadOpinions,
            "end endOpinionObjected",
        ]);
        (await h.OpenTasksAsync(id)).Should().BeEmpty("the other departments' tasks are withdrawn");
        h.Honours.CallsOf("honours.checkEligibility", "n-2").Should().BeEmpty();
        h.Honours.CallsOf("honours.updateNomination", "n-2").Single()["reason"].Should().Be("联审部门出具不同意意见");
    }

    [Fact]
    public async Task A_veto_ends_the_nomination_before_any_level_reviews_it()
    {
        await using var h = await DesignEngine.CreateAsync();
        h.Honours.Vetoes["n-3"] = "推荐单位2024年发生一般生产安全责任事故（三年内不得推荐）";
        var id = await h.StartAsync(DesignCatalog.LabourCertificate, "n-3", nomineeType: "worker");

        var route = await h.DriveAsync(id, Approving(DesignCatalog.LabourCertificate));

        route.Should().Equal("unitRecommendation → filer", "timer unitNoticeElapsed 2026-05-09 00:00", "submitNomination → filer", "end endIneligible");
        ((List<object?>)(await h.InstanceAsync(id)).Variables["eligibilityMessages"]!).Should().ContainSingle().Which.Should().Be(h.Honours.Vetoes["n-3"]);
        h.Honours.CallsOf("honours.updateNomination", "n-3").Single()["reason"].Should().Be(h.Honours.Vetoes["n-3"], "the filer is told why");
    }

    [Fact]
    public async Task The_loveliest_worker_must_hold_the_years_labour_medal()
    {
        await using var h = await DesignEngine.CreateAsync();
        var id = await h.StartAsync(DesignCatalog.NanyueBestWorker, "n-4", nomineeType: "worker");

        var route = await h.DriveAsync(id, Approving(DesignCatalog.NanyueBestWorker));

        route.Last().Should().Be("end endIneligible");
        ((List<object?>)(await h.InstanceAsync(id)).Variables["eligibilityMessages"]!).Should().ContainSingle().Which.Should().Be("推荐对象须持有当年的 labour-medal。");
    }

    [Fact]
    public async Task A_city_choice_over_its_quota_goes_back_to_the_city_until_it_fits()
    {
        await using var h = await DesignEngine.CreateAsync();
        h.Honours.Quotas["/gd/gz"] = 0;
        var id = await h.StartAsync(DesignCatalog.LabourMedal, "n-5", nomineeType: "worker");
        await h.DriveAsync(id, Approving(DesignCatalog.LabourMedal).Without("cityReview").On("cityReview", Decision("cityDecision", "approved")));

        (await h.OpenTasksAsync(id)).Select(t => t.ElementId).Should().Equal("cityReview");
        (await h.InstanceAsync(id)).Variables["quotaPassed"].Should().Be(false);
        (await h.InstanceAsync(id)).Variables["passedOn"].Should().Be(false);
        h.Honours.CallsOf("honours.passOn", "n-5").Select(c => c["unitPath"]).Should().Equal(DemoSeed.Enterprise1Path, "/gd/gz/th", "/gd/gz");

        h.Honours.Quotas["/gd/gz"] = 1;
        await h.CompleteAsync(id, "cityReview", Decision("cityDecision", "approved"));
        (await h.OpenTasksAsync(id)).Select(t => t.ElementId).Should().Equal("provinceReview");
    }

    [Fact]
    public async Task A_city_list_that_breaks_a_composition_rule_goes_back_to_the_city()
    {
        await using var h = await DesignEngine.CreateAsync();
        h.Honours.CompositionFailures["/gd/gz"] = "产业工人不少于35%：名单20名中产业工人6名，还差1名。";
        var id = await h.StartAsync(DesignCatalog.PioneerTeam, "n-6", nomineeType: "worker");
        await h.DriveAsync(id, Approving(DesignCatalog.PioneerTeam).Without("cityReview").On("cityReview", Decision("cityDecision", "approved")));

        (await h.OpenTasksAsync(id)).Select(t => t.ElementId).Should().Equal("cityReview");
        ((List<object?>)(await h.InstanceAsync(id)).Variables["passOnMessages"]!).Should().Equal(h.Honours.CompositionFailures["/gd/gz"]);
    }
}
