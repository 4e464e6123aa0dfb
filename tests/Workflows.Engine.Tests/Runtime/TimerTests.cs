using Microsoft.Extensions.Time.Testing;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Engine.Tests.Persistence;
using static Workflows.Engine.Tests.Runtime.Bpmn;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>Timer events as job rows: intermediate, boundary (interrupting and cycles), event-based gateway, start.</summary>
public sealed class TimerTests
{
    public static TheoryData<StoreKind> Stores => EngineHarness.AllStores;

    // Monday 20 April 2026, 09:00 in Guangzhou.
    private static readonly DateTimeOffset Monday = new(2026, 4, 20, 9, 0, 0, TimeSpan.FromHours(8));

    [Theory, MemberData(nameof(Stores))]
    public async Task Intermediate_timer_waits_for_its_due_time_and_fires_once(StoreKind store)
    {
        var clock = new FakeTimeProvider(Monday);
        await using var h = await EngineHarness.CreateAsync(store, time: clock);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" /><intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <userTask id="t" /><endEvent id="e" />
            {{Flow("f1", "s", "wait")}}{{Flow("f2", "wait", "t")}}{{Flow("f3", "t", "e")}}
            """));
        var instance = await h.StartAsync("p");
        var job = (await h.Store.GetJobsOfInstanceAsync(instance.Id)).Should().ContainSingle().Subject;
        job.DueAt.Should().Be(Monday.AddHours(1));

        clock.Advance(TimeSpan.FromMinutes(30));
        (await h.Engine.FireJobAsync(job.Id)).Outcome.Should().Be(JobFireOutcome.NotDue);
        (await h.Engine.FireDueJobsAsync()).Should().Be(0);

        clock.Advance(TimeSpan.FromMinutes(30));
        (await h.Engine.FireJobAsync(job.Id)).Outcome.Should().Be(JobFireOutcome.Fired);
        (await h.Engine.FireJobAsync(job.Id)).Outcome.Should().Be(JobFireOutcome.Gone, "a job fires once");
        (await h.InstanceAsync(instance.Id)).ActiveElementIds.Should().Equal("t");
        (await h.Store.GetJobsOfInstanceAsync(instance.Id)).Should().BeEmpty();
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Interrupting_boundary_timer_cancels_an_overdue_task(StoreKind store)
    {
        var clock = new FakeTimeProvider(Monday);
        await using var h = await EngineHarness.CreateAsync(store, time: clock);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" /><userTask id="review" />
            <boundaryEvent id="timeout" attachedToRef="review"><timerEventDefinition><timeDuration>P2D</timeDuration></timerEventDefinition></boundaryEvent>
            <userTask id="escalated" /><endEvent id="e1" /><endEvent id="e2" />
            {{Flow("f1", "s", "review")}}{{Flow("f2", "review", "e1")}}{{Flow("f3", "timeout", "escalated")}}{{Flow("f4", "escalated", "e2")}}
            """));
        var instance = await h.StartAsync("p");
        clock.Advance(TimeSpan.FromDays(2));
        (await h.Engine.FireDueJobsAsync()).Should().Be(1);
        (await h.TasksAsync(instance.Id)).Select(t => t.ElementId).Should().Equal("escalated");
        (await h.HistoryAsync(instance.Id, HistoryTypes.TimerFired)).Should().Equal("timeout");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Non_interrupting_cycle_reminds_three_times_then_stops(StoreKind store)
    {
        var clock = new FakeTimeProvider(Monday);
        await using var h = await EngineHarness.CreateAsync(store, time: clock);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" /><userTask id="review" />
            <boundaryEvent id="remind" attachedToRef="review" cancelActivity="false"><timerEventDefinition><timeCycle>R3/P1D</timeCycle></timerEventDefinition></boundaryEvent>
            <serviceTask id="mail" camunda:expression="${'sent'}" camunda:resultVariable="lastReminder" /><endEvent id="e1" /><endEvent id="e2" />
            {{Flow("f1", "s", "review")}}{{Flow("f2", "review", "e1")}}{{Flow("f3", "remind", "mail")}}{{Flow("f4", "mail", "e2")}}
            """));
        var instance = await h.StartAsync("p");
        for (var day = 1; day <= 5; day++)
        {
            clock.Advance(TimeSpan.FromDays(1));
            await h.Engine.FireDueJobsAsync();
        }

        (await h.HistoryAsync(instance.Id, HistoryTypes.TimerFired)).Should().HaveCount(3);
        (await h.TasksAsync(instance.Id)).Select(t => t.ElementId).Should().Equal("review");
        (await h.Store.GetJobsOfInstanceAsync(instance.Id)).Should().BeEmpty();
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Completing_a_task_drops_its_boundary_timer(StoreKind store)
    {
        var clock = new FakeTimeProvider(Monday);
        await using var h = await EngineHarness.CreateAsync(store, time: clock);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" /><userTask id="review" />
            <boundaryEvent id="remind" attachedToRef="review" cancelActivity="false"><timerEventDefinition><timeCycle>R/PT1H</timeCycle></timerEventDefinition></boundaryEvent>
            <endEvent id="e1" /><endEvent id="e2" />
            {{Flow("f1", "s", "review")}}{{Flow("f2", "review", "e1")}}{{Flow("f3", "remind", "e2")}}
            """));
        var instance = await h.StartAsync("p");
        var job = (await h.Store.GetJobsOfInstanceAsync(instance.Id)).Single();
        await h.CompleteAsync(instance.Id, "review");
        (await h.Store.GetJobsOfInstanceAsync(instance.Id)).Should().BeEmpty();
        clock.Advance(TimeSpan.FromHours(2));
        (await h.Engine.FireJobAsync(job.Id)).Outcome.Should().Be(JobFireOutcome.Gone);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Event_based_gateway_races_a_message_against_a_timer(StoreKind store)
    {
        var clock = new FakeTimeProvider(Monday);
        await using var h = await EngineHarness.CreateAsync(store, time: clock);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" /><eventBasedGateway id="g" />
            <intermediateCatchEvent id="objection"><messageEventDefinition messageRef="m" /></intermediateCatchEvent>
            <intermediateCatchEvent id="noticeOver"><timerEventDefinition><timeDuration>P5WD</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <userTask id="investigate" /><userTask id="approve" />
            {{Flow("f1", "s", "g")}}{{Flow("f2", "g", "objection")}}{{Flow("f3", "g", "noticeOver")}}{{Flow("f4", "objection", "investigate")}}{{Flow("f5", "noticeOver", "approve")}}
            """, """<message id="m" name="Objection" />"""));

        var quiet = await h.StartAsync("p", businessKey: "quiet");
        var job = (await h.Store.GetJobsOfInstanceAsync(quiet.Id)).Single();
        job.DueAt.Should().Be(Monday.AddDays(7), "five working days from a Monday end the next Monday");
        clock.Advance(TimeSpan.FromDays(7));
        (await h.Engine.FireDueJobsAsync()).Should().Be(1);
        (await h.TasksAsync(quiet.Id)).Select(t => t.ElementId).Should().Equal("approve");
        (await h.Store.GetSubscriptionsOfInstanceAsync(quiet.Id)).Should().BeEmpty();

        var objected = await h.StartAsync("p", businessKey: "objected");
        await h.MessageAsync("Objection", "objected");
        (await h.TasksAsync(objected.Id)).Select(t => t.ElementId).Should().Equal("investigate");
        (await h.Store.GetJobsOfInstanceAsync(objected.Id)).Should().BeEmpty();
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Timer_start_event_opens_a_campaign_every_period_until_retired(StoreKind store)
    {
        var clock = new FakeTimeProvider(Monday);
        await using var h = await EngineHarness.CreateAsync(store, time: clock);
        var published = (await h.PublishAsync(Process("yearly", $$"""
            <startEvent id="open"><timerEventDefinition><timeCycle>R/P1D</timeCycle></timerEventDefinition></startEvent><userTask id="prepare" /><endEvent id="e" />
            {{Flow("f1", "open", "prepare")}}{{Flow("f2", "prepare", "e")}}
            """))).Single();
        (await h.Store.GetJobsOfInstanceAsync(Guid.Empty)).Should().ContainSingle().Which.DueAt.Should().Be(Monday.AddDays(1));

        clock.Advance(TimeSpan.FromDays(1));
        (await h.Engine.FireDueJobsAsync()).Should().Be(1);
        clock.Advance(TimeSpan.FromDays(1));
        (await h.Engine.FireDueJobsAsync()).Should().Be(1);
        (await h.Store.QueryInstancesAsync(new InstanceQuery { DefinitionKey = "yearly" })).Should().HaveCount(2);

        await h.Engine.RetireAsync(published.Id);
        (await h.Store.GetJobsOfInstanceAsync(Guid.Empty)).Should().BeEmpty();
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Two_nodes_ensuring_start_timers_at_once_create_one_row(StoreKind store)
    {
        var clock = new FakeTimeProvider(Monday);
        await using var h = await EngineHarness.CreateAsync(store, time: clock);
        await h.PublishAsync(Process("yearly", $$"""
            <startEvent id="open"><timerEventDefinition><timeCycle>R/P1D</timeCycle></timerEventDefinition></startEvent><endEvent id="e" />
            {{Flow("f1", "open", "e")}}
            """));
        var existing = (await h.Store.GetJobsOfInstanceAsync(Guid.Empty)).Single();
        var removal = new ChangeSet();
        removal.DeletedJobIds.Add(existing.Id);
        await h.Store.CommitAsync(removal);

        var other = new WorkflowEngine(h.Store, null, null, clock);
        await Task.WhenAll(Task.Run(() => h.Engine.EnsureStartTimersAsync()), Task.Run(() => other.EnsureStartTimersAsync()));
        (await h.Store.GetJobsOfInstanceAsync(Guid.Empty)).Should().ContainSingle().Which.Id.Should().Be(existing.Id, "the row's id is derived from what it is");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Timer_due_date_can_come_from_an_expression(StoreKind store)
    {
        var clock = new FakeTimeProvider(Monday);
        await using var h = await EngineHarness.CreateAsync(store, time: clock);
        await h.PublishAsync(Process("p", $$"""
            <startEvent id="s" /><intermediateCatchEvent id="until"><timerEventDefinition><timeDate>${addWorkingDays(noticeStart, 5)}</timeDate></timerEventDefinition></intermediateCatchEvent><endEvent id="e" />
            {{Flow("f1", "s", "until")}}{{Flow("f2", "until", "e")}}
            """));
        var instance = await h.StartAsync("p", new { noticeStart = "2026-04-24T10:00:00+08:00" });
        (await h.Store.GetJobsOfInstanceAsync(instance.Id)).Single().DueAt.Should().Be(new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.FromHours(8)),
            "the default calendar counts Monday to Friday; the official one arrives from the honours domain");
    }

    [Fact]
    public void Timer_text_that_is_not_iso_8601_is_refused_at_deploy()
    {
        var engine = new WorkflowEngine(new InMemoryWorkflowStore());
        var result = engine.Validate(Process("p", $$"""
            <startEvent id="s" /><intermediateCatchEvent id="bad"><timerEventDefinition><timeDuration>three days</timeDuration></timerEventDefinition></intermediateCatchEvent><endEvent id="e" />
            {{Flow("f1", "s", "bad")}}{{Flow("f2", "bad", "e")}}
            """));
        result.Problems.Should().ContainSingle(p => p.ElementId == "bad").Which.Message.Should().Contain("ISO-8601");
    }
}
