using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Workflows.Engine.Persistence;
using Workflows.TodoBench;

// The to-do (待办) bench of the human-work issue: N open tasks across U users, then the to-do query of one user (first
// page of 20 + total count) for random users, on SQLite and on PostgreSQL. Goal: p99 under 50 ms.
//
//   dotnet run -c Release --project bench/Workflows.TodoBench -- --tasks 1000000 --users 100000 --store all --queries 2000
//
// Options: --store sqlite|postgres|all   (postgres: a new database on WORKFLOWS_TEST_PG or --pg, dropped at the end)
//          --groups G      groups (roles at organisations), default 5,000
//          --skew S        Zipf exponent of users and groups (heavy users / groups), default 0.7
//          --heavy-members the groups with the most tasks also get the most members (stress case; default: membership
//                          follows a Zipf law over the groups in an independent random order)
//          --order created|due|both   newest first (created_at desc) and/or by due date; default both
//          --page P        page size, default 20
//          --seed N        data and user choice, default 42
//          --scoped        also the to-do within organisation scopes: TaskQuery.OrganizationScopes = the organisations of
//                          the user's groups (each task has the organisation path of an applicant's unit)
//          --keep          keep the databases (prints where they are)
// Load: the rows go straight into the store's tables (SQLite: one transaction of prepared inserts; PostgreSQL: binary
// COPY), the secondary indexes of tasks and task_candidates are built after the rows, then ANALYZE / VACUUM ANALYZE.
// Measured: EfWorkflowStore.QueryTaskPageAsync with TaskQuery.Handler (the user and the user's groups), newest first or
// by due date, Take = page size: the first page and the total in one statement; for comparison, for other random users,
// QueryTasksAsync + CountTasksAsync (two statements). Every answer is checked against the generated data (total and
// the exact page), outside the timed region; a wrong answer makes the exit code 1.
var tasks = IntArg("--tasks", 1_000_000);
var users = IntArg("--users", 100_000);
var groups = IntArg("--groups", 5_000);
var queries = IntArg("--queries", 2_000);
var pageSize = IntArg("--page", 20);
var seed = IntArg("--seed", 42);
var skew = DoubleArg("--skew", 0.7);
var storeArg = StringArg("--store", "all");
var orderArg = StringArg("--order", "both");
var keep = args.Contains("--keep");
var heavyMembers = args.Contains("--heavy-members");
var scoped = args.Contains("--scoped");
var pgServer = StringArg("--pg", Environment.GetEnvironmentVariable("WORKFLOWS_TEST_PG") ?? "");
if (storeArg is not ("sqlite" or "postgres" or "all") || orderArg is not ("created" or "due" or "both") || tasks < 1 || users < 1 || groups < 1 || queries < 1)
{
    Console.Error.WriteLine("usage: --tasks N --users U --store sqlite|postgres|all --queries Q [--groups G] [--skew S] [--order created|due|both] [--page P] [--seed N] [--pg CS] [--keep]");
    return 2;
}

string[] storeNames = storeArg == "all" ? ["sqlite", "postgres"] : [storeArg];
if (storeNames.Contains("postgres") && pgServer.Length == 0)
{
    Console.Error.WriteLine("Set WORKFLOWS_TEST_PG or pass --pg with an Npgsql connection string of a server (a database is created for the run).");
    return 2;
}

TaskOrder[] orders = orderArg switch
{
    "created" => [TaskOrder.CreatedDescending],
    "due" => [TaskOrder.Due],
    _ => [TaskOrder.CreatedDescending, TaskOrder.Due],
};

Console.WriteLine(Inv($"Workflows to-do bench — {tasks:N0} open tasks, {users:N0} users, {groups:N0} groups, skew {skew}{(heavyMembers ? " (heavy members)" : "")}, {queries:N0} queries per order, page of {pageSize}"));
var watch = Stopwatch.StartNew();
var data = new Dataset(tasks, users, groups, skew, heavyMembers, seed);
Describe(data, watch.Elapsed);

var failed = false;
foreach (var storeName in storeNames)
{
    failed |= !await RunStoreAsync(storeName);
}

return failed ? 1 : 0;

