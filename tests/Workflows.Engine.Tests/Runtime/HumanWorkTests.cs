using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Engine.Tests.Persistence;
using static Workflows.Engine.Tests.Runtime.Bpmn;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>Return to an earlier node, reassignment, comments, urging, copies and the diagram marks.</summary>
public sealed class HumanWorkTests
{
    public static TheoryData<StoreKind> Stores => EngineHarness.AllStores;

    private static readonly string Nomination = Process("nomination", $$"""
        <startEvent id="s" /><userTask id="submit" name="企业申报" camunda:assignee="${initiator}" />
        <userTask id="cityReview" name="市总审核" camunda:candidateGroups="city-reviewer" />
        <userTask id="vote" name="评审委员会表决" wf:approvalMethod="countersign" wf:approvers="${committee}" wf:passRatio="2/3" />
        <exclusiveGateway id="g" default="no" /><endEvent id="approvedEnd" /><endEvent id="rejectedEnd" />
        {{Flow("f1", "s", "submit")}}{{Flow("f2", "submit", "cityReview")}}{{Flow("f3", "cityReview", "vote")}}{{Flow("f4", "vote", "g")}}
        {{Flow("yes", "g", "approvedEnd", "${approved}")}}{{Flow("no", "g", "rejectedEnd")}}
        """);

