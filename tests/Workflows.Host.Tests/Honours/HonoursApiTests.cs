using System.Net;
using System.Net.Http.Json;
using Workflows.Activities.Honours;
using Workflows.Host.Tests.HumanWork;
using static Workflows.Host.Tests.Honours.Journey;

namespace Workflows.Host.Tests.Honours;

/// <summary>
/// The campaigns and nominations API apart from the journeys: administrators manage campaigns and every bad input is
/// a problem naming what to change; only enterprise filers file, once per request; a nomination and its files stay
/// within the organisations that may see them.
/// </summary>
public sealed class HonoursApiTests(HonoursHost host) : IClassFixture<HonoursHost>
{
    [Fact]
    public async Task An_administrator_creates_a_campaign_replaces_its_quotas_and_rules_and_bad_input_is_named()
    {
        using var admin = host.CreateAdminClient();
        using var reviewer = host.CreateClientAs("city-reviewer");

        using (var bad = await admin.PostAsJsonAsync("/api/campaigns", new
        {
            honourType = "no-such-honour", year = 2026, title = "有问题的评选",
            windowOpensAt = China(2026, 6, 1), windowClosesAt = China(2026, 5, 1), deadline = China(2026, 4, 1),
            unitNoticeWorkingDays = 3,
        }))
        {
            var problem = await bad.ProblemAsync(HttpStatusCode.UnprocessableEntity);
            problem.GetProperty("problems").EnumerateArray().Select(p => p.GetString()).Should().BeEquivalentTo(
                ["表彰项目「no-such-honour」不存在。", "申报截止时间须晚于申报开始时间。", "报送截止时间不得早于申报截止时间。", "单位公示不得少于 5 个工作日。"]);
        }

        using (var unknownCategory = await admin.PostAsJsonAsync("/api/campaigns", new
        {
            honourType = "labour-medal", year = 2026, title = "类别有误", windowOpensAt = China(2026, 5, 1), windowClosesAt = China(2026, 6, 1), deadline = China(2026, 6, 30),
            quotas = new[] { new { unitPath = City, categories = new[] { "宇航员" }, number = 1 } },
        }))
        {
            (await unknownCategory.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString().Should().Contain("未知的人员类别「宇航员」");
        }

        using (var notAdmin = await reviewer.PostAsJsonAsync("/api/campaigns", new { honourType = "labour-medal" }))
        {
            await notAdmin.ProblemAsync(HttpStatusCode.Forbidden);
        }

        var campaign = await OpenCampaignAsync(admin, HonourCatalog.PioneerTeam, "2026年工人先锋号（名额调整）", [new { unitPath = City, number = 2 }]);
        var quotas = await admin.PutAsJsonAsync($"/api/campaigns/{campaign}/quotas", new object[]
        {
            new { unitPath = City, number = 4 },
            new { unitPath = City, categories = new[] { "产业工人" }, number = 2 },
            new { unitPath = "/gd/sz", number = 3 },
        });
        quotas.StatusCode.Should().Be(HttpStatusCode.OK, await quotas.Content.ReadAsStringAsync());
        var rules = await admin.PutAsJsonAsync($"/api/campaigns/{campaign}/composition-rules", new object[]
        {
            new { name = "产业工人不少于35%", kind = "minimumShare", categories = new[] { "industrialWorker" }, percent = 35 },
            new { name = "企业负责人不超过20%", kind = "maximumShare", categories = new[] { "enterpriseHead" }, percent = 20 },
        });
        rules.StatusCode.Should().Be(HttpStatusCode.OK, await rules.Content.ReadAsStringAsync());

        var detail = await reviewer.GetJsonAsync($"/api/campaigns/{campaign}");
        detail.GetProperty("quotas").EnumerateArray().Select(q => (q.GetProperty("unitPath").GetString(), q.GetProperty("name").GetString(), q.GetProperty("number").GetInt32()))
            .Should().Equal((City, "总名额", 4), (City, "「产业工人」名额", 2), ("/gd/sz", "总名额", 3));
        detail.GetProperty("compositionRules").EnumerateArray().Select(r => r.GetProperty("kind").GetString()).Should().Equal("minimumShare", "maximumShare");
        detail.GetProperty("quotaUse").EnumerateArray().Select(u => u.GetProperty("unitName").GetString()).Should().Equal("广州市总工会", "深圳市总工会");
        detail.GetProperty("decision").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);

        // Nothing approved yet: no decision can be published; a closed campaign takes no new quotas.
        (await (await admin.PostAsJsonAsync($"/api/campaigns/{campaign}/decision", new { })).ProblemAsync(HttpStatusCode.UnprocessableEntity))
            .GetProperty("detail").GetString().Should().Contain("没有已审定的推荐");
        (await admin.PostOkAsync($"/api/campaigns/{campaign}/close")).GetProperty("campaign").GetProperty("stateName").GetString().Should().Be("申报已截止");
        (await (await admin.PostAsync($"/api/campaigns/{campaign}/open", null)).ProblemAsync(HttpStatusCode.UnprocessableEntity))
            .GetProperty("detail").GetString().Should().Contain("不能改为");
        (await (await admin.GetAsync($"/api/campaigns/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString().Should().Contain("评选活动不存在");
        (await reviewer.GetJsonAsync("/api/campaigns?honourType=pioneer-team")).EnumerateArray().Select(c => c.GetProperty("id").GetString()).Should().Contain(campaign);
    }

    [Fact]
    public async Task Only_enterprise_filers_file_a_repeated_request_files_once_and_others_do_not_see_the_nomination_or_its_files()
    {
        using var filer = host.CreateClientAs("filer");
        using var filer2 = host.CreateClientAs("filer2");
        using var reviewer = host.CreateClientAs("sz-reviewer");
        using var city = host.CreateClientAs("city-reviewer");
        var campaign = await CampaignAsync(filer, HonourCatalog.LabourMedal);
        var nominee = Person("孙一次", Gender.Male, "industrialWorker");

        using (var notFiler = await city.PostAsJsonAsync("/api/nominations", new { campaignId = campaign, nominee, form = FormFor(HonourCatalog.LabourMedal) }))
        {
            (await notFiler.ProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString().Should().Contain("企业工会申报人");
        }

        using (var noCampaign = await filer.PostAsJsonAsync("/api/nominations", new { campaignId = Guid.NewGuid(), nominee, form = FormFor(HonourCatalog.LabourMedal) }))
        {
            await noCampaign.ProblemAsync(HttpStatusCode.NotFound);
        }

        // The same request sent twice (a retry): one nomination, one process.
        string? first = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/nominations")
            {
                Content = JsonContent.Create(new { campaignId = campaign, nominee, form = FormFor(HonourCatalog.LabourMedal) }),
            };
            request.Headers.Add("Idempotency-Key", "nominate-sun-2026");
            using var response = await filer.SendAsync(request);
            response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            var id = (await response.JsonAsync()).GetProperty("id").GetString();
            first ??= id;
            id.Should().Be(first);
        }

        (await filer.GetJsonAsync($"/api/nominations?campaignId={campaign}")).GetProperty("items").EnumerateArray()
            .Count(n => n.GetProperty("nomineeName").GetString() == "孙一次").Should().Be(1);

        // Filing the same person again is refused, naming the first nomination.
        using (var duplicate = await filer.PostAsJsonAsync("/api/nominations", new { campaignId = campaign, nominee, form = FormFor(HonourCatalog.LabourMedal) }))
        {
            (await duplicate.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString().Should().Contain("只能推荐一次");
        }

        await UploadAsync(filer, first!, "deeds", "事迹材料.pdf");
        (await city.GetJsonAsync($"/api/nominations/{first}/attachments")).GetArrayLength().Should().Be(1, "the city sees what is filed within it");
        foreach (var outsider in new[] { filer2, reviewer })
        {
            await (await outsider.GetAsync($"/api/nominations/{first}")).ProblemAsync(HttpStatusCode.NotFound);
            await (await outsider.GetAsync($"/api/nominations/{first}/attachments")).ProblemAsync(HttpStatusCode.NotFound);
            using var form = new MultipartFormDataContent { { new ByteArrayContent(Pdf), "file", "混入.pdf" } };
            await (await outsider.PostAsync($"/api/nominations/{first}/attachments", form)).ProblemAsync(HttpStatusCode.NotFound);
            (await outsider.GetJsonAsync($"/api/nominations?campaignId={campaign}")).GetProperty("items").EnumerateArray()
                .Should().NotContain(n => n.GetProperty("id").GetString() == first);
        }

        (await (await filer.GetAsync("/api/nominations?state=nonsense")).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString().Should().Contain("Draft");
    }
}
