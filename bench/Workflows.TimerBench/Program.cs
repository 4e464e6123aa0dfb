using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Npgsql;
using Workflows.Engine;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Host.Tests.Scheduling;

// The timer bench of the scheduling issue: N timers due in the same minute, fired by real host processes (Hangfire).
//
//   dotnet run -c Release --project bench/Workflows.TimerBench -- --timers 10000 --hosts 1 --store sqlite
//   dotnet run -c Release --project bench/Workflows.TimerBench -- --timers 10000 --hosts 2 --store postgres   (WORKFLOWS_TEST_PG or --pg)
//
// Options: --create direct|api   direct (default): the bench creates the instances through the engine, straight into the
//                                 database, before the hosts start; the hosts' reconcilers hand them to Hangfire at start-up
//                                 (the restart path). api: the hosts run first and the instances are started through their
//                                 HTTP API, round robin (the JobsCreated path).
//          --spread S             due times spread evenly over S seconds (default 0: all due in the same second)
//          --lead S               seconds from now to the first due time (default 75 direct, 150 api)
//          --workers W            Hangfire workers per host (default 20)
//          --kill-after S         SIGKILL the last host S seconds after the first due time (postgres, 2+ hosts); prints the
//                                 timers it held then (fetched by its workers) and their lateness
//          --keep                 keep the database
// Prints: fired, duplicates, missing, lateness p50 / p99 / max (TimerFired history time − due time), firing throughput.
var timers = IntArg("--timers", 10_000);
var hosts = IntArg("--hosts", 1);
var storeName = StringArg("--store", "sqlite");
var create = StringArg("--create", "direct");
var spread = DoubleArg("--spread", 0);
var lead = DoubleArg("--lead", create == "api" ? 150 : 75);
var workers = IntArg("--workers", 20);
var keep = args.Contains("--keep");
var killAfter = DoubleArg("--kill-after", double.NaN);
var pgServer = StringArg("--pg", Environment.GetEnvironmentVariable("WORKFLOWS_TEST_PG") ?? "");
if (storeName is not ("sqlite" or "postgres") || create is not ("direct" or "api") || hosts < 1 || timers < 1)
{
    Console.Error.WriteLine("usage: --timers N --hosts 1|2 --store sqlite|postgres [--create direct|api] [--spread S] [--lead S] [--workers W] [--pg CS] [--keep]");
    return 2;
}

if (!double.IsNaN(killAfter) && (storeName != "postgres" || hosts < 2))
{
    Console.Error.WriteLine("--kill-after needs --store postgres and at least 2 hosts (the others take over).");
    return 2;
}

if (storeName == "sqlite" && hosts > 1)
{
    Console.Error.WriteLine("Several hosts need a shared PostgreSQL database: use --store postgres.");
    return 2;
}

var folder = Directory.CreateTempSubdirectory("workflows-timerbench-").FullName;
string? pgDatabase = null;
WorkflowStoreOptions storeOptions;
var hostSettings = new Dictionary<string, string>
{
    ["Workflows:Scheduler:WorkerCount"] = workers.ToString(CultureInfo.InvariantCulture),
    ["Workflows:Scheduler:PollingSeconds"] = "1",
    ["Logging:LogLevel:Workflows.Host.Scheduling"] = "Information",
};
if (storeName == "sqlite")
{
    storeOptions = new WorkflowStoreOptions { Provider = WorkflowStoreProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(folder, "bench.db")}" };
    hostSettings["Workflows:Database:Provider"] = "Sqlite";
    hostSettings["Workflows:Scheduler:Storage"] = "InMemory";
}
else
{
    if (pgServer.Length == 0)
    {
        Console.Error.WriteLine("Set WORKFLOWS_TEST_PG or pass --pg with an Npgsql connection string of a server (a database is created for the run).");
        return 2;
    }

    pgDatabase = "wf_timerbench_" + Guid.NewGuid().ToString("N");
    await AdminAsync($"CREATE DATABASE \"{pgDatabase}\"");
    var builder = new NpgsqlConnectionStringBuilder(pgServer) { Database = pgDatabase };
    builder.Remove("Include Error Detail");
    storeOptions = new WorkflowStoreOptions { Provider = WorkflowStoreProvider.PostgreSql, ConnectionString = builder.ConnectionString };
    hostSettings["Workflows:Database:Provider"] = "PostgreSql";
    hostSettings["Workflows:Scheduler:Storage"] = "PostgreSql";
}

