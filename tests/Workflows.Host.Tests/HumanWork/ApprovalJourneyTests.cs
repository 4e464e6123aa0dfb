using System.Net;
using System.Text.Json;

namespace Workflows.Host.Tests.HumanWork;

/// <summary>
/// The must-show journey of issue 4 through the HTTP API with the demo accounts: an enterprise filer starts a
/// nomination; the city reviewer returns it to the initiator with the required comment; the filer corrects and
/// resubmits; the city reviewer approves; the committee of five votes 4–1 under a 2/3 rule and it is approved;
/// another nomination is voted 3–2 and rejected. The history names every step's actor and comment.
/// </summary>
public sealed class ApprovalJourneyTests(HostFactory factory) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task A_nomination_is_returned_corrected_and_approved_4_to_1_and_another_rejected_3_to_2()
    {
        using var admin = factory.CreateAdminClient();
        await admin.DeployAndPublishAsync(ApprovalProcess.Xml("journey"));
        using var filer = factory.CreateClientAs("filer");
        using var city = factory.CreateClientAs("city-reviewer");
        var committee = Enumerable.Range(1, 5).Select(i => factory.CreateClientAs($"committee{i}")).ToArray();
        try
        {
            // 1. The enterprise filer starts and fills in the nomination.
            var started = await filer.StartAsync("journey", "NOM-2026-0001", new { nominee = "张三" });
            var id = started.GetProperty("id").GetString()!;
            var fill = await filer.MyTaskAsync(id);
            await filer.PostOkAsync($"/api/tasks/{fill}/approve", new { comment = "提交推荐材料", variables = new { deeds = "初稿" } });

            // 2. The city reviewer of 广州 (the city above the filer's enterprise) has it; returning needs a comment.
            var review = await city.MyTaskAsync(id);
            var detail = await city.GetJsonAsync($"/api/tasks/{review}/detail");
            detail.GetProperty("commentRequired").GetString().Should().Be("onreject");
            detail.GetProperty("operations").EnumerateArray().Select(o => o.GetString()).Should().Contain(["approve", "reject", "return", "transfer", "delegate", "add-signer", "copy"]);
            detail.GetProperty("returnTargets").EnumerateArray().Select(t => t.GetProperty("elementId").GetString()).Should().Contain("initiator");
            var before = await admin.HistoryAsync(id);
            var refused = await city.PostProblemAsync($"/api/tasks/{review}/return", new { target = "initiator" }, HttpStatusCode.BadRequest);
            refused.GetProperty("detail").GetString().Should().Contain("意见");
            (await admin.HistoryAsync(id)).Should().HaveCount(before.Length, "a refused return changes nothing");
            await city.PostOkAsync($"/api/tasks/{review}/return", new { target = "initiator", comment = "事迹材料超过500字，请精简后重新提交" });
            (await city.TodoAsync(id)).Should().BeEmpty();

            // 3. The filer corrects and resubmits; the reviewer approves.
            var again = await filer.MyTaskAsync(id);
            again.Should().NotBe(fill);
            await filer.PostOkAsync($"/api/tasks/{again}/approve", new { comment = "已按要求精简事迹", variables = new { deeds = "精简稿" } });
            review = await city.MyTaskAsync(id);
            await city.PostOkAsync($"/api/tasks/{review}/approve", new { comment = "同意推荐" });

            // 4. The committee votes 4–1 under 2/3: approved.
            await VoteAsync(committee[4], id, "against", "事迹不够突出");
            foreach (var member in committee[..4])
            {
                await VoteAsync(member, id, "for", "同意");
            }

            (await filer.StatusAsync(id)).Should().Be("completed");
            var state = await filer.GetJsonAsync($"/api/instances/{id}/diagram-state");
            state.GetProperty("finishedElementIds").EnumerateArray().Select(e => e.GetString()).Should().Contain(["fill", "cityReview", "vote", "endApproved"]).And.NotContain("endRejected");
            state.GetProperty("rejectedElementIds").EnumerateArray().Select(e => e.GetString()).Should().Contain("cityReview", "the return is marked on the city review");
            state.GetProperty("takenFlowIds").EnumerateArray().Select(e => e.GetString()).Should().Contain(["f1", "f2", "f4", "f7"]);
            var variables = (await filer.GetJsonAsync($"/api/instances/{id}")).GetProperty("variables");
            variables.GetProperty("committeeApproved").GetBoolean().Should().BeTrue();
            var tally = variables.GetProperty("voteTally");
            tally.GetProperty("for").GetInt32().Should().Be(4);
            tally.GetProperty("against").GetInt32().Should().Be(1);

            // 5. The history shows every step with its actor and comment.
            var history = await filer.HistoryAsync(id);
            Step(history, "TaskCompleted", "fill", "filer", "提交推荐材料");
            Step(history, "TaskReturned", "cityReview", "city-reviewer", "事迹材料超过500字，请精简后重新提交");
            Step(history, "TaskCompleted", "fill", "filer", "已按要求精简事迹");
            Step(history, "TaskCompleted", "cityReview", "city-reviewer", "同意推荐");
            Step(history, "TaskCompleted", "vote", "committee5", "事迹不够突出");
            for (var i = 1; i <= 4; i++)
            {
                Step(history, "TaskCompleted", "vote", $"committee{i}", "同意");
            }

            history.Select(h => h.GetProperty("type").GetString()).Should().Contain("InstanceCompleted");

            // 6. Another nomination: 3 for, 2 against → rejected.
            var second = (await filer.StartAsync("journey", "NOM-2026-0002")).GetProperty("id").GetString()!;
            await filer.PostOkAsync($"/api/tasks/{await filer.MyTaskAsync(second)}/approve", new { comment = "提交" });
            await city.PostOkAsync($"/api/tasks/{await city.MyTaskAsync(second)}/approve", new { comment = "同意" });
            string[] votes = ["for", "for", "for", "against", "against"];
            for (var i = 0; i < 5; i++)
            {
                await VoteAsync(committee[i], second, votes[i], votes[i] == "for" ? "赞成" : "反对");
            }

            (await filer.StatusAsync(second)).Should().Be("completed");
            var secondState = await filer.GetJsonAsync($"/api/instances/{second}/diagram-state");
            secondState.GetProperty("finishedElementIds").EnumerateArray().Select(e => e.GetString()).Should().Contain("endRejected").And.NotContain("endApproved");
            secondState.GetProperty("rejectedElementIds").EnumerateArray().Select(e => e.GetString()).Should().Contain("vote");
            var secondTally = (await filer.GetJsonAsync($"/api/instances/{second}")).GetProperty("variables").GetProperty("voteTally");
            secondTally.GetProperty("for").GetInt32().Should().Be(3);
            secondTally.GetProperty("against").GetInt32().Should().Be(2);
            secondTally.GetProperty("approved").GetBoolean().Should().BeFalse();
            var secondHistory = await filer.HistoryAsync(second);
            Step(secondHistory, "TaskCompleted", "vote", "committee4", "反对");
            Step(secondHistory, "TaskCompleted", "vote", "committee5", "反对");

            // The lists: the filer started both; the city reviewer and the committee members have them as done.
            var started2 = await filer.GetJsonAsync("/api/me/started?definitionKey=journey");
            started2.GetProperty("total").GetInt32().Should().Be(2);
            var done = await city.GetJsonAsync("/api/me/done?definitionKey=journey");
            done.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("action").GetString()).Should().Contain(["TaskReturned", "TaskCompleted"]);
            var voted = await committee[4].GetJsonAsync("/api/me/done?definitionKey=journey&status=completed");
            voted.GetProperty("total").GetInt32().Should().Be(2);
        }
        finally
        {
            foreach (var member in committee)
            {
                member.Dispose();
            }
        }
    }

    private static async Task VoteAsync(HttpClient member, string instanceId, string vote, string comment)
    {
        var task = await member.MyTaskAsync(instanceId);
        var detail = await member.GetJsonAsync($"/api/tasks/{task}/detail");
        detail.GetProperty("operations").EnumerateArray().Select(o => o.GetString()).Should().Contain("vote");
        await member.PostOkAsync($"/api/tasks/{task}/vote", new { vote, comment });
    }

    private static void Step(JsonElement[] history, string type, string element, string actor, string comment) =>
        history.Should().Contain(
            h => h.GetProperty("type").GetString() == type && h.GetProperty("elementId").GetString() == element
                && h.GetProperty("actor").GetString() == actor && h.GetProperty("comment").GetString() == comment,
            "the history records {0} on {1} by {2} with the comment '{3}'", type, element, actor, comment);
}
