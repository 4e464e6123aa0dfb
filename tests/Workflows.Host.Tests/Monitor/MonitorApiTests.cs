using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflows.Host.Tests.Scheduling;

namespace Workflows.Host.Tests.Monitor;

/// <summary>
/// The administrators' monitor through HTTP on a real SQLite file with Hangfire in memory: a timer whose next step
/// fails becomes an incident (counted, listed, shown with the instance), and the retry after the cause was fixed
/// (a message brings the missing variable) completes it. Others get 403.
/// </summary>
public sealed class MonitorApiTests(SchedulerFactory factory) : IClassFixture<SchedulerFactory>, IAsyncLifetime
{
    private const string Key = "monitorFlaky";
    private HttpClient _admin = null!;

    /// <summary>
    /// start → fork: a one-second timer → <c>${amount * 2}</c> (fails while <c>amount</c> is missing) → 复核 (user task);
    /// and a catch of the message <c>fix</c> (which brings <c>amount</c>) → end.
    /// </summary>
    public static string FlakyXml { get; } = Models.Document(Key, $"""
        <startEvent id="s" /><parallelGateway id="fork" />
        <intermediateCatchEvent id="wait" name="等待"><timerEventDefinition><timeDuration>PT1S</timeDuration></timerEventDefinition></intermediateCatchEvent>
        <serviceTask id="calc" name="计算" camunda:expression="${"{"}amount * 2{"}"}" camunda:resultVariable="doubled" />
        <userTask id="t" name="复核" camunda:assignee="admin" /><endEvent id="e1" />
        <intermediateCatchEvent id="fixed" name="补正"><messageEventDefinition messageRef="m" /></intermediateCatchEvent><endEvent id="e2" />
        {Models.Flow("f1", "s", "fork")}{Models.Flow("f2", "fork", "wait")}{Models.Flow("f3", "wait", "calc")}{Models.Flow("f4", "calc", "t")}{Models.Flow("f5", "t", "e1")}
        {Models.Flow("f6", "fork", "fixed")}{Models.Flow("f7", "fixed", "e2")}
        """, "监控测试").Replace("<process ", "<message id=\"m\" name=\"fix\" />\n<process ", StringComparison.Ordinal);

