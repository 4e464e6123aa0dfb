using System.Net;
using System.Net.Http.Json;
using Workflows.Activities.Honours;
using Workflows.Host.Tests.Honours;
using static Workflows.Host.Tests.Honours.Journey;

namespace Workflows.Host.Tests.Hardening;

/// <summary>A nominee's name or position with control characters is refused at filing, with a Chinese reason.</summary>
public sealed class NomineeNameTests(HonoursHost host) : IClassFixture<HonoursHost>
{
    [Theory]
    [InlineData("张\u0000三", "高级技师")]
    [InlineData("张三\r\n<b>李四</b>", "高级技师")]
    [InlineData("张三", "高级\u001B[31m技师")]
    public async Task A_nominee_with_control_characters_is_refused(string name, string position)
    {
        using var filer = host.CreateClientAs("filer");
        var campaign = await CampaignAsync(filer, HonourCatalog.LabourMedal);
        var nominee = new { kind = "individual", name, identifier = IdNumber(), gender = "male", ethnicity = "汉族", position, categories = new[] { "industrialWorker" } };
        using var response = await filer.PostAsJsonAsync("/api/nominations", new { campaignId = campaign, nominee, form = FormFor(HonourCatalog.LabourMedal) });
        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("detail").GetString().Should().Contain("控制字符");
    }
}