async Task<bool> RunStoreAsync(string storeName)
{
    Console.WriteLine();
    Console.WriteLine($"== {storeName}");
    string? folder = null;
    string? pgDatabase = null;
    WorkflowStoreOptions options;
    if (storeName == "sqlite")
    {
        folder = Directory.CreateTempSubdirectory("workflows-todobench-").FullName;
        options = new WorkflowStoreOptions { Provider = WorkflowStoreProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(folder, "todo.db")}" };
    }
    else
    {
        pgDatabase = "wf_todobench_" + Guid.NewGuid().ToString("N");
        await AdminAsync($"CREATE DATABASE \"{pgDatabase}\"");
        var builder = new NpgsqlConnectionStringBuilder(pgServer) { Database = pgDatabase };
        options = new WorkflowStoreOptions { Provider = WorkflowStoreProvider.PostgreSql, ConnectionString = builder.ConnectionString };
    }

    try
    {
        await using (var migrator = new EfWorkflowStore(options))
        {
            await migrator.MigrateAsync();
        }

        var progress = new Progress(data.TaskCount);
        if (storeName == "sqlite")
        {
            Loaders.LoadSqlite(options.ConnectionString, data, progress);
        }
        else
        {
            await Loaders.LoadPostgresAsync(options.ConnectionString, data, progress);
        }

        progress.Done();
        var rows = data.TaskCount + data.CandidateRows;
        Console.WriteLine(Inv($"  loaded {data.TaskCount:N0} tasks + {data.CandidateRows:N0} candidate rows in {progress.Elapsed.TotalSeconds:0.0} s ({rows / progress.Elapsed.TotalSeconds:N0} rows/s, indexes and statistics included)"));
        if (folder is not null)
        {
            var bytes = Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);
            Console.WriteLine(Inv($"  database file {bytes / 1048576.0:N0} MB"));
        }

        await using var store = new EfWorkflowStore(options);
        var ok = true;
        foreach (var order in orders)
        {
            ok &= await MeasureAsync(store, order);
        }

        if (keep)
        {
            Console.WriteLine($"  kept: {options.ConnectionString}");
        }

        return ok;
    }
    finally
    {
        if (!keep)
        {
            if (pgDatabase is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await AdminAsync($"DROP DATABASE IF EXISTS \"{pgDatabase}\" WITH (FORCE)");
            }

            if (folder is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}

async Task<bool> MeasureAsync(EfWorkflowStore store, TaskOrder order)
{
    var rng = new Random(seed + 1 + (int)order);

    // Warm-up: JIT, prepared statements, caches (the first queries of a cold database read from disk).
    var warmUp = Stopwatch.StartNew();
    for (var i = 0; i < Math.Max(200, queries / 10) || warmUp.Elapsed < TimeSpan.FromSeconds(3); i++)
    {
        var q = Query(rng.Next(users), order);
        await store.QueryTaskPageAsync(q);
        await store.QueryTasksAsync(q);
        await store.CountTasksAsync(q);
    }

    // The one-statement page + total, then (for comparison, other random users, so that neither run finds the
    // other's pages in the cache) the page and the count as two calls.
    var combined = new List<double>(queries);
    var separate = new List<double>(queries);
    var pages = new List<double>(queries);
    var counts = new List<double>(queries);
    var sizes = new List<int>(queries);
    long pageRows = 0;
    var errors = 0;
    for (var i = 0; i < queries; i++)
    {
        var u = rng.Next(users);
        var q = Query(u, order);
        var t0 = Stopwatch.GetTimestamp();
        var result = await store.QueryTaskPageAsync(q);
        combined.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        pageRows += result.Tasks.Count;
        sizes.Add(result.Total);
        errors += Check(u, order, result.Tasks, result.Total, errors);
    }

    for (var i = 0; i < queries; i++)
    {
        var u = rng.Next(users);
        var q = Query(u, order);
        var t0 = Stopwatch.GetTimestamp();
        var page = await store.QueryTasksAsync(q);
        var t1 = Stopwatch.GetTimestamp();
        var total = await store.CountTasksAsync(q);
        var t2 = Stopwatch.GetTimestamp();
        pages.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
        counts.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
        separate.Add(Stopwatch.GetElapsedTime(t0, t2).TotalMilliseconds);
        errors += Check(u, order, page, total, errors);
    }

    Console.WriteLine();
    Console.WriteLine(Inv($"  to-do {(order == TaskOrder.Due ? "by due date" : "newest first")}: first page of {pageSize} + total count, {queries:N0} random users (sequential)"));
    Console.WriteLine("    " + Stats("QueryTaskPageAsync (page + total, one statement)", combined));
    Console.WriteLine(Inv($"    avg page size {(double)pageRows / queries:0.0}; to-do size of these users: avg {sizes.Average():N1}, p50 {Percentile(sizes.Order().ToList(), 0.50):N0}, p99 {Percentile(sizes.Order().ToList(), 0.99):N0}, max {sizes.Max():N0}"));
    Console.WriteLine(Percentile(combined.Order().ToList(), 0.99) < 50 ? "    p99 under 50 ms: yes" : "    p99 under 50 ms: NO");
    Console.WriteLine(Inv($"    for comparison, {queries:N0} other random users:"));
    Console.WriteLine("    " + Stats("QueryTasksAsync + CountTasksAsync (two calls)", separate));
    Console.WriteLine("    " + Stats("  QueryTasksAsync (page)", pages));
    Console.WriteLine("    " + Stats("  CountTasksAsync", counts));
    if (scoped)
    {
        errors += await MeasureScopedAsync(store, order, rng);
    }

    if (errors > 0)
    {
        Console.WriteLine(Inv($"    {errors} WRONG answers"));
    }

    return errors == 0;
}

// The to-do within the organisations of the user's groups, for other random users; returns the wrong answers.
async Task<int> MeasureScopedAsync(EfWorkflowStore store, TaskOrder order, Random rng)
{
    var times = new List<double>(queries);
    var sizes = new List<int>(queries);
    var errors = 0;
    for (var i = 0; i < queries; i++)
    {
        var u = rng.Next(users);
        var q = Query(u, order) with { OrganizationScopes = Scopes(u) };
        var t0 = Stopwatch.GetTimestamp();
        var result = await store.QueryTaskPageAsync(q);
        times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        sizes.Add(result.Total);
        errors += Check(u, order, result.Tasks, result.Total, errors, Scopes(u));
    }

    Console.WriteLine(Inv($"    within the organisations of the user's groups, {queries:N0} other random users:"));
    Console.WriteLine("    " + Stats("QueryTaskPageAsync with OrganizationScopes", times));
    Console.WriteLine(Inv($"    to-do size within scope: avg {sizes.Average():N1}, p99 {Percentile(sizes.Order().ToList(), 0.99):N0}, max {sizes.Max():N0}"));
    return errors;
}

string[] Scopes(int user) => [.. data.UserGroups[user].Select(g => Dataset.OrganizationOf(data.GroupNames[g])).Distinct()];

// Checks an answer against the generated data (outside the timed region); 1 when wrong.
int Check(int user, TaskOrder order, IReadOnlyList<TaskRecord> page, int total, int errorsSoFar, string[]? scopes = null)
{
    var expected = data.ToDo(user);
    if (scopes is not null)
    {
        expected.RemoveWhere(k => !OrganizationScope.CoversAny(scopes, data.Paths[data.PathOf[k]]));
    }

    var expectedPage = Sorted(expected, order).Take(pageSize).Select(k => data.Ids[k]);
    if (total == expected.Count && page.Select(t => t.Id).SequenceEqual(expectedPage))
    {
        return 0;
    }

    if (errorsSoFar < 5)
    {
        Console.WriteLine(Inv($"  WRONG answer for {data.UserNames[user]}: total {total} (expected {expected.Count}), page of {page.Count}"));
    }

    return 1;
}

TaskQuery Query(int user, TaskOrder order) => new()
{
    Handler = new TaskHandler(data.UserNames[user], [.. data.UserGroups[user].Select(g => data.GroupNames[g])]),
    OrderBy = order,
    Take = pageSize,
};

IEnumerable<int> Sorted(HashSet<int> set, TaskOrder order) => order == TaskOrder.Due
    ? set.OrderBy(k => data.DueTicks[k] == 0 ? long.MaxValue : data.DueTicks[k]).ThenBy(k => data.CreatedTicks[k]).ThenBy(k => data.Ids[k])
    : set.OrderByDescending(k => data.CreatedTicks[k]).ThenByDescending(k => data.Ids[k]);

static void Describe(Dataset data, TimeSpan elapsed)
{
    var assigned = data.Assignee.Count(a => a >= 0);
    var claimedFromGroup = Enumerable.Range(0, data.TaskCount).Count(i => data.Assignee[i] >= 0 && data.GroupStart[i + 1] > data.GroupStart[i]);
    var withUsers = Enumerable.Range(0, data.TaskCount).Count(i => data.Assignee[i] < 0 && data.UserStart[i + 1] > data.UserStart[i]);
    var withGroups = Enumerable.Range(0, data.TaskCount).Count(i => data.Assignee[i] < 0 && data.GroupStart[i + 1] > data.GroupStart[i]);
    var heaviestGroup = Enumerable.Range(0, data.GroupNames.Length).MaxBy(g => data.ClaimableByGroup[g].Length);
    var heaviestUser = Enumerable.Range(0, data.UserCount).MaxBy(u => data.AssignedTo[u].Length);
    Console.WriteLine(Inv($"  generated in {elapsed.TotalSeconds:0.0} s: assigned {100.0 * assigned / data.TaskCount:0.0} % ({100.0 * claimedFromGroup / Math.Max(1, assigned):0} % of them claimed from a group, candidates kept), candidate users {100.0 * withUsers / data.TaskCount:0.0} %, candidate groups {100.0 * withGroups / data.TaskCount:0.0} %"));
    Console.WriteLine(Inv($"  heaviest group {data.GroupNames[heaviestGroup]}: {data.ClaimableByGroup[heaviestGroup].Length:N0} claimable tasks, {data.GroupMembers[heaviestGroup]:N0} members; heaviest assignee {data.UserNames[heaviestUser]}: {data.AssignedTo[heaviestUser].Length:N0} tasks"));
}

static string Stats(string name, List<double> values)
{
    var sorted = values.Order().ToList();
    return Inv($"{name,-50} p50 {Percentile(sorted, 0.50),7:0.00} ms   p95 {Percentile(sorted, 0.95),7:0.00} ms   p99 {Percentile(sorted, 0.99),7:0.00} ms   max {sorted[^1],7:0.00} ms");
}

static T Percentile<T>(List<T> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

async Task AdminAsync(string sql)
{
    var admin = new NpgsqlConnectionStringBuilder(pgServer) { Database = "postgres", Pooling = false };
    await using var connection = new NpgsqlConnection(admin.ConnectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

int IntArg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
double DoubleArg(string name, double fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
string StringArg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
