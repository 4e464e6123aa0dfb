using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Workflows.Activities.Calendar;
using Workflows.Activities.Identity;
using Workflows.Engine;
using Workflows.Engine.Activities;
using Workflows.Engine.Model;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;

namespace Workflows.Designs.ProcessTests.Support;

/// <summary>
/// The shipped designs deployed (by <see cref="DesignDeployer"/>) on an in-memory engine with the official working-day
/// calendar, a fake clock, the stand-in honours activities and organisation functions; and a driver that walks a
/// nomination through its tasks and timers, writing down the route it took.
/// </summary>
public sealed class DesignEngine : IAsyncDisposable
{
    /// <summary>Wednesday 29 April 2026, 09:00 in Guangzhou: the day before the 劳动节 holiday (1–5 May; Saturday 9 May is worked).</summary>
    public static readonly DateTimeOffset Wednesday29April = new(2026, 4, 29, 9, 0, 0, TimeSpan.FromHours(8));

    public const string Filer = "filer";

    private readonly InMemoryWorkflowStore _store = new();

    private DesignEngine()
    {
        Clock = new FakeTimeProvider(Wednesday29April);
        Honours = new StandInHonours(() => Engine!.WorkingDays);
        Engine = new WorkflowEngine(_store, Honours.Register(new ActivityRegistry()),
            new WorkflowEngineOptions { Calendar = OfficialCalendar.ShippedOnly() }, Clock, [new StandInDirectory()]);
    }

    public FakeTimeProvider Clock { get; }
    public WorkflowEngine Engine { get; }
    public StandInHonours Honours { get; }

    public static async Task<DesignEngine> CreateAsync()
    {
        var engine = new DesignEngine();
        engine.Honours.Prerequisites[CampaignOf(DesignCatalog.NanyueBestWorker)] = "labour-medal";
        await DesignDeployer.DeployAllAsync(engine.Engine);
        return engine;
    }

