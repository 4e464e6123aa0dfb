using Workflows.Activities.Honours;
using Workflows.Host.Tests.HumanWork;
using static Workflows.Host.Tests.Honours.Journey;

namespace Workflows.Host.Tests.Honours;

/// <summary>
/// 南粤工匠 through the HTTP API: a skilled worker is nominated with the craft's form (技能领域); after the district,
/// the city and the provincial review come the expert review of 省委宣传部 and the interview; the committee votes 4–1 on
/// 18 June and the notice's five working days skip 端午 (19 June); approved, published and registered.
/// </summary>
public sealed class NanyueCraftsmanJourneyTests(HonoursHost host) : IClassFixture<HonoursHost>
{
    [Fact]
    public async Task A_craftsman_passes_the_expert_review_and_the_interview_and_is_registered()
    {
        using var cast = new Cast(host);
        var (admin, filer, district, city, province, anonymous, committee) =
            (cast.Admin, cast.Filer, cast.District, cast.City, cast.Province, cast.Anonymous, cast.Committee);
        var campaign = await OpenCampaignAsync(admin, HonourCatalog.Craftsman, "2026年南粤工匠推荐评选", [new { unitPath = City, number = 2 }],
            [new { name = "产业工人不少于35%", kind = "minimumShare", categories = new[] { "industrialWorker" }, percent = 35 }]);
        var craftsman = await FileAsync(filer, campaign, Person("陈精工", Gender.Male, "industrialWorker"), FormFor(HonourCatalog.Craftsman));
        craftsman.GetProperty("form").GetProperty("skillField").GetString().Should().Be("数控加工");
        await UnitStageAsync(host, admin, filer, craftsman);
        (await TasksAsync(admin, craftsman.Id(), "departmentOpinion")).Should().BeEmpty("a front-line worker needs no department's opinion");

        await SubmitLevelOkAsync(district, campaign, District, craftsman.Id());
        await SubmitLevelOkAsync(city, campaign, City, craftsman.Id());
        await ApproveAsync(province, craftsman.Instance(), "provinceReview", "省总工会初审同意");

        // 省委宣传部's expert review (the demo account xcb-reviewer holds that group), then the interview.
        var expert = (await TasksAsync(admin, craftsman.Id(), "expertReview")).Single();
        expert.GetProperty("candidateGroups").EnumerateArray().Select(g => g.GetString()).Should().Equal("department-reviewer@/gd/dept-xcb");
        await ApproveAsync(cast.As("xcb-reviewer"), craftsman.Instance(), "expertReview", "专家评审：技能水平突出，同意进入面试", new { expertDecision = "approved" });

        await ApproveAsync(province, craftsman.Instance(), "interview", "面试答辩与现场技能展示优秀", new { interviewDecision = "approved" });

        host.SetClock(China(2026, 6, 18, 10));
        await CommitteeVotesAsync(committee, craftsman.Instance(), against: 3);

        // Five working days from Thursday 18 June: 18, 22–25 June (端午 19–21 June does not count).
        await ProvincialNoticeAsync(host, admin, anonymous, campaign, craftsman, "2026-06-18", "2026-06-25", China(2026, 6, 26));
        await ApprovedAndRegisteredAsync(host, admin, filer, campaign, craftsman, China(2026, 6, 26), "NYGJ-2026-0001");
    }
}