    [Theory, MemberData(nameof(Stores))]
    public async Task A_returned_nomination_goes_back_to_the_initiator_and_comes_round_again(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.StartAsync("nomination", new { initiator = "ent-user", committee = new[] { "a", "b", "c" } }, "N-100");
        await h.CompleteAsync(instance.Id, "submit", new { deeds = "初稿" });

        var review = await h.SingleTaskAsync(instance.Id, "cityReview");
        await h.Engine.ReturnToAsync(new ReturnTaskCommand(review.Id, "submit", "事迹材料缺少职代会决议") { Actor = "gz-reviewer" });
        var back = await h.SingleTaskAsync(instance.Id, "submit");
        back.Assignee.Should().Be("ent-user");

        var history = await h.Store.GetHistoryAsync(instance.Id);
        history.Should().ContainSingle(e => e.Type == HistoryTypes.TaskReturned).Which.Should().Match<HistoryEvent>(e =>
            e.Actor == "gz-reviewer" && e.Comment == "事迹材料缺少职代会决议" && e.ElementId == "cityReview");

        var marks = await h.Engine.GetDiagramStateAsync(instance.Id);
        marks.RejectedElementIds.Should().Contain("cityReview");
        marks.ActiveElementIds.Should().Equal("submit");

        await h.CompleteAsync(back, new { deeds = "补正后的材料" });
        await h.CompleteAsync(instance.Id, "cityReview");
        (await h.InstanceAsync(instance.Id)).ActiveElementIds.Should().Equal("vote");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task A_task_returns_only_to_a_node_already_passed(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.StartAsync("nomination", new { initiator = "u", committee = new[] { "a" } });
        var submit = await h.SingleTaskAsync(instance.Id, "submit");
        var forward = () => h.Engine.ReturnToAsync(new ReturnTaskCommand(submit.Id, "cityReview"));
        (await forward.Should().ThrowAsync<WorkflowException>()).Which.Kind.Should().Be(WorkflowErrorKind.Invalid);
        var nowhere = () => h.Engine.ReturnToAsync(new ReturnTaskCommand(submit.Id, "noSuchNode"));
        await nowhere.Should().ThrowAsync<WorkflowException>();
        (await h.SingleTaskAsync(instance.Id, "submit")).Id.Should().Be(submit.Id);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Returning_a_committee_vote_cancels_every_ballot(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.StartAsync("nomination", new { initiator = "u", committee = new[] { "a", "b", "c" } });
        await h.CompleteAsync(instance.Id, "submit");
        await h.CompleteAsync(instance.Id, "cityReview");
        var ballot = (await h.TasksAsync(instance.Id)).First(t => t.Assignee == "b");
        await h.Engine.ReturnToAsync(new ReturnTaskCommand(ballot.Id, "cityReview", "名额超出"));
        (await h.TasksAsync(instance.Id)).Select(t => t.ElementId).Should().Equal("cityReview");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Claim_release_and_transfer_change_the_assignee_and_are_recorded(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.StartAsync("nomination", new { initiator = "u", committee = new[] { "a" } });
        await h.CompleteAsync(instance.Id, "submit");
        var review = await h.SingleTaskAsync(instance.Id, "cityReview");

        (await h.Engine.AssignTaskAsync(new AssignTaskCommand(review.Id, AssignmentKind.Claim, "li") { Actor = "li" })).Assignee.Should().Be("li");
        (await h.Engine.AssignTaskAsync(new AssignTaskCommand(review.Id, AssignmentKind.Release, null) { Actor = "li" })).Assignee.Should().BeNull();
        await h.Engine.AssignTaskAsync(new AssignTaskCommand(review.Id, AssignmentKind.Transfer, "wang", "出差，转王处") { Actor = "li" });
        (await h.Store.QueryTasksAsync(new TaskQuery { Assignee = "wang" })).Should().ContainSingle(t => t.Id == review.Id);

        var history = await h.Store.GetHistoryAsync(instance.Id);
        history.Select(e => e.Type).Should().ContainInOrder(HistoryTypes.TaskClaimed, HistoryTypes.TaskReleased, HistoryTypes.TaskTransferred);
        history.Single(e => e.Type == HistoryTypes.TaskTransferred).Comment.Should().Be("出差，转王处");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Urge_reminds_the_handlers_now_and_copy_notifies_readers(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.StartAsync("nomination", new { initiator = "u", committee = new[] { "a" } });
        await h.CompleteAsync(instance.Id, "submit");
        var review = await h.SingleTaskAsync(instance.Id, "cityReview");

        await h.Engine.AnnotateTaskAsync(new AnnotateTaskCommand(review.Id, AnnotationKind.Urge, "请尽快审核") { Actor = "u" });
        await h.Engine.AnnotateTaskAsync(new AnnotateTaskCommand(review.Id, AnnotationKind.Copy, "供参阅", ["chair"]) { Actor = "u" });
        await h.Engine.AnnotateTaskAsync(new AnnotateTaskCommand(review.Id, AnnotationKind.Comment, "材料齐全") { Actor = "li" });

        var outbox = await h.Store.GetPendingOutboxAsync(10);
        outbox.Should().Contain(o => o.Kind == "task-reminder" && o.Payload.Contains("urge"));
        outbox.Should().Contain(o => o.Kind == "task-copy" && o.Payload.Contains("chair"));
        (await h.Store.GetHistoryAsync(instance.Id)).Select(e => e.Type).Should().Contain([HistoryTypes.TaskUrged, HistoryTypes.TaskCopied, HistoryTypes.Comment]);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Diagram_marks_show_the_path_taken(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.StartAsync("nomination", new { initiator = "u", committee = new[] { "a", "b", "c" } });
        await h.CompleteAsync(instance.Id, "submit");
        await h.CompleteAsync(instance.Id, "cityReview");
        foreach (var ballot in await h.TasksAsync(instance.Id))
        {
            await h.CompleteAsync(ballot, new { vote = "against" });
            if ((await h.InstanceAsync(instance.Id)).Status != InstanceStatus.Active)
            {
                break;
            }
        }

        var marks = await h.Engine.GetDiagramStateAsync(instance.Id);
        marks.Status.Should().Be(InstanceStatus.Completed);
        marks.FinishedElementIds.Should().Contain(["s", "submit", "cityReview", "vote", "g", "rejectedEnd"]).And.NotContain("approvedEnd");
        marks.TakenFlowIds.Should().Contain(["f1", "f2", "f3", "f4", "no"]).And.NotContain("yes");
        marks.RejectedElementIds.Should().Equal("vote");
        marks.ActiveElementIds.Should().BeEmpty();
    }
}