    /// <summary>Starts a nomination the way the honours API does: one instance per nomination, business key = nomination id.</summary>
    public async Task<Guid> StartAsync(string design, string nominationId, string organisation = DemoSeed.Enterprise1Path,
        string nomineeType = "enterprise-head", IReadOnlyDictionary<string, object?>? extra = null)
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["campaignId"] = CampaignOf(design),
            ["nominationId"] = nominationId,
            ["nomineeType"] = nomineeType,
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, object?>())
        {
            variables[name] = value;
        }

        var view = await Engine.StartAsync(new StartInstanceCommand(design, nominationId, variables) { Actor = Filer, OrganizationPath = organisation });
        return view.Id;
    }

    public static string CampaignOf(string design) => "campaign-2026-" + design;

    public async Task<IReadOnlyList<TaskRecord>> OpenTasksAsync(Guid instanceId) =>
        (await _store.QueryTasksAsync(new TaskQuery { InstanceId = instanceId }))
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.ElementId, StringComparer.Ordinal).ThenBy(Who, StringComparer.Ordinal).ToList();

    public async Task<TaskRecord> SingleTaskAsync(Guid instanceId, string elementId)
    {
        var tasks = (await OpenTasksAsync(instanceId)).Where(t => t.ElementId == elementId).ToList();
        tasks.Should().HaveCount(1, $"one task should be open at '{elementId}'");
        return tasks[0];
    }

    public async Task CompleteAsync(Guid instanceId, string elementId, IReadOnlyDictionary<string, object?>? variables = null) =>
        await Engine.CompleteTaskAsync(new CompleteTaskCommand((await SingleTaskAsync(instanceId, elementId)).Id, variables) { Comment = "已核实（测试意见）" });

    public async Task<InstanceView> InstanceAsync(Guid instanceId) => (await Engine.GetInstanceAsync(instanceId))!;

    public Task<CorrelationResult> ObjectAsync(string nominationId, string objector = "张三") =>
        Engine.CorrelateMessageAsync(new CorrelateMessageCommand("objection", nominationId, new Dictionary<string, object?>
        {
            ["objectorName"] = objector,
            ["objectorContact"] = "13800000000",
            ["objectionContent"] = "事迹材料中的技术成果与实际不符。",
        }));

    /// <summary>The campaign's decision is published: the message every approved nominee's process waits for.</summary>
    public Task<CorrelationResult> PublishDecisionAsync(string campaignId) =>
        Engine.CorrelateMessageAsync(new CorrelateMessageCommand("decisionPublished", campaignId, new Dictionary<string, object?>
        {
            ["decisionId"] = "decision-" + campaignId,
            ["decisionTitle"] = "关于表彰2026年度获得者的决定",
        }));

    public async Task<IReadOnlyList<JobRecord>> TimersAsync(Guid instanceId) =>
        (await _store.GetJobsOfInstanceAsync(instanceId)).Where(j => j.Kind == "timer").OrderBy(j => j.DueAt).ToList();

    /// <summary>
    /// Walks the nomination: writes down every task when it appears (element → assignee or candidate groups),
    /// completes the oldest open task that has an answer left, fires the next timer (moving the clock to it) when no
    /// task is open, publishes the campaign's decision when the nominee waits for it (as the administrators do once
    /// for the whole campaign), and stops at the end of the instance, when <paramref name="stopAt"/> is reached, or when
    /// no task has an answer left. Returns the route.
    /// </summary>
    public async Task<List<string>> DriveAsync(Guid instanceId, Answers answers, string? stopAt = null)
    {
        var route = new List<string>();
        var seen = new HashSet<Guid>();
        for (var step = 0; step < 500; step++)
        {
            var view = await InstanceAsync(instanceId);
            if (view.Status != InstanceStatus.Active)
            {
                route.Add("end " + await EndEventAsync(instanceId, view.DefinitionId));
                return route;
            }

            var tasks = await OpenTasksAsync(instanceId);
            foreach (var task in tasks.Where(t => seen.Add(t.Id)))
            {
                route.Add($"{task.ElementId} → {Who(task)}");
            }

            if (stopAt is not null && view.ActiveElementIds.Contains(stopAt))
            {
                return route;
            }

            var next = tasks.FirstOrDefault(t => answers.Has(t.ElementId));
            if (next is not null)
            {
                await Engine.CompleteTaskAsync(new CompleteTaskCommand(next.Id, answers.Take(next.ElementId)) { Actor = next.Assignee ?? "reviewer", Comment = "已审核（测试意见）" });
                continue;
            }

            if (tasks.Count > 0)
            {
                return route; // waiting for someone the test has not answered for
            }

            var timers = await TimersAsync(instanceId);
            var timer = timers.Count > 0 ? timers[0] : null;
            if (timer is null && view.ActiveElementIds.Contains("decisionPublished"))
            {
                await PublishDecisionAsync((string)view.Variables["campaignId"]!);
                route.Add("message decisionPublished");
                continue;
            }

            if (timer is null)
            {
                return route; // waiting for a message
            }

            if (timer.DueAt > Clock.GetUtcNow())
            {
                Clock.SetUtcNow(timer.DueAt);
            }

            (await Engine.FireJobAsync(timer.Id)).Outcome.Should().Be(JobFireOutcome.Fired);
            route.Add($"timer {timer.ElementId} {Local(timer.DueAt)}");
        }

        throw new InvalidOperationException("The nomination did not settle within 500 steps.");
    }

    /// <summary>A moment in Guangzhou time, <c>2026-05-09 09:00</c>.</summary>
    public static string Local(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private async Task<string> EndEventAsync(Guid instanceId, Guid definitionId)
    {
        var model = await Engine.GetModelAsync(definitionId);
        var history = await _store.GetHistoryAsync(instanceId);
        var end = history.LastOrDefault(h => h.Type == HistoryTypes.ElementCompleted && h.ElementId is { } id && model.GetNode(id).Kind == NodeKind.EndEvent);
        return end?.ElementId ?? "(no end event reached: " + string.Join("; ", history.TakeLast(6).Select(h => $"{h.Type} {h.ElementId} {h.Data}")) + ")";
    }

    private static string Who(TaskRecord task) => task.Assignee ?? string.Join(", ", task.CandidateGroups.Order(StringComparer.Ordinal));

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}

/// <summary>What the driver answers at each task, in order of the visits of that element.</summary>
public sealed class Answers
{
    private readonly Dictionary<string, Queue<IReadOnlyDictionary<string, object?>>> _byElement = new(StringComparer.Ordinal);

    /// <summary>Answers for the successive visits of <paramref name="elementId"/>; each is an anonymous object or a dictionary of variables.</summary>
    public Answers On(string elementId, params object[] visits)
    {
        if (!_byElement.TryGetValue(elementId, out var queue))
        {
            _byElement[elementId] = queue = new Queue<IReadOnlyDictionary<string, object?>>();
        }

        foreach (var visit in visits)
        {
            queue.Enqueue(visit as IReadOnlyDictionary<string, object?>
                ?? visit.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(visit), StringComparer.Ordinal));
        }

        return this;
    }

    /// <summary>The same answer <paramref name="times"/> times.</summary>
    public Answers Repeat(string elementId, object answer, int times) => On(elementId, Enumerable.Repeat(answer, times).ToArray());

    public Answers Without(string elementId)
    {
        _byElement.Remove(elementId);
        return this;
    }

    public bool Has(string elementId) => _byElement.TryGetValue(elementId, out var queue) && queue.Count > 0;

    public IReadOnlyDictionary<string, object?> Take(string elementId) => _byElement[elementId].Dequeue();
}
