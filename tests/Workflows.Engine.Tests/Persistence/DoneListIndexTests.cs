using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Workflows.Engine.Persistence;
using Workflows.Engine.Persistence.Sql;
using Workflows.Engine.Runtime;

namespace Workflows.Engine.Tests.Persistence;

/// <summary>
/// The done list (已办) reads a partial index of the history (the events that make a done entry only). A planner
/// uses a partial index only when the query repeats its filter: these tests read the plans of the store's own
/// statements, so that a drift between the filter and the query (a silent scan of the whole history) fails here.
/// </summary>
public sealed class DoneListIndexTests(TestStores stores) : IClassFixture<TestStores>
{
    private const string Index = "ix_history_events_actor_at_id";

    [Fact]
    public void Every_done_action_is_in_the_partial_index()
    {
        // A type added to HistoryTypes.DoneActions needs a migration widening the index filter (DoneListIndex.Types).
        DoneListIndex.Types.Should().Contain(HistoryTypes.DoneActions);
        DoneListIndex.Covers(HistoryTypes.DoneActions).Should().BeTrue();
        DoneListIndex.Covers([HistoryTypes.TaskCompleted, HistoryTypes.Comment]).Should().BeFalse();
    }

    [Theory, MemberData(nameof(TestStores.DurableKinds), MemberType = typeof(TestStores))]
    public async Task The_done_list_is_read_from_the_partial_index(StoreKind kind)
    {
        var plans = new List<string>();
        foreach (var query in new[]
        {
            new DoneTaskQuery("wang"),
            new DoneTaskQuery("wang") { Actions = [HistoryTypes.TaskReturned, HistoryTypes.TaskRejected], Campaign = "medal-2025" },
            new DoneTaskQuery("wang") { InstanceStatus = InstanceStatus.Completed, DefinitionKey = "medal", Skip = 20 },
        })
        {
            plans.Add(await PlanAsync(kind, QueryStatements.Done(query, count: false)!.Value));
            plans.Add(await PlanAsync(kind, QueryStatements.Done(query, count: true)!.Value));
        }

        plans.Should().AllSatisfy(p => p.Should().Contain(Index));

        // Actions outside the index: answered (see DoneAndCopyListTests), by a scan.
        (await PlanAsync(kind, QueryStatements.Done(new DoneTaskQuery("wang") { Actions = [HistoryTypes.Comment] }, count: false)!.Value))
            .Should().NotContain(Index);
    }

    /// <summary>
    /// The plan of a store statement with its arguments, as text. PostgreSQL: the generic plan of the prepared
    /// statement (what the store runs once Npgsql prepares it, where the planner cannot look at the arguments) with
    /// sequential scans discouraged, so that a usable index shows.
    /// </summary>
    private async Task<string> PlanAsync(StoreKind kind, (Stmt Stmt, object[] Args) statement)
    {
        var options = await stores.OptionsAsync(kind);
        await using DbConnection conn = kind == StoreKind.Sqlite ? new SqliteConnection(options.ConnectionString) : new NpgsqlConnection(options.ConnectionString);
        await conn.OpenAsync();
        var names = statement.Stmt.Parameters.Select(p => p.Name).ToArray();
        Stmt explain;
        SqlDialect dialect;
        if (kind == StoreKind.Sqlite)
        {
            dialect = SqliteDialect.Instance;
            explain = new Stmt("EXPLAIN QUERY PLAN " + statement.Stmt.Sql, names);
        }
        else
        {
            dialect = PostgresDialect.Instance;
            var sql = statement.Stmt.Sql;
            var order = names.Select((n, i) => (Name: n, Position: i + 1)).OrderByDescending(x => x.Name.Length);
            foreach (var (name, position) in order)
            {
                sql = sql.Replace("@" + name, "$" + position.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            }

            await using var prepare = conn.CreateCommand();
            var types = statement.Stmt.Parameters.Select(p => p.Type switch
            {
                ColType.Int => "integer",
                ColType.Long => "bigint",
                ColType.Guid => "uuid",
                ColType.Time => "timestamptz",
                _ => "text",
            });
            prepare.CommandText = $"DEALLOCATE ALL; SET enable_seqscan = off; SET plan_cache_mode = force_generic_plan; PREPARE plan_probe ({string.Join(", ", types)}) AS {sql}";
            await prepare.ExecuteNonQueryAsync();
            // EXECUTE takes no protocol parameters: the arguments as literals.
            static string Literal(object value) => value switch
            {
                string text => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'",
                int or long => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
                _ => throw new NotSupportedException(value.GetType().Name),
            };
            explain = new Stmt("EXPLAIN EXECUTE plan_probe(" + string.Join(", ", statement.Args.Select(Literal)) + ")");
            statement = (explain, []);
        }

        await using var cmd = dialect.CreateCommand(conn, explain);
        for (var i = 0; i < statement.Args.Length; i++)
        {
            cmd.Parameters[i].Value = statement.Args[i];
        }

        var lines = new List<string>();
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                lines.Add(Convert.ToString(r.GetValue(r.FieldCount - 1), System.Globalization.CultureInfo.InvariantCulture)!);
            }
        }

        return string.Join('\n', lines);
    }
}
