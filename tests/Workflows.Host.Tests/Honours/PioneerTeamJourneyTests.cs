using System.Net;
using System.Net.Http.Json;
using Workflows.Activities.Honours;
using Workflows.Host.Tests.HumanWork;
using static Workflows.Host.Tests.Honours.Journey;

namespace Workflows.Host.Tests.Honours;

/// <summary>
/// 广东省工人先锋号 through the HTTP API: two teams of two enterprises reach 广州, whose quota is one; the batch of both
/// is refused naming the quota and the excess; the city passes one on and does not recommend the other (its filer is
/// told, the nomination ends rejected); the province reviews, the committee votes 4–1 on 21 September, the notice's five
/// working days skip 中秋 (25–27 September); approved, published and registered.
/// </summary>
public sealed class PioneerTeamJourneyTests(HonoursHost host) : IClassFixture<HonoursHost>
{
    [Fact]
    public async Task A_city_over_its_quota_is_refused_then_passes_one_team_on_to_the_registry()
    {
        using var cast = new Cast(host);
        var (admin, filer, filer2, district, city, otherCity, province, anonymous, committee) =
            (cast.Admin, cast.Filer, cast.Filer2, cast.District, cast.City, cast.As("sz-reviewer"), cast.Province, cast.Anonymous, cast.Committee);
        var campaign = await OpenCampaignAsync(admin, HonourCatalog.PioneerTeam, "2026年广东省工人先锋号评选", [new { unitPath = City, number = 1 }]);
        var lathe = await FileAsync(filer, campaign, new { kind = "team", name = "数控车间精密加工班组", categories = new[] { "industrialWorker" } }, FormFor(HonourCatalog.PioneerTeam));
        var testing = await FileAsync(filer2, campaign, new { kind = "team", name = "电气检测中心试验班", categories = new[] { "professionalTechnical" } }, FormFor(HonourCatalog.PioneerTeam));
        foreach (var (user, team) in new[] { (filer, lathe), (filer2, testing) })
        {
            await ApproveAsync(user, team.Instance(), "unitRecommendation", "班组所在单位民主推荐通过");
        }

        foreach (var (user, team) in new[] { (filer, lathe), (filer2, testing) })
        {
            (await host.FireTimerAsync(team.Instance(), "unitNoticeElapsed")).Should().Be(China(2026, 5, 8));
            await UploadAsync(user, team.Id(), "unit-notice", "公示无异议报告.pdf");
            await ApproveAsync(user, team.Instance(), "submitNomination", "提交推荐材料");
        }

        await SubmitLevelOkAsync(district, campaign, District, lathe.Id(), testing.Id());

        // Another city's reviewer cannot see 广州's list, nor submit it.
        using (var foreign = await SubmitLevelAsync(otherCity, campaign, City, lathe.Id()))
        {
            await foreign.ProblemAsync(HttpStatusCode.NotFound);
        }

        // A province reviewer sees 广州 but is not its reviewer.
        using (var notTheirs = await SubmitLevelAsync(province, campaign, City, lathe.Id()))
        {
            (await notTheirs.ProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString().Should().Contain("广州市总工会");
        }

        // 广州's quota is one: the batch of two is refused naming the quota, the count and the excess.
        using (var refused = await SubmitLevelAsync(city, campaign, City, lathe.Id(), testing.Id()))
        {
            var problem = await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity);
            var quota = problem.GetProperty("problems").EnumerateArray().Single();
            (quota.GetProperty("kind").GetString(), quota.GetProperty("name").GetString(), quota.GetProperty("limit").GetInt32(), quota.GetProperty("actual").GetInt32(), quota.GetProperty("excess").GetInt32())
                .Should().Be(("quota", "总名额", 1, 2, 1));
            quota.GetProperty("message").GetString().Should().Be("广州市总工会总名额为 1 名，名单中有 2 名，超出 1 名。");
        }

        (await ActiveAsync(admin, lathe.Instance())).Should().Equal("cityReview");
        (await ActiveAsync(admin, testing.Instance())).Should().Equal("cityReview");

        // The city passes the lathe team on and does not recommend the testing team.
        await SubmitLevelOkAsync(city, campaign, City, lathe.Id());
        var notChosen = await MyTaskAsync(city, testing.Instance(), "cityReview");
        using (var rejected = await city.PostAsJsonAsync($"/api/tasks/{notChosen}/complete", new { variables = new { cityDecision = "rejected" }, comment = "名额有限，未予推荐" }))
        {
            rejected.StatusCode.Should().Be(HttpStatusCode.OK, await rejected.Content.ReadAsStringAsync());
        }

        var ended = await NominationAsync(filer2, testing.Id());
        (ended.GetProperty("state").GetString(), ended.GetProperty("instanceStatus").GetString(), ended.GetProperty("stateReason").GetString())
            .Should().Be(("rejected", "completed", "市（产业）总工会未予入选"));
        (await filer2.HistoryAsync(testing.Instance())).Should().Contain(h => h.GetProperty("elementId").GetString() == "endCityRejected");

        var use = (await admin.GetJsonAsync($"/api/campaigns/{campaign}")).GetProperty("quotaUse").EnumerateArray().Single();
        (use.GetProperty("unitPath").GetString(), use.GetProperty("passedOn").GetInt32(), use.GetProperty("held").GetInt32()).Should().Be((City, 1, 0));

        await ApproveAsync(province, lathe.Instance(), "provinceReview", "同意提交评审");
        host.SetClock(China(2026, 9, 21, 10));
        await CommitteeVotesAsync(committee, lathe.Instance(), against: 2);

        // Five working days from Monday 21 September: 21–24 and 28 September (中秋 25–27 September does not count).
        await ProvincialNoticeAsync(host, admin, anonymous, campaign, lathe, "2026-09-21", "2026-09-28", China(2026, 9, 29));
        await ApprovedAndRegisteredAsync(host, admin, filer, campaign, lathe, China(2026, 9, 29), "GDPT-2026-0001");
        (await NominationAsync(filer2, testing.Id())).GetProperty("honours").GetArrayLength().Should().Be(0);
    }
}
