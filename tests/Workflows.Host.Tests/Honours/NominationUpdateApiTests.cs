using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflows.Activities.Honours;
using Workflows.Host.Tests.HumanWork;
using static Workflows.Host.Tests.Honours.Journey;

namespace Workflows.Host.Tests.Honours;

/// <summary>
/// The portal's API: the nomination form of a campaign (<c>GET /api/nominations/form</c>) and the filer's correction
/// of a returned nomination (<c>PUT /api/nominations/{id}</c>): only the filing enterprise, only while the nomination
/// is returned to it, with the form checked as when filing; resubmitting passes it on again.
/// </summary>
public sealed class NominationUpdateApiTests(HonoursHost host) : IClassFixture<HonoursHost>
{
    [Fact]
    public async Task The_form_of_a_campaign_lists_the_honour_types_fields_with_their_limits_and_the_required_materials()
    {
        using var filer = host.CreateClientAs("filer");
        var campaign = await CampaignAsync(filer, HonourCatalog.LabourMedal);

        var form = await filer.GetJsonAsync($"/api/nominations/form?campaignId={campaign}");
        (form.GetProperty("honourType").GetString(), form.GetProperty("nomineeKind").GetString()).Should().Be((HonourCatalog.LabourMedal, "individual"));
        var fields = form.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("key").GetString()!);
        fields["deedsSummary"].GetProperty("maxLength").GetInt32().Should().Be(500);
        fields["deeds"].GetProperty("maxLength").GetInt32().Should().Be(2000);
        fields["deeds"].GetProperty("label").GetString().Should().Be("主要事迹");
        fields["workStartDate"].GetProperty("kind").GetString().Should().Be("date");
        fields["position"].GetProperty("required").GetBoolean().Should().BeTrue();
        form.GetProperty("requiredMaterials").EnumerateArray().Select(m => m.GetProperty("code").GetString()).Should().Contain(["congress-minutes", "unit-notice"]);

        using var missing = await filer.GetAsync("/api/nominations/form");
        (await missing.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString().Should().Contain("请选择评选活动");
        using var unknown = await filer.GetAsync($"/api/nominations/form?campaignId={Guid.NewGuid()}");
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_nomination_returned_to_its_filer_is_corrected_only_by_that_filer_checked_like_a_new_one_and_passed_on_again()
    {
        using var admin = host.CreateAdminClient();
        using var filer = host.CreateClientAs("filer");
        using var filer2 = host.CreateClientAs("filer2");
        using var district = host.CreateClientAs("district-reviewer");
        using var city = host.CreateClientAs("city-reviewer");
        var campaign = await CampaignAsync(filer, HonourCatalog.LabourMedal);
        var nomination = await FileAsync(filer, campaign, Person("陈志强", Gender.Male, "industrialWorker", "migrantWorker"), FormFor(HonourCatalog.LabourMedal));

        // Not returned: the filer may not change what they filed by this route.
        using (var early = await filer.PutAsJsonAsync($"/api/nominations/{nomination.Id()}", new { form = Corrected("初稿") }))
        {
            (await early.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString().Should().Contain("未退回补正");
        }

        await UnitStageAsync(host, admin, filer, nomination);
        await SubmitLevelOkAsync(district, campaign, District, nomination.Id());

        // 广州 returns it to the initiator with a comment: the filer's submit task is open again.
        var cityTask = await MyTaskAsync(city, nomination.Instance(), "cityReview");
        (await city.PostAsJsonAsync($"/api/tasks/{cityTask}/return", new { target = "initiator", comment = "事迹摘要过于笼统，请补充具体成果" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await ActiveAsync(admin, nomination.Instance())).Should().Equal("submitNomination");

        using (var other = await filer2.PutAsJsonAsync($"/api/nominations/{nomination.Id()}", new { form = Corrected("他人修改") }))
        {
            await other.ProblemAsync(HttpStatusCode.NotFound);
        }

        using (var reviewer = await city.PutAsJsonAsync($"/api/nominations/{nomination.Id()}", new { form = Corrected("审核人修改") }))
        {
            (await reviewer.ProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString().Should().Contain("只有填报单位的申报人");
        }

        using (var notObject = await filer.PutAsJsonAsync($"/api/nominations/{nomination.Id()}", new { form = "文字" }))
        {
            await notObject.ProblemAsync(HttpStatusCode.BadRequest);
        }

        using (var tooLong = await filer.PutAsJsonAsync($"/api/nominations/{nomination.Id()}", new { form = Corrected(Deeds(501)) }))
        {
            var problem = await tooLong.ProblemAsync(HttpStatusCode.UnprocessableEntity);
            problem.GetProperty("detail").GetString().Should().Contain("「事迹摘要」不得超过 500 字");
        }

        using (var corrected = await filer.PutAsJsonAsync($"/api/nominations/{nomination.Id()}", new { form = Corrected("补充：主持数控改造，年节约成本三百万元") }))
        {
            corrected.StatusCode.Should().Be(HttpStatusCode.OK, await corrected.Content.ReadAsStringAsync());
            var body = await corrected.JsonAsync();
            (body.GetProperty("state").GetString(), body.GetProperty("levelPath").GetString()).Should().Be(("returned", "/gd/gz/th/ent-001/union"));
            body.GetProperty("form").GetProperty("deedsSummary").GetString().Should().Be("补充：主持数控改造，年节约成本三百万元");
        }

        // Resubmitted: it is passed on to 天河区 again, and the correction is closed.
        await ApproveAsync(filer, nomination.Instance(), "submitNomination", "已按意见补正");
        var resubmitted = await NominationAsync(filer, nomination.Id());
        (resubmitted.GetProperty("state").GetString(), resubmitted.GetProperty("levelPath").GetString()).Should().Be(("submitted", District));
        (await ActiveAsync(admin, nomination.Instance())).Should().Equal("districtReview");
        using var late = await filer.PutAsJsonAsync($"/api/nominations/{nomination.Id()}", new { form = Corrected("再改") });
        await late.ProblemAsync(HttpStatusCode.Conflict);
    }

    private static Dictionary<string, object> Corrected(string summary) => new()
    {
        ["position"] = "高级技师",
        ["workStartDate"] = "2005-07-01",
        ["deedsSummary"] = summary,
        ["deeds"] = Deeds(900),
    };
}
