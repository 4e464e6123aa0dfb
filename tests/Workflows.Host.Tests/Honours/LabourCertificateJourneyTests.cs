using System.Net;
using System.Net.Http.Json;
using Workflows.Activities.Honours;
using Workflows.Host.Tests.HumanWork;
using static Workflows.Host.Tests.Honours.Journey;

namespace Workflows.Host.Tests.Honours;

/// <summary>
/// 广东省五一劳动奖状 through the HTTP API: the administrator opens the campaign; an enterprise nominates itself (a
/// unit: its credit code), the five joint-review departments give their opinions in parallel, the district returns
/// it for correction (退回补正) and passes it on after the resubmission without asking the departments again, the city
/// passes it on, the province reviews, the committee votes 4–1 before 端午, and the notice of five working days skips
/// the holiday; approved, published and registered.
/// </summary>
public sealed class LabourCertificateJourneyTests(HonoursHost host) : IClassFixture<HonoursHost>
{
    [Fact]
    public async Task An_enterprise_is_nominated_given_the_departments_opinions_returned_once_and_registered()
    {
        using var cast = new Cast(host);
        var (admin, filer2, department, district, city, province, anonymous, committee) =
            (cast.Admin, cast.Filer2, cast.Department, cast.District, cast.City, cast.Province, cast.Anonymous, cast.Committee);
        var campaign = await OpenCampaignAsync(admin, HonourCatalog.LabourCertificate, "2026年广东省五一劳动奖状评选",
            [new { unitPath = City, number = 6 }, new { unitPath = City, categories = new[] { "nonStateEnterprise" }, number = 3 }],
            [new { name = "非公有制企业不少于35%", kind = "minimumShare", categories = new[] { "nonStateEnterprise" }, percent = 35 }]);
        var detail = await filer2.GetJsonAsync($"/api/campaigns/{campaign}");
        (detail.GetProperty("design").GetString(), detail.GetProperty("quotas").GetArrayLength()).Should().Be(("labour-certificate", 2));

        // A filer nominates its own enterprise only.
        var unit = new { kind = "unit", name = "广州珠江精密电气有限公司", identifier = CreditCode(), categories = new[] { "nonStateEnterprise" } };
        using (var other = await filer2.PostAsJsonAsync("/api/nominations", new
        {
            campaignId = campaign,
            nominee = new { kind = "unit", name = "广州天河智联软件有限公司", identifier = CreditCode(), organisationPath = "/gd/gz/th/ent-001" },
            form = FormFor(HonourCatalog.LabourCertificate),
        }))
        {
            await other.ProblemAsync(HttpStatusCode.NotFound);
        }

        using (var badForm = await filer2.PostAsJsonAsync("/api/nominations", new { campaignId = campaign, nominee = unit, form = new { unitType = "企业", deedsSummary = Deeds(501) } }))
        {
            var problem = await badForm.ProblemAsync(HttpStatusCode.UnprocessableEntity);
            problem.GetProperty("problems").EnumerateArray().Select(p => p.GetString()).Should().Contain(p => p!.Contains("事迹摘要") && p.Contains("500"))
                .And.Contain(p => p!.Contains("法定代表人"));
        }

        var nomination = await FileAsync(filer2, campaign, unit, FormFor(HonourCatalog.LabourCertificate));
        nomination.GetProperty("nominee").GetProperty("organisationPath").GetString().Should().Be("/gd/gz/th/ent-002");
        await UnitStageAsync(host, admin, filer2, nomination);

        // The five departments a unit needs give their opinions in parallel: 人社厅's own reviewer, the others by an administrator.
        var opinions = await TasksAsync(admin, nomination.Id(), "departmentOpinion");
        opinions.SelectMany(t => t.GetProperty("candidateGroups").EnumerateArray().Select(g => g.GetString())).Should().BeEquivalentTo(
            ["department-reviewer@/gd/dept-scjg", "department-reviewer@/gd/dept-sw", "department-reviewer@/gd/dept-rs", "department-reviewer@/gd/dept-yjgl", "department-reviewer@/gd/dept-sthj"]);
        await ApproveAsync(department, nomination.Instance(), "departmentOpinion", "无欠缴社会保险费，同意");
        await AdminApprovesEveryAsync(admin, nomination.Id(), "departmentOpinion", "经核查无不良记录，同意");
        (await VariablesAsync(admin, nomination.Instance())).GetProperty("eligible").GetBoolean().Should().BeTrue();

        // 退回补正: the district returns it; it goes back to the enterprise, which corrects and submits again.
        var review = await MyTaskAsync(district, nomination.Instance(), "districtReview");
        using (var returned = await district.PostAsJsonAsync($"/api/tasks/{review}/complete", new { variables = new { districtDecision = "returned" }, comment = "请补充近三年纳税证明" }))
        {
            returned.StatusCode.Should().Be(HttpStatusCode.OK, await returned.Content.ReadAsStringAsync());
        }

        var back = await NominationAsync(filer2, nomination.Id());
        (back.GetProperty("state").GetString(), back.GetProperty("levelPath").GetString()).Should().Be(("returned", "/gd/gz/th/ent-002/union"));
        await UploadAsync(filer2, nomination.Id(), "approval-form", "推荐审批表（补充纳税证明）.pdf");
        await ApproveAsync(filer2, nomination.Instance(), "submitNomination", "已补充纳税证明");
        (await NominationAsync(filer2, nomination.Id())).GetProperty("levelPath").GetString().Should().Be(District);
        (await TasksAsync(admin, nomination.Id(), "departmentOpinion")).Should().BeEmpty("the departments agreed already and are not asked again");

        await SubmitLevelOkAsync(district, campaign, District, nomination.Id());
        var toProvince = await SubmitLevelOkAsync(city, campaign, City, nomination.Id());
        toProvince.GetProperty("composition").EnumerateArray().Single().GetProperty("passed").GetBoolean().Should().BeTrue();
        await ApproveAsync(province, nomination.Instance(), "provinceReview", "同意提交评审");

        // The committee votes 4–1 on Monday 15 June; the notice's five working days skip 端午 (19 June): 15–18, 22 June.
        host.SetClock(China(2026, 6, 15, 10));
        await CommitteeVotesAsync(committee, nomination.Instance(), against: 0);
        await ProvincialNoticeAsync(host, admin, anonymous, campaign, nomination, "2026-06-15", "2026-06-22", China(2026, 6, 23));

        var record = await ApprovedAndRegisteredAsync(host, admin, filer2, campaign, nomination, China(2026, 6, 23), "GDLC-2026-0001");
        record.GetProperty("honourType").GetString().Should().Be("labour-certificate");
    }
}
