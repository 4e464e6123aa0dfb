using Microsoft.EntityFrameworkCore;
using Workflows.Engine.Persistence;

namespace Workflows.Engine.Tests.Persistence;

/// <summary>The migrations of each provider build the whole schema on an empty database and match the model.</summary>
public sealed class MigrationTests(TestStores stores) : IClassFixture<TestStores>
{
    [Theory, MemberData(nameof(TestStores.DurableKinds), MemberType = typeof(TestStores))]
    public async Task Migrations_apply_on_an_empty_database(StoreKind kind)
    {
        var options = kind == StoreKind.Sqlite
            ? new WorkflowStoreOptions { Provider = WorkflowStoreProvider.Sqlite, ConnectionString = stores.CreateSqliteFile() }
            : new WorkflowStoreOptions { Provider = WorkflowStoreProvider.PostgreSql, ConnectionString = await stores.CreatePostgresDatabaseAsync() };
        await using var store = new EfWorkflowStore(options);

        await store.MigrateAsync();

        await using (var db = store.CreateDbContext())
        {
            var all = db.Database.GetMigrations().ToList();
            all.Should().NotBeEmpty();
            (await db.Database.GetAppliedMigrationsAsync()).Should().Equal(all);
            (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
            db.Database.HasPendingModelChanges().Should().BeFalse("the migrations of {0} must match the model (dotnet ef migrations add)", kind);
        }

        var counts = await store.CountRowsAsync();
        counts.Keys.Should().BeEquivalentTo(
            ["definitions", "instances", "tasks", "task_candidates", "jobs", "subscriptions", "history_events", "outbox", "processed_requests"]);
        counts.Values.Should().AllSatisfy(v => v.Should().Be(0));

        // Applying again is a no-op, and the store works on the fresh schema.
        await store.MigrateAsync();
        var instance = TestRecords.Instance();
        var c = new ChangeSet();
        c.InsertedInstances.Add(instance);
        await store.CommitAsync(c);
        (await store.GetInstanceAsync(instance.Id)).Should().BeEquivalentTo(instance);
    }

    [Fact]
    public async Task Sqlite_database_uses_the_wal_journal()
    {
        var cs = stores.CreateSqliteFile();
        await using (var store = new EfWorkflowStore(new WorkflowStoreOptions { Provider = WorkflowStoreProvider.Sqlite, ConnectionString = cs }))
        {
            await store.MigrateAsync();
        }

        await using var conn = new Microsoft.Data.Sqlite.SqliteConnection(cs);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        (await cmd.ExecuteScalarAsync()).Should().Be("wal");
    }

    [Fact]
    public void Sqlite_store_refuses_an_in_memory_database()
    {
        var act = () => new EfWorkflowStore(new WorkflowStoreOptions { Provider = WorkflowStoreProvider.Sqlite, ConnectionString = "Data Source=:memory:" });
        act.Should().Throw<ArgumentException>();
    }
}
