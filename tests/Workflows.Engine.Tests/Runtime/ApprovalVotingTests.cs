using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Engine.Tests.Persistence;
using static Workflows.Engine.Tests.Runtime.Bpmn;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>Several approvers on one node: 会签 with a pass ratio, 或签, 依次, and the tally.</summary>
public sealed class ApprovalVotingTests
{
    public static TheoryData<StoreKind> Stores => EngineHarness.AllStores;

    private static string Committee(string method, string ratio = "") => Process("p", $$"""
        <startEvent id="s" />
        <userTask id="vote" name="评审委员会表决" wf:approvalMethod="{{method}}" wf:approvers="${committee}" {{ratio}} />
        <exclusiveGateway id="g" default="no" /><userTask id="approvedTask" /><userTask id="rejectedTask" />
        {{Flow("f1", "s", "vote")}}{{Flow("f2", "vote", "g")}}{{Flow("yes", "g", "approvedTask", "${approved}")}}{{Flow("no", "g", "rejectedTask")}}
        """);

    private static readonly string[] Members = ["chen", "li", "wang", "zhang", "zhao"];

    private static async Task<Guid> VoteAsync(EngineHarness h, string method, string ratio, params string[] votes)
    {
        await h.PublishAsync(Committee(method, ratio));
        var instance = await h.StartAsync("p", new { committee = Members });
        for (var i = 0; i < votes.Length; i++)
        {
            var open = await h.TasksAsync(instance.Id);
            var mine = open.SingleOrDefault(t => t.Assignee == Members[i]);
            if (mine is null)
            {
                break; // the node has decided already
            }

            await h.CompleteAsync(mine, new { vote = votes[i] });
        }

        return instance.Id;
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Committee_vote_of_four_to_one_under_two_thirds_approves(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        var id = await VoteAsync(h, "countersign", "wf:passRatio=\"2/3\"", "同意", "for", "反对", "for", "for");
        (await h.TasksAsync(id)).Select(t => t.ElementId).Should().Equal("approvedTask");
        var tally = (Dictionary<string, object?>)(await h.InstanceAsync(id)).Variables["voteTally"]!;
        tally["for"].Should().Be(4L);
        tally["against"].Should().Be(1L);
        tally["needed"].Should().Be(4L);
        tally["approved"].Should().Be(true);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Committee_vote_of_three_to_two_under_two_thirds_rejects_as_soon_as_it_is_certain(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        var id = await VoteAsync(h, "countersign", "wf:passRatio=\"2/3\"", "for", "against", "for", "against", "for");
        (await h.TasksAsync(id)).Select(t => t.ElementId).Should().Equal("rejectedTask");
        var view = await h.InstanceAsync(id);
        view.Variables["approved"].Should().Be(false);
        var tally = (Dictionary<string, object?>)view.Variables["voteTally"]!;
        tally["for"].Should().Be(2L, "after the second vote against, four in favour can no longer be reached");
        tally["against"].Should().Be(2L);
        (await h.HistoryAsync(id, HistoryTypes.ElementCancelled)).Count(e => e == "vote").Should().Be(1);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Tally_is_visible_while_the_vote_runs(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        var id = await VoteAsync(h, "countersign", "wf:passRatio=\"2/3\"", "for", "弃权");
        var tally = (Dictionary<string, object?>)(await h.InstanceAsync(id)).Variables["voteTally"]!;
        tally["for"].Should().Be(1L);
        tally["abstain"].Should().Be(1L);
        tally["decided"].Should().Be(false);
        (await h.TasksAsync(id)).Should().HaveCount(3);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Any_one_approver_decides_for_all(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        var id = await VoteAsync(h, "anyone", "", "for");
        (await h.TasksAsync(id)).Select(t => t.ElementId).Should().Equal("approvedTask");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Sequential_approval_stops_at_the_first_rejection(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        var id = await VoteAsync(h, "sequential", "", "for", "against", "for");
        (await h.TasksAsync(id)).Select(t => t.ElementId).Should().Equal("rejectedTask");
        (await h.HistoryAsync(id, HistoryTypes.TaskCompleted)).Should().HaveCount(2);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task A_sixth_member_added_to_the_committee_turns_three_to_two_into_an_open_vote(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Committee("countersign", "wf:passRatio=\"2/3\""));
        var instance = await h.StartAsync("p", new { committee = Members });
        var chen = (await h.TasksAsync(instance.Id)).Single(t => t.Assignee == "chen");

        await h.Engine.AddSignerAsync(new AddSignerCommand(chen.Id, "qian", SignerPosition.After, "增补委员") { Actor = "chen", ActorGroups = [] });

        var ballots = await h.TasksAsync(instance.Id);
        ballots.Select(t => t.Assignee).Should().BeEquivalentTo([.. Members, "qian"]);
        var tally = (Dictionary<string, object?>)(await h.InstanceAsync(instance.Id)).Variables["voteTally"]!;
        tally["total"].Should().Be(6L);
        tally["needed"].Should().Be(4L, "two thirds of six");
        (await h.Store.GetHistoryAsync(instance.Id)).Should().ContainSingle(e => e.Type == HistoryTypes.SignerAdded)
            .Which.Should().Match<HistoryEvent>(e => e.Actor == "chen" && e.Comment == "增补委员" && e.Data!.Contains("qian"));

        var votes = new[] { ("chen", "for"), ("li", "for"), ("wang", "for"), ("zhang", "against"), ("zhao", "against") };
        foreach (var (member, vote) in votes)
        {
            await h.CompleteAsync(ballots.Single(t => t.Assignee == member), new { vote });
        }

        (await h.TasksAsync(instance.Id)).Should().ContainSingle(t => t.ElementId == "vote").Which.Assignee.Should().Be("qian",
            "with five members three to two rejects; with six, four in favour can still be reached");
        await h.CompleteAsync(ballots.Single(t => t.Assignee == "qian"), new { vote = "同意" });

        (await h.TasksAsync(instance.Id)).Select(t => t.ElementId).Should().Equal("approvedTask");
        tally = (Dictionary<string, object?>)(await h.InstanceAsync(instance.Id)).Variables["voteTally"]!;
        tally["for"].Should().Be(4L);
        tally["against"].Should().Be(2L);
        tally["approved"].Should().Be(true);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Removing_a_member_who_has_not_voted_decides_a_vote_that_became_certain(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Committee("countersign", "wf:passRatio=\"2/3\""));
        var instance = await h.StartAsync("p", new { committee = Members });
        var ballots = await h.TasksAsync(instance.Id);
        foreach (var member in new[] { "chen", "li", "wang" })
        {
            await h.CompleteAsync(ballots.Single(t => t.Assignee == member), new { vote = "for" });
        }

        var zhang = ballots.Single(t => t.Assignee == "zhang");
        await h.RefusedAsync(instance.Id, WorkflowErrorKind.Conflict, () =>
            h.Engine.RemoveSignerAsync(new RemoveSignerCommand(zhang.Id, "chen") { Actor = "zhang", ActorGroups = [] }));
        await h.RefusedAsync(instance.Id, WorkflowErrorKind.Invalid, () =>
            h.Engine.RemoveSignerAsync(new RemoveSignerCommand(zhang.Id, "zhang") { Actor = "zhang", ActorGroups = [] }));
        await h.RefusedAsync(instance.Id, WorkflowErrorKind.Forbidden, () =>
            h.Engine.RemoveSignerAsync(new RemoveSignerCommand(zhang.Id, "zhao") { Actor = "chen", ActorGroups = [] }));

        await h.Engine.RemoveSignerAsync(new RemoveSignerCommand(zhang.Id, "zhao", "回避") { Actor = "zhang", ActorGroups = [] });

        (await h.TasksAsync(instance.Id)).Select(t => t.ElementId).Should().Equal("approvedTask");
        var tally = (Dictionary<string, object?>)(await h.InstanceAsync(instance.Id)).Variables["voteTally"]!;
        tally["total"].Should().Be(4L);
        tally["needed"].Should().Be(3L, "two thirds of four, rounded up");
        tally["for"].Should().Be(3L);
        tally["approved"].Should().Be(true);
        var history = await h.Store.GetHistoryAsync(instance.Id);
        history.Should().ContainSingle(e => e.Type == HistoryTypes.SignerRemoved).Which.Should().Match<HistoryEvent>(e => e.Actor == "zhang" && e.Comment == "回避" && e.Data!.Contains("zhao"));
        history.Count(e => e.Type == HistoryTypes.ElementCancelled && e.ElementId == "vote").Should().Be(2, "zhao's ballot was removed and zhang's closed with the decision");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Removing_a_member_only_updates_the_tally_while_the_vote_is_open(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Committee("countersign", "wf:passRatio=\"2/3\""));
        var instance = await h.StartAsync("p", new { committee = Members });
        var ballots = await h.TasksAsync(instance.Id);
        await h.CompleteAsync(ballots.Single(t => t.Assignee == "chen"), new { vote = "for" });

        await h.Engine.RemoveSignerAsync(new RemoveSignerCommand(ballots.Single(t => t.Assignee == "li").Id, "zhao") { Actor = "li", ActorGroups = [] });

        (await h.TasksAsync(instance.Id)).Select(t => t.Assignee).Should().BeEquivalentTo(["li", "wang", "zhang"]);
        var tally = (Dictionary<string, object?>)(await h.InstanceAsync(instance.Id)).Variables["voteTally"]!;
        tally["total"].Should().Be(4L);
        tally["decided"].Should().Be(false);
    }

    [Fact]
    public async Task A_vote_without_a_decision_is_refused()
    {
        await using var h = await EngineHarness.CreateAsync(StoreKind.InMemory);
        await h.PublishAsync(Committee("countersign"));
        var instance = await h.StartAsync("p", new { committee = Members });
        var task = (await h.TasksAsync(instance.Id))[0];
        var act = () => h.CompleteAsync(task, new { comment = "没有表决" });
        (await act.Should().ThrowAsync<WorkflowException>()).Which.Kind.Should().Be(WorkflowErrorKind.Invalid);
        (await h.TasksAsync(instance.Id)).Should().HaveCount(5);
    }
}
