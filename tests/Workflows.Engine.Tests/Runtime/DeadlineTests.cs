using Microsoft.Extensions.Time.Testing;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Engine.Tests.Persistence;
using static Workflows.Engine.Tests.Runtime.Bpmn;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>User-task deadlines: due dates in working days, reminders, and the timeout actions.</summary>
public sealed class DeadlineTests
{
    public static TheoryData<StoreKind> Stores => EngineHarness.AllStores;

    // Monday 20 April 2026, 09:00 in Guangzhou.
    private static readonly DateTimeOffset Monday = new(2026, 4, 20, 9, 0, 0, TimeSpan.FromHours(8));

    private static string Review(string attributes) => Process("p", $$"""
        <startEvent id="s" /><userTask id="review" name="市级审核" camunda:candidateGroups="city-reviewer" {{attributes}} />
        <exclusiveGateway id="g" default="no" /><userTask id="passed" /><userTask id="failed" />
        {{Flow("f1", "s", "review")}}{{Flow("f2", "review", "g")}}{{Flow("yes", "g", "passed", "${approved}")}}{{Flow("no", "g", "failed")}}
        """);

    [Theory, MemberData(nameof(Stores))]
    public async Task Reminders_come_before_the_due_time_and_the_timeout_approves(StoreKind store)
    {
        var clock = new FakeTimeProvider(Monday);
        await using var h = await EngineHarness.CreateAsync(store, time: clock);
        await h.PublishAsync(Review("""wf:dueDate="P5WD" wf:remindBefore="P2WD" wf:remindEvery="P1D" wf:timeoutAction="approve" """));
        var instance = await h.StartAsync("p", businessKey: "N-1");
        var task = await h.SingleTaskAsync(instance.Id, "review");
        task.DueAt.Should().Be(Monday.AddDays(7));

        for (var hour = 0; hour < 8 * 24; hour += 6)
        {
            clock.Advance(TimeSpan.FromHours(6));
            await h.Engine.FireDueJobsAsync();
        }

        var history = await h.Store.GetHistoryAsync(instance.Id);
        history.Where(e => e.Type == HistoryTypes.TaskReminded).Select(e => e.At).Should().Equal(
            new[] { 23, 24, 25, 26 }.Select(d => new DateTimeOffset(2026, 4, d, 9, 0, 0, TimeSpan.FromHours(8))),
            "two working days before the due Monday is Thursday, then daily until the due time");
        history.Should().ContainSingle(e => e.Type == HistoryTypes.TaskTimedOut).Which.Comment.Should().Be("timeout");
        history.Should().ContainSingle(e => e.Type == HistoryTypes.TaskCompleted).Which.Comment.Should().Be("timeout");
        (await h.TasksAsync(instance.Id)).Select(t => t.ElementId).Should().Equal("passed");
        (await h.Store.GetPendingOutboxAsync(100)).Count(o => o.Kind == "task-reminder").Should().Be(4);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Timeout_can_reject(StoreKind store)
    {
        var clock = new FakeTimeProvider(Monday);
        await using var h = await EngineHarness.CreateAsync(store, time: clock);
        await h.PublishAsync(Review("""camunda:dueDate="PT4H" wf:timeoutAction="reject" """));
        var instance = await h.StartAsync("p");
        clock.Advance(TimeSpan.FromHours(4));
        await h.Engine.FireDueJobsAsync();
        (await h.TasksAsync(instance.Id)).Select(t => t.ElementId).Should().Equal("failed");
        (await h.InstanceAsync(instance.Id)).Variables["approved"].Should().Be(false);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Timeout_escalates_to_a_role_and_reminds_it(StoreKind store)
    {
        var clock = new FakeTimeProvider(Monday);
        await using var h = await EngineHarness.CreateAsync(store, time: clock);
        await h.PublishAsync(Review("""camunda:assignee="li" wf:dueDate="P1WD" wf:timeoutAction="escalate" wf:escalateTo="province-reviewer" """));
        var instance = await h.StartAsync("p");
        clock.Advance(TimeSpan.FromDays(1));
        await h.Engine.FireDueJobsAsync();

        var task = await h.SingleTaskAsync(instance.Id, "review");
        task.Assignee.Should().BeNull();
        task.CandidateGroups.Should().Equal("province-reviewer");
        (await h.Store.QueryTasksAsync(new TaskQuery { CandidateGroups = ["province-reviewer"] })).Should().ContainSingle(t => t.Id == task.Id);
        (await h.Store.QueryTasksAsync(new TaskQuery { Assignee = "li" })).Should().BeEmpty();
        (await h.HistoryAsync(instance.Id, HistoryTypes.TaskEscalated)).Should().Equal("review");
        (await h.Store.GetPendingOutboxAsync(10)).Should().ContainSingle(o => o.Kind == "task-reminder" && o.Payload.Contains("province-reviewer"));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Completing_the_task_in_time_cancels_its_reminders_and_timeout(StoreKind store)
    {
        var clock = new FakeTimeProvider(Monday);
        await using var h = await EngineHarness.CreateAsync(store, time: clock);
        await h.PublishAsync(Review("""wf:dueDate="P3WD" wf:remindEvery="P1D" wf:timeoutAction="reject" """));
        var instance = await h.StartAsync("p");
        (await h.Store.GetJobsOfInstanceAsync(instance.Id)).Should().HaveCount(2);
        await h.CompleteAsync(instance.Id, "review", new { approved = true });
        (await h.Store.GetJobsOfInstanceAsync(instance.Id)).Should().BeEmpty();
        clock.Advance(TimeSpan.FromDays(10));
        (await h.Engine.FireDueJobsAsync()).Should().Be(0);
        (await h.TasksAsync(instance.Id)).Select(t => t.ElementId).Should().Equal("passed");
    }

    [Fact]
    public void A_timeout_action_without_a_due_date_is_refused_at_deploy()
    {
        var engine = new WorkflowEngine(new InMemoryWorkflowStore());
        var result = engine.Validate(Review("""wf:timeoutAction="approve" """));
        result.Problems.Should().ContainSingle(p => p.ElementId == "review").Which.Message.Should().Contain("due date");
    }
}
