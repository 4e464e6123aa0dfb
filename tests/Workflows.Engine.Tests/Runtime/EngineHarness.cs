using Workflows.Engine.Activities;
using Workflows.Engine.Expressions;
using Workflows.Engine.Persistence;
using Workflows.Engine.Tests.Persistence;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>An engine on a real store (in memory, a SQLite file, or a PostgreSQL database) with test helpers.</summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private readonly IAsyncDisposable? _lease;

    private EngineHarness(WorkflowEngine engine, IAsyncDisposable? lease)
    {
        Engine = engine;
        _lease = lease;
    }

    public WorkflowEngine Engine { get; }
    public IWorkflowStore Store => Engine.Store;

    /// <summary>The stores every runtime test runs against.</summary>
    public static TheoryData<StoreKind> AllStores => [StoreKind.InMemory, StoreKind.Sqlite, StoreKind.PostgreSql];

    public static async Task<EngineHarness> CreateAsync(StoreKind kind, ActivityRegistry? activities = null, WorkflowEngineOptions? options = null, TimeProvider? time = null,
        IEnumerable<IExpressionFunctions>? functions = null)
    {
        var (store, lease) = await TestDatabase.CreateAsync(kind);
        return new EngineHarness(new WorkflowEngine(store, activities ?? TestActivities.Registry(), options, time, functions), lease);
    }

    /// <summary>An engine on a store the test created itself (the caller disposes the store's lease).</summary>
    public static EngineHarness On(IWorkflowStore store, WorkflowEngineOptions? options = null) =>
        new(new WorkflowEngine(store, TestActivities.Registry(), options), null);

    /// <summary>Deploys and publishes a file; returns the published definitions.</summary>
    public async Task<IReadOnlyList<DefinitionRecord>> PublishAsync(string xml)
    {
        var drafts = await Engine.DeployAsync(xml);
        var published = new List<DefinitionRecord>();
        foreach (var draft in drafts)
        {
            published.Add(await Engine.PublishAsync(draft.Id));
        }

        return published;
    }

    /// <summary>
    /// Starts as a trusted caller. The engine sets <c>initiator</c> and <c>initiatorOrg</c> itself, so those given here
    /// become the command's actor and organisation.
    /// </summary>
    public Task<InstanceView> StartAsync(string key, object? variables = null, string? businessKey = null)
    {
        var given = Vars(variables);
        var rest = given?.Where(v => v.Key is not (WorkflowEngine.InitiatorVariable or WorkflowEngine.InitiatorOrgVariable))
            .ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        return Engine.StartAsync(new StartInstanceCommand(key, businessKey, rest)
        {
            Actor = given?.GetValueOrDefault(WorkflowEngine.InitiatorVariable) as string,
            OrganizationPath = given?.GetValueOrDefault(WorkflowEngine.InitiatorOrgVariable) as string,
        });
    }

    public async Task<IReadOnlyList<TaskRecord>> TasksAsync(Guid instanceId) =>
        await Store.QueryTasksAsync(new TaskQuery { InstanceId = instanceId });

    public async Task<TaskRecord> SingleTaskAsync(Guid instanceId, string elementId)
    {
        var tasks = (await TasksAsync(instanceId)).Where(t => t.ElementId == elementId).ToList();
        tasks.Should().HaveCount(1, $"one task should be open at '{elementId}'");
        return tasks[0];
    }

    public Task<InstanceView> CompleteAsync(TaskRecord task, object? variables = null) =>
        Engine.CompleteTaskAsync(new CompleteTaskCommand(task.Id, Vars(variables)));

    public async Task<InstanceView> CompleteAsync(Guid instanceId, string elementId, object? variables = null) =>
        await CompleteAsync(await SingleTaskAsync(instanceId, elementId), variables);

    public Task<CorrelationResult> MessageAsync(string name, string? key, object? variables = null) =>
        Engine.CorrelateMessageAsync(new CorrelateMessageCommand(name, key, Vars(variables)));

    public async Task<InstanceView> InstanceAsync(Guid id) => (await Engine.GetInstanceAsync(id))!;

    public async Task<List<string>> HistoryAsync(Guid id, string type) =>
        (await Store.GetHistoryAsync(id)).Where(h => h.Type == type).Select(h => h.ElementId ?? "").ToList();

    /// <summary>Turns an anonymous object or dictionary into engine variables.</summary>
    public static IReadOnlyDictionary<string, object?>? Vars(object? variables) => variables switch
    {
        null => null,
        IReadOnlyDictionary<string, object?> d => d,
        _ => variables.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(variables)),
    };

    public async ValueTask DisposeAsync()
    {
        if (Store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        if (_lease is not null)
        {
            await _lease.DisposeAsync();
        }
    }
}
