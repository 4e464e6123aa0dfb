using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Workflows.Host.Tests.HumanWork;

namespace Workflows.Host.Tests.Hardening;

/// <summary>
/// Bounds on variables (<c>Workflows:Variables</c>): too many in a request answers 422, too large 413, both before
/// the engine runs; the engine refuses a command that would put an instance over its total, changing nothing.
/// </summary>
public sealed class VariableLimitTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private static async Task<HttpResponseMessage> StartAsync(HttpClient client, string key, object variables, string? businessKey = null) =>
        await client.PostAsJsonAsync("/api/instances", new { definitionKey = key, businessKey, variables });

    [Fact]
    public async Task The_default_limits_refuse_200000_variables_with_422_and_10_MB_with_413()
    {
        using var admin = factory.CreateAdminClient();
        await admin.DeployAndPublishAsync(ApprovalProcess.Xml("variables-default"));

        var many = Enumerable.Range(0, 200_000).ToDictionary(i => "v" + i, i => (object)i);
        using (var response = await StartAsync(admin, "variables-default", many))
        {
            (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()
                .Should().Contain("Workflows:Variables:MaxCount");
        }

        using (var response = await StartAsync(admin, "variables-default", new { big = new string('x', 10 * 1024 * 1024) }))
        {
            (await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge)).GetProperty("detail").GetString()
                .Should().Contain("Workflows:Variables:MaxRequestJsonBytes");
        }

        (await admin.GetJsonAsync("/api/instances?definitionKey=variables-default")).GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task The_engine_refuses_a_completion_that_puts_the_instance_over_its_total_and_changes_nothing()
    {
        using var small = factory.WithWebHostBuilder(builder => builder
            .UseSetting("Workflows:Variables:MaxCount", "40")
            .UseSetting("Workflows:Variables:MaxRequestJsonBytes", "4096")
            .UseSetting("Workflows:Variables:MaxInstanceJsonBytes", "6144"));
        using var admin = small.CreateAdminClient();
        await admin.DeployAndPublishAsync(ApprovalProcess.Xml("variables-total"));
        using var filer = small.CreateClientAs("filer");

        // Within each request, but the instance would hold more than 40 variables.
        var id = (await filer.StartAsync("variables-total", variables: Enumerable.Range(0, 30).ToDictionary(i => "a" + i, i => (object)i))).GetProperty("id").GetString()!;
        var fill = await filer.MyTaskAsync(id);
        var refused = await filer.PostProblemAsync($"/api/tasks/{fill}/approve",
            new { comment = "提交", variables = Enumerable.Range(0, 15).ToDictionary(i => "b" + i, i => (object)i) }, HttpStatusCode.UnprocessableEntity);
        refused.GetProperty("detail").GetString().Should().Contain("limit is 40").And.Contain("Workflows:Variables:MaxCount");
        (await filer.MyTaskAsync(id)).Should().Be(fill, "the refused command changed nothing");

        // Each request small, the instance's total JSON over 6 KiB.
        var second = (await filer.StartAsync("variables-total")).GetProperty("id").GetString()!;
        await filer.PostOkAsync($"/api/tasks/{await filer.MyTaskAsync(second)}/approve", new { comment = "提交", variables = new { deeds = new string('x', 3000) } });
        using var city = small.CreateClientAs("city-reviewer");
        var review = await city.MyTaskAsync(second);
        var tooLarge = await city.PostProblemAsync($"/api/tasks/{review}/approve",
            new { comment = "同意", variables = new { opinion = new string('y', 3000) } }, HttpStatusCode.UnprocessableEntity);
        tooLarge.GetProperty("detail").GetString().Should().Contain("Workflows:Variables:MaxInstanceJsonBytes");
        (await city.MyTaskAsync(second)).Should().Be(review);
    }

    [Fact]
    public async Task Control_characters_in_business_keys_and_variable_names_are_refused()
    {
        using var admin = factory.CreateAdminClient();
        await admin.DeployAndPublishAsync(ApprovalProcess.Xml("variables-control"));
        foreach (var key in new[] { "NOM\u0000-1", "NOM\r\nX-1", "NOM\u202E-1" })
        {
            using var response = await StartAsync(admin, "variables-control", new { ok = 1 }, key);
            (await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString().Should().Contain("控制字符");
        }

        using (var response = await StartAsync(admin, "variables-control", new Dictionary<string, object> { ["a\u0000b"] = 1 }))
        {
            (await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString().Should().Contain("控制字符");
        }
    }
}
