namespace Workflows.Engine.Persistence;

/// <summary>
/// Creates the <see cref="IWorkflowStore"/> for a <see cref="WorkflowStoreOptions"/>.
/// <code>
/// var store = WorkflowStores.Create(new WorkflowStoreOptions { Provider = WorkflowStoreProvider.Sqlite, ConnectionString = "Data Source=wf.db" });
/// await WorkflowStores.InitializeAsync(store);   // applies the migrations (no-op in memory)
/// </code>
/// </summary>
public static class WorkflowStores
{
    /// <summary>
    /// A new store. A database store must be initialized (<see cref="InitializeAsync"/>) before use unless its
    /// schema is known to be current. <paramref name="beforeCommit"/> is a test hook: it runs inside every
    /// <see cref="IWorkflowStore.CommitAsync"/> after all writes and before the transaction commits; if it
    /// throws, nothing of the change set is kept and the exception propagates.
    /// </summary>
    public static IWorkflowStore Create(WorkflowStoreOptions options, Func<ChangeSet, Task>? beforeCommit = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider switch
        {
            WorkflowStoreProvider.InMemory => new InMemoryWorkflowStore(beforeCommit),
            WorkflowStoreProvider.Sqlite or WorkflowStoreProvider.PostgreSql => new EfWorkflowStore(options, beforeCommit),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown store provider."),
        };
    }

    /// <summary>Brings the store's schema up to date (applies pending migrations). Does nothing for the in-memory store.</summary>
    public static Task InitializeAsync(IWorkflowStore store, CancellationToken ct = default) => store switch
    {
        EfWorkflowStore ef => ef.MigrateAsync(ct),
        _ => Task.CompletedTask,
    };

    /// <summary><see cref="Create"/> followed by <see cref="InitializeAsync"/>.</summary>
    public static async Task<IWorkflowStore> CreateInitializedAsync(
        WorkflowStoreOptions options, Func<ChangeSet, Task>? beforeCommit = null, CancellationToken ct = default)
    {
        var store = Create(options, beforeCommit);
        try
        {
            await InitializeAsync(store, ct).ConfigureAwait(false);
            return store;
        }
        catch
        {
            if (store is IAsyncDisposable d)
            {
                await d.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }
}
