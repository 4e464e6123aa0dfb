using System.Net;
using System.Text.Json;

namespace Workflows.Host.Tests.HumanWork;

/// <summary>
/// Each task operation through the HTTP API with the demo accounts, and the illegal ones: a clear problem detail and
/// no change of state (same history, same task).
/// </summary>
public sealed class TaskOperationApiTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private const string Key = "ops";

    private async Task<(HttpClient Admin, HttpClient Filer, HttpClient City, string InstanceId, string ReviewTaskId)> AtCityReviewAsync()
    {
        var admin = factory.CreateAdminClient();
        var list = await admin.GetJsonAsync($"/api/definitions?key={Key}");
        if (list.EnumerateArray().All(d => d.GetProperty("state").GetString() != "published"))
        {
            await admin.DeployAndPublishAsync(ApprovalProcess.Xml(Key));
        }

        var filer = factory.CreateClientAs("filer");
        var city = factory.CreateClientAs("city-reviewer");
        var id = (await filer.StartAsync(Key, "NOM-" + Guid.NewGuid().ToString("N")[..8])).GetProperty("id").GetString()!;
        await filer.PostOkAsync($"/api/tasks/{await filer.MyTaskAsync(id)}/approve", new { comment = "提交" });
        return (admin, filer, city, id, await city.MyTaskAsync(id));
    }

    private static async Task<string> UnchangedAsync(HttpClient admin, string instanceId, Func<Task> illegal)
    {
        var before = await admin.GetJsonAsync($"/api/instances/{instanceId}");
        var historyBefore = await admin.HistoryAsync(instanceId);
        await illegal();
        var after = await admin.GetJsonAsync($"/api/instances/{instanceId}");
        after.GetProperty("tasks").ToString().Should().Be(before.GetProperty("tasks").ToString(), "a refused operation leaves the tasks as they were");
        after.GetProperty("variables").ToString().Should().Be(before.GetProperty("variables").ToString());
        (await admin.HistoryAsync(instanceId)).Should().HaveCount(historyBefore.Length, "a refused operation writes no history");
        return instanceId;
    }

    [Fact]
    public async Task Claim_and_release_move_the_task_between_the_candidates_and_the_reviewer()
    {
        var (admin, _, city, id, task) = await AtCityReviewAsync();
        var claimed = await city.PostOkAsync($"/api/tasks/{task}/claim", new { comment = "我来处理" });
        claimed.GetProperty("assignee").GetString().Should().Be("city-reviewer");
        var released = await city.PostOkAsync($"/api/tasks/{task}/release", new { });
        released.GetProperty("assignee").ValueKind.Should().Be(JsonValueKind.Null);
        var history = await admin.HistoryAsync(id);
        history.Should().Contain(h => h.GetProperty("type").GetString() == "TaskClaimed" && h.GetProperty("actor").GetString() == "city-reviewer" && h.GetProperty("comment").GetString() == "我来处理");
        history.Should().Contain(h => h.GetProperty("type").GetString() == "TaskReleased" && h.GetProperty("actor").GetString() == "city-reviewer");
    }

    [Fact]
    public async Task Transfer_hands_the_task_to_another_user_for_good()
    {
        var (admin, _, city, id, task) = await AtCityReviewAsync();
        var moved = await city.PostOkAsync($"/api/tasks/{task}/transfer", new { userName = "province-reviewer", comment = "请省总审核" });
        moved.GetProperty("assignee").GetString().Should().Be("province-reviewer");
        using var province = factory.CreateClientAs("province-reviewer");
        (await province.MyTaskAsync(id)).Should().Be(task);
        (await city.TodoAsync(id)).Should().BeEmpty();
        (await admin.HistoryAsync(id)).Should().Contain(h => h.GetProperty("type").GetString() == "TaskTransferred" && h.GetProperty("comment").GetString() == "请省总审核");

        await UnchangedAsync(admin, id, async () =>
        {
            var problem = await city.PostProblemAsync($"/api/tasks/{task}/transfer", new { userName = "nobody-such" }, HttpStatusCode.UnprocessableEntity, HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
            problem.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
        });
    }

    [Fact]
    public async Task Delegate_and_resolve_bring_the_task_back_to_its_owner()
    {
        var (admin, _, city, id, task) = await AtCityReviewAsync();
        await city.PostOkAsync($"/api/tasks/{task}/claim", new { });
        var delegated = await city.PostOkAsync($"/api/tasks/{task}/delegate", new { userName = "district-reviewer", comment = "请先核实材料" });
        delegated.GetProperty("assignee").GetString().Should().Be("district-reviewer");
        delegated.GetProperty("owner").GetString().Should().Be("city-reviewer");
        delegated.GetProperty("delegation").GetString().Should().Be("pending");

        using var district = factory.CreateClientAs("district-reviewer");
        var detail = await district.GetJsonAsync($"/api/tasks/{task}/detail");
        detail.GetProperty("operations").EnumerateArray().Select(o => o.GetString()).Should().Contain("resolve").And.NotContain("approve");
        await UnchangedAsync(admin, id, () => district.PostProblemAsync($"/api/tasks/{task}/approve", new { comment = "直接同意" }, HttpStatusCode.Conflict));

        var resolved = await district.PostOkAsync($"/api/tasks/{task}/resolve", new { comment = "材料属实" });
        resolved.GetProperty("assignee").GetString().Should().Be("city-reviewer");
        resolved.GetProperty("delegation").GetString().Should().Be("resolved");
        await city.PostOkAsync($"/api/tasks/{task}/approve", new { comment = "同意" });
        var history = await admin.HistoryAsync(id);
        history.Should().Contain(h => h.GetProperty("type").GetString() == "TaskDelegated" && h.GetProperty("actor").GetString() == "city-reviewer");
        history.Should().Contain(h => h.GetProperty("type").GetString() == "TaskResolved" && h.GetProperty("actor").GetString() == "district-reviewer" && h.GetProperty("comment").GetString() == "材料属实");
    }

    [Fact]
    public async Task Adding_and_removing_a_signer_on_the_committee_vote_changes_the_ballots()
    {
        var (admin, _, city, id, task) = await AtCityReviewAsync();
        await city.PostOkAsync($"/api/tasks/{task}/approve", new { comment = "同意" });
        using var chair = factory.CreateClientAs("committee1");
        var ballot = await chair.MyTaskAsync(id);
        var added = await chair.PostOkAsync($"/api/tasks/{ballot}/add-signer", new { userName = "province-reviewer", position = "after", comment = "请省总审核人参加表决" });
        added.GetProperty("tasks").GetArrayLength().Should().Be(6);
        using var province = factory.CreateClientAs("province-reviewer");
        var extra = await province.MyTaskAsync(id);
        var tally = (await admin.GetJsonAsync($"/api/instances/{id}")).GetProperty("variables").GetProperty("voteTally");
        tally.GetProperty("total").GetInt32().Should().Be(6);

        var removed = await chair.PostOkAsync($"/api/tasks/{ballot}/remove-signer", new { userName = "province-reviewer", comment = "无需参加" });
        removed.GetProperty("tasks").GetArrayLength().Should().Be(5);
        (await province.TodoAsync(id)).Should().BeEmpty();
        var history = await admin.HistoryAsync(id);
        history.Should().Contain(h => h.GetProperty("type").GetString() == "SignerAdded" && h.GetProperty("actor").GetString() == "committee1");
        history.Should().Contain(h => h.GetProperty("type").GetString() == "SignerRemoved" && h.GetProperty("comment").GetString() == "无需参加");
        extra.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_copy_reaches_the_readers_list_and_is_marked_read()
    {
        var (admin, _, city, id, task) = await AtCityReviewAsync();
        await city.PostOkAsync($"/api/tasks/{task}/copy", new { readers = new[] { "province-reviewer" }, comment = "请知悉" });
        using var province = factory.CreateClientAs("province-reviewer");
        var copies = await province.GetJsonAsync($"/api/me/copies?definitionKey={Key}&unread=true");
        var copy = copies.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("instanceId").GetString() == id);
        copy.GetProperty("copiedBy").GetString().Should().Be("city-reviewer");
        copy.GetProperty("comment").GetString().Should().Be("请知悉");
        var read = await province.PostOkAsync($"/api/me/copies/{copy.GetProperty("id").GetString()}/read");
        read.GetProperty("readAt").ValueKind.Should().NotBe(JsonValueKind.Null);
        (await province.GetJsonAsync($"/api/me/copies?definitionKey={Key}&unread=true")).GetProperty("items").EnumerateArray()
            .Should().NotContain(c => c.GetProperty("instanceId").GetString() == id);

        // Someone else cannot mark it read.
        await city.PostProblemAsync($"/api/me/copies/{copy.GetProperty("id").GetString()}/read", null, HttpStatusCode.NotFound);
        (await admin.HistoryAsync(id)).Should().Contain(h => h.GetProperty("type").GetString() == "TaskCopied");
    }

    [Fact]
    public async Task Urge_and_comment_are_recorded_and_the_initiator_may_urge_the_instance()
    {
        var (admin, filer, city, id, task) = await AtCityReviewAsync();
        await city.PostOkAsync($"/api/tasks/{task}/comment", new { comment = "材料收到，审核中" });
        var notes = await filer.PostOkAsync($"/api/instances/{id}/urge", new { comment = "请尽快审核" });
        notes.GetArrayLength().Should().Be(1);
        var history = await admin.HistoryAsync(id);
        history.Should().Contain(h => h.GetProperty("type").GetString() == "Comment" && h.GetProperty("actor").GetString() == "city-reviewer");
        history.Should().Contain(h => h.GetProperty("type").GetString() == "TaskUrged" && h.GetProperty("actor").GetString() == "filer" && h.GetProperty("comment").GetString() == "请尽快审核");
        await UnchangedAsync(admin, id, () => city.PostProblemAsync($"/api/tasks/{task}/comment", new { comment = "" }, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Reject_follows_the_node_rule_and_needs_a_comment()
    {
        var (admin, filer, city, id, task) = await AtCityReviewAsync();
        var problem = await city.PostProblemAsync($"/api/tasks/{task}/reject", new { }, HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().Should().Contain("意见");
        await UnchangedAsync(admin, id, () => city.PostProblemAsync($"/api/tasks/{task}/reject", new { comment = "  " }, HttpStatusCode.BadRequest));
        await city.PostOkAsync($"/api/tasks/{task}/reject", new { comment = "不符合推荐条件" });
        (await filer.StatusAsync(id)).Should().Be("completed");
        var state = await filer.GetJsonAsync($"/api/instances/{id}/diagram-state");
        state.GetProperty("finishedElementIds").EnumerateArray().Select(e => e.GetString()).Should().Contain("endCityRejected");
        (await admin.HistoryAsync(id)).Should().Contain(h => h.GetProperty("type").GetString() == "TaskRejected" && h.GetProperty("comment").GetString() == "不符合推荐条件");
    }

    [Fact]
    public async Task Withdraw_works_while_nobody_acted_and_is_refused_afterwards()
    {
        var (admin, filer, city, id, task) = await AtCityReviewAsync();
        await filer.PostOkAsync($"/api/instances/{id}/withdraw", new { comment = "材料有误，撤回修改" });
        (await city.TodoAsync(id)).Should().BeEmpty();
        var fill = await filer.MyTaskAsync(id);
        await filer.PostOkAsync($"/api/tasks/{fill}/approve", new { comment = "重新提交" });
        var review = await city.MyTaskAsync(id);
        await city.PostOkAsync($"/api/tasks/{review}/comment", new { comment = "正在审核" });
        var problem = await UnchangedAsync(admin, id, async () =>
        {
            var p = await filer.PostProblemAsync($"/api/instances/{id}/withdraw", new { comment = "再撤回" }, HttpStatusCode.Conflict);
            p.GetProperty("detail").GetString().Should().Contain("撤回");
        });
        problem.Should().Be(id);
        (await admin.HistoryAsync(id)).Should().Contain(h => h.GetProperty("type").GetString() == "InstanceWithdrawn" && h.GetProperty("actor").GetString() == "filer");
        task.Should().NotBe(review);
    }

    [Fact]
    public async Task Acting_on_a_task_without_being_a_candidate_is_forbidden_and_changes_nothing()
    {
        var (admin, _, _, id, task) = await AtCityReviewAsync();
        using var province = factory.CreateClientAs("province-reviewer"); // sees the instance (province scope) but is no candidate
        foreach (var (op, body) in new (string, object)[]
        {
            ("approve", new { comment = "越权同意" }), ("reject", new { comment = "越权驳回" }), ("return", new { target = "initiator", comment = "越权退回" }),
            ("claim", new { }), ("transfer", new { userName = "province-reviewer" }), ("delegate", new { userName = "province-reviewer" }),
        })
        {
            await UnchangedAsync(admin, id, async () =>
            {
                var problem = await province.PostProblemAsync($"/api/tasks/{task}/{op}", body, HttpStatusCode.Forbidden);
                problem.GetProperty("detail").GetString().Should().Contain("无权", "the refusal of {0} says why", op);
            });
        }
    }

    [Fact]
    public async Task Approving_twice_answers_a_problem_and_the_second_changes_nothing()
    {
        var (admin, _, city, id, task) = await AtCityReviewAsync();
        await city.PostOkAsync($"/api/tasks/{task}/approve", new { comment = "同意" });
        await UnchangedAsync(admin, id, () => city.PostProblemAsync($"/api/tasks/{task}/approve", new { comment = "再次同意" }, HttpStatusCode.NotFound, HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Returning_to_a_node_that_was_not_passed_is_refused()
    {
        var (admin, _, city, id, task) = await AtCityReviewAsync();
        await UnchangedAsync(admin, id, () => city.PostProblemAsync($"/api/tasks/{task}/return", new { target = "vote", comment = "退回" }, HttpStatusCode.BadRequest));
        await city.PostOkAsync($"/api/tasks/{task}/return", new { target = "fill", comment = "退回填写" });
        (await admin.HistoryAsync(id)).Should().Contain(h => h.GetProperty("type").GetString() == "TaskReturned" && h.GetProperty("comment").GetString() == "退回填写");
    }
}
