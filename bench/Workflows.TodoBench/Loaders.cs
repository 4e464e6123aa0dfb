using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Workflows.TodoBench;

/// <summary>
/// Bulk loads of the generated tasks straight into the store's tables (the schema the engine's migrations created),
/// in the representation the store reads: SQLite upper-case TEXT guids and INTEGER UTC ticks, PostgreSQL uuid and
/// timestamptz. The secondary indexes of tasks and task_candidates are dropped for the load and built afterwards
/// (a sorted build instead of a million random inserts), exactly as the migrations define them.
/// </summary>
internal static class Loaders
{
    private const string TaskColumns = "id, instance_id, execution_id, element_id, name, definition_key, business_key, assignee, form_key, priority, created_at, due_at, organization_path";

    public static void LoadSqlite(string connectionString, Dataset data, Progress progress)
    {
        using var conn = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        conn.Open();
        Exec(conn, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576; PRAGMA temp_store=MEMORY;");
        var indexes = new List<(string Name, string Sql)>();
        using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('tasks', 'task_candidates')";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                indexes.Add((r.GetString(0), r.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            Exec(conn, $"DROP INDEX \"{name}\"");
        }

        using (var tx = conn.BeginTransaction())
        {
            using var task = conn.CreateCommand();
            task.Transaction = tx;
            task.CommandText = $"INSERT INTO tasks ({TaskColumns}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12)";
            var tp = new SqliteParameter[13];
            for (var k = 0; k < tp.Length; k++)
            {
                tp[k] = task.Parameters.Add("@p" + k.ToString(CultureInfo.InvariantCulture), k is 9 or 10 or 11 ? SqliteType.Integer : SqliteType.Text);
            }

            task.Prepare();
            using var cand = conn.CreateCommand();
            cand.Transaction = tx;
            cand.CommandText = "INSERT INTO task_candidates (task_id, kind, \"value\") VALUES (@t, @k, @v)";
            var ct = cand.Parameters.Add("@t", SqliteType.Text);
            var ck = cand.Parameters.Add("@k", SqliteType.Text);
            var cv = cand.Parameters.Add("@v", SqliteType.Text);
            cand.Prepare();

            for (var i = 0; i < data.TaskCount; i++)
            {
                var id = data.Ids[i].ToString().ToUpperInvariant();
                var def = Dataset.DefinitionKey(data.Definition[i]);
                var element = Dataset.ElementId(data.Element[i]);
                tp[0].Value = id;
                tp[1].Value = data.InstanceIds[i].ToString().ToUpperInvariant();
                tp[2].Value = "e1";
                tp[3].Value = element;
                tp[4].Value = Dataset.ElementName(data.Element[i]);
                tp[5].Value = def;
                tp[6].Value = BusinessKey(i);
                tp[7].Value = data.Assignee[i] >= 0 ? data.UserNames[data.Assignee[i]] : DBNull.Value;
                tp[8].Value = "forms/" + def + "/" + element;
                tp[9].Value = (int)data.Priority[i];
                tp[10].Value = data.CreatedTicks[i];
                tp[11].Value = data.DueTicks[i] != 0 ? data.DueTicks[i] : DBNull.Value;
                tp[12].Value = data.Paths[data.PathOf[i]];
                task.ExecuteNonQuery();

                ct.Value = id;
                ck.Value = "user";
                for (var k = data.UserStart[i]; k < data.UserStart[i + 1]; k++)
                {
                    cv.Value = data.UserNames[data.CandidateUsers[k]];
                    cand.ExecuteNonQuery();
                }

                ck.Value = "group";
                for (var k = data.GroupStart[i]; k < data.GroupStart[i + 1]; k++)
                {
                    cv.Value = data.GroupNames[data.CandidateGroups[k]];
                    cand.ExecuteNonQuery();
                }

                progress.Rows(i + 1);
            }

            progress.Phase("commit");
            tx.Commit();
        }

        progress.Phase("indexes");
        foreach (var (_, sql) in indexes)
        {
            Exec(conn, sql);
        }

