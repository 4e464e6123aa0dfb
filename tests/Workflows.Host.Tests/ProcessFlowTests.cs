using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflows.Host.Tests;

/// <summary>Deploy → publish → start → tasks → complete → history, versions, idempotency and the errors of commands.</summary>
public sealed class ProcessFlowTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Approval_flow_runs_from_deploy_to_history()
    {
        var drafts = await _client.DeployAsync(Models.Approval("approval-flow"));
        drafts.Should().ContainSingle();
        var draft = drafts[0];
        draft.GetProperty("key").GetString().Should().Be("approval-flow");
        draft.GetProperty("name").GetString().Should().Be("荣誉审批");
        draft.GetProperty("state").GetString().Should().Be("draft");
        draft.GetProperty("version").ValueKind.Should().Be(JsonValueKind.Null);
        var id = draft.GetProperty("id").GetString()!;

        var published = await _client.PublishAsync(id);
        published.GetProperty("state").GetString().Should().Be("published");
        published.GetProperty("version").GetInt32().Should().Be(1);
        published.GetProperty("publishedAt").ValueKind.Should().Be(JsonValueKind.String);

        (await _client.GetJsonAsync($"/api/definitions/{id}")).GetProperty("version").GetInt32().Should().Be(1);
        using (var xml = await _client.GetAsync($"/api/definitions/{id}/xml"))
        {
            xml.StatusCode.Should().Be(HttpStatusCode.OK);
            xml.Content.Headers.ContentType!.MediaType.Should().Be("application/xml");
            (await xml.Content.ReadAsStringAsync()).Should().Contain("<userTask id=\"review\"");
        }

        var instance = await _client.StartAsync("approval-flow", "2026-荣誉-001", new { applicant = "张三", score = 92.5 });
        var instanceId = instance.GetProperty("id").GetString()!;
        instance.GetProperty("status").GetString().Should().Be("active");
        instance.GetProperty("definitionVersion").GetInt32().Should().Be(1);
        instance.GetProperty("businessKey").GetString().Should().Be("2026-荣誉-001");
        instance.GetProperty("variables").GetProperty("applicant").GetString().Should().Be("张三");
        instance.GetProperty("variables").GetProperty("score").GetDouble().Should().Be(92.5);
        instance.GetProperty("activeElementIds").EnumerateArray().Select(e => e.GetString()).Should().Equal("review");
        instance.GetProperty("tasks").GetArrayLength().Should().Be(1);

        var tasks = await _client.GetJsonAsync($"/api/tasks?instanceId={instanceId}");
        var task = tasks.GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        task.GetProperty("elementId").GetString().Should().Be("review");
        task.GetProperty("name").GetString().Should().Be("审核");
        task.GetProperty("candidateGroups").EnumerateArray().Select(e => e.GetString()).Should().Equal("reviewers");
        var taskId = task.GetProperty("id").GetString()!;

        var byGroup = await _client.GetJsonAsync("/api/tasks?candidateGroup=clerks&candidateGroup=reviewers");
        byGroup.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()).Should().Contain(taskId);
        var otherGroup = await _client.GetJsonAsync("/api/tasks?candidateGroup=nobody");
        otherGroup.GetProperty("items").GetArrayLength().Should().Be(0);
        (await _client.GetJsonAsync($"/api/tasks/{taskId}")).GetProperty("instanceId").GetString().Should().Be(instanceId);

        using (var completed = await _client.CompleteAsync(taskId, new { approved = true }, "同意"))
        {
            completed.StatusCode.Should().Be(HttpStatusCode.OK, await completed.Content.ReadAsStringAsync());
            var after = await completed.JsonAsync();
            after.GetProperty("status").GetString().Should().Be("completed");
            after.GetProperty("tasks").GetArrayLength().Should().Be(0);
        }

        var read = await _client.GetJsonAsync($"/api/instances/{instanceId}");
        read.GetProperty("status").GetString().Should().Be("completed");
        read.GetProperty("variables").GetProperty("approved").GetBoolean().Should().BeTrue();

        var history = await _client.GetJsonAsync($"/api/instances/{instanceId}/history");
        var elements = history.EnumerateArray()
            .Select(e => e.TryGetProperty("elementId", out var el) && el.ValueKind == JsonValueKind.String ? el.GetString() : null)
            .ToList();
        elements.Should().Contain(["start", "review", "decision", "approvedEnd"]);
        elements.Should().NotContain("rejectedEnd");
        history.EnumerateArray().Should().Contain(e => e.GetProperty("comment").ValueKind == JsonValueKind.String && e.GetProperty("comment").GetString() == "同意");

        var listed = await _client.GetJsonAsync("/api/instances?definitionKey=approval-flow&status=Completed");
        listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Contain(instanceId);
        var active = await _client.GetJsonAsync("/api/instances?definitionKey=approval-flow&status=active");
        active.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().NotContain(instanceId);
    }

    [Fact]
    public async Task Publishing_a_new_version_keeps_running_instances_on_their_version()
    {
        const string key = "versioned";
        var v1 = await _client.DeployAndPublishAsync(Models.Approval(key));
        v1.GetProperty("version").GetInt32().Should().Be(1);
        var old = await _client.StartAsync(key, "old");
        var oldId = old.GetProperty("id").GetString()!;

        var v2 = await _client.DeployAndPublishAsync(Models.ApprovalWithArchive(key));
        v2.GetProperty("version").GetInt32().Should().Be(2);

        var definitions = await _client.GetJsonAsync($"/api/definitions?key={key}");
        definitions.EnumerateArray().Select(d => d.GetProperty("version").GetInt32()).Should().Equal(2, 1);

        var fresh = await _client.StartAsync(key, "new");
        fresh.GetProperty("definitionVersion").GetInt32().Should().Be(2);

        var oldNow = await _client.GetJsonAsync($"/api/instances/{oldId}");
        oldNow.GetProperty("definitionVersion").GetInt32().Should().Be(1);
        var oldTask = oldNow.GetProperty("tasks").EnumerateArray().Should().ContainSingle().Subject;

        using (var done = await _client.CompleteAsync(oldTask.GetProperty("id").GetString()!, new { approved = true }))
        {
            done.StatusCode.Should().Be(HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
            var after = await done.JsonAsync();
            after.GetProperty("status").GetString().Should().Be("completed", "version 1 ends after the approval; only version 2 has the archive task");
        }

        var history = await _client.GetJsonAsync($"/api/instances/{oldId}/history");
        history.EnumerateArray().Should().Contain(e => e.GetProperty("elementId").ValueKind == JsonValueKind.String && e.GetProperty("elementId").GetString() == "approvedEnd");

        var freshTask = (await _client.GetJsonAsync($"/api/instances/{fresh.GetProperty("id").GetString()}")).GetProperty("tasks")[0];
        using var freshDone = await _client.CompleteAsync(freshTask.GetProperty("id").GetString()!, new { approved = true });
        var freshAfter = await freshDone.JsonAsync();
        freshAfter.GetProperty("status").GetString().Should().Be("active");
        freshAfter.GetProperty("activeElementIds").EnumerateArray().Select(e => e.GetString()).Should().Equal("archive");
    }

    [Fact]
    public async Task Retired_versions_start_nothing_and_publish_twice_is_a_conflict()
    {
        var published = await _client.DeployAndPublishAsync(Models.Approval("retiring"));
        var id = published.GetProperty("id").GetString()!;

        using (var again = await _client.PostAsync($"/api/definitions/{id}/publish", null))
        {
            await again.ProblemAsync(HttpStatusCode.Conflict);
        }

        using (var retire = await _client.PostAsync($"/api/definitions/{id}/retire", null))
        {
            retire.StatusCode.Should().Be(HttpStatusCode.OK);
            (await retire.JsonAsync()).GetProperty("state").GetString().Should().Be("retired");
        }

        using var start = await _client.PostAsJsonAsync("/api/instances", new { definitionKey = "retiring" });
        await start.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_same_idempotency_key_starts_one_instance()
    {
        await _client.DeployAndPublishAsync(Models.Approval("idempotent"));
        var first = await _client.StartAsync("idempotent", "same-request", idempotencyKey: "request-42");
        var second = await _client.StartAsync("idempotent", "same-request", idempotencyKey: "request-42");
        second.GetProperty("id").GetString().Should().Be(first.GetProperty("id").GetString());

        var list = await _client.GetJsonAsync("/api/instances?definitionKey=idempotent&businessKey=same-request");
        list.GetProperty("items").GetArrayLength().Should().Be(1);

        // X-Request-Id works the same way.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances") { Content = JsonContent.Create(new { definitionKey = "idempotent", businessKey = "by-x-request-id" }) };
        request.Headers.Add("X-Request-Id", "request-43");
        using var third = await _client.SendAsync(request);
        using var request2 = new HttpRequestMessage(HttpMethod.Post, "/api/instances") { Content = JsonContent.Create(new { definitionKey = "idempotent", businessKey = "by-x-request-id" }) };
        request2.Headers.Add("X-Request-Id", "request-43");
        using var fourth = await _client.SendAsync(request2);
        (await fourth.JsonAsync()).GetProperty("id").GetString().Should().Be((await third.JsonAsync()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Unknown_task_is_a_404_problem()
    {
        using (var get = await _client.GetAsync($"/api/tasks/{Guid.NewGuid()}"))
        {
            await get.ProblemAsync(HttpStatusCode.NotFound);
        }

        using var complete = await _client.CompleteAsync(Guid.NewGuid().ToString(), new { approved = true });
        var problem = await complete.ProblemAsync(HttpStatusCode.NotFound);
        problem.GetProperty("detail").GetString().Should().Contain("does not exist");
    }

    [Fact]
    public async Task Completing_a_task_twice_is_refused_the_second_time()
    {
        await _client.DeployAndPublishAsync(Models.Approval("twice"));
        var instance = await _client.StartAsync("twice");
        var taskId = instance.GetProperty("tasks")[0].GetProperty("id").GetString()!;

        using (var first = await _client.CompleteAsync(taskId, new { approved = false }))
        {
            first.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var second = await _client.CompleteAsync(taskId, new { approved = true });
        await second.ProblemAsync(HttpStatusCode.NotFound, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_json_is_a_400_problem()
    {
        using var content = new StringContent("{\"definitionKey\": \"x\", \"variables\": {", System.Text.Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/api/instances", content);
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();

        using var wrongType = new StringContent("{\"definitionKey\": 5}", System.Text.Encoding.UTF8, "application/json");
        using var typed = await _client.PostAsync("/api/instances", wrongType);
        await typed.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Invalid_requests_are_400_problems()
    {
        using (var missingKey = await _client.PostAsJsonAsync("/api/instances", new { businessKey = "x" }))
        {
            (await missingKey.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString().Should().Contain("definitionKey");
        }

        using (var status = await _client.GetAsync("/api/instances?status=sleeping"))
        {
            await status.ProblemAsync(HttpStatusCode.BadRequest);
        }

        using (var take = await _client.GetAsync("/api/tasks?take=0"))
        {
            await take.ProblemAsync(HttpStatusCode.BadRequest);
        }

        using (var unknownKey = await _client.PostAsJsonAsync("/api/instances", new { definitionKey = "no-such-process" }))
        {
            await unknownKey.ProblemAsync(HttpStatusCode.NotFound);
        }

        using (var message = await _client.PostAsJsonAsync("/api/messages", new { name = "nobody-waits", correlationKey = "k" }))
        {
            await message.ProblemAsync(HttpStatusCode.NotFound);
        }

        using (var notJson = await _client.PostAsync("/api/instances", new StringContent("definitionKey=x", System.Text.Encoding.UTF8, "text/plain")))
        {
            await notJson.ProblemAsync(HttpStatusCode.UnsupportedMediaType, HttpStatusCode.BadRequest);
        }

        using var unknownInstance = await _client.GetAsync($"/api/instances/{Guid.NewGuid()}");
        await unknownInstance.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cancel_ends_an_instance_and_its_tasks()
    {
        await _client.DeployAndPublishAsync(Models.Approval("cancelled"));
        var instance = await _client.StartAsync("cancelled");
        var id = instance.GetProperty("id").GetString()!;

        using (var cancel = await _client.PostAsJsonAsync($"/api/instances/{id}/cancel", new { reason = "申请人撤回" }))
        {
            cancel.StatusCode.Should().Be(HttpStatusCode.OK, await cancel.Content.ReadAsStringAsync());
            var after = await cancel.JsonAsync();
            after.GetProperty("status").GetString().Should().Be("cancelled");
            after.GetProperty("tasks").GetArrayLength().Should().Be(0);
        }

        using var again = await _client.PostAsync($"/api/instances/{id}/cancel", null);
        await again.ProblemAsync(HttpStatusCode.Conflict);
    }
}
