using System.Text.Json;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Engine.Tests.Persistence;
using static Workflows.Engine.Tests.Runtime.Bpmn;
using static Workflows.Engine.Tests.Runtime.TaskOperations;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>
/// Who may act on a task, required comments, rejection (驳回), return to the initiator (退回发起人), delegation (委派),
/// copies (抄送) and urging (催办), and the organisation an instance starts with.
/// </summary>
public sealed class TaskOperationTests
{
    public static TheoryData<StoreKind> Stores => EngineHarness.AllStores;

    // ---------------- start with organisation ----------------

    [Theory, MemberData(nameof(Stores))]
    public async Task An_instance_keeps_its_organisation_and_campaign_and_copies_them_onto_its_tasks(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.StartNominationAsync();

        var record = (await h.Store.GetInstanceAsync(instance.Id))!;
        record.StartedBy.Should().Be(Initiator);
        record.OrganizationPath.Should().Be(Organisation);
        record.Campaign.Should().Be(Campaign);
        instance.Variables["initiator"].Should().Be(Initiator);
        instance.Variables["initiatorOrg"].Should().Be(Organisation);

        var submit = await h.SingleTaskAsync(instance.Id, "submit");
        submit.Assignee.Should().Be(Initiator, "the assignee expression reads the initiator variable set at start");
        await h.CompleteAsAsync(instance.Id, "submit", Initiator);
        var review = await h.SingleTaskAsync(instance.Id, "cityReview");
        foreach (var task in new[] { submit, review })
        {
            task.OrganizationPath.Should().Be(Organisation);
            task.Campaign.Should().Be(Campaign);
            task.StartedBy.Should().Be(Initiator);
        }
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task A_called_process_inherits_the_organisation_campaign_and_initiator(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("opinion", $$"""<startEvent id="s" /><userTask id="give" camunda:assignee="${initiator}" /><endEvent id="e" />{{Flow("f1", "s", "give")}}{{Flow("f2", "give", "e")}}"""));
        await h.PublishAsync(Process("main", $$"""
            <startEvent id="s" /><userTask id="submit" camunda:candidateGroups="unit" /><callActivity id="ask" calledElement="opinion" /><endEvent id="e" />
            {{Flow("f1", "s", "submit")}}{{Flow("f2", "submit", "ask")}}{{Flow("f3", "ask", "e")}}
            """));
        var parent = await h.Engine.StartAsync(new StartInstanceCommand("main") { Actor = Initiator, OrganizationPath = Organisation, Campaign = Campaign });
        await h.Engine.CompleteTaskAsync(new CompleteTaskCommand((await h.SingleTaskAsync(parent.Id, "submit")).Id) { Actor = "colleague" });

        var give = (await h.Store.QueryTasksAsync(new TaskQuery { ElementId = "give" })).Should().ContainSingle().Subject;
        var child = (await h.Store.GetInstanceAsync(give.InstanceId))!;
        child.ParentInstanceId.Should().Be(parent.Id);
        child.StartedBy.Should().Be(Initiator, "the called instance belongs to the same case, not to whoever completed the step before");
        child.OrganizationPath.Should().Be(Organisation);
        child.Campaign.Should().Be(Campaign);
        give.Assignee.Should().Be(Initiator);
        give.OrganizationPath.Should().Be(Organisation);
        give.Campaign.Should().Be(Campaign);
    }

    // ---------------- who may act ----------------