hostSettings["Workflows:Database:ConnectionString"] = storeOptions.ConnectionString;

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Workflows timer bench — {timers:N0} timers, {hosts} host(s), {storeName} + Hangfire {(storeName == "sqlite" ? "InMemory" : "PostgreSql")}, created {create}, "
    + $"due within {spread:0} s, {workers} workers/host, {Environment.ProcessorCount} cores, .NET {Environment.Version}"));

var running = new List<HostProcess>();
var store = await WorkflowStores.CreateInitializedAsync(storeOptions);
try
{
    var engine = new WorkflowEngine(store);
    await engine.PublishAsync((await engine.DeployAsync(TimerXml))[0].Id);

    var first = DateTimeOffset.UtcNow.AddSeconds(lead);
    DateTimeOffset DueOf(int i) => first.AddSeconds(timers == 1 ? 0 : spread * i / (timers - 1));
    var ids = new Guid[timers];
    var watch = Stopwatch.StartNew();
    if (create == "direct")
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, timers), new ParallelOptions { MaxDegreeOfParallelism = storeName == "sqlite" ? 1 : 8 }, async (i, ct) =>
            ids[i] = (await engine.StartAsync(new StartInstanceCommand("timerBench", "B-" + i, Variables(DueOf(i))), ct)).Id);
        Console.WriteLine($"created {timers:N0} timers through the engine in {watch.Elapsed.TotalSeconds:0.0} s");
        await StartHostsAsync();
    }
    else
    {
        await StartHostsAsync();
        watch.Restart();
        await Parallel.ForEachAsync(Enumerable.Range(0, timers), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var host = running[i % running.Count];
            using var response = await host.Client.PostAsJsonAsync("/api/instances", new { definitionKey = "timerBench", businessKey = "B-" + i, variables = Variables(DueOf(i)) }, ct);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<IdOnly>(ct);
            ids[i] = body!.Id;
        });
        Console.WriteLine($"created {timers:N0} timers through the HTTP API of {hosts} host(s) in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    var margin = first - DateTimeOffset.UtcNow;
    Console.WriteLine(margin > TimeSpan.Zero
        ? $"first timer due in {margin.TotalSeconds:0.0} s"
        : $"WARNING: the first timer was due {-margin.TotalSeconds:0.0} s before the hosts were ready (raise --lead); lateness includes that");

    HostProcess? killed = null;
    var held = new HashSet<Guid>();
    if (!double.IsNaN(killAfter))
    {
        var killAt = first.AddSeconds(killAfter);
        if (killAt > DateTimeOffset.UtcNow)
        {
            await Task.Delay(killAt - DateTimeOffset.UtcNow);
        }

        killed = running[^1];
        var pid = killed.ProcessId;
        killed.Kill();
        var killedAt = DateTimeOffset.UtcNow;
        var pending = (await store.GetDueJobsAsync(DateTimeOffset.UtcNow.AddYears(10), timers * 2)).ToDictionary(r => r.Id, r => r.InstanceId);
        await using (var connection = new NpgsqlConnection(storeOptions.ConnectionString))
        {
            // The killed host's claims: rows whose Hangfire job was fetched and is not being processed by another host.
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"""
                SELECT split_part(s.value, ':', 1)
                FROM hangfire.set s
                JOIN hangfire.job j ON j.id = split_part(s.value, ':', 2)::bigint
                JOIN hangfire.jobqueue q ON q.jobid = j.id
                LEFT JOIN hangfire.state st ON st.id = j.stateid
                WHERE s.key = 'workflows:held-jobs' AND q.fetchedat IS NOT NULL
                  AND NOT (j.statename = 'Processing' AND coalesce(st.data::jsonb ->> 'ServerId', '') NOT LIKE '%:{pid}:%')
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (Guid.TryParseExact(reader.GetString(0), "N", out var row) && pending.TryGetValue(row, out var instance))
                {
                    held.Add(instance);
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"killed {killed.Name} (SIGKILL) at {(killedAt - first).TotalSeconds:0.0} s after the first due time: {pending.Count:N0} timers pending, {held.Count} held by its workers"));
    }

    var deadline = DueOf(timers - 1).AddMinutes(5);
    while ((await store.GetDueJobsAsync(DateTimeOffset.UtcNow.AddYears(10), 1)).Count > 0)
    {
        if (DateTimeOffset.UtcNow > deadline || running.Any(h => h != killed && h.HasExited))
        {
            Console.WriteLine("gave up waiting: " + string.Join(Environment.NewLine, running.Select(h => h.Output)));
            break;
        }

        await Task.Delay(250);
    }

    var lateness = new List<double>(timers);
    var heldLateness = new List<double>();
    var fireTimes = new List<DateTimeOffset>(timers);
    int fired = 0, duplicates = 0, missing = 0;
    for (var i = 0; i < timers; i++)
    {
        var events = (await store.GetHistoryAsync(ids[i])).Where(e => e.Type == HistoryTypes.TimerFired).ToList();
        if (events.Count == 0)
        {
            missing++;
            continue;
        }

        fired++;
        duplicates += events.Count - 1;
        foreach (var e in events)
        {
            lateness.Add((e.At - DueOf(i)).TotalSeconds);
            if (held.Contains(ids[i]))
            {
                heldLateness.Add((e.At - DueOf(i)).TotalSeconds);
            }
            fireTimes.Add(e.At);
        }
    }

    lateness.Sort();
    fireTimes.Sort();
    var window = fireTimes.Count > 1 ? (fireTimes[^1] - fireTimes[0]).TotalSeconds : 0;
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fired       {fired:N0} of {timers:N0}   duplicates {duplicates}   missing {missing}"));
    if (lateness.Count > 0)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lateness    p50 {Percentile(lateness, 0.50):0.000} s   p99 {Percentile(lateness, 0.99):0.000} s   max {lateness[^1]:0.000} s   (min {lateness[0]:0.000} s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"throughput  {fireTimes.Count / Math.Max(window, 0.001):N0} fires/s   (first to last fire {window:0.00} s; last fire {(fireTimes[^1] - first).TotalSeconds:0.00} s after the first due time)"));
    }

    if (killed is not null)
    {
        Console.WriteLine(heldLateness.Count == 0
            ? $"killed host's timers: none of the {held.Count} fired"
            : string.Create(CultureInfo.InvariantCulture, $"killed host's timers: {heldLateness.Count} of {held.Count} fired, lateness max {heldLateness.Max():0.000} s"));
    }

    if (pgDatabase is not null)
    {
        await using var connection = new NpgsqlConnection(storeOptions.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT data::jsonb ->> 'ServerId', count(*) FROM hangfire.state WHERE name = 'Processing' GROUP BY 1 ORDER BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Console.WriteLine($"per node    {reader.GetString(0)}: {reader.GetInt64(1):N0} Hangfire jobs run");
        }
    }

    return missing == 0 && duplicates == 0 ? 0 : 1;
}
finally
{
    foreach (var host in running)
    {
        await host.DisposeAsync();
    }

    if (store is IAsyncDisposable disposable)
    {
        await disposable.DisposeAsync();
    }

    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    NpgsqlConnection.ClearAllPools();
    if (pgDatabase is not null && !keep)
    {
        await AdminAsync($"DROP DATABASE IF EXISTS \"{pgDatabase}\" WITH (FORCE)");
    }

    if (!keep)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
    else
    {
        Console.WriteLine($"kept: {folder} {pgDatabase}");
    }
}

async Task StartHostsAsync()
{
    var watch = Stopwatch.StartNew();
    for (var n = 0; n < hosts; n++)
    {
        // One after the other: the first one creates Hangfire's schema.
        var host = HostProcess.Start($"host-{n + 1}", HostProcess.FreePort(), Path.Combine(folder, $"host-{n + 1}"), hostSettings);
        running.Add(host);
        await host.WaitHealthyAsync(TimeSpan.FromSeconds(120));
    }

    Console.WriteLine($"started {hosts} host process(es) in {watch.Elapsed.TotalSeconds:0.0} s");
}

async Task AdminAsync(string sql)
{
    var admin = new NpgsqlConnectionStringBuilder(pgServer) { Database = "postgres", Pooling = false };
    await using var connection = new NpgsqlConnection(admin.ConnectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

static Dictionary<string, object?> Variables(DateTimeOffset due) =>
    new() { ["due"] = due.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) };

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

int IntArg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
double DoubleArg(string name, double fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
string StringArg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

internal sealed record IdOnly(Guid Id);

internal static partial class Program
{
    private const string TimerXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:timerbench">
          <process id="timerBench" isExecutable="true">
            <startEvent id="start" />
            <intermediateCatchEvent id="wait"><timerEventDefinition><timeDate>${due}</timeDate></timerEventDefinition></intermediateCatchEvent>
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
          </process>
        </definitions>
        """;
}
