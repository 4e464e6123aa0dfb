using Microsoft.Data.Sqlite;
using Workflows.Engine.Persistence;
using Workflows.Engine.Persistence.Sql;
using static Workflows.Engine.Tests.Persistence.TestRecords;

namespace Workflows.Engine.Tests.Persistence;

/// <summary>
/// The SQLite store checkpoints the WAL in the background and, when it grew large, under the write lock. With
/// thresholds of one commit / one page every commit starts a checkpoint that takes the lock: commits, reads and
/// disposal must neither deadlock nor lose anything.
/// </summary>
public sealed class SqliteCheckpointTests(TestStores stores) : IClassFixture<TestStores>
{
    [Fact]
    public async Task Background_checkpoints_keep_every_commit_and_let_the_store_close()
    {
        var cs = stores.CreateSqliteFile();
        var ids = new List<Guid>();
        await using (var store = new EfWorkflowStore(new SqliteBackend(cs, checkpointEveryCommits: 1, walRestartFrames: 1), WorkflowStoreProvider.Sqlite))
        {
            await store.MigrateAsync();
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                for (var n = 0; n < 150; n++)
                {
                    var instance = Instance();
                    var c = new ChangeSet();
                    c.InsertedInstances.Add(instance);
                    c.InsertedTasks.Add(UserTask(instance, groups: ["g"]));
                    c.History.Add(History(instance, "ProcessStarted"));
                    await store.CommitAsync(c);
                    (await store.GetInstanceAsync(instance.Id)).Should().NotBeNull();
                    lock (ids)
                    {
                        ids.Add(instance.Id);
                    }
                }
            })));

            // Migrating again waits for a running checkpoint instead of deadlocking with it.
            await store.MigrateAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        await using var reopened = new EfWorkflowStore(new WorkflowStoreOptions { Provider = WorkflowStoreProvider.Sqlite, ConnectionString = cs });
        (await reopened.CountRowsAsync())["instances"].Should().Be(600);
        foreach (var id in ids.Take(20))
        {
            (await reopened.GetInstanceAsync(id)).Should().NotBeNull();
        }

        await using var conn = new SqliteConnection(cs);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check";
        (await cmd.ExecuteScalarAsync()).Should().Be("ok");
    }
}
