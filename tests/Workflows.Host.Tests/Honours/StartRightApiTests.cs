using System.Net;
using System.Net.Http.Json;
using Workflows.Activities.Honours;
using Workflows.Designs;
using static Workflows.Host.Tests.Honours.Journey;

namespace Workflows.Host.Tests.Honours;

/// <summary>
/// Issue 11, findings 3 and 4 over HTTP: a filer cannot name who votes on their nomination; POST /api/instances needs
/// the definition's start right, refuses the honours processes (they start by filing a nomination) and every variable
/// the engine owns (initiator, initiatorOrg …), and the engine records the starter itself.
/// </summary>
public sealed class StartRightApiTests(HonoursHost host) : IClassFixture<HonoursHost>
{
    private static readonly SemaphoreSlim Deploying = new(1, 1);

    /// <summary>The demo design src/Designs/Processes/sample-approval.bpmn: enterprise filers of the province start it.</summary>
    private async Task DeploySampleAsync()
    {
        await Deploying.WaitAsync();
        try
        {
            using var admin = host.CreateAdminClient();
            if ((await admin.GetJsonAsync("/api/definitions?key=sample-approval")).GetArrayLength() == 0)
            {
                await admin.DeployAndPublishAsync(await File.ReadAllTextAsync(SamplePath()));
            }
        }
        finally
        {
            Deploying.Release();
        }
    }

    private static string SamplePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workflows.sln")))
            {
                return Path.Combine(dir.FullName, "src", "Designs", "Processes", "sample-approval.bpmn");
            }
        }

        throw new InvalidOperationException("Workflows.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public async Task A_filer_who_names_a_committee_is_refused_with_a_400_that_says_who_votes()
    {
        using var filer = host.CreateClientAs("filer");
        var campaign = await CampaignAsync(filer, HonourCatalog.LabourMedal);

        using var response = await filer.PostAsJsonAsync("/api/nominations", new
        {
            campaignId = campaign,
            nominee = Person("钱自选", Gender.Male, "industrialWorker"),
            form = FormFor(HonourCatalog.LabourMedal),
            committee = new[] { "filer", "leader" },
        });

        var detail = (await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString();
        detail.Should().Contain("'committee'").And.Contain("评审委员会");
        (await filer.GetJsonAsync($"/api/nominations?campaignId={campaign}")).GetProperty("items").EnumerateArray()
            .Should().NotContain(n => n.GetProperty("nomineeName").GetString() == "钱自选", "nothing is filed");
    }

    [Fact]
    public async Task Nobody_starts_with_another_organisation_as_the_initiators()
    {
        await DeploySampleAsync();
        using var reviewer = host.CreateClientAs("sz-reviewer");
        using var filer = host.CreateClientAs("filer");

        foreach (var client in new[] { reviewer, filer })
        {
            using var response = await client.PostAsJsonAsync("/api/instances", new { definitionKey = "sample-approval", businessKey = "SA-ORG", variables = new { initiatorOrg = "/gd/gz" } });
            (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()
                .Should().Contain("'initiatorOrg'").And.Contain("由流程引擎设置");
        }

        using var admin = host.CreateAdminClient();
        (await admin.GetJsonAsync("/api/instances?definitionKey=sample-approval&businessKey=SA-ORG")).GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_filer_cannot_start_an_honours_process_directly_but_files_a_nomination()
    {
        using var filer = host.CreateClientAs("filer");
        using var admin = host.CreateAdminClient();

        foreach (var client in new[] { filer, admin })
        {
            using var response = await client.PostAsJsonAsync("/api/instances", new { definitionKey = DesignCatalog.LabourMedal, businessKey = "direct" });
            (await response.ProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString().Should().Contain("不能直接发起");
        }

        var listed = await admin.GetJsonAsync($"/api/instances?definitionKey={DesignCatalog.LabourMedal}&businessKey=direct");
        listed.GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_committee_member_without_the_start_right_is_forbidden_and_an_unknown_key_is_not_found()
    {
        await DeploySampleAsync();
        using var member = host.CreateClientAs("committee1");

        using var response = await member.PostAsJsonAsync("/api/instances", new { definitionKey = "sample-approval" });
        (await response.ProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString()
            .Should().Contain("committee1").And.Contain("enterprise-filer@/gd").And.Contain("无权发起");

        using var unknown = await member.PostAsJsonAsync("/api/instances", new { definitionKey = "no-such-process" });
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_starter_with_the_right_gets_201_and_the_engine_sets_the_initiator()
    {
        await DeploySampleAsync();
        using var filer = host.CreateClientAs("filer");

        using var response = await filer.PostAsJsonAsync("/api/instances", new { definitionKey = "sample-approval", businessKey = "SA-1" });

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var variables = (await response.JsonAsync()).GetProperty("variables");
        variables.GetProperty("initiator").GetString().Should().Be("filer");
        variables.GetProperty("initiatorOrg").GetString().Should().Be("/gd/gz/th/ent-001/union");
    }
}
