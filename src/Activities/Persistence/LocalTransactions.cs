using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workflows.Activities.Persistence;

/// <summary>
/// A service's own transaction that also works inside a use case's transaction: on its own context a real
/// transaction; on a context that joined a use case's transaction (see <see cref="HonoursDatabase.CreateDbContext"/>) a
/// savepoint, so that the service's rollback undoes only its own changes and its commit leaves the commit to the use case.
/// </summary>
public static class LocalTransactions
{
    public static async Task<LocalTransaction> BeginLocalTransactionAsync(this DbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is { } outer)
        {
            var name = "local_" + Guid.NewGuid().ToString("N");
            await outer.CreateSavepointAsync(name, ct).ConfigureAwait(false);
            return new LocalTransaction(outer, name);
        }

        return new LocalTransaction(await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false), null);
    }
}

/// <summary>A transaction of its own, or a savepoint in the use case's transaction.</summary>
public sealed class LocalTransaction(IDbContextTransaction transaction, string? savepoint) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken ct = default) =>
        savepoint is null ? transaction.CommitAsync(ct) : transaction.ReleaseSavepointAsync(savepoint, ct);

    public Task RollbackAsync(CancellationToken ct = default) =>
        savepoint is null ? transaction.RollbackAsync(ct) : transaction.RollbackToSavepointAsync(savepoint, ct);

    public ValueTask DisposeAsync() => savepoint is null ? transaction.DisposeAsync() : ValueTask.CompletedTask;
}
