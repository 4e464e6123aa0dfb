using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using static Workflows.Engine.Tests.Runtime.Bpmn;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>The nomination process and helpers shared by the tests of the task operations.</summary>
public static class TaskOperations
{
    public const string Initiator = "ent-user";
    public const string Organisation = "/gd/gz/th/ent-001";
    public const string Campaign = "2026-labour-medal";
    public const string CityReviewer = "gz-reviewer";

    /// <summary>The groups of the city reviewer.</summary>
    public static readonly IReadOnlyList<string> CityGroups = ["city-reviewer"];

    /// <summary>The groups of a user without roles: checked, but entitled to nothing through a group.</summary>
    public static readonly IReadOnlyList<string> NoGroups = [];

    /// <summary>
    /// 企业申报 (assigned to the initiator) → 市总审核 (city reviewers; a comment on rejecting; a rejection returns to the
    /// submission) → 省总审核 (p1 or p2; a comment always; a rejection is the outcome) → approved or rejected end.
    /// </summary>
    public static readonly string Nomination = Process("nomination", $$"""
        <startEvent id="s" />
        <userTask id="submit" name="企业申报" camunda:assignee="${initiator}" />
        <userTask id="cityReview" name="市总审核" camunda:candidateGroups="city-reviewer" wf:commentRequired="reject" wf:rejectAction="return" wf:rejectTo="submit" />
        <userTask id="provinceReview" name="省总审核" camunda:candidateUsers="p1,p2" wf:commentRequired="true" />
        <exclusiveGateway id="g" default="no" /><endEvent id="approvedEnd" /><endEvent id="rejectedEnd" />
        {{Flow("f1", "s", "submit")}}{{Flow("f2", "submit", "cityReview")}}{{Flow("f3", "cityReview", "provinceReview")}}{{Flow("f4", "provinceReview", "g")}}
        {{Flow("yes", "g", "approvedEnd", "${approved}")}}{{Flow("no", "g", "rejectedEnd")}}
        """);

    /// <summary>Starts a nomination as the enterprise user of <see cref="Organisation"/>.</summary>
    public static Task<InstanceView> StartNominationAsync(this EngineHarness h, string businessKey = "N-1", object? variables = null) =>
        h.Engine.StartAsync(new StartInstanceCommand("nomination", businessKey, EngineHarness.Vars(variables))
        {
            Actor = Initiator,
            OrganizationPath = Organisation,
            Campaign = Campaign,
        });

    /// <summary>Starts a nomination and submits it, so that it waits at the city review.</summary>
    public static async Task<InstanceView> SubmittedNominationAsync(this EngineHarness h, string businessKey = "N-1")
    {
        var instance = await h.StartNominationAsync(businessKey);
        var submit = await h.SingleTaskAsync(instance.Id, "submit");
        await h.Engine.CompleteTaskAsync(new CompleteTaskCommand(submit.Id, EngineHarness.Vars(new { deeds = "事迹材料" })) { Actor = Initiator, ActorGroups = NoGroups });
        return instance;
    }

    /// <summary>Completes the open task at an element as <paramref name="actor"/> (a checked caller with <paramref name="groups"/>).</summary>
    public static async Task<InstanceView> CompleteAsAsync(this EngineHarness h, Guid instanceId, string elementId, string actor,
        IReadOnlyList<string>? groups = null, object? variables = null, string? comment = null) =>
        await h.Engine.CompleteTaskAsync(new CompleteTaskCommand((await h.SingleTaskAsync(instanceId, elementId)).Id, EngineHarness.Vars(variables))
        {
            Actor = actor,
            ActorGroups = groups ?? NoGroups,
            Comment = comment,
        });

    /// <summary>
    /// Runs a command that must be refused with <paramref name="kind"/> and proves that it changed nothing: every row
    /// count and instance row of the store, the open tasks and the history of the instance are as before.
    /// </summary>
    public static async Task<WorkflowException> RefusedAsync(this EngineHarness h, Guid instanceId, WorkflowErrorKind kind, Func<Task> act)
    {
        var before = await TestDatabase.SnapshotAsync(h.Store);
        var tasks = await h.TasksAsync(instanceId);
        var history = (await h.Store.GetHistoryAsync(instanceId)).Count;

        var refusal = (await act.Should().ThrowAsync<WorkflowException>()).Which;

        refusal.Kind.Should().Be(kind, refusal.Message);
        (await TestDatabase.SnapshotAsync(h.Store)).Should().BeEquivalentTo(before);
        (await h.TasksAsync(instanceId)).Should().BeEquivalentTo(tasks);
        (await h.Store.GetHistoryAsync(instanceId)).Should().HaveCount(history);
        return refusal;
    }

    /// <summary>The newest history event of a type.</summary>
    public static async Task<HistoryEvent> LastAsync(this EngineHarness h, Guid instanceId, string type) =>
        (await h.Store.GetHistoryAsync(instanceId)).Last(e => e.Type == type);
}
