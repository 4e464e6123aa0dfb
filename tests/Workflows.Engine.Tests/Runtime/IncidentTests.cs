using Microsoft.Extensions.Time.Testing;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Engine.Tests.Persistence;
using static Workflows.Engine.Tests.Runtime.Bpmn;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>
/// Incidents: a timer whose firing fails (the step after it throws) keeps its row with the failure recorded on it,
/// is listed, and an administrator's retry after the cause was fixed fires it. On the three stores.
/// </summary>
public sealed class IncidentTests
{
    public static TheoryData<StoreKind> Stores => EngineHarness.AllStores;

    private static readonly DateTimeOffset Monday = new(2026, 4, 20, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>
    /// After a one-minute timer a service task computes <c>amount * 2</c>; the variable <c>amount</c> is missing until
    /// the message <c>fix</c> brings it (a parallel branch waits for it), so the timer fails until then.
    /// </summary>
    private static string FlakyProcess(string key) => Process(key, $$"""
        <startEvent id="s" /><parallelGateway id="fork" />
        <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT1M</timeDuration></timerEventDefinition></intermediateCatchEvent>
        <serviceTask id="calc" camunda:expression="${amount * 2}" camunda:resultVariable="doubled" />
        <userTask id="t" /><endEvent id="e1" />
        <intermediateCatchEvent id="fixed"><messageEventDefinition messageRef="m" /></intermediateCatchEvent><endEvent id="e2" />
        {{Flow("f1", "s", "fork")}}{{Flow("f2", "fork", "wait")}}{{Flow("f3", "wait", "calc")}}{{Flow("f4", "calc", "t")}}{{Flow("f5", "t", "e1")}}
        {{Flow("f6", "fork", "fixed")}}{{Flow("f7", "fixed", "e2")}}
        """, """<message id="m" name="fix" />""");

    [Theory, MemberData(nameof(Stores))]
    public async Task A_failing_timer_is_recorded_listed_and_fires_after_a_retry_once_fixed(StoreKind store)
    {
        var clock = new FakeTimeProvider(Monday);
        await using var h = await EngineHarness.CreateAsync(store, time: clock);
        var notified = new List<Guid>();
        h.Engine.JobsCreated = jobs => notified.AddRange(jobs.Select(j => j.Id));
        await h.PublishAsync(FlakyProcess("p"));
        var instance = await h.StartAsync("p", businessKey: "B-1");
        var other = await h.StartAsync("p", businessKey: "B-2");
        var job = (await h.Store.GetJobsOfInstanceAsync(instance.Id)).Should().ContainSingle().Subject;
        job.Attempts.Should().Be(0);
        job.LastError.Should().BeNull();
        (await h.Engine.QueryIncidentsAsync(new IncidentQuery { InstanceId = instance.Id })).Should().BeEmpty();

        clock.Advance(TimeSpan.FromMinutes(1));
        var failure = await FireFailingAsync(h, job.Id);
        (await h.Engine.RecordJobFailureAsync(job.Id, failure)).Should().BeTrue();
        clock.Advance(TimeSpan.FromSeconds(15));
        (await h.Engine.RecordJobFailureAsync(job.Id, await FireFailingAsync(h, job.Id))).Should().BeTrue();

        var incident = (await h.Engine.QueryIncidentsAsync(new IncidentQuery { InstanceId = instance.Id })).Should().ContainSingle().Subject;
        incident.Id.Should().Be(job.Id);
        incident.Attempts.Should().Be(2);
        incident.LastError.Should().Contain(failure.Message);
        incident.LastErrorAt.Should().Be(Monday.AddMinutes(1).AddSeconds(15));
        incident.DueAt.Should().Be(job.DueAt, "a failure does not move the due time");
        (await h.InstanceAsync(instance.Id)).ActiveElementIds.Should().BeEquivalentTo(["wait", "fixed"], "the failed firing was rolled back");
        (await h.Engine.QueryIncidentsAsync(new IncidentQuery())).Select(i => i.Id).Should().Contain(job.Id);
        (await h.Engine.QueryIncidentsAsync(new IncidentQuery { InstanceId = other.Id })).Should().BeEmpty("the other instance's timer has not failed");
        (await h.Engine.QueryIncidentsAsync(new IncidentQuery { Take = 0 })).Should().BeEmpty();

        // Retrying before the cause is fixed only fails again; the fix comes with the message.
        (await h.Engine.RetryIncidentAsync(job.Id)).Should().NotBeNull();
        await FireFailingAsync(h, job.Id);
        await h.MessageAsync("fix", "B-1", new { amount = 21 });

        clock.Advance(TimeSpan.FromMinutes(5));
        notified.Clear();
        var retried = await h.Engine.RetryIncidentAsync(job.Id);
        retried!.DueAt.Should().Be(clock.GetUtcNow());
        notified.Should().Equal([job.Id], "the retried job is handed to the scheduler");
        (await h.Store.GetDueJobsAsync(clock.GetUtcNow(), 100)).Select(j => j.Id).Should().Contain(job.Id);

        (await h.Engine.FireJobAsync(job.Id)).Outcome.Should().Be(JobFireOutcome.Fired);
        var view = await h.InstanceAsync(instance.Id);
        view.ActiveElementIds.Should().Equal("t");
        view.Variables["doubled"].Should().Be(42L);
        (await h.Engine.QueryIncidentsAsync(new IncidentQuery { InstanceId = instance.Id })).Should().BeEmpty("the fired job's row is gone");
        (await h.Engine.RecordJobFailureAsync(job.Id, new InvalidOperationException("late"))).Should().BeFalse("the row is gone");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Only_an_incident_can_be_retried(StoreKind store)
    {
        var clock = new FakeTimeProvider(Monday);
        await using var h = await EngineHarness.CreateAsync(store, time: clock);
        await h.PublishAsync(FlakyProcess("p"));
        var instance = await h.StartAsync("p", businessKey: "B-3");
        var job = (await h.Store.GetJobsOfInstanceAsync(instance.Id)).Should().ContainSingle().Subject;

        (await h.Engine.RetryIncidentAsync(job.Id)).Should().BeNull("a job that never failed is not an incident");
        (await h.Engine.RetryIncidentAsync(Guid.NewGuid())).Should().BeNull();
        (await h.Store.GetJobAsync(job.Id))!.DueAt.Should().Be(Monday.AddMinutes(1), "nothing changed");
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Failure_fields_round_trip_and_a_long_error_is_cut(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        var job = new JobRecord
        {
            Id = Guid.NewGuid(), InstanceId = Guid.NewGuid(), ExecutionId = "x", ElementId = "wait", Kind = "timer",
            DueAt = Monday, CreatedAt = Monday, Attempts = 3, LastError = "出错了", LastErrorAt = Monday.AddSeconds(5),
        };
        var c = new ChangeSet();
        c.InsertedJobs.Add(job);
        await h.Store.CommitAsync(c);
        (await h.Store.GetJobAsync(job.Id)).Should().BeEquivalentTo(job);

        (await h.Store.RecordJobFailureAsync(job.Id, new string('错', 5000), Monday.AddMinutes(1))).Should().BeTrue();
        var read = await h.Store.GetJobAsync(job.Id);
        read!.Attempts.Should().Be(4);
        read.LastError.Should().HaveLength(4000);
        read.LastErrorAt.Should().Be(Monday.AddMinutes(1));
        (await h.Store.RecordJobFailureAsync(Guid.NewGuid(), "x", Monday)).Should().BeFalse();
    }

    private static async Task<Exception> FireFailingAsync(EngineHarness h, Guid jobId)
    {
        var act = () => h.Engine.FireJobAsync(jobId);
        return (await act.Should().ThrowAsync<Exception>()).Which;
    }
}
