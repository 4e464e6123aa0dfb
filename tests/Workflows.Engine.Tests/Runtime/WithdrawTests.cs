using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Engine.Tests.Persistence;
using static Workflows.Engine.Tests.Runtime.Bpmn;
using static Workflows.Engine.Tests.Runtime.TaskOperations;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>撤回: the initiator or the last one who acted takes the item back while nobody has acted on it since.</summary>
public sealed class WithdrawTests
{
    public static TheoryData<StoreKind> Stores => EngineHarness.AllStores;

    [Theory, MemberData(nameof(Stores))]
    public async Task The_initiator_withdraws_a_submission_nobody_has_touched(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.SubmittedNominationAsync();
        var review = await h.SingleTaskAsync(instance.Id, "cityReview");

        var view = await h.Engine.WithdrawAsync(new WithdrawCommand(instance.Id, "材料有误，撤回修改") { Actor = Initiator });

        view.ActiveElementIds.Should().Equal("submit");
        (await h.Store.GetTaskAsync(review.Id)).Should().BeNull();
        var again = await h.SingleTaskAsync(instance.Id, "submit");
        again.Assignee.Should().Be(Initiator);
        var withdrawn = await h.LastAsync(instance.Id, HistoryTypes.InstanceWithdrawn);
        withdrawn.Should().Match<HistoryEvent>(e => e.Actor == Initiator && e.Comment == "材料有误，撤回修改" && e.ElementId == "submit" && e.Data!.Contains("cityReview"));

        await h.CompleteAsAsync(instance.Id, "submit", Initiator);
        (await h.InstanceAsync(instance.Id)).ActiveElementIds.Should().Equal("cityReview");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task The_last_approver_withdraws_their_approval(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.SubmittedNominationAsync();
        await h.CompleteAsAsync(instance.Id, "cityReview", CityReviewer, CityGroups);

        await h.Engine.WithdrawAsync(new WithdrawCommand(instance.Id, "点错了") { Actor = CityReviewer });

        var again = await h.SingleTaskAsync(instance.Id, "cityReview");
        again.Assignee.Should().Be(CityReviewer);
        again.CandidateGroups.Should().Equal("city-reviewer");
        (await h.TasksAsync(instance.Id)).Should().ContainSingle();
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Withdrawing_after_someone_acted_is_refused_and_changes_nothing(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.SubmittedNominationAsync();
        var review = await h.SingleTaskAsync(instance.Id, "cityReview");
        await h.Engine.AssignTaskAsync(new AssignTaskCommand(review.Id, AssignmentKind.Claim, null) { Actor = CityReviewer, ActorGroups = CityGroups });

        var refusal = await h.RefusedAsync(instance.Id, WorkflowErrorKind.Conflict, () =>
            h.Engine.WithdrawAsync(new WithdrawCommand(instance.Id) { Actor = Initiator }));
        refusal.Message.Should().Contain("已有人处理，无法撤回").And.Contain("gz-reviewer");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task A_comment_on_the_next_task_is_acting_on_it(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.SubmittedNominationAsync();
        var review = await h.SingleTaskAsync(instance.Id, "cityReview");
        await h.Engine.AnnotateTaskAsync(new AnnotateTaskCommand(review.Id, AnnotationKind.Comment, "正在看") { Actor = CityReviewer, ActorGroups = CityGroups });

        await h.RefusedAsync(instance.Id, WorkflowErrorKind.Conflict, () => h.Engine.WithdrawAsync(new WithdrawCommand(instance.Id) { Actor = Initiator }));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Only_the_initiator_or_the_last_approver_may_withdraw(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.SubmittedNominationAsync();
        await h.CompleteAsAsync(instance.Id, "cityReview", CityReviewer, CityGroups);

        await h.RefusedAsync(instance.Id, WorkflowErrorKind.Forbidden, () => h.Engine.WithdrawAsync(new WithdrawCommand(instance.Id) { Actor = "stranger" }));
        await h.RefusedAsync(instance.Id, WorkflowErrorKind.Conflict, () => h.Engine.WithdrawAsync(new WithdrawCommand(instance.Id) { Actor = Initiator }));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Parallel_branches_that_did_not_all_come_from_my_step_cannot_be_withdrawn(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" /><parallelGateway id="fork" />
            <userTask id="opinionA" camunda:assignee="a" /><userTask id="opinionB" camunda:assignee="b" /><userTask id="afterA" camunda:assignee="c" />
            <parallelGateway id="join" /><endEvent id="e" />
            {{Flow("f1", "s", "fork")}}{{Flow("f2", "fork", "opinionA")}}{{Flow("f3", "fork", "opinionB")}}{{Flow("f4", "opinionA", "afterA")}}
            {{Flow("f5", "afterA", "join")}}{{Flow("f6", "opinionB", "join")}}{{Flow("f7", "join", "e")}}
            """));
        var instance = await h.Engine.StartAsync(new StartInstanceCommand("p") { Actor = Initiator });
        await h.CompleteAsAsync(instance.Id, "opinionA", "a");

        var refusal = await h.RefusedAsync(instance.Id, WorkflowErrorKind.Conflict, () => h.Engine.WithdrawAsync(new WithdrawCommand(instance.Id) { Actor = "a" }));
        refusal.Message.Should().Contain("opinionB");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task A_repeated_withdrawal_request_is_answered_not_applied_again(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.SubmittedNominationAsync();
        var command = new WithdrawCommand(instance.Id) { Actor = Initiator, RequestId = "withdraw-N-1" };

        var first = await h.Engine.WithdrawAsync(command);
        var second = await h.Engine.WithdrawAsync(command);

        second.Should().BeEquivalentTo(first);
        (await h.Store.GetHistoryAsync(instance.Id)).Count(e => e.Type == HistoryTypes.InstanceWithdrawn).Should().Be(1);
    }
}
