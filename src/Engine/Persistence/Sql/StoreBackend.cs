using System.Data.Common;

namespace Workflows.Engine.Persistence.Sql;

/// <summary>Runs statements inside one write transaction.</summary>
internal interface IStatementRunner
{
    Task<int> ExecuteAsync(Stmt stmt, object[] args, CancellationToken ct);

    Task<object?> ScalarAsync(Stmt stmt, object[] args, CancellationToken ct);
}

/// <summary>Connection handling, transactions and migrations of one provider.</summary>
internal abstract class StoreBackend : IAsyncDisposable
{
    public abstract SqlDialect Dialect { get; }

    /// <summary>Runs a read statement outside any transaction and maps its rows.</summary>
    public abstract Task<T> ReadAsync<T>(Stmt stmt, object[] args, Func<DbDataReader, SqlDialect, CancellationToken, Task<T>> read, CancellationToken ct);

    /// <summary>Applies a change set in one transaction (see <see cref="CommitPlan"/>).</summary>
    public abstract Task CommitAsync(ChangeSet changes, Func<ChangeSet, Task>? beforeCommit, CancellationToken ct);

    /// <summary>Opens a transaction that enlisted commits and other contexts share (see <see cref="CommandTransaction"/>).</summary>
    public abstract Task<CommandTransaction> BeginTransactionAsync(CancellationToken ct);

    /// <summary>Runs <paramref name="work"/> in one write transaction and commits it.</summary>
    public abstract Task<T> WriteAsync<T>(Func<IStatementRunner, CancellationToken, Task<T>> work, CancellationToken ct);

    /// <summary>A context for no-tracking queries; dispose it after use (it returns to a pool).</summary>
    public abstract WorkflowDbContext CreateContext();

    public abstract Task MigrateAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    protected static void Bind(DbCommand cmd, object[] args)
    {
        var ps = cmd.Parameters;
        for (var i = 0; i < args.Length; i++)
        {
            ps[i].Value = args[i];
        }
    }

    protected static bool MustAffectRows(StmtCheck check) => check is StmtCheck.InstanceVersion or StmtCheck.TaskExists or StmtCheck.JobExists;

    protected static ConcurrencyConflictException Conflict(in PlannedStatement s) => s.Check switch
    {
        StmtCheck.InstanceVersion => new ConcurrencyConflictException(
            $"Instance {s.Subject} was changed or removed by another command (expected version {s.Expected})."),
        StmtCheck.JobExists => new ConcurrencyConflictException($"Job {s.Subject} was fired or removed by another command."),
        _ => new ConcurrencyConflictException($"Task {s.Subject} was completed or removed by another command."),
    };
}

/// <summary>A <see cref="CommandTransaction"/> of a SQL backend, its steps given by the backend.</summary>
internal sealed class SqlCommandTransaction(
    DbConnection connection,
    DbTransaction transaction,
    Func<ChangeSet, CancellationToken, Task> enlist,
    Func<ProcessedRequest, CancellationToken, Task> answer,
    Func<CancellationToken, Task> commit,
    Func<ValueTask> dispose) : CommandTransaction
{
    public override DbConnection Connection => connection;

    public override DbTransaction Transaction => transaction;

    internal override Task EnlistAsync(ChangeSet changes, CancellationToken ct) => changes.IsEmpty ? Task.CompletedTask : enlist(changes, ct);

    internal override Task AnswerRequestAsync(ProcessedRequest request, CancellationToken ct) => answer(request, ct);

    protected override Task CommitCoreAsync(CancellationToken ct)
    {
        CommitParticipants();
        return commit(ct);
    }

    protected override ValueTask DisposeCoreAsync() => dispose();
}
