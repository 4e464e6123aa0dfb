using Workflows.Engine.Persistence;
using Workflows.Engine.Tests.Persistence;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>A fresh, empty store per test (own SQLite file or PostgreSQL database), dropped by disposing the lease.</summary>
public static class TestDatabase
{
    public static async Task<(IWorkflowStore Store, IAsyncDisposable Lease)> CreateAsync(StoreKind kind, Func<ChangeSet, Task>? beforeCommit = null)
    {
        var fixture = new TestStores();
        var store = await fixture.CreateStoreAsync(kind, beforeCommit);
        return (store, new Lease(fixture));
    }

    /// <summary>Every row count of the store plus every instance row, to prove that nothing changed.</summary>
    public static async Task<object> SnapshotAsync(IWorkflowStore store)
    {
        var counts = await TestStores.CountRowsAsync(store);
        var instances = await store.QueryInstancesAsync(new InstanceQuery { Take = 10_000 });
        return new
        {
            Counts = counts.OrderBy(c => c.Key).ToList(),
            Instances = instances.OrderBy(i => i.Id).Select(i => new { i.Id, i.Status, i.Version, i.StateJson }).ToList(),
        };
    }

    private sealed class Lease(TestStores fixture) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await fixture.DisposeAsync();
    }
}
