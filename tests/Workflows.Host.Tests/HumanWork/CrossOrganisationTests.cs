using System.Net;

namespace Workflows.Host.Tests.HumanWork;

/// <summary>
/// Organisation isolation through every list and read endpoint: a filer of another enterprise (<c>filer2</c>) and the
/// reviewer of another city (<c>sz-reviewer</c>) neither read nor find nor act on a nomination of 广州天河智联
/// (<c>filer</c>), while its own filer, the 广州 city reviewer and the provincial reviewer do. A refused request answers
/// 404, like a record that does not exist, and changes nothing.
/// </summary>
public sealed class CrossOrganisationTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private const string Key = "isolation";

    [Fact]
    public async Task Another_organisation_neither_reads_nor_lists_nor_acts_on_the_nomination()
    {
        using var admin = factory.CreateAdminClient();
        await admin.DeployAndPublishAsync(ApprovalProcess.Xml(Key));
        using var filer = factory.CreateClientAs("filer");
        using var city = factory.CreateClientAs("city-reviewer");
        using var province = factory.CreateClientAs("province-reviewer");
        using var otherFiler = factory.CreateClientAs("filer2");
        using var otherCity = factory.CreateClientAs("sz-reviewer");

        var id = (await filer.StartAsync(Key, "NOM-ISO-1")).GetProperty("id").GetString()!;
        var fill = await filer.MyTaskAsync(id);
        await filer.PostOkAsync($"/api/tasks/{fill}/approve", new { comment = "提交" });
        var review = await city.MyTaskAsync(id);
        await city.PostOkAsync($"/api/tasks/{review}/copy", new { readers = new[] { "committee1" }, comment = "请知悉" });
        var historyLength = (await admin.HistoryAsync(id)).Length;

        // The other enterprise's filer starts one of its own: it sees that one, not ours.
        var own = (await otherFiler.StartAsync(Key, "NOM-ISO-2")).GetProperty("id").GetString()!;

        foreach (var outsider in new[] { otherFiler, otherCity })
        {
            foreach (var url in new[]
            {
                $"/api/instances/{id}", $"/api/instances/{id}/history", $"/api/instances/{id}/diagram-state",
                $"/api/tasks/{review}", $"/api/tasks/{review}/detail",
            })
            {
                using var response = await outsider.GetAsync(url);
                await response.ProblemAsync(HttpStatusCode.NotFound);
            }

            foreach (var (url, body) in new (string, object)[]
            {
                ($"/api/tasks/{review}/approve", new { comment = "越权" }), ($"/api/tasks/{review}/reject", new { comment = "越权" }),
                ($"/api/tasks/{review}/return", new { target = "initiator", comment = "越权" }), ($"/api/tasks/{review}/claim", new { }),
                ($"/api/tasks/{review}/transfer", new { userName = "sz-reviewer" }), ($"/api/tasks/{review}/delegate", new { userName = "sz-reviewer" }),
                ($"/api/tasks/{review}/add-signer", new { userName = "sz-reviewer" }), ($"/api/tasks/{review}/copy", new { readers = new[] { "sz-reviewer" } }),
                ($"/api/tasks/{review}/urge", new { }), ($"/api/tasks/{review}/comment", new { comment = "越权" }),
                ($"/api/tasks/{review}/complete", new { comment = "越权" }),
                ($"/api/instances/{id}/withdraw", new { }), ($"/api/instances/{id}/urge", new { }),
            })
            {
                await outsider.PostProblemAsync(url, body, HttpStatusCode.NotFound);
            }

            (await outsider.GetJsonAsync("/api/instances?take=1000")).GetProperty("items").EnumerateArray().Should().NotContain(i => i.GetProperty("id").GetString() == id);
            (await outsider.GetJsonAsync("/api/tasks?take=1000")).GetProperty("items").EnumerateArray().Should().NotContain(t => t.GetProperty("instanceId").GetString() == id);
            (await outsider.TodoAsync(id)).Should().BeEmpty();
            (await outsider.GetJsonAsync("/api/me/started?take=1000")).GetProperty("items").EnumerateArray().Should().NotContain(i => i.GetProperty("id").GetString() == id);
            (await outsider.GetJsonAsync("/api/me/done?take=1000")).GetProperty("items").EnumerateArray().Should().NotContain(d => d.GetProperty("instanceId").GetString() == id);
            (await outsider.GetJsonAsync("/api/me/copies?take=1000")).GetProperty("items").EnumerateArray().Should().NotContain(c => c.GetProperty("instanceId").GetString() == id);
        }

        // Nothing changed.
        (await admin.HistoryAsync(id)).Should().HaveCount(historyLength);
        (await city.MyTaskAsync(id)).Should().Be(review);

        // The other filer sees its own; ours does not see that one.
        (await otherFiler.GetJsonAsync($"/api/instances/{own}")).GetProperty("id").GetString().Should().Be(own);
        (await otherFiler.GetJsonAsync("/api/instances?take=1000")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Contain(own).And.NotContain(id);
        using (var response = await filer.GetAsync($"/api/instances/{own}"))
        {
            await response.ProblemAsync(HttpStatusCode.NotFound);
        }

        // Inside the scope: the filer, the city reviewer of 广州 and the provincial reviewer read it and list it.
        foreach (var insider in new[] { filer, city, province })
        {
            (await insider.GetJsonAsync($"/api/instances/{id}")).GetProperty("id").GetString().Should().Be(id);
            (await insider.GetJsonAsync($"/api/instances/{id}/history")).GetArrayLength().Should().Be(historyLength);
            (await insider.GetJsonAsync($"/api/instances/{id}/diagram-state")).GetProperty("activeElementIds").EnumerateArray().Select(e => e.GetString()).Should().Contain("cityReview");
            (await insider.GetJsonAsync($"/api/tasks/{review}")).GetProperty("id").GetString().Should().Be(review);
            (await insider.GetJsonAsync("/api/instances?take=1000")).GetProperty("items").EnumerateArray().Should().Contain(i => i.GetProperty("id").GetString() == id);
            (await insider.GetJsonAsync("/api/tasks?take=1000")).GetProperty("items").EnumerateArray().Should().Contain(t => t.GetProperty("id").GetString() == review);
        }

        // A committee member, outside every organisation scope, reads what was copied to them — and only that.
        using var member = factory.CreateClientAs("committee1");
        (await member.GetJsonAsync($"/api/instances/{id}")).GetProperty("id").GetString().Should().Be(id);
        (await member.GetJsonAsync("/api/me/copies?take=1000")).GetProperty("items").EnumerateArray().Should().Contain(c => c.GetProperty("instanceId").GetString() == id);
        using (var response = await member.GetAsync($"/api/instances/{own}"))
        {
            await response.ProblemAsync(HttpStatusCode.NotFound);
        }

        // Anonymous callers get 401 on every one of these endpoints.
        using var anonymous = factory.CreateAnonymousClient();
        foreach (var url in new[] { $"/api/instances/{id}", "/api/me/todo", "/api/me/done", "/api/me/copies", "/api/me/started", $"/api/tasks/{review}/detail", $"/api/instances/{id}/diagram-state" })
        {
            using var response = await anonymous.GetAsync(url);
            await response.ProblemAsync(HttpStatusCode.Unauthorized);
        }
    }
}
