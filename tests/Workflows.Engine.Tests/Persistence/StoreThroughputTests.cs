using System.Diagnostics;
using Workflows.Engine.Persistence;
using Xunit.Abstractions;
using static Workflows.Engine.Tests.Persistence.TestRecords;

namespace Workflows.Engine.Tests.Persistence;

/// <summary>
/// Commit throughput of the durable stores with the change sets of a typical lifecycle (start: instance +
/// user task with candidates + history; complete: read task and instance, update instance, delete task,
/// history). The engine bench needs ≥ 2,000 commits/s on SQLite; the figures are printed to the test output.
/// </summary>
public sealed class StoreThroughputTests(TestStores stores, ITestOutputHelper output) : IClassFixture<TestStores>
{
    /// <summary>Far below the measured figure: only a collapse (e.g. a lost prepared statement or fsync per commit) fails it.</summary>
    private const double MinimumSqliteCommitsPerSecond = 1_000;

    [Fact]
    public async Task Sqlite_commits_typical_change_sets_fast()
    {
        var store = await stores.CreateStoreAsync(StoreKind.Sqlite);
        await RunLifecyclesAsync(store, 200, workers: 1); // warm-up: JIT, prepared statements, reader pool

        var sequential = await RunLifecyclesAsync(store, 10_000, workers: 1);
        output.WriteLine($"SQLite, 1 worker : {sequential:N0} commits/s (20,000 commits, with GetTask + GetInstance per completion)");
        var parallel = await RunLifecyclesAsync(store, 10_000, workers: 4);
        output.WriteLine($"SQLite, 4 workers: {parallel:N0} commits/s");

        sequential.Should().BeGreaterThan(MinimumSqliteCommitsPerSecond);
        parallel.Should().BeGreaterThan(MinimumSqliteCommitsPerSecond);
    }

    [Fact]
    public async Task Postgres_commits_typical_change_sets()
    {
        var store = await stores.CreateStoreAsync(StoreKind.PostgreSql);
        await RunLifecyclesAsync(store, 100, workers: 1);

        var sequential = await RunLifecyclesAsync(store, 1_000, workers: 1);
        output.WriteLine($"PostgreSQL, 1 worker : {sequential:N0} commits/s");
        var parallel = await RunLifecyclesAsync(store, 2_000, workers: 8);
        output.WriteLine($"PostgreSQL, 8 workers: {parallel:N0} commits/s");
        sequential.Should().BeGreaterThan(50);
    }

    /// <summary>Runs <paramref name="lifecycles"/> start + complete pairs; returns commits per second.</summary>
    private static async Task<double> RunLifecyclesAsync(IWorkflowStore store, int lifecycles, int workers)
    {
        var next = -1;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < lifecycles)
            {
                await LifecycleAsync(store);
            }
        })));
        sw.Stop();
        return lifecycles * 2 / sw.Elapsed.TotalSeconds;
    }

    private static async Task LifecycleAsync(IWorkflowStore store)
    {
        const string State = """{"executions":[{"id":"e1","elementId":"approve","state":"waiting"}],"variables":{"amount":1250,"customer":"ACME Corp","approved":null,"items":[{"sku":"A-1","qty":3},{"sku":"B-7","qty":1}]}}""";
        var instance = Instance(definitionKey: "bench", businessKey: "order-" + Guid.NewGuid().ToString("N")[..10]);
        instance.StateJson = State;
        var task = UserTask(instance, users: ["alice"], groups: ["approvers"]);
        var start = new ChangeSet();
        start.InsertedInstances.Add(instance);
        start.InsertedTasks.Add(task);
        start.History.Add(History(instance, "ProcessStarted"));
        start.History.Add(History(instance, "ElementEntered"));
        start.History.Add(History(instance, "ElementLeft"));
        start.History.Add(History(instance, "TaskCreated"));
        await store.CommitAsync(start);

        var t = await store.GetTaskAsync(task.Id) ?? throw new InvalidOperationException("task missing");
        var i = await store.GetInstanceAsync(t.InstanceId) ?? throw new InvalidOperationException("instance missing");
        var done = Next(i, State.Replace("\"approved\":null", "\"approved\":true", StringComparison.Ordinal));
        done.Status = InstanceStatus.Completed;
        done.EndedAt = At(60);
        var complete = new ChangeSet();
        complete.UpdatedInstances.Add((done, i.Version));
        complete.DeletedTaskIds.Add(t.Id);
        complete.History.Add(History(i, "TaskCompleted"));
        complete.History.Add(History(i, "ElementLeft"));
        complete.History.Add(History(i, "ElementEntered"));
        complete.History.Add(History(i, "ProcessCompleted"));
        await store.CommitAsync(complete);
    }
}