    [Theory, MemberData(nameof(Stores))]
    public async Task Someone_who_is_neither_assignee_nor_candidate_cannot_complete_and_nothing_changes(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.SubmittedNominationAsync();
        var review = await h.SingleTaskAsync(instance.Id, "cityReview");

        var refusal = await h.RefusedAsync(instance.Id, WorkflowErrorKind.Forbidden, () =>
            h.Engine.CompleteTaskAsync(new CompleteTaskCommand(review.Id) { Actor = "sz-reviewer", ActorGroups = ["city-reviewer@/gd/sz"] }));
        refusal.Message.Should().Contain("neither the assignee nor a candidate").And.Contain("市总审核");

        await h.RefusedAsync(instance.Id, WorkflowErrorKind.Forbidden, () =>
            h.Engine.ReturnToAsync(new ReturnTaskCommand(review.Id, "submit", "不行") { Actor = Initiator, ActorGroups = NoGroups }));
        await h.RefusedAsync(instance.Id, WorkflowErrorKind.Forbidden, () =>
            h.Engine.AnnotateTaskAsync(new AnnotateTaskCommand(review.Id, AnnotationKind.Comment, "路过") { Actor = "stranger", ActorGroups = NoGroups }));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task A_member_of_a_candidate_group_completes_an_unassigned_task_and_is_recorded(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.SubmittedNominationAsync();

        await h.CompleteAsAsync(instance.Id, "cityReview", CityReviewer, CityGroups, comment: "材料齐全");

        (await h.InstanceAsync(instance.Id)).ActiveElementIds.Should().Equal("provinceReview");
        var done = await h.LastAsync(instance.Id, HistoryTypes.TaskCompleted);
        done.Should().Match<HistoryEvent>(e => e.ElementId == "cityReview" && e.Actor == CityReviewer && e.Comment == "材料齐全");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Only_the_assignee_completes_a_claimed_task(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.SubmittedNominationAsync();
        var review = await h.SingleTaskAsync(instance.Id, "cityReview");
        await h.Engine.AssignTaskAsync(new AssignTaskCommand(review.Id, AssignmentKind.Claim, null) { Actor = CityReviewer, ActorGroups = CityGroups });

        await h.RefusedAsync(instance.Id, WorkflowErrorKind.Forbidden, () =>
            h.Engine.CompleteTaskAsync(new CompleteTaskCommand(review.Id) { Actor = "gz-reviewer-2", ActorGroups = CityGroups }));
        await h.CompleteAsAsync(instance.Id, "cityReview", CityReviewer, CityGroups);
        (await h.InstanceAsync(instance.Id)).ActiveElementIds.Should().Equal("provinceReview");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Claim_needs_a_candidate_and_an_unclaimed_task_and_release_needs_the_assignee(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.SubmittedNominationAsync();
        var review = await h.SingleTaskAsync(instance.Id, "cityReview");

        await h.RefusedAsync(instance.Id, WorkflowErrorKind.Forbidden, () =>
            h.Engine.AssignTaskAsync(new AssignTaskCommand(review.Id, AssignmentKind.Claim, null) { Actor = "stranger", ActorGroups = NoGroups }));
        var claimed = await h.Engine.AssignTaskAsync(new AssignTaskCommand(review.Id, AssignmentKind.Claim, null, "我来审") { Actor = CityReviewer, ActorGroups = CityGroups });
        claimed.Assignee.Should().Be(CityReviewer);

        var taken = await h.RefusedAsync(instance.Id, WorkflowErrorKind.Conflict, () =>
            h.Engine.AssignTaskAsync(new AssignTaskCommand(review.Id, AssignmentKind.Claim, null) { Actor = "gz-reviewer-2", ActorGroups = CityGroups }));
        taken.Message.Should().Contain("already claimed by 'gz-reviewer'");
        await h.RefusedAsync(instance.Id, WorkflowErrorKind.Forbidden, () =>
            h.Engine.AssignTaskAsync(new AssignTaskCommand(review.Id, AssignmentKind.Release, null) { Actor = "gz-reviewer-2", ActorGroups = CityGroups }));

        (await h.Engine.AssignTaskAsync(new AssignTaskCommand(review.Id, AssignmentKind.Release, null) { Actor = CityReviewer, ActorGroups = CityGroups })).Assignee.Should().BeNull();
        var history = await h.Store.GetHistoryAsync(instance.Id);
        history.Should().ContainSingle(e => e.Type == HistoryTypes.TaskClaimed).Which.Should().Match<HistoryEvent>(e => e.Actor == CityReviewer && e.Comment == "我来审");
        history.Should().ContainSingle(e => e.Type == HistoryTypes.TaskReleased).Which.Actor.Should().Be(CityReviewer);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task A_handler_transfers_a_task_for_good_and_others_may_not(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.SubmittedNominationAsync();
        var review = await h.SingleTaskAsync(instance.Id, "cityReview");

        await h.RefusedAsync(instance.Id, WorkflowErrorKind.Forbidden, () =>
            h.Engine.AssignTaskAsync(new AssignTaskCommand(review.Id, AssignmentKind.Transfer, "friend") { Actor = "stranger", ActorGroups = NoGroups }));
        await h.RefusedAsync(instance.Id, WorkflowErrorKind.Invalid, () =>
            h.Engine.AssignTaskAsync(new AssignTaskCommand(review.Id, AssignmentKind.Transfer, " ") { Actor = CityReviewer, ActorGroups = CityGroups }));

        var moved = await h.Engine.AssignTaskAsync(new AssignTaskCommand(review.Id, AssignmentKind.Transfer, "gz-reviewer-2", "休假，转交") { Actor = CityReviewer, ActorGroups = CityGroups });

        moved.Assignee.Should().Be("gz-reviewer-2");
        (await h.Store.GetTaskAsync(review.Id))!.Assignee.Should().Be("gz-reviewer-2");
        (await h.LastAsync(instance.Id, HistoryTypes.TaskTransferred)).Should().Match<HistoryEvent>(e =>
            e.Actor == CityReviewer && e.Comment == "休假，转交" && e.Data!.Contains("gz-reviewer-2"));
        await h.RefusedAsync(instance.Id, WorkflowErrorKind.Forbidden, () =>
            h.Engine.CompleteTaskAsync(new CompleteTaskCommand(review.Id) { Actor = CityReviewer, ActorGroups = CityGroups }));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task An_administrators_transfer_ends_a_delegation(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.SubmittedNominationAsync();
        var review = await h.SingleTaskAsync(instance.Id, "cityReview");
        await h.Engine.DelegateTaskAsync(new DelegateTaskCommand(review.Id, "assistant") { Actor = CityReviewer, ActorGroups = CityGroups });
        await h.RefusedAsync(instance.Id, WorkflowErrorKind.Conflict, () =>
            h.Engine.AssignTaskAsync(new AssignTaskCommand(review.Id, AssignmentKind.Transfer, "someone") { Actor = "assistant", ActorGroups = NoGroups }));

        var moved = await h.Engine.AssignTaskAsync(new AssignTaskCommand(review.Id, AssignmentKind.Transfer, "gz-reviewer-2") { Actor = "admin" });

        moved.Should().Match<TaskRecord>(t => t.Assignee == "gz-reviewer-2" && t.Owner == null && t.Delegation == DelegationState.None);
        await h.CompleteAsAsync(instance.Id, "cityReview", "gz-reviewer-2");
        (await h.InstanceAsync(instance.Id)).ActiveElementIds.Should().Equal("provinceReview");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Approving_the_same_task_twice_is_refused_the_second_time(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.SubmittedNominationAsync();
        var review = await h.SingleTaskAsync(instance.Id, "cityReview");
        await h.Engine.CompleteTaskAsync(new CompleteTaskCommand(review.Id) { Actor = CityReviewer, ActorGroups = CityGroups });

        await h.RefusedAsync(instance.Id, WorkflowErrorKind.NotFound, () =>
            h.Engine.CompleteTaskAsync(new CompleteTaskCommand(review.Id) { Actor = CityReviewer, ActorGroups = CityGroups }));
        (await h.Store.GetHistoryAsync(instance.Id)).Count(e => e.Type == HistoryTypes.TaskCompleted && e.ElementId == "cityReview").Should().Be(1);
    }

    // ---------------- required comment ----------------

    [Theory, MemberData(nameof(Stores))]
    public async Task A_node_that_requires_a_comment_refuses_a_decision_without_one(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.SubmittedNominationAsync();
        await h.CompleteAsAsync(instance.Id, "cityReview", CityReviewer, CityGroups);
        var province = await h.SingleTaskAsync(instance.Id, "provinceReview");

        var refusal = await h.RefusedAsync(instance.Id, WorkflowErrorKind.Invalid, () =>
            h.Engine.CompleteTaskAsync(new CompleteTaskCommand(province.Id, EngineHarness.Vars(new { approved = true })) { Actor = "p1", ActorGroups = NoGroups, Comment = "  " }));
        refusal.Message.Should().Contain("审批意见必填").And.Contain("requires a comment");
        await h.RefusedAsync(instance.Id, WorkflowErrorKind.Invalid, () =>
            h.Engine.RejectTaskAsync(new RejectTaskCommand(province.Id) { Actor = "p1", ActorGroups = NoGroups }));

        await h.Engine.CompleteTaskAsync(new CompleteTaskCommand(province.Id, EngineHarness.Vars(new { approved = true })) { Actor = "p1", ActorGroups = NoGroups, Comment = "同意推荐" });
        (await h.InstanceAsync(instance.Id)).Status.Should().Be(InstanceStatus.Completed);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task A_comment_required_on_rejection_is_not_required_to_approve(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var first = await h.SubmittedNominationAsync("N-1");
        var review = await h.SingleTaskAsync(first.Id, "cityReview");
        await h.RefusedAsync(first.Id, WorkflowErrorKind.Invalid, () =>
            h.Engine.RejectTaskAsync(new RejectTaskCommand(review.Id) { Actor = CityReviewer, ActorGroups = CityGroups }));
        await h.RefusedAsync(first.Id, WorkflowErrorKind.Invalid, () =>
            h.Engine.ReturnToAsync(new ReturnTaskCommand(review.Id, "submit") { Actor = CityReviewer, ActorGroups = CityGroups }));

        await h.CompleteAsAsync(first.Id, "cityReview", CityReviewer, CityGroups);
        (await h.InstanceAsync(first.Id)).ActiveElementIds.Should().Equal("provinceReview");
    }

    // ---------------- reject ----------------

    [Theory, MemberData(nameof(Stores))]
    public async Task Rejecting_by_outcome_sets_approved_to_false_and_takes_the_rejected_path(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.SubmittedNominationAsync();
        await h.CompleteAsAsync(instance.Id, "cityReview", CityReviewer, CityGroups);
        var province = await h.SingleTaskAsync(instance.Id, "provinceReview");

        var view = await h.Engine.RejectTaskAsync(new RejectTaskCommand(province.Id, "不符合评选条件") { Actor = "p2", ActorGroups = NoGroups });

        view.Status.Should().Be(InstanceStatus.Completed);
        view.Variables["approved"].Should().Be(false);
        var history = await h.Store.GetHistoryAsync(instance.Id);
        history.Should().ContainSingle(e => e.Type == HistoryTypes.TaskRejected).Which.Should().Match<HistoryEvent>(e =>
            e.ElementId == "provinceReview" && e.Actor == "p2" && e.Comment == "不符合评选条件" && e.TaskId == province.Id);
        history.Should().NotContain(e => e.Type == HistoryTypes.TaskCompleted && e.ElementId == "provinceReview");
        history.Where(e => e.Type == HistoryTypes.ElementCompleted).Select(e => e.ElementId).Should().Contain("rejectedEnd").And.NotContain("approvedEnd");
        (await h.Engine.GetDiagramStateAsync(instance.Id)).RejectedElementIds.Should().Contain("provinceReview");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Rejecting_on_a_node_that_ends_the_process_terminates_the_instance(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" /><userTask id="review" name="资格审查" camunda:candidateGroups="city-reviewer" wf:rejectAction="end" /><userTask id="next" /><endEvent id="e" />
            {{Flow("f1", "s", "review")}}{{Flow("f2", "review", "next")}}{{Flow("f3", "next", "e")}}
            """));
        var instance = await h.Engine.StartAsync(new StartInstanceCommand("p") { Actor = Initiator });
        var review = await h.SingleTaskAsync(instance.Id, "review");

        var view = await h.Engine.RejectTaskAsync(new RejectTaskCommand(review.Id, "存在一票否决情形") { Actor = CityReviewer, ActorGroups = CityGroups });

        view.Status.Should().Be(InstanceStatus.Terminated);
        (await h.TasksAsync(instance.Id)).Should().BeEmpty();
        var types = (await h.Store.GetHistoryAsync(instance.Id)).Select(e => e.Type).ToList();
        types.Should().ContainInOrder(HistoryTypes.TaskRejected, HistoryTypes.InstanceTerminated);
        (await h.LastAsync(instance.Id, HistoryTypes.TaskRejected)).Should().Match<HistoryEvent>(e => e.Actor == CityReviewer && e.Comment == "存在一票否决情形");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Rejecting_on_a_node_that_returns_goes_back_to_its_reject_target(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.SubmittedNominationAsync();
        var review = await h.SingleTaskAsync(instance.Id, "cityReview");

        await h.Engine.RejectTaskAsync(new RejectTaskCommand(review.Id, "缺少职代会决议") { Actor = CityReviewer, ActorGroups = CityGroups });

        var back = await h.SingleTaskAsync(instance.Id, "submit");
        back.Assignee.Should().Be(Initiator);
        var rejected = await h.LastAsync(instance.Id, HistoryTypes.TaskRejected);
        rejected.Should().Match<HistoryEvent>(e => e.ElementId == "cityReview" && e.Actor == CityReviewer && e.Comment == "缺少职代会决议");
        using var data = JsonDocument.Parse(rejected.Data!);
        data.RootElement.GetProperty("action").GetString().Should().Be("return");
        data.RootElement.GetProperty("to").GetString().Should().Be("submit");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Rejecting_to_the_initiator_gives_the_initiators_task_back_to_them(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" /><userTask id="fill" name="填报" camunda:candidateGroups="unit-clerk" />
            <userTask id="review" name="审核" camunda:candidateGroups="city-reviewer" wf:rejectAction="return" wf:rejectTo="initiator" />
            <endEvent id="e" />{{Flow("f1", "s", "fill")}}{{Flow("f2", "fill", "review")}}{{Flow("f3", "review", "e")}}
            """));
        var instance = await h.Engine.StartAsync(new StartInstanceCommand("p") { Actor = Initiator });
        await h.CompleteAsAsync(instance.Id, "fill", Initiator, ["unit-clerk"]);

        await h.Engine.RejectTaskAsync(new RejectTaskCommand((await h.SingleTaskAsync(instance.Id, "review")).Id, "请补正") { Actor = CityReviewer, ActorGroups = CityGroups });

        var back = await h.SingleTaskAsync(instance.Id, "fill");
        back.Assignee.Should().Be(Initiator, "the task goes back to the initiator, not to the whole group");
        back.CandidateGroups.Should().Equal("unit-clerk");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Rejecting_a_ballot_is_a_vote_against(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" /><userTask id="vote" wf:approvalMethod="countersign" wf:approvers="${committee}" wf:passRatio="2/3" /><endEvent id="e" />
            {{Flow("f1", "s", "vote")}}{{Flow("f2", "vote", "e")}}
            """));
        var instance = await h.StartAsync("p", new { committee = new[] { "a", "b", "c" } });
        var ballot = (await h.TasksAsync(instance.Id)).Single(t => t.Assignee == "b");

        await h.Engine.RejectTaskAsync(new RejectTaskCommand(ballot.Id, "业绩不突出") { Actor = "b", ActorGroups = NoGroups });

        var tally = (Dictionary<string, object?>)(await h.InstanceAsync(instance.Id)).Variables["voteTally"]!;
        tally["against"].Should().Be(1L);
        tally["for"].Should().Be(0L);
        (await h.TasksAsync(instance.Id)).Should().HaveCount(2);
        (await h.LastAsync(instance.Id, HistoryTypes.TaskCompleted)).Should().Match<HistoryEvent>(e => e.Actor == "b" && e.Comment == "业绩不突出" && e.Data!.Contains("against"));
    }

    // ---------------- return to the initiator ----------------

    [Theory, MemberData(nameof(Stores))]
    public async Task Returning_to_the_initiator_finds_the_task_they_completed_last(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.SubmittedNominationAsync();
        await h.CompleteAsAsync(instance.Id, "cityReview", CityReviewer, CityGroups);
        var province = await h.SingleTaskAsync(instance.Id, "provinceReview");

        await h.Engine.ReturnToAsync(new ReturnTaskCommand(province.Id, ReturnTaskCommand.Initiator, "请补充获奖证书") { Actor = "p1", ActorGroups = NoGroups });

        (await h.SingleTaskAsync(instance.Id, "submit")).Assignee.Should().Be(Initiator);
        (await h.LastAsync(instance.Id, HistoryTypes.TaskReturned)).Should().Match<HistoryEvent>(e =>
            e.ElementId == "provinceReview" && e.Actor == "p1" && e.Comment == "请补充获奖证书" && e.Data!.Contains("\"to\":\"submit\""));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Returning_to_an_initiator_who_completed_nothing_is_refused(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Approval());
        var instance = await h.Engine.StartAsync(new StartInstanceCommand("approval") { Actor = Initiator });
        var review = await h.SingleTaskAsync(instance.Id, "review");

        var refusal = await h.RefusedAsync(instance.Id, WorkflowErrorKind.Invalid, () =>
            h.Engine.ReturnToAsync(new ReturnTaskCommand(review.Id, ReturnTaskCommand.Initiator) { Actor = "r", ActorGroups = ["reviewers"] }));
        refusal.Message.Should().Contain("has completed no user task");
    }

    // ---------------- delegate / resolve ----------------

    [Theory, MemberData(nameof(Stores))]
    public async Task A_delegated_task_is_resolved_by_the_delegate_and_completed_by_its_owner(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.SubmittedNominationAsync();
        var review = await h.SingleTaskAsync(instance.Id, "cityReview");

        var delegated = await h.Engine.DelegateTaskAsync(new DelegateTaskCommand(review.Id, "assistant", "请核实材料") { Actor = CityReviewer, ActorGroups = CityGroups });
        delegated.Should().Match<TaskRecord>(t => t.Owner == CityReviewer && t.Assignee == "assistant" && t.Delegation == DelegationState.Pending);
        (await h.Store.GetTaskAsync(review.Id))!.Should().Match<TaskRecord>(t => t.Owner == CityReviewer && t.Assignee == "assistant" && t.Delegation == DelegationState.Pending);

        var early = await h.RefusedAsync(instance.Id, WorkflowErrorKind.Conflict, () =>
            h.Engine.CompleteTaskAsync(new CompleteTaskCommand(review.Id) { Actor = "assistant", ActorGroups = NoGroups }));
        early.Message.Should().Contain("resolve the delegated task back to its owner");
        await h.RefusedAsync(instance.Id, WorkflowErrorKind.Forbidden, () =>
            h.Engine.ResolveTaskAsync(new ResolveTaskCommand(review.Id) { Actor = CityReviewer, ActorGroups = CityGroups }));

        var resolved = await h.Engine.ResolveTaskAsync(new ResolveTaskCommand(review.Id, EngineHarness.Vars(new { checkedBy = "assistant" }), "已核实") { Actor = "assistant", ActorGroups = NoGroups });
        resolved.Should().Match<TaskRecord>(t => t.Assignee == CityReviewer && t.Delegation == DelegationState.Resolved);
        (await h.InstanceAsync(instance.Id)).Variables["checkedBy"].Should().Be("assistant");

        await h.CompleteAsAsync(instance.Id, "cityReview", CityReviewer, CityGroups);
        (await h.InstanceAsync(instance.Id)).ActiveElementIds.Should().Equal("provinceReview");
        var history = await h.Store.GetHistoryAsync(instance.Id);
        history.Should().ContainSingle(e => e.Type == HistoryTypes.TaskDelegated).Which.Should().Match<HistoryEvent>(e => e.Actor == CityReviewer && e.Comment == "请核实材料");
        history.Should().ContainSingle(e => e.Type == HistoryTypes.TaskResolved).Which.Should().Match<HistoryEvent>(e => e.Actor == "assistant" && e.Comment == "已核实");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Urging_a_delegated_task_reminds_the_delegate(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.SubmittedNominationAsync();
        var review = await h.SingleTaskAsync(instance.Id, "cityReview");
        await h.Engine.DelegateTaskAsync(new DelegateTaskCommand(review.Id, "assistant") { Actor = CityReviewer, ActorGroups = CityGroups });

        await h.Engine.AnnotateTaskAsync(new AnnotateTaskCommand(review.Id, AnnotationKind.Urge, "请尽快") { Actor = CityReviewer, ActorGroups = CityGroups });

        var reminder = (await h.Store.GetPendingOutboxAsync(20)).Should().ContainSingle(o => o.Kind == "task-reminder").Subject;
        using var payload = JsonDocument.Parse(reminder.Payload);
        payload.RootElement.GetProperty("assignee").GetString().Should().Be("assistant");
        payload.RootElement.GetProperty("owner").GetString().Should().Be(CityReviewer);
        (await h.LastAsync(instance.Id, HistoryTypes.TaskUrged)).Should().Match<HistoryEvent>(e => e.Actor == CityReviewer && e.Comment == "请尽快");
    }

    // ---------------- copy / urge ----------------

    [Theory, MemberData(nameof(Stores))]
    public async Task A_copy_writes_one_copy_row_per_reader(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.SubmittedNominationAsync();
        var review = await h.SingleTaskAsync(instance.Id, "cityReview");
        var copies = new List<CopyRecord>();
        h.Engine.BeforeCommit = changes =>
        {
            copies.AddRange(changes.InsertedCopies);
            return ValueTask.CompletedTask;
        };

        await h.Engine.AnnotateTaskAsync(new AnnotateTaskCommand(review.Id, AnnotationKind.Copy, "供参阅", ["chair", "secretary", "chair"]) { Actor = CityReviewer, ActorGroups = CityGroups });

        copies.Select(c => c.Reader).Should().Equal("chair", "secretary");
        copies.Should().OnlyContain(c => c.InstanceId == instance.Id && c.TaskId == review.Id && c.ElementId == "cityReview" && c.TaskName == "市总审核"
            && c.DefinitionKey == "nomination" && c.BusinessKey == "N-1" && c.OrganizationPath == Organisation && c.Campaign == Campaign
            && c.CopiedBy == CityReviewer && c.Comment == "供参阅" && c.ReadAt == null);
        (await h.LastAsync(instance.Id, HistoryTypes.TaskCopied)).Should().Match<HistoryEvent>(e => e.Actor == CityReviewer && e.Comment == "供参阅");

        h.Engine.BeforeCommit = null;
        await h.RefusedAsync(instance.Id, WorkflowErrorKind.Invalid, () =>
            h.Engine.AnnotateTaskAsync(new AnnotateTaskCommand(review.Id, AnnotationKind.Copy, "无人") { Actor = CityReviewer, ActorGroups = CityGroups }));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task The_initiator_urges_every_open_task_of_the_instance(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.SubmittedNominationAsync();

        await h.RefusedAsync(instance.Id, WorkflowErrorKind.Forbidden, () =>
            h.Engine.UrgeInstanceAsync(new UrgeInstanceCommand(instance.Id) { Actor = "stranger", ActorGroups = NoGroups }));
        var notes = await h.Engine.UrgeInstanceAsync(new UrgeInstanceCommand(instance.Id, "已超过十天") { Actor = Initiator, ActorGroups = NoGroups });

        notes.Should().ContainSingle().Which.TaskId.Should().Be((await h.SingleTaskAsync(instance.Id, "cityReview")).Id);
        (await h.Store.GetPendingOutboxAsync(20)).Should().ContainSingle(o => o.Kind == "task-reminder" && o.Payload.Contains("city-reviewer"));
        (await h.LastAsync(instance.Id, HistoryTypes.TaskUrged)).Should().Match<HistoryEvent>(e => e.Actor == Initiator && e.Comment == "已超过十天" && e.ElementId == "cityReview");
    }

    // ---------------- idempotency ----------------

    [Theory, MemberData(nameof(Stores))]
    public async Task A_repeated_request_id_is_answered_and_not_applied_again(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Nomination);
        var instance = await h.SubmittedNominationAsync();
        var review = await h.SingleTaskAsync(instance.Id, "cityReview");
        var delegation = new DelegateTaskCommand(review.Id, "assistant") { Actor = CityReviewer, ActorGroups = CityGroups, RequestId = "req-delegate-1" };

        var first = await h.Engine.DelegateTaskAsync(delegation);
        var count = (await h.Store.GetHistoryAsync(instance.Id)).Count;
        var again = await h.Engine.DelegateTaskAsync(delegation);

        again.Should().BeEquivalentTo(first);
        (await h.Store.GetHistoryAsync(instance.Id)).Should().HaveCount(count);

        var resolve = new ResolveTaskCommand(review.Id) { Actor = "assistant", ActorGroups = NoGroups, RequestId = "req-resolve-1" };
        await h.Engine.ResolveTaskAsync(resolve);
        await h.Engine.ResolveTaskAsync(resolve);
        (await h.Store.GetHistoryAsync(instance.Id)).Count(e => e.Type == HistoryTypes.TaskResolved).Should().Be(1);
    }
}
