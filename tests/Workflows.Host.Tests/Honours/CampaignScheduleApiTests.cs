using System.Net;
using System.Net.Http.Json;
using Workflows.Activities.Honours;
using Workflows.Host.Tests.HumanWork;
using static Workflows.Host.Tests.Honours.Journey;

namespace Workflows.Host.Tests.Honours;

/// <summary>
/// <c>PUT /api/campaigns/{id}/schedule</c>: administrators move the window and the deadline of a draft or open campaign;
/// the rules of creation apply, a closed campaign keeps its dates, and only administrators may change them.
/// </summary>
public sealed class CampaignScheduleApiTests(HonoursHost host) : IClassFixture<HonoursHost>
{
    [Fact]
    public async Task An_administrator_moves_the_dates_of_an_open_campaign_and_reads_them_back()
    {
        using var admin = host.CreateAdminClient();
        var campaign = await OpenCampaignAsync(admin, HonourCatalog.PioneerTeam, "2026年工人先锋号（延期）", [new { unitPath = "/gd/gz", number = 2 }]);

        var moved = await admin.PutAsJsonAsync($"/api/campaigns/{campaign}/schedule", new
        {
            windowOpensAt = China(2026, 4, 21, 9), windowClosesAt = China(2026, 7, 15, 17), deadline = China(2026, 8, 14, 17), referenceDate = "2026-04-21",
        });
        moved.StatusCode.Should().Be(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());

        var detail = await admin.GetJsonAsync($"/api/campaigns/{campaign}");
        var summary = detail.GetProperty("campaign");
        summary.GetProperty("windowOpensAt").GetDateTimeOffset().Should().Be(China(2026, 4, 21, 9));
        summary.GetProperty("windowClosesAt").GetDateTimeOffset().Should().Be(China(2026, 7, 15, 17));
        summary.GetProperty("deadline").GetDateTimeOffset().Should().Be(China(2026, 8, 14, 17));
        detail.GetProperty("referenceDate").GetString().Should().Be("2026-04-21");

        // Without a reference date the old one stays.
        (await admin.PutAsJsonAsync($"/api/campaigns/{campaign}/schedule", new
        {
            windowOpensAt = China(2026, 4, 22, 9), windowClosesAt = China(2026, 7, 16, 17), deadline = China(2026, 8, 15, 17),
        })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.GetJsonAsync($"/api/campaigns/{campaign}")).GetProperty("referenceDate").GetString().Should().Be("2026-04-21");
    }

    [Fact]
    public async Task Bad_dates_a_closed_campaign_an_unknown_one_and_a_reviewer_are_refused_with_problems()
    {
        using var admin = host.CreateAdminClient();
        using var reviewer = host.CreateClientAs("city-reviewer");
        var campaign = await OpenCampaignAsync(admin, HonourCatalog.LabourCertificate, "2026年五一劳动奖状（时间调整）", [new { unitPath = "/gd/gz", number = 1 }]);

        using (var backwards = await admin.PutAsJsonAsync($"/api/campaigns/{campaign}/schedule", new
        {
            windowOpensAt = China(2026, 6, 1), windowClosesAt = China(2026, 5, 1), deadline = China(2026, 4, 1),
        }))
        {
            var problem = await backwards.ProblemAsync(HttpStatusCode.UnprocessableEntity);
            problem.GetProperty("problems").EnumerateArray().Select(p => p.GetString()).Should().BeEquivalentTo(
                ["申报截止时间须晚于申报开始时间。", "报送截止时间不得早于申报截止时间。"]);
        }

        using (var missing = await admin.PutAsJsonAsync($"/api/campaigns/{campaign}/schedule", new { windowOpensAt = China(2026, 5, 1), windowClosesAt = China(2026, 6, 1) }))
        {
            (await missing.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString().Should().Contain("请填写报送截止时间");
        }

        var good = new { windowOpensAt = China(2026, 5, 1), windowClosesAt = China(2026, 6, 1), deadline = China(2026, 6, 30) };
        using (var notAdmin = await reviewer.PutAsJsonAsync($"/api/campaigns/{campaign}/schedule", good))
        {
            await notAdmin.ProblemAsync(HttpStatusCode.Forbidden);
        }

        using (var unknown = await admin.PutAsJsonAsync($"/api/campaigns/{Guid.NewGuid()}/schedule", good))
        {
            (await unknown.ProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString().Should().Contain("评选活动不存在");
        }

        await admin.PostOkAsync($"/api/campaigns/{campaign}/close");
        using (var closed = await admin.PutAsJsonAsync($"/api/campaigns/{campaign}/schedule", good))
        {
            (await closed.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString().Should().Contain("时间安排不能再修改");
        }

        // The refused requests changed nothing.
        (await admin.GetJsonAsync($"/api/campaigns/{campaign}")).GetProperty("campaign").GetProperty("deadline").GetDateTimeOffset()
            .Should().Be(new DateTimeOffset(2026, 7, 31, 17, 0, 0, TimeSpan.FromHours(8)));
    }
}
