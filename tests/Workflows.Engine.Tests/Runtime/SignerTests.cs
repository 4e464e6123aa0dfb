using System.Text.Json;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Engine.Tests.Persistence;
using static Workflows.Engine.Tests.Runtime.Bpmn;
using static Workflows.Engine.Tests.Runtime.TaskOperations;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>加签 and 减签 on a single task and on a sequential approval (the parallel vote is in <see cref="ApprovalVotingTests"/>).</summary>
public sealed class SignerTests
{
    public static TheoryData<StoreKind> Stores => EngineHarness.AllStores;

    private static async Task<(Guid Instance, TaskRecord Review)> ClaimedReviewAsync(EngineHarness h)
    {
        await h.PublishAsync(Nomination);
        var instance = await h.SubmittedNominationAsync();
        var review = await h.SingleTaskAsync(instance.Id, "cityReview");
        await h.Engine.AssignTaskAsync(new AssignTaskCommand(review.Id, AssignmentKind.Claim, null) { Actor = CityReviewer, ActorGroups = CityGroups });
        return (instance.Id, review);
    }

    private static AddSignerCommand Add(TaskRecord task, string signer, SignerPosition position, string actor = CityReviewer, string? comment = null) =>
        new(task.Id, signer, position, comment) { Actor = actor, ActorGroups = CityGroups };

    // ---------------- single task ----------------