        progress.Phase("analyze");
        Exec(conn, "ANALYZE; PRAGMA journal_mode=WAL;");
    }

    public static async Task LoadPostgresAsync(string connectionString, Dataset data, Progress progress)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        var indexes = new List<(string Name, string Sql)>();
        await using (var cmd = new NpgsqlCommand(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.tablename IN ('tasks', 'task_candidates') "
            + "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)", conn))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                indexes.Add((r.GetString(0), r.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            await ExecAsync(conn, $"DROP INDEX \"{name}\"");
        }

        using (var tasks = conn.BeginBinaryImport($"COPY tasks ({TaskColumns}) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < data.TaskCount; i++)
            {
                var def = Dataset.DefinitionKey(data.Definition[i]);
                var element = Dataset.ElementId(data.Element[i]);
                tasks.StartRow();
                tasks.Write(data.Ids[i], NpgsqlDbType.Uuid);
                tasks.Write(data.InstanceIds[i], NpgsqlDbType.Uuid);
                tasks.Write("e1", NpgsqlDbType.Text);
                tasks.Write(element, NpgsqlDbType.Text);
                tasks.Write(Dataset.ElementName(data.Element[i]), NpgsqlDbType.Text);
                tasks.Write(def, NpgsqlDbType.Text);
                tasks.Write(BusinessKey(i), NpgsqlDbType.Text);
                if (data.Assignee[i] >= 0)
                {
                    tasks.Write(data.UserNames[data.Assignee[i]], NpgsqlDbType.Text);
                }
                else
                {
                    tasks.WriteNull();
                }

                tasks.Write("forms/" + def + "/" + element, NpgsqlDbType.Text);
                tasks.Write((int)data.Priority[i], NpgsqlDbType.Integer);
                tasks.Write(new DateTime(data.CreatedTicks[i], DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                if (data.DueTicks[i] != 0)
                {
                    tasks.Write(new DateTime(data.DueTicks[i], DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                }
                else
                {
                    tasks.WriteNull();
                }

                tasks.Write(data.Paths[data.PathOf[i]], NpgsqlDbType.Text);
                progress.Rows(i + 1, data.TaskCount * 2);
            }

            tasks.Complete();
        }

        using (var cands = conn.BeginBinaryImport("COPY task_candidates (task_id, kind, \"value\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < data.TaskCount; i++)
            {
                for (var k = data.UserStart[i]; k < data.UserStart[i + 1]; k++)
                {
                    cands.WriteRow(data.Ids[i], "user", data.UserNames[data.CandidateUsers[k]]);
                }

                for (var k = data.GroupStart[i]; k < data.GroupStart[i + 1]; k++)
                {
                    cands.WriteRow(data.Ids[i], "group", data.GroupNames[data.CandidateGroups[k]]);
                }

                progress.Rows(data.TaskCount + i + 1, data.TaskCount * 2);
            }

            cands.Complete();
        }

        progress.Phase("indexes");
        await ExecAsync(conn, "SET maintenance_work_mem = '512MB'");
        foreach (var (_, sql) in indexes)
        {
            await ExecAsync(conn, sql);
        }

        // What autovacuum does on a live database: statistics, and the visibility map for index-only scans.
        progress.Phase("vacuum analyze");
        await ExecAsync(conn, "VACUUM ANALYZE tasks, task_candidates");

        // A vacuum cannot mark pages all-visible while an older snapshot of this database is open (e.g. autovacuum
        // analysing the freshly loaded table): then index-only scans still visit the heap. Vacuum again until done.
        for (var attempt = 0; attempt < 30; attempt++)
        {
            await using var cmd = new NpgsqlCommand(
                "SELECT COALESCE(MIN(relallvisible::float8 / GREATEST(relpages, 1)), 0) FROM pg_class WHERE relname IN ('tasks', 'task_candidates') AND relkind = 'r' AND relnamespace = current_schema()::regnamespace", conn);
            if (Convert.ToDouble(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture) >= 0.99)
            {
                break;
            }

            await Task.Delay(1000);
            await ExecAsync(conn, "VACUUM tasks, task_candidates");
        }
    }

    private static string BusinessKey(int i) => "GH-2026-" + i.ToString("D7", CultureInfo.InvariantCulture);

    private static void Exec(SqliteConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }
}

/// <summary>Load progress on the console: a line per 10 % (or an updating line on a terminal), and phase times.</summary>
internal sealed class Progress(int total)
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly bool _terminal = !Console.IsOutputRedirected;
    private int _lastTenth;
    private long _lastDraw;
    private string _phase = "rows";
    private TimeSpan _phaseStart;

    public TimeSpan Elapsed => _watch.Elapsed;

    public void Rows(int done, int? of = null)
    {
        var all = of ?? total;
        var tenth = (int)(10L * done / all);
        if (_terminal)
        {
            if (done == all || _watch.ElapsedMilliseconds - _lastDraw >= 250)
            {
                _lastDraw = _watch.ElapsedMilliseconds;
                Console.Write(string.Create(CultureInfo.InvariantCulture, $"\r    loading {100.0 * done / all,5:0.0} %  ({_watch.Elapsed.TotalSeconds:0.0} s)   "));
                if (done == all)
                {
                    Console.WriteLine();
                }
            }
        }
        else if (tenth > _lastTenth)
        {
            _lastTenth = tenth;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    loading {10 * tenth,3} %  ({_watch.Elapsed.TotalSeconds:0.0} s)"));
        }
    }

    public void Phase(string name)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {_phase}: {(_watch.Elapsed - _phaseStart).TotalSeconds:0.0} s"));
        _phase = name;
        _phaseStart = _watch.Elapsed;
    }

    public void Done() => Phase("");
}