    public async Task InitializeAsync()
    {
        _admin = factory.CreateClient();
        await factory.WaitForStartupPassAsync();
        var definitions = await _admin.GetJsonAsync($"/api/definitions/?key={Key}");
        if (definitions.GetArrayLength() == 0)
        {
            await _admin.DeployAndPublishAsync(FlakyXml);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_failing_timer_becomes_an_incident_and_its_retry_after_the_fix_completes_the_step()
    {
        var businessKey = "MON-" + Guid.NewGuid().ToString("N")[..8];
        var id = (await _admin.StartAsync(Key, businessKey)).GetProperty("id").GetGuid();

        var incident = await WaitForAsync(async () =>
        {
            var list = await _admin.GetJsonAsync($"/api/monitor/incidents?instanceId={id}");
            return list.GetArrayLength() == 1 ? list[0] : (JsonElement?)null;
        }, "the failed firing is recorded on the job");
        incident.GetProperty("elementId").GetString().Should().Be("wait");
        incident.GetProperty("attempts").GetInt32().Should().BeGreaterThanOrEqualTo(1);
        incident.GetProperty("lastError").GetString().Should().NotBeNullOrWhiteSpace();
        var jobId = incident.GetProperty("jobId").GetGuid();

        var detail = await _admin.GetJsonAsync($"/api/monitor/instances/{id}");
        detail.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("jobId").GetGuid()).Should().Equal(jobId);
        detail.GetProperty("tokens").GetProperty("wait").GetInt32().Should().Be(1);
        detail.GetProperty("tokens").GetProperty("fixed").GetInt32().Should().Be(1);
        detail.GetProperty("instance").GetProperty("businessKey").GetString().Should().Be(businessKey);

        var summary = await _admin.GetJsonAsync("/api/monitor/summary");
        var row = summary.GetProperty("processes").EnumerateArray().Single(p => p.GetProperty("definitionKey").GetString() == Key);
        row.GetProperty("name").GetString().Should().Be("监控测试");
        row.GetProperty("active").GetInt32().Should().BeGreaterThanOrEqualTo(1);
        row.GetProperty("withIncidents").GetInt32().Should().BeGreaterThanOrEqualTo(1);
        summary.GetProperty("incidents").GetInt32().Should().BeGreaterThanOrEqualTo(1);

        var withIncidents = await _admin.GetJsonAsync($"/api/monitor/instances?definitionKey={Key}&status=incident&businessKey={businessKey}");
        withIncidents.GetProperty("total").GetInt32().Should().Be(1);
        withIncidents.GetProperty("items")[0].GetProperty("instance").GetProperty("id").GetGuid().Should().Be(id);
        withIncidents.GetProperty("items")[0].GetProperty("incidents").GetInt32().Should().Be(1);
        var active = await _admin.GetJsonAsync($"/api/monitor/instances?definitionKey={Key}&status=active&businessKey={businessKey}");
        active.GetProperty("total").GetInt32().Should().Be(1);
        (await _admin.GetJsonAsync($"/api/monitor/instances?definitionKey={Key}&status=completed&businessKey={businessKey}"))
            .GetProperty("total").GetInt32().Should().Be(0);

        // The fix: the message brings the missing variable; then the administrator retries.
        using (var fix = await _admin.PostAsJsonAsync("/api/messages", new { name = "fix", correlationKey = businessKey, variables = new { amount = 21 } }))
        {
            fix.IsSuccessStatusCode.Should().BeTrue(await fix.Content.ReadAsStringAsync());
        }

        using (var retry = await _admin.PostAsync($"/api/monitor/incidents/{jobId}/retry", null))
        {
            retry.StatusCode.Should().Be(HttpStatusCode.OK, await retry.Content.ReadAsStringAsync());
        }

        var done = await WaitForAsync(async () =>
        {
            var view = await _admin.GetJsonAsync($"/api/monitor/instances/{id}");
            return view.GetProperty("incidents").GetArrayLength() == 0 ? view : (JsonElement?)null;
        }, "the retried job fires at once");
        done.GetProperty("instance").GetProperty("activeElementIds").EnumerateArray().Select(e => e.GetString()).Should().Equal("t");
        done.GetProperty("instance").GetProperty("variables").GetProperty("doubled").GetInt64().Should().Be(42);

        using var again = await _admin.PostAsync($"/api/monitor/incidents/{jobId}/retry", null);
        await again.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_requests_get_problem_details()
    {
        using (var unknown = await _admin.PostAsync($"/api/monitor/incidents/{Guid.NewGuid()}/retry", null))
        {
            await unknown.ProblemAsync(HttpStatusCode.NotFound);
        }

        using (var missing = await _admin.GetAsync($"/api/monitor/instances/{Guid.NewGuid()}"))
        {
            await missing.ProblemAsync(HttpStatusCode.NotFound);
        }

        using (var status = await _admin.GetAsync("/api/monitor/instances?status=sleeping"))
        {
            await status.ProblemAsync(HttpStatusCode.BadRequest);
        }

        using var take = await _admin.GetAsync("/api/monitor/incidents?take=0");
        await take.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("filer")]
    [InlineData("province-reviewer")]
    public async Task Only_administrators_may_use_the_monitor(string user)
    {
        var client = factory.CreateClientAs(user);
        foreach (var url in new[] { "/api/monitor/summary", "/api/monitor/instances", $"/api/monitor/instances/{Guid.NewGuid()}", "/api/monitor/incidents" })
        {
            using var response = await client.GetAsync(url);
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, url);
        }

        using var retry = await client.PostAsync($"/api/monitor/incidents/{Guid.NewGuid()}/retry", null);
        retry.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private static async Task<JsonElement> WaitForAsync(Func<Task<JsonElement?>> probe, string because)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("Timed out: " + because);
    }
}
