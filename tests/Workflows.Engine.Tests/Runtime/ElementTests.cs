using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Engine.Tests.Persistence;
using static Workflows.Engine.Tests.Runtime.Bpmn;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>One test (at least) per executable BPMN element, each against every store.</summary>
public sealed class ElementTests
{
    public static TheoryData<StoreKind> Stores => EngineHarness.AllStores;

    [Theory, MemberData(nameof(Stores))]
    public async Task Approval_flow_takes_the_condition_that_holds_or_the_default(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Approval());

        var approved = await h.StartAsync("approval", businessKey: "N-1");
        approved.ActiveElementIds.Should().Equal("review");
        var done = await h.CompleteAsync(approved.Id, "review", new { approved = true });
        done.Status.Should().Be(InstanceStatus.Completed);
        (await h.HistoryAsync(approved.Id, HistoryTypes.ElementCompleted)).Should().Contain("approvedEnd").And.NotContain("rejectedEnd");

        var rejected = await h.StartAsync("approval");
        await h.CompleteAsync(rejected.Id, "review", new { approved = false });
        (await h.HistoryAsync(rejected.Id, HistoryTypes.ElementCompleted)).Should().Contain("rejectedEnd").And.NotContain("approvedEnd");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Exclusive_gateway_without_a_matching_flow_fails_the_command_and_changes_nothing(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" /><userTask id="t" /><exclusiveGateway id="g" /><endEvent id="a" /><endEvent id="b" />
            {{Flow("f1", "s", "t")}}{{Flow("f2", "t", "g")}}{{Flow("fa", "g", "a", "${x == 1}")}}{{Flow("fb", "g", "b", "${x == 2}")}}
            """));
        var instance = await h.StartAsync("p");
        var task = await h.SingleTaskAsync(instance.Id, "t");

        var act = () => h.CompleteAsync(task, new { x = 3 });
        (await act.Should().ThrowAsync<WorkflowException>()).Which.Message.Should().Contain("'g'").And.Contain("default flow");

        (await h.InstanceAsync(instance.Id)).ActiveElementIds.Should().Equal("t");
        (await h.TasksAsync(instance.Id)).Should().ContainSingle(t => t.Id == task.Id);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Parallel_join_waits_for_all_paths(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" /><parallelGateway id="fork" /><userTask id="a" /><userTask id="b" /><userTask id="c" />
            <parallelGateway id="join" /><userTask id="after" /><endEvent id="e" />
            {{Flow("f1", "s", "fork")}}{{Flow("fa", "fork", "a")}}{{Flow("fb", "fork", "b")}}{{Flow("fc", "fork", "c")}}
            {{Flow("ja", "a", "join")}}{{Flow("jb", "b", "join")}}{{Flow("jc", "c", "join")}}{{Flow("f2", "join", "after")}}{{Flow("f3", "after", "e")}}
            """));
        var instance = await h.StartAsync("p");
        (await h.TasksAsync(instance.Id)).Select(t => t.ElementId).Should().BeEquivalentTo(["a", "b", "c"]);

        await h.CompleteAsync(instance.Id, "a");
        await h.CompleteAsync(instance.Id, "c");
        var waiting = await h.InstanceAsync(instance.Id);
        waiting.ActiveElementIds.Should().BeEquivalentTo(["b", "join"]);
        (await h.TasksAsync(instance.Id)).Should().NotContain(t => t.ElementId == "after");

        await h.CompleteAsync(instance.Id, "b");
        (await h.TasksAsync(instance.Id)).Select(t => t.ElementId).Should().Equal("after");
        (await h.InstanceAsync(instance.Id)).ActiveElementIds.Should().Equal("after");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Inclusive_join_waits_only_for_taken_paths(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" /><inclusiveGateway id="fork" default="fd" /><userTask id="a" /><userTask id="b" /><userTask id="c" />
            <inclusiveGateway id="join" /><userTask id="after" /><endEvent id="e" />
            {{Flow("f1", "s", "fork")}}{{Flow("fa", "fork", "a", "${wantA}")}}{{Flow("fb", "fork", "b", "${wantB}")}}{{Flow("fd", "fork", "c")}}
            {{Flow("ja", "a", "join")}}{{Flow("jb", "b", "join")}}{{Flow("jc", "c", "join")}}{{Flow("f2", "join", "after")}}{{Flow("f3", "after", "e")}}
            """));

        var two = await h.StartAsync("p", new { wantA = true, wantB = true });
        (await h.TasksAsync(two.Id)).Select(t => t.ElementId).Should().BeEquivalentTo(["a", "b"]);
        await h.CompleteAsync(two.Id, "a");
        (await h.TasksAsync(two.Id)).Select(t => t.ElementId).Should().Equal("b");
        await h.CompleteAsync(two.Id, "b");
        (await h.TasksAsync(two.Id)).Select(t => t.ElementId).Should().Equal("after");

        var one = await h.StartAsync("p", new { wantA = true, wantB = false });
        (await h.TasksAsync(one.Id)).Select(t => t.ElementId).Should().Equal("a");
        await h.CompleteAsync(one.Id, "a");
        (await h.TasksAsync(one.Id)).Select(t => t.ElementId).Should().Equal(["after"], "only the path taken is awaited");

        var none = await h.StartAsync("p", new { wantA = false, wantB = false });
        (await h.TasksAsync(none.Id)).Select(t => t.ElementId).Should().Equal(["c"], "the default flow is taken when no condition holds");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Inclusive_join_fires_when_a_branch_ends_elsewhere(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" /><inclusiveGateway id="fork" /><userTask id="a" /><userTask id="b" /><exclusiveGateway id="x" default="xj" />
            <endEvent id="early" /><inclusiveGateway id="join" /><userTask id="after" />
            {{Flow("f1", "s", "fork")}}{{Flow("fa", "fork", "a", "${true}")}}{{Flow("fb", "fork", "b", "${true}")}}
            {{Flow("ja", "a", "join")}}{{Flow("bx", "b", "x")}}{{Flow("xe", "x", "early", "${stop}")}}{{Flow("xj", "x", "join")}}{{Flow("f2", "join", "after")}}
            """));
        var instance = await h.StartAsync("p");
        await h.CompleteAsync(instance.Id, "a");
        (await h.TasksAsync(instance.Id)).Select(t => t.ElementId).Should().Equal("b");
        await h.CompleteAsync(instance.Id, "b", new { stop = true });
        (await h.TasksAsync(instance.Id)).Select(t => t.ElementId).Should().Equal(["after"], "no token can reach the join any more");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Interrupting_boundary_message_cancels_its_task(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" /><userTask id="review" /><boundaryEvent id="withdrawn" attachedToRef="review"><messageEventDefinition messageRef="m" /></boundaryEvent>
            <userTask id="archive" /><endEvent id="e1" /><endEvent id="e2" />
            {{Flow("f1", "s", "review")}}{{Flow("f2", "review", "e1")}}{{Flow("f3", "withdrawn", "archive")}}{{Flow("f4", "archive", "e2")}}
            """, """<message id="m" name="Withdraw" />"""));
        var instance = await h.StartAsync("p", businessKey: "N-7");

        var result = await h.MessageAsync("Withdraw", "N-7", new { reason = "duplicate" });
        result.CorrelatedInstanceIds.Should().Equal(instance.Id);
        (await h.TasksAsync(instance.Id)).Select(t => t.ElementId).Should().Equal("archive");
        var view = await h.InstanceAsync(instance.Id);
        view.ActiveElementIds.Should().Equal("archive");
        view.Variables["reason"].Should().Be("duplicate");
        (await h.HistoryAsync(instance.Id, HistoryTypes.ElementCancelled)).Should().Contain("review");

        var again = () => h.MessageAsync("Withdraw", "N-7");
        await again.Should().ThrowAsync<WorkflowException>("the subscription ended with its task");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Non_interrupting_boundary_message_opens_a_second_path(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" /><userTask id="review" /><boundaryEvent id="urge" attachedToRef="review" cancelActivity="false"><messageEventDefinition messageRef="m" /></boundaryEvent>
            <userTask id="answerUrge" /><endEvent id="e1" /><endEvent id="e2" />
            {{Flow("f1", "s", "review")}}{{Flow("f2", "review", "e1")}}{{Flow("f3", "urge", "answerUrge")}}{{Flow("f4", "answerUrge", "e2")}}
            """, """<message id="m" name="Urge" />"""));
        var instance = await h.StartAsync("p", businessKey: "N-8");

        await h.MessageAsync("Urge", "N-8");
        (await h.TasksAsync(instance.Id)).Select(t => t.ElementId).Should().BeEquivalentTo(["review", "answerUrge"]);
        await h.MessageAsync("Urge", "N-8");
        (await h.TasksAsync(instance.Id)).Where(t => t.ElementId == "answerUrge").Should().HaveCount(2, "the subscription stays while the task is open");

        await h.CompleteAsync(instance.Id, "review");
        (await h.TasksAsync(instance.Id)).Select(t => t.ElementId).Should().Equal("answerUrge", "answerUrge");
        foreach (var task in await h.TasksAsync(instance.Id))
        {
            await h.CompleteAsync(task);
        }

        (await h.InstanceAsync(instance.Id)).Status.Should().Be(InstanceStatus.Completed);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Parallel_multi_instance_completion_condition_ends_the_remaining_tasks(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" />
            <userTask id="vote" camunda:assignee="${member}">
              <multiInstanceLoopCharacteristics camunda:collection="${members}" camunda:elementVariable="member">
                <completionCondition>${nrOfCompletedInstances >= 2}</completionCondition>
              </multiInstanceLoopCharacteristics>
            </userTask>
            <userTask id="publish" /><endEvent id="e" />
            {{Flow("f1", "s", "vote")}}{{Flow("f2", "vote", "publish")}}{{Flow("f3", "publish", "e")}}
            """));
        var instance = await h.StartAsync("p", new { members = new[] { "li", "wang", "zhang", "chen" } });
        var tasks = await h.TasksAsync(instance.Id);
        tasks.Select(t => t.Assignee).Should().BeEquivalentTo(["li", "wang", "zhang", "chen"]);

        await h.CompleteAsync(tasks.Single(t => t.Assignee == "wang"));
        (await h.TasksAsync(instance.Id)).Should().HaveCount(3);
        await h.CompleteAsync(tasks.Single(t => t.Assignee == "chen"));

        var open = await h.TasksAsync(instance.Id);
        open.Select(t => t.ElementId).Should().Equal("publish");
        (await h.HistoryAsync(instance.Id, HistoryTypes.ElementCancelled)).Count(e => e == "vote").Should().Be(2);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Multi_instance_exposes_counters_and_loop_counter(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" />
            <scriptTask id="record" scriptFormat="javascript">
              <multiInstanceLoopCharacteristics isSequential="true"><loopCardinality>3</loopCardinality></multiInstanceLoopCharacteristics>
              <script>execution.setVariable('seen', (typeof seen === 'undefined' ? '' : seen) + loopCounter + '/' + nrOfInstances + '/' + nrOfCompletedInstances + '/' + nrOfActiveInstances + ';');</script>
            </scriptTask>
            <userTask id="t" /><endEvent id="e" />
            {{Flow("f1", "s", "record")}}{{Flow("f2", "record", "t")}}{{Flow("f3", "t", "e")}}
            """));
        var instance = await h.StartAsync("p", new { seen = "" });
        (await h.InstanceAsync(instance.Id)).Variables["seen"].Should().Be("0/3/0/1;1/3/1/1;2/3/2/1;");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Sequential_multi_instance_runs_one_task_after_another(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" />
            <userTask id="sign" camunda:assignee="${signer}">
              <multiInstanceLoopCharacteristics isSequential="true" camunda:collection="signers" camunda:elementVariable="signer" />
            </userTask>
            <endEvent id="e" />
            {{Flow("f1", "s", "sign")}}{{Flow("f2", "sign", "e")}}
            """));
        var instance = await h.StartAsync("p", new { signers = new[] { "a", "b", "c" } });
        foreach (var expected in new[] { "a", "b", "c" })
        {
            var open = await h.TasksAsync(instance.Id);
            open.Should().ContainSingle().Which.Assignee.Should().Be(expected);
            await h.CompleteAsync(open[0]);
        }

        (await h.InstanceAsync(instance.Id)).Status.Should().Be(InstanceStatus.Completed);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Multi_instance_sub_process_runs_a_scope_per_item(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" />
            <subProcess id="perCity">
              <multiInstanceLoopCharacteristics camunda:collection="${cities}" camunda:elementVariable="city" />
              <startEvent id="ss" /><userTask id="cityReview" camunda:assignee="${city}" /><endEvent id="se" />
              {{Flow("s1", "ss", "cityReview")}}{{Flow("s2", "cityReview", "se")}}
            </subProcess>
            <userTask id="province" /><endEvent id="e" />
            {{Flow("f1", "s", "perCity")}}{{Flow("f2", "perCity", "province")}}{{Flow("f3", "province", "e")}}
            """));
        var instance = await h.StartAsync("p", new { cities = new[] { "广州", "深圳" } });
        var tasks = await h.TasksAsync(instance.Id);
        tasks.Select(t => t.Assignee).Should().BeEquivalentTo(["广州", "深圳"]);
        await h.CompleteAsync(tasks[0]);
        (await h.TasksAsync(instance.Id)).Should().ContainSingle(t => t.ElementId == "cityReview");
        await h.CompleteAsync(tasks[1]);
        (await h.TasksAsync(instance.Id)).Select(t => t.ElementId).Should().Equal("province");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Call_activity_maps_variables_both_ways(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("opinion", $$"""
            <startEvent id="s" /><userTask id="give" /><scriptTask id="calc" scriptFormat="javascript"><script>execution.setVariable('score', base * 2)</script></scriptTask><endEvent id="e" />
            {{Flow("f1", "s", "give")}}{{Flow("f2", "give", "calc")}}{{Flow("f3", "calc", "e")}}
            """));
        await h.PublishAsync(Process("main", $$"""
            <startEvent id="s" />
            <callActivity id="ask" calledElement="opinion">
              <extensionElements>
                <camunda:in source="points" target="base" />
                <camunda:in sourceExpression="${points + 1}" target="plusOne" />
                <camunda:out source="score" target="finalScore" />
                <camunda:out source="opinionText" target="opinion" />
              </extensionElements>
            </callActivity>
            <userTask id="after" /><endEvent id="e" />
            {{Flow("f1", "s", "ask")}}{{Flow("f2", "ask", "after")}}{{Flow("f3", "after", "e")}}
            """));

        var parent = await h.StartAsync("main", new { points = 21, secret = "not passed" }, "N-42");
        var childTask = (await h.Store.QueryTasksAsync(new TaskQuery { ElementId = "give" })).Should().ContainSingle().Subject;
        childTask.InstanceId.Should().NotBe(parent.Id);
        var child = await h.InstanceAsync(childTask.InstanceId);
        child.ParentInstanceId.Should().Be(parent.Id);
        child.BusinessKey.Should().Be("N-42");
        child.Variables.Should().ContainKey("base").WhoseValue.Should().Be(21L);
        child.Variables["plusOne"].Should().Be(22L);
        child.Variables.Should().NotContainKey("secret");

        await h.CompleteAsync(childTask, new { opinionText = "同意" });
        (await h.InstanceAsync(child.Id)).Status.Should().Be(InstanceStatus.Completed);
        var after = await h.InstanceAsync(parent.Id);
        after.ActiveElementIds.Should().Equal("after");
        after.Variables["finalScore"].Should().Be(42L);
        after.Variables["opinion"].Should().Be("同意");
        after.Variables.Should().NotContainKey("base");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Cancelling_a_caller_cancels_the_called_instance(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("child", $$"""<startEvent id="s" /><userTask id="t" /><endEvent id="e" />{{Flow("f1", "s", "t")}}{{Flow("f2", "t", "e")}}"""));
        await h.PublishAsync(Process("main", $$"""<startEvent id="s" /><callActivity id="c" calledElement="child" /><endEvent id="e" />{{Flow("f1", "s", "c")}}{{Flow("f2", "c", "e")}}"""));
        var parent = await h.StartAsync("main");
        var childTask = (await h.Store.QueryTasksAsync(new TaskQuery { ElementId = "t" })).Single();

        await h.Engine.CancelAsync(new CancelInstanceCommand(parent.Id, "withdrawn"));
        (await h.InstanceAsync(parent.Id)).Status.Should().Be(InstanceStatus.Cancelled);
        (await h.InstanceAsync(childTask.InstanceId)).Status.Should().Be(InstanceStatus.Cancelled);
        (await h.Store.GetTaskAsync(childTask.Id)).Should().BeNull();
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Terminate_end_ends_every_token(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" /><parallelGateway id="fork" /><userTask id="a" /><userTask id="b" /><receiveTask id="r" messageRef="m" />
            <endEvent id="stop"><terminateEventDefinition /></endEvent><endEvent id="e" />
            {{Flow("f1", "s", "fork")}}{{Flow("fa", "fork", "a")}}{{Flow("fb", "fork", "b")}}{{Flow("fr", "fork", "r")}}
            {{Flow("a1", "a", "stop")}}{{Flow("b1", "b", "e")}}{{Flow("r1", "r", "e")}}
            """, """<message id="m" name="Ping" />"""));
        var instance = await h.StartAsync("p", businessKey: "T-1");
        await h.CompleteAsync(instance.Id, "a");

        var view = await h.InstanceAsync(instance.Id);
        view.Status.Should().Be(InstanceStatus.Terminated);
        view.ActiveElementIds.Should().BeEmpty();
        (await h.TasksAsync(instance.Id)).Should().BeEmpty();
        (await h.Store.GetSubscriptionsOfInstanceAsync(instance.Id)).Should().BeEmpty();
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Terminate_inside_a_sub_process_ends_only_that_scope(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" />
            <subProcess id="sub">
              <startEvent id="ss" /><parallelGateway id="fork" /><userTask id="a" /><userTask id="b" /><endEvent id="stop"><terminateEventDefinition /></endEvent><endEvent id="se" />
              {{Flow("s1", "ss", "fork")}}{{Flow("s2", "fork", "a")}}{{Flow("s3", "fork", "b")}}{{Flow("s4", "a", "stop")}}{{Flow("s5", "b", "se")}}
            </subProcess>
            <userTask id="after" /><endEvent id="e" />
            {{Flow("f1", "s", "sub")}}{{Flow("f2", "sub", "after")}}{{Flow("f3", "after", "e")}}
            """));
        var instance = await h.StartAsync("p");
        await h.CompleteAsync(instance.Id, "a");
        (await h.TasksAsync(instance.Id)).Select(t => t.ElementId).Should().Equal("after");
        (await h.InstanceAsync(instance.Id)).Status.Should().Be(InstanceStatus.Active);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Error_end_is_caught_by_the_boundary_error_of_its_sub_process(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" />
            <subProcess id="check">
              <startEvent id="ss" /><parallelGateway id="fork" /><userTask id="verify" /><userTask id="other" /><exclusiveGateway id="ok" default="fine" />
              <endEvent id="vetoed"><errorEventDefinition errorRef="veto" /></endEvent><endEvent id="se" />
              {{Flow("s1", "ss", "fork")}}{{Flow("s2", "fork", "verify")}}{{Flow("s3", "fork", "other")}}{{Flow("s4", "verify", "ok")}}
              {{Flow("bad", "ok", "vetoed", "${accident}")}}{{Flow("fine", "ok", "se")}}{{Flow("s5", "other", "se")}}
            </subProcess>
            <boundaryEvent id="caught" attachedToRef="check"><errorEventDefinition errorRef="veto" /></boundaryEvent>
            <userTask id="refused" /><userTask id="accepted" /><endEvent id="e1" /><endEvent id="e2" />
            {{Flow("f1", "s", "check")}}{{Flow("f2", "check", "accepted")}}{{Flow("f3", "caught", "refused")}}{{Flow("f4", "refused", "e1")}}{{Flow("f5", "accepted", "e2")}}
            """, """<error id="veto" errorCode="VETO" name="一票否决" />"""));
        var instance = await h.StartAsync("p");
        await h.CompleteAsync(instance.Id, "verify", new { accident = true });

        (await h.TasksAsync(instance.Id)).Select(t => t.ElementId).Should().Equal("refused");
        (await h.HistoryAsync(instance.Id, HistoryTypes.ErrorCaught)).Should().Equal("caught");
        (await h.HistoryAsync(instance.Id, HistoryTypes.ElementCancelled)).Should().Contain(["other", "check"]);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Service_task_runs_its_activity_and_a_bpmn_error_reaches_the_boundary(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" />
            <serviceTask id="calc" wf:activityType="test.double">
              <extensionElements><camunda:inputOutput><camunda:inputParameter name="value">${points}</camunda:inputParameter></camunda:inputOutput></extensionElements>
            </serviceTask>
            <serviceTask id="fail" wf:activityType="test.fail" />
            <boundaryEvent id="onError" attachedToRef="fail"><errorEventDefinition /></boundaryEvent>
            <userTask id="handled" /><endEvent id="e1" /><endEvent id="e2" />
            {{Flow("f1", "s", "calc")}}{{Flow("f2", "calc", "fail")}}{{Flow("f3", "fail", "e1")}}{{Flow("f4", "onError", "handled")}}{{Flow("f5", "handled", "e2")}}
            """));
        var instance = await h.StartAsync("p", new { points = 21 });
        var view = await h.InstanceAsync(instance.Id);
        view.Variables["doubled"].Should().Be(42L);
        view.ActiveElementIds.Should().Equal("handled");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Send_task_and_message_throw_write_the_outbox_only_on_commit(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" /><sendTask id="notify" messageRef="m" /><intermediateThrowEvent id="again"><messageEventDefinition messageRef="m" /></intermediateThrowEvent>
            <userTask id="t" /><endEvent id="e" />
            {{Flow("f1", "s", "notify")}}{{Flow("f2", "notify", "again")}}{{Flow("f3", "again", "t")}}{{Flow("f4", "t", "e")}}
            """, """<message id="m" name="NominationFiled" />"""));
        var instance = await h.StartAsync("p", businessKey: "N-3");
        var outbox = await h.Store.GetPendingOutboxAsync(100);
        outbox.Should().HaveCount(2);
        outbox.Should().OnlyContain(o => o.Kind == "message" && o.InstanceId == instance.Id && o.Payload.Contains("NominationFiled"));
        outbox.Select(o => o.IdempotencyKey).Should().OnlyHaveUniqueItems();
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Script_task_sets_variables_and_its_result(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" />
            <scriptTask id="score" scriptFormat="javascript" camunda:resultVariable="total"><script>execution.setVariable('grade', a + b > 10 ? '优' : '良'); a + b</script></scriptTask>
            <manualTask id="m" /><task id="plain" /><userTask id="t" /><endEvent id="e" />
            {{Flow("f1", "s", "score")}}{{Flow("f2", "score", "m")}}{{Flow("f3", "m", "plain")}}{{Flow("f4", "plain", "t")}}{{Flow("f5", "t", "e")}}
            """));
        var instance = await h.StartAsync("p", new { a = 7, b = 5 });
        var view = await h.InstanceAsync(instance.Id);
        view.Variables["total"].Should().Be(12L);
        view.Variables["grade"].Should().Be("优");
        (await h.HistoryAsync(instance.Id, HistoryTypes.ElementCompleted)).Should().ContainInOrder("s", "score", "m", "plain");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Receive_task_and_message_catch_wait_for_their_correlated_message(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" /><receiveTask id="materials" messageRef="m1" />
            <intermediateCatchEvent id="opinion"><messageEventDefinition messageRef="m2" wf:correlationKey="${nomineeId}" /></intermediateCatchEvent>
            <userTask id="t" /><endEvent id="e" />
            {{Flow("f1", "s", "materials")}}{{Flow("f2", "materials", "opinion")}}{{Flow("f3", "opinion", "t")}}{{Flow("f4", "t", "e")}}
            """, """<message id="m1" name="MaterialsUploaded" /><message id="m2" name="OpinionGiven" />"""));
        var first = await h.StartAsync("p", new { nomineeId = "P-1" }, "N-1");
        var second = await h.StartAsync("p", new { nomineeId = "P-2" }, "N-2");

        (await h.MessageAsync("MaterialsUploaded", "N-2")).CorrelatedInstanceIds.Should().Equal(second.Id);
        (await h.InstanceAsync(first.Id)).ActiveElementIds.Should().Equal("materials");
        (await h.InstanceAsync(second.Id)).ActiveElementIds.Should().Equal("opinion");

        (await h.MessageAsync("OpinionGiven", "P-2", new { opinion = "无异议" })).CorrelatedInstanceIds.Should().Equal(second.Id);
        var view = await h.InstanceAsync(second.Id);
        view.ActiveElementIds.Should().Equal("t");
        view.Variables["opinion"].Should().Be("无异议");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Event_based_gateway_takes_the_first_event_and_drops_the_others(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" /><eventBasedGateway id="g" />
            <intermediateCatchEvent id="objection"><messageEventDefinition messageRef="m1" /></intermediateCatchEvent>
            <receiveTask id="closed" messageRef="m2" />
            <userTask id="investigate" /><userTask id="approve" /><endEvent id="e1" /><endEvent id="e2" />
            {{Flow("f1", "s", "g")}}{{Flow("f2", "g", "objection")}}{{Flow("f3", "g", "closed")}}{{Flow("f4", "objection", "investigate")}}
            {{Flow("f5", "closed", "approve")}}{{Flow("f6", "investigate", "e1")}}{{Flow("f7", "approve", "e2")}}
            """, """<message id="m1" name="Objection" /><message id="m2" name="NoticeClosed" />"""));
        var instance = await h.StartAsync("p", businessKey: "N-9");
        (await h.Store.GetSubscriptionsOfInstanceAsync(instance.Id)).Select(s => s.MessageName).Should().BeEquivalentTo(["Objection", "NoticeClosed"]);

        await h.MessageAsync("Objection", "N-9", new { objection = "材料不实" });
        (await h.TasksAsync(instance.Id)).Select(t => t.ElementId).Should().Equal("investigate");
        (await h.Store.GetSubscriptionsOfInstanceAsync(instance.Id)).Should().BeEmpty();
        var late = () => h.MessageAsync("NoticeClosed", "N-9");
        await late.Should().ThrowAsync<WorkflowException>();
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Message_start_event_starts_an_instance(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s"><messageEventDefinition messageRef="m" /></startEvent><userTask id="t" /><endEvent id="e" />
            {{Flow("f1", "s", "t")}}{{Flow("f2", "t", "e")}}
            """, """<message id="m" name="CampaignOpened" />"""));
        var result = await h.MessageAsync("CampaignOpened", "2026-medal", new { year = 2026 });
        result.StartedInstanceId.Should().NotBeNull();
        var view = await h.InstanceAsync(result.StartedInstanceId!.Value);
        view.BusinessKey.Should().Be("2026-medal");
        view.Variables["year"].Should().Be(2026L);
        view.ActiveElementIds.Should().Equal("t");

        var byKey = () => h.StartAsync("p");
        (await byKey.Should().ThrowAsync<WorkflowException>()).Which.Message.Should().Contain("message");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Embedded_sub_process_runs_its_own_flow(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" />
            <subProcess id="unitStage"><startEvent id="ss" /><userTask id="recommend" /><userTask id="unitNotice" /><endEvent id="se" />
              {{Flow("s1", "ss", "recommend")}}{{Flow("s2", "recommend", "unitNotice")}}{{Flow("s3", "unitNotice", "se")}}</subProcess>
            <userTask id="cityReview" /><endEvent id="e" />
            {{Flow("f1", "s", "unitStage")}}{{Flow("f2", "unitStage", "cityReview")}}{{Flow("f3", "cityReview", "e")}}
            """));
        var instance = await h.StartAsync("p");
        (await h.InstanceAsync(instance.Id)).ActiveElementIds.Should().BeEquivalentTo(["unitStage", "recommend"]);
        await h.CompleteAsync(instance.Id, "recommend", new { votes = 31 });
        await h.CompleteAsync(instance.Id, "unitNotice");
        var view = await h.InstanceAsync(instance.Id);
        view.ActiveElementIds.Should().Equal("cityReview");
        view.Variables["votes"].Should().Be(31L, "variables set inside the sub-process live on the process");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task User_task_assignment_and_due_date_are_evaluated(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" /><userTask id="t" name="市级审核" camunda:assignee="${initiator}" camunda:candidateUsers="li, ${deputy}" camunda:candidateGroups="city-reviewer" camunda:formKey="medal-form" camunda:dueDate="P5D" /><endEvent id="e" />
            {{Flow("f1", "s", "t")}}{{Flow("f2", "t", "e")}}
            """));
        var before = DateTimeOffset.UtcNow;
        var instance = await h.StartAsync("p", new { initiator = "zhao", deputy = "qian" }, "N-5");
        var task = await h.SingleTaskAsync(instance.Id, "t");
        task.Name.Should().Be("市级审核");
        task.Assignee.Should().Be("zhao");
        task.CandidateUsers.Should().BeEquivalentTo(["li", "qian"]);
        task.CandidateGroups.Should().Equal("city-reviewer");
        task.FormKey.Should().Be("medal-form");
        task.BusinessKey.Should().Be("N-5");
        task.DueAt.Should().BeCloseTo(before.AddDays(5), TimeSpan.FromMinutes(1));

        (await h.Store.QueryTasksAsync(new TaskQuery { CandidateUser = "qian" })).Should().ContainSingle(t => t.Id == task.Id);
        (await h.Store.QueryTasksAsync(new TaskQuery { CandidateGroups = ["city-reviewer"] })).Should().ContainSingle(t => t.Id == task.Id);
        (await h.Store.QueryTasksAsync(new TaskQuery { Assignee = "zhao" })).Should().ContainSingle(t => t.Id == task.Id);
    }
}
