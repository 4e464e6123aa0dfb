using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Workflows.Engine.Persistence.Sql;

/// <summary>
/// PostgreSQL: pooled connections of one <see cref="NpgsqlDataSource"/> (statements are auto-prepared per
/// connection). A commit sends all its statements as one batch (one round trip), then COMMIT.
/// </summary>
internal sealed class PostgresBackend : StoreBackend
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PooledDbContextFactory<PostgresWorkflowDbContext> _contexts;

    public PostgresBackend(string connectionString)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Mentions(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            csb.MaxAutoPrepare = 64;
            csb.AutoPrepareMinUsages = 2;
        }

        if (!Mentions(connectionString, "No Reset On Close", "NoResetOnClose"))
        {
            csb.NoResetOnClose = true; // the store changes no session state
        }

        _dataSource = new NpgsqlDataSourceBuilder(csb.ConnectionString).Build();
        var options = new DbContextOptionsBuilder<PostgresWorkflowDbContext>()
            .UseNpgsql(_dataSource)
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .Options;
        _contexts = new PooledDbContextFactory<PostgresWorkflowDbContext>(options);
    }

    public override SqlDialect Dialect => PostgresDialect.Instance;

    private static bool Mentions(string connectionString, params string[] keywords) =>
        keywords.Any(k => connectionString.Contains(k, StringComparison.OrdinalIgnoreCase));

    public override WorkflowDbContext CreateContext() => _contexts.CreateDbContext();

    public override async Task MigrateAsync(CancellationToken ct)
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync(ct).ConfigureAwait(false);

        // New tables/types: statements auto-prepared before the migration must not be reused.
        _dataSource.Clear();
    }

    public override async Task<T> ReadAsync<T>(Stmt stmt, object[] args, Func<DbDataReader, SqlDialect, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        await using var conn = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = PostgresDialect.Instance.CreateCommand(conn, stmt);
        Bind(cmd, args);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await read(reader, PostgresDialect.Instance, ct).ConfigureAwait(false);
    }

    public override async Task CommitAsync(ChangeSet changes, Func<ChangeSet, Task>? beforeCommit, CancellationToken ct)
    {
        var plan = CommitPlan.Build(changes, PostgresDialect.Instance);
        await using var conn = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        try
        {
            await RunPlanAsync(conn, tx, plan, changes, ct).ConfigureAwait(false);
            if (beforeCommit is not null)
            {
                await beforeCommit(changes).ConfigureAwait(false);
            }

            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await SafeRollbackAsync(tx).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends a commit plan as one batch in <paramref name="tx"/> and checks each statement's outcome.</summary>
    private static async Task RunPlanAsync(NpgsqlConnection conn, NpgsqlTransaction tx, List<PlannedStatement> plan, ChangeSet changes, CancellationToken ct)
    {
        if (plan.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(conn, tx);
        foreach (var s in plan)
        {
            var bc = new NpgsqlBatchCommand(s.Stmt.Sql);
            var ps = s.Stmt.Parameters;
            for (var i = 0; i < ps.Length; i++)
            {
                var p = (NpgsqlParameter)PostgresDialect.Instance.CreateParameter(ps[i].Name, ps[i].Type);
                p.Value = s.Args[i];
                bc.Parameters.Add(p);
            }

            batch.BatchCommands.Add(bc);
        }

        try
        {
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch (PostgresException e) when (changes.Request is not null && PostgresDialect.Instance.IsUniqueViolation(e, "processed_requests"))
        {
            throw new DuplicateRequestException(changes.Request.RequestId, e);
        }

        for (var i = 0; i < plan.Count; i++)
        {
            var s = plan[i];
            if (MustAffectRows(s.Check) && batch.BatchCommands[i].RecordsAffected == 0)
            {
                throw Conflict(s);
            }
        }
    }

    /// <summary>A transaction on a connection of the data source (see <see cref="CommandTransaction"/>).</summary>
    public override async Task<CommandTransaction> BeginTransactionAsync(CancellationToken ct)
    {
        var conn = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
            return new SqlCommandTransaction(
                conn,
                tx,
                (changes, token) => RunPlanAsync(conn, tx, CommitPlan.Build(changes, PostgresDialect.Instance), changes, token),
                async (request, token) =>
                {
                    await using var cmd = PostgresDialect.Instance.CreateCommand(conn, Statements.AnswerRequest);
                    cmd.Transaction = tx;
                    Bind(cmd, [request.ResponseJson, request.Actor, request.RequestId]);
                    await cmd.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                },
                token => tx.CommitAsync(token),
                async () =>
                {
                    await SafeRollbackAsync(tx).ConfigureAwait(false); // after a commit: nothing to roll back

                    await tx.DisposeAsync().ConfigureAwait(false);
                    await conn.DisposeAsync().ConfigureAwait(false);
                });
        }
        catch
        {
            await conn.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override async Task<T> WriteAsync<T>(Func<IStatementRunner, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        await using var conn = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        try
        {
            var result = await work(new Runner(conn, tx), ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
            return result;
        }
        catch
        {
            await SafeRollbackAsync(tx).ConfigureAwait(false);
            throw;
        }
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static async Task SafeRollbackAsync(NpgsqlTransaction tx)
    {
        try
        {
            await tx.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // A broken connection rolls back on the server; nothing was committed.
        }
        catch (InvalidOperationException)
        {
        }
    }

    private sealed class Runner(NpgsqlConnection conn, NpgsqlTransaction tx) : IStatementRunner
    {
        public async Task<int> ExecuteAsync(Stmt stmt, object[] args, CancellationToken ct)
        {
            await using var cmd = PostgresDialect.Instance.CreateCommand(conn, stmt);
            cmd.Transaction = tx;
            Bind(cmd, args);
            return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        public async Task<object?> ScalarAsync(Stmt stmt, object[] args, CancellationToken ct)
        {
            await using var cmd = PostgresDialect.Instance.CreateCommand(conn, stmt);
            cmd.Transaction = tx;
            Bind(cmd, args);
            var value = await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
            return value is DBNull ? null : value;
        }
    }
}
