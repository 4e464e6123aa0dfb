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
            ["definitions", "instances", "tasks", "task_candidates", "jobs", "subscriptions", "history_events", "outbox", "processed_requests", "task_copies"]);
        counts.Values.Should().AllSatisfy(v => v.Should().Be(0));

        // Applying again is a no-op, and the store works on the fresh schema.
        await store.MigrateAsync();
        var instance = TestRecords.Instance();
        var c = new ChangeSet();
        c.InsertedInstances.Add(instance);
        await store.CommitAsync(c);
        (await store.GetInstanceAsync(instance.Id)).Should().BeEquivalentTo(instance);
    }

    [Theory, MemberData(nameof(TestStores.DurableKinds), MemberType = typeof(TestStores))]
    public async Task Rows_of_the_previous_schema_survive_the_migration_to_scopes_delegation_and_copies(StoreKind kind)
    {
        var options = kind == StoreKind.Sqlite
            ? new WorkflowStoreOptions { Provider = WorkflowStoreProvider.Sqlite, ConnectionString = stores.CreateSqliteFile() }
            : new WorkflowStoreOptions { Provider = WorkflowStoreProvider.PostgreSql, ConnectionString = await stores.CreatePostgresDatabaseAsync() };
        await using var store = new EfWorkflowStore(options);
        var sqlite = kind == StoreKind.Sqlite;
        object G(Guid g) => sqlite ? g.ToString().ToUpperInvariant() : g;
        object T(DateTimeOffset t) => sqlite ? t.UtcTicks : t.ToUniversalTime();
        var instanceId = Guid.NewGuid();
        var definitionId = Guid.NewGuid();
        var taskId = Guid.NewGuid();

        // The schema as it was (up to TodoIndexes), and rows written with its column lists.
        await using (var db = store.CreateDbContext())
        {
            await db.Database.MigrateAsync("TodoIndexes");
            (await db.Database.GetAppliedMigrationsAsync()).Last().Should().EndWith("_TodoIndexes");
            (await db.Database.GetPendingMigrationsAsync()).First().Should().EndWith("_ScopesDelegationCopies");
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO instances (id, definition_id, definition_key, definition_version, business_key, status, state_json, version, parent_instance_id, parent_execution_id, started_by, started_at, ended_at) "
                + "VALUES ({0}, {1}, 'old-process', 2, 'OLD-1', 'Active', '{{}}', 3, NULL, NULL, 'old-applicant', {2}, NULL)",
                G(instanceId), G(definitionId), T(TestRecords.At(0)));
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO tasks (id, instance_id, execution_id, element_id, name, definition_key, business_key, assignee, form_key, priority, created_at, due_at) "
                + "VALUES ({0}, {1}, 'e1', 'review', '审核', 'old-process', 'OLD-1', NULL, 'forms/review', 50, {2}, {3})",
                G(taskId), G(instanceId), T(TestRecords.At(1)), T(TestRecords.At(86_400)));
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO task_candidates (task_id, kind, \"value\") VALUES ({0}, 'group', 'old-reviewer@/gd')", G(taskId));
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO history_events (instance_id, \"at\", \"type\", element_id, element_name, execution_id, task_id, actor, \"comment\", \"data\") "
                + "VALUES ({0}, {1}, 'TaskReturned', 'apply', '申报', 'e1', {2}, 'old-reviewer', '退回补正', NULL)",
                G(instanceId), T(TestRecords.At(2)), G(Guid.NewGuid()));
        }

        await store.MigrateAsync();

        // Old rows read back with the new fields empty: no path, no campaign, never delegated.
        var instance = await store.GetInstanceAsync(instanceId);
        instance.Should().BeEquivalentTo(new { Id = instanceId, DefinitionKey = "old-process", BusinessKey = "OLD-1", Version = 3L, StartedBy = "old-applicant", StartedAt = TestRecords.At(0) });
        instance!.OrganizationPath.Should().BeNull();
        instance.Campaign.Should().BeNull();
        var task = await store.GetTaskAsync(taskId);
        task.Should().BeEquivalentTo(new { ElementId = "review", Name = "审核", CandidateGroups = new[] { "old-reviewer@/gd" }, DueAt = TestRecords.At(86_400) });
        task!.Delegation.Should().Be(DelegationState.None);
        task.Owner.Should().BeNull();
        task.OrganizationPath.Should().BeNull();

        // The new queries see them.
        (await store.QueryTaskPageAsync(new TaskQuery { Handler = new TaskHandler("someone", ["old-reviewer@/gd"]) })).Total.Should().Be(1);
        (await store.CountTasksAsync(new TaskQuery { OrganizationScopes = ["/gd"] })).Should().Be(0, "a row without a path is in no scope");
        (await store.QueryInstancePageAsync(new InstanceQuery { StartedBy = "old-applicant" })).Instances.Single().Id.Should().Be(instanceId);
        var done = await store.QueryDoneTasksAsync(new DoneTaskQuery("old-reviewer"));
        done.Total.Should().Be(1);
        done.Items[0].Should().BeEquivalentTo(new { Action = "TaskReturned", Comment = "退回补正", ElementName = "申报", BusinessKey = "OLD-1", StartedBy = "old-applicant", InstanceStatus = InstanceStatus.Active });
        (await store.QueryCopiesAsync(new CopyQuery("anyone"))).Total.Should().Be(0);

        // And the commit path writes the new columns on them.
        task.Owner = "old-reviewer";
        task.Assignee = "delegate";
        task.Delegation = DelegationState.Pending;
        var c = new ChangeSet();
        c.UpdatedTasks.Add(task);
        c.InsertedCopies.Add(TestRecords.Copy(instance, "reader"));
        await store.CommitAsync(c);
        (await store.GetTaskAsync(taskId)).Should().BeEquivalentTo(task);
        (await store.QueryCopiesAsync(new CopyQuery("reader"))).Items.Single().Should().BeEquivalentTo(c.InsertedCopies[0]);
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
