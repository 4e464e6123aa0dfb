using System.Net;
using System.Net.Http.Json;
using Workflows.Activities.Honours;
using Workflows.Activities.Identity;
using Workflows.Host.Tests.HumanWork;
using static Workflows.Host.Tests.Honours.Journey;

namespace Workflows.Host.Tests.Honours;

/// <summary>
/// 撤回 of a nomination: the filer takes back what it submitted before the district acted; the nomination is a draft
/// with its filer again and off the district's list, so the district cannot pass it on, until the filer submits it
/// again.
/// </summary>
public sealed class NominationWithdrawalTests(HonoursHost host) : IClassFixture<HonoursHost>
{
    [Fact]
    public async Task A_withdrawn_nomination_is_the_filers_draft_again_until_it_is_resubmitted()
    {
        using var cast = new Cast(host);
        var (admin, filer, district) = (cast.Admin, cast.Filer, cast.District);
        var campaign = await OpenCampaignAsync(admin, HonourCatalog.Craftsman, "2026年南粤工匠推荐评选（撤回）", [new { unitPath = City, number = 2 }]);
        var nomination = await FileAsync(filer, campaign, Person("吴撤回", Gender.Male, "industrialWorker"), FormFor(HonourCatalog.Craftsman));
        await UnitStageAsync(host, admin, filer, nomination);
        (await NominationAsync(filer, nomination.Id())).GetProperty("levelPath").GetString().Should().Be(District);

        using (var withdraw = await filer.PostAsJsonAsync($"/api/instances/{nomination.Instance()}/withdraw", new { comment = "补充一份获奖证书" }))
        {
            withdraw.StatusCode.Should().Be(HttpStatusCode.OK, await withdraw.Content.ReadAsStringAsync());
        }

        (await ActiveAsync(admin, nomination.Instance())).Should().Equal("submitNomination");
        var back = await NominationAsync(filer, nomination.Id());
        (back.GetProperty("state").GetString(), back.GetProperty("levelPath").GetString()).Should().Be(("draft", DemoSeed.Enterprise1UnionPath));
        using (var refused = await SubmitLevelAsync(district, campaign, District, nomination.Id()))
        {
            refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
            (await refused.Content.ReadAsStringAsync()).Should().Contain("吴撤回").And.Contain("不在");
        }

        await ApproveAsync(filer, nomination.Instance(), "submitNomination", "已补充获奖证书，重新报送");
        (await StateAsync(filer, nomination.Id())).Should().Be("submitted");
        await SubmitLevelOkAsync(district, campaign, District, nomination.Id());
        (await NominationAsync(filer, nomination.Id())).GetProperty("levelPath").GetString().Should().Be(City);
    }
}
