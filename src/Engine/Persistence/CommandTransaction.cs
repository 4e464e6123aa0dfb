using System.Data.Common;

namespace Workflows.Engine.Persistence;

/// <summary>
/// One database transaction that an application use case opens and that engine commands and other data contexts
/// join, so that a use case's own rows and the engine's rows commit together or not at all (a unit of work).
/// <para>
/// Open it with <see cref="WorkflowEngine.InTransactionAsync{T}"/>: while the work runs, the transaction is
/// <see cref="Current"/>, every engine command's commit runs its statements on <see cref="Connection"/> inside
/// <see cref="Transaction"/> without committing, and a context of the caller's own tables joins the same connection
/// and transaction (EF Core: <c>UseSqlite(connection)</c> / <c>UseNpgsql(connection)</c> and
/// <c>Database.UseTransaction(transaction)</c>). A concurrency conflict of an enlisted command rolls everything back and
/// the whole work runs again.
/// </para>
/// <para>
/// SQLite: the transaction is on the store's single writer connection and holds its write lock until it ends
/// (other writers of the process wait; readers go on). PostgreSQL: a connection of the store's data source.
/// In memory (tests): the engine has no tables, so <see cref="Connection"/> is null; the engine's changes are
/// checked and applied only when the transaction commits, right after the callbacks given to
/// <see cref="OnCommit"/> (the participants' own transactions) ran, all under the store's lock — atomic against other
/// commands of the store, but a participant committed before a failure of the engine's apply is not rolled back.
/// </para>
/// </summary>
public abstract class CommandTransaction : IAsyncDisposable
{
    private static readonly AsyncLocal<CommandTransaction?> CurrentSlot = new();
    private readonly List<Action> _onCommit = [];
    private readonly List<Action> _onRollback = [];

    /// <summary>The transaction the running code is in, or null.</summary>
    public static CommandTransaction? Current => CurrentSlot.Value;

    /// <summary>The open connection of the transaction; null when the store keeps no tables (in memory).</summary>
    public abstract DbConnection? Connection { get; }

    /// <summary>The transaction on <see cref="Connection"/>; null in memory.</summary>
    public abstract DbTransaction? Transaction { get; }

    /// <summary>True once committed.</summary>
    public bool Committed { get; private set; }

    /// <summary>Things participants keep for the length of the transaction (a joined context's connection …).</summary>
    public IDictionary<string, object> Items { get; } = new Dictionary<string, object>(StringComparer.Ordinal);

    /// <summary>The store that opened the transaction.</summary>
    internal object? Owner { get; set; }

    /// <summary>Job rows the enlisted commands created, told to the scheduler after the commit.</summary>
    internal List<JobRecord> CreatedJobs { get; } = [];

    /// <summary>
    /// Runs <paramref name="commit"/> when this transaction commits, before the engine's changes are applied (a
    /// participant with its own transaction, used where the engine has no connection to share).
    /// </summary>
    public void OnCommit(Action commit) => _onCommit.Add(commit);

    /// <summary>Runs <paramref name="rollback"/> when this transaction ends without committing.</summary>
    public void OnRollback(Action rollback) => _onRollback.Add(rollback);

    /// <summary>Runs the statements of an engine command's change set inside the transaction (no commit).</summary>
    internal abstract Task EnlistAsync(ChangeSet changes, CancellationToken ct);

    /// <summary>Sets the answer of a request whose row the transaction inserted before (see <see cref="ChangeSet.Request"/>).</summary>
    internal abstract Task AnswerRequestAsync(ProcessedRequest request, CancellationToken ct);

    /// <summary>Commits the transaction.</summary>
    internal async Task CommitAsync(CancellationToken ct)
    {
        await CommitCoreAsync(ct).ConfigureAwait(false);
        Committed = true;
    }

    protected abstract Task CommitCoreAsync(CancellationToken ct);

    /// <summary>Runs the participants' commits (in the order they were added).</summary>
    protected void CommitParticipants()
    {
        foreach (var commit in _onCommit)
        {
            commit();
        }
    }

    /// <summary>Rolls back (unless committed) and releases the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!Committed)
        {
            foreach (var rollback in _onRollback)
            {
                try
                {
                    rollback();
                }
                catch (Exception ex) when (ex is DbException or InvalidOperationException)
                {
                    // Nothing was committed; a broken connection rolls back by itself.
                }
            }
        }

        await DisposeCoreAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    protected abstract ValueTask DisposeCoreAsync();

    /// <summary>Makes <paramref name="transaction"/> current for the calling flow (and what it awaits); null clears it.</summary>
    internal static void SetCurrent(CommandTransaction? transaction) => CurrentSlot.Value = transaction;
}

/// <summary>A store whose commits can join a <see cref="CommandTransaction"/>.</summary>
public interface ITransactionalStore
{
    /// <summary>Opens a transaction of this store (see <see cref="CommandTransaction"/>).</summary>
    Task<CommandTransaction> BeginTransactionAsync(CancellationToken ct = default);
}
