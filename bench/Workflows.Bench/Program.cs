using System.Diagnostics;
using System.Globalization;
using Workflows.Engine;
using Workflows.Engine.Persistence;

// The approval-flow bench of the engine foundation issue: start → user task → exclusive gateway on
// `approved` → end, N lifecycles, each command its own committed transaction with history on.
// Usage: dotnet run -c Release --project bench/Workflows.Bench -- [--n 50000] [--store memory|sqlite|postgres|all] [--workers 1] [--pg "Host=..."]
var n = IntArg("--n", 50_000);
var workers = IntArg("--workers", 1);
var which = StringArg("--store", "all");
var pg = StringArg("--pg", Environment.GetEnvironmentVariable("WORKFLOWS_TEST_PG") ?? "");

Console.WriteLine($"Workflows engine bench — approval flow, {n:N0} lifecycles per store, {workers} worker(s), {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine("store      lifecycles/s   commands/s   elapsed    p50 cmd   p99 cmd");
if (which is "memory" or "all")
{
    await RunAsync("in-memory", new WorkflowStoreOptions { Provider = WorkflowStoreProvider.InMemory });
}

if (which is "sqlite" or "all")
{
    var dir = Path.Combine(Path.GetTempPath(), "workflows-bench-" + Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(dir);
    try
    {
        await RunAsync("sqlite", new WorkflowStoreOptions { Provider = WorkflowStoreProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(dir, "bench.db")}" });
    }
    finally
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }
}

if (which is "postgres" && pg.Length > 0)
{
    await RunAsync("postgresql", new WorkflowStoreOptions { Provider = WorkflowStoreProvider.PostgreSql, ConnectionString = pg });
}

Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MB; managed heap now: {GC.GetTotalMemory(false) / 1024 / 1024:N0} MB; gen0/1/2 collections: {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
return;

async Task RunAsync(string label, WorkflowStoreOptions options)
{
    var store = await WorkflowStores.CreateInitializedAsync(options);
    var engine = new WorkflowEngine(store);
    var drafts = await engine.DeployAsync(ApprovalXml);
    await engine.PublishAsync(drafts[0].Id);

    // Warm-up until tiered compilation has optimised the hot path (JIT, caches, SQLite pages).
    await LifecyclesAsync(engine, Math.Min(10_000, n), 1, null);

    var latencies = new List<double>(n * 2);
    var watch = Stopwatch.StartNew();
    await LifecyclesAsync(engine, n, workers, latencies);
    watch.Stop();

    latencies.Sort();
    var perSecond = n / watch.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{label,-10} {perSecond,12:N0} {perSecond * 2,12:N0} {watch.Elapsed.TotalSeconds,8:N2} s {Percentile(latencies, 0.50),7:N3} ms {Percentile(latencies, 0.99),7:N3} ms"));
    if (store is IAsyncDisposable d)
    {
        await d.DisposeAsync();
    }
}

static async Task LifecyclesAsync(WorkflowEngine engine, int count, int workers, List<double>? latencies)
{
    var next = -1;
    var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
    {
        var local = new List<double>();
        var watch = new Stopwatch();
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            watch.Restart();
            var instance = await engine.StartAsync(new StartInstanceCommand("approval", "N-" + i));
            local.Add(watch.Elapsed.TotalMilliseconds);
            var task = (await engine.QueryTasksAsync(new TaskQuery { InstanceId = instance.Id, Take = 1 }))[0];
            watch.Restart();
            var done = await engine.CompleteTaskAsync(new CompleteTaskCommand(task.Id, new Dictionary<string, object?> { ["approved"] = i % 2 == 0 }));
            local.Add(watch.Elapsed.TotalMilliseconds);
            if (done.Status != InstanceStatus.Completed)
            {
                throw new InvalidOperationException($"Lifecycle {i} did not complete: {done.Status}.");
            }
        }

        return local;
    })).ToList();
    foreach (var result in await Task.WhenAll(tasks))
    {
        latencies?.AddRange(result);
    }
}

static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

int IntArg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
string StringArg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

internal static partial class Program
{
    private const string ApprovalXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="urn:bench">
          <process id="approval" isExecutable="true">
            <startEvent id="start" />
            <userTask id="review" name="审核" camunda:candidateGroups="reviewers" />
            <exclusiveGateway id="decision" default="toRejected" />
            <endEvent id="approvedEnd" />
            <endEvent id="rejectedEnd" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="review" />
            <sequenceFlow id="f2" sourceRef="review" targetRef="decision" />
            <sequenceFlow id="toApproved" sourceRef="decision" targetRef="approvedEnd"><conditionExpression xsi:type="tFormalExpression">${approved}</conditionExpression></sequenceFlow>
            <sequenceFlow id="toRejected" sourceRef="decision" targetRef="rejectedEnd" />
          </process>
        </definitions>
        """;
}
