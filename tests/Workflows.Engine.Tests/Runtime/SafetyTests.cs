using System.Diagnostics;
using Workflows.Engine.Expressions;
using Workflows.Engine.Parsing;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Engine.Tests.Persistence;
using static Workflows.Engine.Tests.Runtime.Bpmn;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>Hostile input, runaway processes, crashes mid-command, repeats and races.</summary>
public sealed class SafetyTests
{
    public static TheoryData<StoreKind> Stores => EngineHarness.AllStores;
    public static TheoryData<StoreKind> DurableStores => [StoreKind.Sqlite, StoreKind.PostgreSql];

    [Fact]
    public void An_XXE_payload_is_refused_without_reading_the_file()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE definitions [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p" name="&xxe;"><startEvent id="s"/></process></definitions>
            """;
        var result = new BpmnReader().Read(xml);
        result.IsValid.Should().BeFalse();
        result.Problems.Should().ContainSingle().Which.Message.Should().Contain("DTD");
        result.Problems[0].Message.Should().NotContain("root:");
    }

    [Fact]
    public void A_billion_laughs_document_is_refused_at_once()
    {
        var entities = string.Join("\n", Enumerable.Range(1, 9).Select(i => $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">"));
        var xml = $"""
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol0 "lol">{entities}]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p" name="&lol9;"/></definitions>
            """;
        var watch = Stopwatch.StartNew();
        var result = new BpmnReader().Read(xml);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
        result.IsValid.Should().BeFalse();
    }

    [Fact]
    public void A_document_over_the_size_limit_is_refused_before_parsing()
    {
        var xml = Process("p", "<startEvent id=\"s\"/>" + new string(' ', 2_000_000));
        var result = new BpmnReader(new BpmnReaderOptions { MaxDocumentCharacters = 1_000_000 }).Read(xml);
        result.Problems.Should().ContainSingle().Which.Message.Should().Contain("limit");
    }

    [Fact]
    public void Malformed_xml_is_refused_with_its_line()
    {
        var result = new BpmnReader().Read("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n<process id=\"p\">\n<startEvent id=\"s\">\n</process></definitions>");
        result.Problems.Should().ContainSingle().Which.Line.Should().BeGreaterThan(0);
        result.Problems[0].Message.Should().Contain("well-formed");
    }

    [Fact]
    public void Unsupported_elements_are_refused_at_deploy_naming_element_and_line()
    {
        var xml = Process("p", $$"""
            <startEvent id="s" />
            <businessRuleTask id="dmn" />
            <intermediateCatchEvent id="signal"><signalEventDefinition /></intermediateCatchEvent>
            <serviceTask id="java" camunda:class="com.example.Delegate" />
            <serviceTask id="unknown" wf:activityType="no.such.activity" />
            <endEvent id="e" />
            {{Flow("f1", "s", "e")}}
            """);
        var result = new BpmnReader(new BpmnReaderOptions { IsKnownActivityType = _ => false }).Read(xml);
        result.IsValid.Should().BeFalse();
        result.Problems.Select(p => p.ElementId).Should().Contain(["dmn", "signal", "java", "unknown"]);
        result.Problems.Should().OnlyContain(p => p.Line > 0);
        result.Problems.Single(p => p.ElementId == "dmn").Line.Should().Be(xml.Split('\n').ToList().FindIndex(l => l.Contains("businessRuleTask", StringComparison.Ordinal)) + 1);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task A_process_that_cycles_without_waiting_is_stopped_with_a_clear_error(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store, options: new WorkflowEngineOptions { MaxStepsPerCommand = 500 });
        await h.PublishAsync(Process("loop", $$"""
            <startEvent id="s" /><exclusiveGateway id="g" default="back" /><manualTask id="again" /><endEvent id="e" />
            {{Flow("f1", "s", "g")}}{{Flow("back", "g", "again")}}{{Flow("out", "g", "e", "${false}")}}{{Flow("f2", "again", "g")}}
            """));
        var watch = Stopwatch.StartNew();
        var act = () => h.StartAsync("loop");
        (await act.Should().ThrowAsync<WorkflowException>()).Which.Message.Should().Contain("cycles without waiting");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        (await h.Store.QueryInstancesAsync(new InstanceQuery())).Should().BeEmpty("the failed command wrote nothing");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task A_script_that_never_ends_fails_its_command_in_bounded_time_and_leaves_the_instance_as_it_was(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store, options: new WorkflowEngineOptions { Expressions = new ExpressionOptions { Timeout = TimeSpan.FromMilliseconds(500) } });
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" /><userTask id="t" /><scriptTask id="forever" scriptFormat="javascript"><script>while (true) { }</script></scriptTask><endEvent id="e" />
            {{Flow("f1", "s", "t")}}{{Flow("f2", "t", "forever")}}{{Flow("f3", "forever", "e")}}
            """));
        var instance = await h.StartAsync("p", new { x = 1 });
        var before = await h.InstanceAsync(instance.Id);
        var historyBefore = (await h.Store.GetHistoryAsync(instance.Id)).Count;
        var task = await h.SingleTaskAsync(instance.Id, "t");

        var watch = Stopwatch.StartNew();
        var act = () => h.CompleteAsync(task, new { x = 2 });
        (await act.Should().ThrowAsync<WorkflowException>()).Which.Message.Should().Contain("forever");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));

        var after = await h.InstanceAsync(instance.Id);
        after.Should().BeEquivalentTo(before);
        (await h.Store.GetHistoryAsync(instance.Id)).Should().HaveCount(historyBefore);
        (await h.Store.GetTaskAsync(task.Id)).Should().NotBeNull();
    }

    [Theory, MemberData(nameof(DurableStores))]
    public async Task A_crash_after_the_behaviours_ran_but_before_commit_leaves_the_database_exactly_as_before(StoreKind store)
    {
        var (inner, lease) = await TestDatabase.CreateAsync(store, beforeCommit: changes =>
            changes.History.Any(h => h.Type == HistoryTypes.TaskCompleted) ? throw new IOException("power cut") : Task.CompletedTask);
        await using var _ = lease;
        await using var h = EngineHarness.On(inner);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" /><userTask id="t" /><sendTask id="notify" messageRef="m" /><userTask id="next" /><endEvent id="e" />
            {{Flow("f1", "s", "t")}}{{Flow("f2", "t", "notify")}}{{Flow("f3", "notify", "next")}}{{Flow("f4", "next", "e")}}
            """, """<message id="m" name="Approved" />"""));
        var instance = await h.StartAsync("p");
        var task = await h.SingleTaskAsync(instance.Id, "t");
        var snapshot = await TestDatabase.SnapshotAsync(inner);

        var act = () => h.Engine.CompleteTaskAsync(new CompleteTaskCommand(task.Id, EngineHarness.Vars(new { approved = true })) { RequestId = "req-crash" });
        await act.Should().ThrowAsync<IOException>();

        (await TestDatabase.SnapshotAsync(inner)).Should().BeEquivalentTo(snapshot, "no task, history, outbox or request row is written");
        (await h.Store.GetPendingOutboxAsync(10)).Should().BeEmpty();
        (await h.Store.GetProcessedRequestAsync("req-crash")).Should().BeNull();
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task A_repeated_request_id_is_answered_not_applied_twice(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Approval());
        var first = await h.Engine.StartAsync(new StartInstanceCommand("approval", "N-1") { RequestId = "r-1" });
        var second = await h.Engine.StartAsync(new StartInstanceCommand("approval", "N-1") { RequestId = "r-1" });
        second.Id.Should().Be(first.Id);
        (await h.Store.QueryInstancesAsync(new InstanceQuery { DefinitionKey = "approval" })).Should().HaveCount(1);

        var task = await h.SingleTaskAsync(first.Id, "review");
        var done = await h.Engine.CompleteTaskAsync(new CompleteTaskCommand(task.Id, EngineHarness.Vars(new { approved = true })) { RequestId = "r-2" });
        var again = await h.Engine.CompleteTaskAsync(new CompleteTaskCommand(task.Id, EngineHarness.Vars(new { approved = true })) { RequestId = "r-2" });
        again.Status.Should().Be(done.Status).And.Be(InstanceStatus.Completed);
        (await h.HistoryAsync(first.Id, HistoryTypes.TaskCompleted)).Should().HaveCount(1);

        var misuse = () => h.Engine.CancelAsync(new CancelInstanceCommand(first.Id) { RequestId = "r-1" });
        await misuse.Should().ThrowAsync<WorkflowException>();
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Completing_a_task_twice_is_refused_and_changes_nothing(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Approval());
        var instance = await h.StartAsync("approval");
        var task = await h.SingleTaskAsync(instance.Id, "review");
        await h.CompleteAsync(task, new { approved = true });
        var historyCount = (await h.Store.GetHistoryAsync(instance.Id)).Count;

        var twice = () => h.CompleteAsync(task, new { approved = false });
        (await twice.Should().ThrowAsync<WorkflowException>()).Which.Kind.Should().BeOneOf(WorkflowErrorKind.NotFound, WorkflowErrorKind.Conflict);
        (await h.Store.GetHistoryAsync(instance.Id)).Should().HaveCount(historyCount);
        (await h.InstanceAsync(instance.Id)).Variables["approved"].Should().Be(true);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Concurrent_completions_on_one_instance_all_apply_through_retries(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" />
            <userTask id="vote"><multiInstanceLoopCharacteristics><loopCardinality>8</loopCardinality></multiInstanceLoopCharacteristics></userTask>
            <userTask id="after" /><endEvent id="e" />
            {{Flow("f1", "s", "vote")}}{{Flow("f2", "vote", "after")}}{{Flow("f3", "after", "e")}}
            """));
        var instance = await h.StartAsync("p");
        var tasks = await h.TasksAsync(instance.Id);
        tasks.Should().HaveCount(8);

        await Task.WhenAll(tasks.Select(t => Task.Run(() => h.CompleteAsync(t))));

        (await h.TasksAsync(instance.Id)).Select(t => t.ElementId).Should().Equal("after");
        (await h.HistoryAsync(instance.Id, HistoryTypes.TaskCompleted)).Should().HaveCount(8);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Concurrent_double_submits_of_one_task_apply_once(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Approval());
        var instance = await h.StartAsync("approval");
        var task = await h.SingleTaskAsync(instance.Id, "review");

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            try
            {
                await h.CompleteAsync(task, new { approved = true });
                return true;
            }
            catch (WorkflowException)
            {
                return false;
            }
        })));

        results.Count(ok => ok).Should().Be(1);
        (await h.HistoryAsync(instance.Id, HistoryTypes.TaskCompleted)).Should().HaveCount(1);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Publishing_a_new_version_leaves_running_instances_on_their_own(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        var v1 = (await h.PublishAsync(Approval())).Single();
        v1.Version.Should().Be(1);
        var old = await h.StartAsync("approval");

        var v2Xml = Process("approval", $$"""
            <startEvent id="start" /><userTask id="firstReview" /><endEvent id="end" />
            {{Flow("f1", "start", "firstReview")}}{{Flow("f2", "firstReview", "end")}}
            """);
        var v2 = (await h.PublishAsync(v2Xml)).Single();
        v2.Version.Should().Be(2);

        var fresh = await h.StartAsync("approval");
        fresh.DefinitionVersion.Should().Be(2);
        fresh.ActiveElementIds.Should().Equal("firstReview");

        (await h.InstanceAsync(old.Id)).DefinitionVersion.Should().Be(1);
        var done = await h.CompleteAsync(old.Id, "review", new { approved = true });
        done.Status.Should().Be(InstanceStatus.Completed);

        await h.Engine.RetireAsync(v2.Id);
        (await h.StartAsync("approval")).DefinitionVersion.Should().Be(1, "the newest published version that is not retired starts instances");
        (await h.Store.ListDefinitionsAsync("approval")).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_draft_cannot_start_instances_and_a_published_version_cannot_be_published_again()
    {
        await using var h = await EngineHarness.CreateAsync(StoreKind.InMemory);
        var draft = (await h.Engine.DeployAsync(Approval())).Single();
        var start = () => h.StartAsync("approval");
        (await start.Should().ThrowAsync<WorkflowException>()).Which.Kind.Should().Be(WorkflowErrorKind.NotFound);
        await h.Engine.PublishAsync(draft.Id);
        var again = () => h.Engine.PublishAsync(draft.Id);
        (await again.Should().ThrowAsync<WorkflowException>()).Which.Kind.Should().Be(WorkflowErrorKind.Conflict);
    }
}