    [Theory, MemberData(nameof(Stores))]
    public async Task A_signer_added_before_gives_an_opinion_and_the_task_comes_back(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        var (instance, review) = await ClaimedReviewAsync(h);

        await h.Engine.AddSignerAsync(Add(review, "legal-adviser", SignerPosition.Before, comment: "请法务先看"));

        var held = (await h.Store.GetTaskAsync(review.Id))!;
        held.Assignee.Should().Be("legal-adviser");
        held.Owner.Should().Be(CityReviewer);
        await h.RefusedAsync(instance, WorkflowErrorKind.Forbidden, () =>
            h.Engine.CompleteTaskAsync(new CompleteTaskCommand(review.Id) { Actor = CityReviewer, ActorGroups = CityGroups }));

        await h.Engine.CompleteTaskAsync(new CompleteTaskCommand(review.Id, EngineHarness.Vars(new { legalOk = true })) { Actor = "legal-adviser", ActorGroups = NoGroups, Comment = "无法律风险" });

        var back = await h.SingleTaskAsync(instance, "cityReview");
        back.Id.Should().Be(review.Id, "the token did not move: the same task is the owner's again");
        back.Assignee.Should().Be(CityReviewer);
        back.Owner.Should().BeNull();
        (await h.InstanceAsync(instance)).Variables.Should().NotContainKey("legalOk", "the signer's opinion is recorded, the owner decides");
        var opinion = await h.LastAsync(instance, HistoryTypes.SignerCompleted);
        opinion.Should().Match<HistoryEvent>(e => e.Actor == "legal-adviser" && e.Comment == "无法律风险" && e.ElementId == "cityReview");
        var added = await h.LastAsync(instance, HistoryTypes.SignerAdded);
        added.Should().Match<HistoryEvent>(e => e.Actor == CityReviewer && e.Comment == "请法务先看");
        using (var data = JsonDocument.Parse(added.Data!))
        {
            data.RootElement.GetProperty("signer").GetString().Should().Be("legal-adviser");
            data.RootElement.GetProperty("position").GetString().Should().Be("before");
        }

        await h.CompleteAsAsync(instance, "cityReview", CityReviewer, CityGroups);
        (await h.InstanceAsync(instance)).ActiveElementIds.Should().Equal("provinceReview");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task A_signer_added_after_is_asked_before_the_process_moves_on(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        var (instance, review) = await ClaimedReviewAsync(h);
        await h.Engine.AddSignerAsync(Add(review, "deputy-chair", SignerPosition.After, comment: "请分管领导复核"));

        await h.CompleteAsAsync(instance, "cityReview", CityReviewer, CityGroups, comment: "同意");

        var signerTask = await h.SingleTaskAsync(instance, "cityReview");
        signerTask.Id.Should().NotBe(review.Id);
        signerTask.Assignee.Should().Be("deputy-chair");
        signerTask.OrganizationPath.Should().Be(Organisation);
        (await h.InstanceAsync(instance)).ActiveElementIds.Should().Equal("cityReview");

        await h.CompleteAsAsync(instance, "cityReview", "deputy-chair", comment: "复核同意");
        (await h.InstanceAsync(instance)).ActiveElementIds.Should().Equal("provinceReview");
        (await h.Store.GetHistoryAsync(instance)).Where(e => e.Type == HistoryTypes.TaskCompleted && e.ElementId == "cityReview")
            .Select(e => (e.Actor, e.Comment)).Should().Equal((CityReviewer, "同意"), ("deputy-chair", "复核同意"));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Removing_a_signer_added_after_lets_the_process_move_on_at_once(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        var (instance, review) = await ClaimedReviewAsync(h);
        await h.Engine.AddSignerAsync(Add(review, "deputy-chair", SignerPosition.After));

        await h.RefusedAsync(instance, WorkflowErrorKind.Forbidden, () =>
            h.Engine.RemoveSignerAsync(new RemoveSignerCommand(review.Id, "deputy-chair") { Actor = "gz-reviewer-2", ActorGroups = CityGroups }));
        await h.RefusedAsync(instance, WorkflowErrorKind.Conflict, () =>
            h.Engine.RemoveSignerAsync(new RemoveSignerCommand(review.Id, "nobody") { Actor = CityReviewer, ActorGroups = CityGroups }));
        await h.Engine.RemoveSignerAsync(new RemoveSignerCommand(review.Id, "deputy-chair", "不需要复核") { Actor = CityReviewer, ActorGroups = CityGroups });

        await h.CompleteAsAsync(instance, "cityReview", CityReviewer, CityGroups);
        (await h.InstanceAsync(instance)).ActiveElementIds.Should().Equal("provinceReview");
        var removed = await h.LastAsync(instance, HistoryTypes.SignerRemoved);
        removed.Should().Match<HistoryEvent>(e => e.Actor == CityReviewer && e.Comment == "不需要复核" && e.Data!.Contains("deputy-chair") && e.Data.Contains("after"));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Removing_a_signer_added_before_gives_the_task_back_unheard(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        var (instance, review) = await ClaimedReviewAsync(h);
        await h.Engine.AddSignerAsync(Add(review, "legal-adviser", SignerPosition.Before));

        await h.Engine.RemoveSignerAsync(new RemoveSignerCommand(review.Id, "legal-adviser") { Actor = CityReviewer, ActorGroups = CityGroups });

        var back = (await h.Store.GetTaskAsync(review.Id))!;
        back.Assignee.Should().Be(CityReviewer);
        back.Owner.Should().BeNull();
        (await h.Store.GetHistoryAsync(instance)).Should().NotContain(e => e.Type == HistoryTypes.SignerCompleted);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task A_signer_cannot_be_the_actor_or_added_twice(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        var (instance, review) = await ClaimedReviewAsync(h);
        await h.RefusedAsync(instance, WorkflowErrorKind.Invalid, () => h.Engine.AddSignerAsync(Add(review, CityReviewer, SignerPosition.After)));
        await h.RefusedAsync(instance, WorkflowErrorKind.Forbidden, () => h.Engine.AddSignerAsync(Add(review, "x", SignerPosition.After, actor: "gz-reviewer-2")));
        await h.Engine.AddSignerAsync(Add(review, "deputy-chair", SignerPosition.After));
        await h.RefusedAsync(instance, WorkflowErrorKind.Conflict, () => h.Engine.AddSignerAsync(Add(review, "deputy-chair", SignerPosition.After)));
    }

    // ---------------- sequential approval ----------------

    private static readonly string Sequence = Process("p", $$"""
        <startEvent id="s" /><userTask id="sign" name="依次审批" wf:approvalMethod="sequential" wf:approvers="${chain}" />
        <exclusiveGateway id="g" default="no" /><userTask id="approvedTask" /><userTask id="rejectedTask" />
        {{Flow("f1", "s", "sign")}}{{Flow("f2", "sign", "g")}}{{Flow("yes", "g", "approvedTask", "${approved}")}}{{Flow("no", "g", "rejectedTask")}}
        """);

    private static async Task VoteAsync(EngineHarness h, Guid instance, string who)
    {
        var task = (await h.TasksAsync(instance)).Should().ContainSingle(t => t.ElementId == "sign").Subject;
        task.Assignee.Should().Be(who);
        await h.Engine.CompleteTaskAsync(new CompleteTaskCommand(task.Id, EngineHarness.Vars(new { vote = "同意" })) { Actor = who, ActorGroups = NoGroups });
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task In_a_sequence_a_signer_added_after_comes_next_and_one_added_before_comes_back_to_me(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Sequence);
        var instance = (await h.StartAsync("p", new { chain = new[] { "section", "office", "chair" } })).Id;
        await VoteAsync(h, instance, "section");

        var office = await h.SingleTaskAsync(instance, "sign");
        await h.Engine.AddSignerAsync(new AddSignerCommand(office.Id, "finance", SignerPosition.After) { Actor = "office", ActorGroups = NoGroups });
        await h.Engine.AddSignerAsync(new AddSignerCommand(office.Id, "legal", SignerPosition.Before) { Actor = "office", ActorGroups = NoGroups });

        var tally = (Dictionary<string, object?>)(await h.InstanceAsync(instance)).Variables["signTally"]!;
        tally["total"].Should().Be(5L);
        foreach (var who in new[] { "legal", "office", "finance", "chair" })
        {
            await VoteAsync(h, instance, who);
        }

        (await h.TasksAsync(instance)).Select(t => t.ElementId).Should().Equal("approvedTask");
        (await h.Store.GetHistoryAsync(instance)).Where(e => e.Type == HistoryTypes.TaskCompleted).Select(e => e.Actor)
            .Should().Equal("section", "legal", "office", "finance", "chair");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task In_a_sequence_a_signer_still_to_come_can_be_removed(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Sequence);
        var instance = (await h.StartAsync("p", new { chain = new[] { "section", "office", "chair" } })).Id;
        await VoteAsync(h, instance, "section");
        var office = await h.SingleTaskAsync(instance, "sign");

        await h.RefusedAsync(instance, WorkflowErrorKind.Conflict, () =>
            h.Engine.RemoveSignerAsync(new RemoveSignerCommand(office.Id, "section") { Actor = "office", ActorGroups = NoGroups }));
        await h.Engine.RemoveSignerAsync(new RemoveSignerCommand(office.Id, "chair", "主任出差") { Actor = "office", ActorGroups = NoGroups });
        await VoteAsync(h, instance, "office");

        (await h.TasksAsync(instance)).Select(t => t.ElementId).Should().Equal("approvedTask");
        var tally = (Dictionary<string, object?>)(await h.InstanceAsync(instance)).Variables["signTally"]!;
        tally["total"].Should().Be(2L);
        tally["for"].Should().Be(2L);
        (await h.LastAsync(instance, HistoryTypes.SignerRemoved)).Should().Match<HistoryEvent>(e => e.Actor == "office" && e.Comment == "主任出差" && e.Data!.Contains("chair"));
    }
}
