using Npgsql;
using Workflows.Engine.Persistence;

namespace Workflows.Engine.Tests.Persistence;

// -------------------------------------------------------------------------------------------------------------
// Stores for tests, one database per test class.
//
//   public sealed class MyElementTests(TestStores stores) : IClassFixture<TestStores>
//   {
//       [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]      // or DurableKinds
//       public async Task Something(StoreKind kind)
//       {
//           var store = await stores.CreateStoreAsync(kind);               // optional: beforeCommit hook
//           ...
//       }
//   }
//
// - InMemory: a new, empty store on every call.
// - Sqlite: one SQLite file in a temp directory per fixture (= per test class), migrated once; every call gives a
//   new store object on that file, so tests of one class see each other's rows: use fresh ids/keys.
// - PostgreSql: one fresh database (random name) per fixture on the server of the environment variable
//   WORKFLOWS_TEST_PG (scripts/test.sh starts one), migrated once, dropped when the class is done. Without the
//   variable the PostgreSQL cases FAIL (they are never skipped).
// Stores are disposed by the fixture; tests need not dispose them. CountRowsAsync gives the row count per
// table (for "nothing was written" checks).
// -------------------------------------------------------------------------------------------------------------

/// <summary>Which store a test runs against.</summary>
public enum StoreKind
{
    InMemory,
    Sqlite,
    PostgreSql,
}

/// <summary>Class fixture handing out stores of each <see cref="StoreKind"/>; see the comment at the top of this file.</summary>
public sealed class TestStores : IAsyncLifetime
{
    public const string PgVariable = "WORKFLOWS_TEST_PG";
    public const string MissingPgMessage = "Set WORKFLOWS_TEST_PG (scripts/test.sh starts a PostgreSQL server)";

    private readonly SemaphoreSlim _setup = new(1, 1);
    private readonly Lock _dirGate = new();
    private readonly List<IAsyncDisposable> _stores = [];
    private readonly List<string> _pgDatabases = [];
    private string? _sqliteDir;
    private string? _sqliteConnectionString;
    private string? _pgConnectionString;

    /// <summary>InMemory, Sqlite, PostgreSql.</summary>
    public static TheoryData<StoreKind> AllKinds => new() { StoreKind.InMemory, StoreKind.Sqlite, StoreKind.PostgreSql };

    /// <summary>Sqlite, PostgreSql.</summary>
    public static TheoryData<StoreKind> DurableKinds => new() { StoreKind.Sqlite, StoreKind.PostgreSql };

    /// <summary>The server connection string from <see cref="PgVariable"/>; fails the test when it is not set.</summary>
    public static string PostgresServer
    {
        get
        {
            var cs = Environment.GetEnvironmentVariable(PgVariable);
            if (string.IsNullOrWhiteSpace(cs))
            {
                throw new InvalidOperationException(MissingPgMessage);
            }

            return cs;
        }
    }

    /// <summary>A store of <paramref name="kind"/> on this fixture's database (migrated).</summary>
    public async Task<IWorkflowStore> CreateStoreAsync(StoreKind kind, Func<ChangeSet, Task>? beforeCommit = null)
    {
        var options = await OptionsAsync(kind).ConfigureAwait(false);
        var store = WorkflowStores.Create(options, beforeCommit);
        lock (_stores)
        {
            _stores.Add((IAsyncDisposable)store);
        }

        return store;
    }

    /// <summary>The options of this fixture's (migrated) database of <paramref name="kind"/>.</summary>
    public async Task<WorkflowStoreOptions> OptionsAsync(StoreKind kind)
    {
        if (kind == StoreKind.InMemory)
        {
            return new WorkflowStoreOptions { Provider = WorkflowStoreProvider.InMemory };
        }

        await _setup.WaitAsync().ConfigureAwait(false);
        try
        {
            if (kind == StoreKind.Sqlite)
            {
                if (_sqliteConnectionString is null)
                {
                    _sqliteDir = Directory.CreateTempSubdirectory("workflows-test-").FullName;
                    var cs = $"Data Source={Path.Combine(_sqliteDir, "store.db")}";
                    await MigrateAsync(new WorkflowStoreOptions { Provider = WorkflowStoreProvider.Sqlite, ConnectionString = cs }).ConfigureAwait(false);
                    _sqliteConnectionString = cs;
                }

                return new WorkflowStoreOptions { Provider = WorkflowStoreProvider.Sqlite, ConnectionString = _sqliteConnectionString };
            }

            if (_pgConnectionString is null)
            {
                var cs = await CreatePostgresDatabaseAsync().ConfigureAwait(false);
                await MigrateAsync(new WorkflowStoreOptions { Provider = WorkflowStoreProvider.PostgreSql, ConnectionString = cs }).ConfigureAwait(false);
                _pgConnectionString = cs;
            }

            return new WorkflowStoreOptions { Provider = WorkflowStoreProvider.PostgreSql, ConnectionString = _pgConnectionString };
        }
        finally
        {
            _setup.Release();
        }
    }

    /// <summary>Row count of every table of the store (in-memory: the rows the database would have).</summary>
    public static async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(IWorkflowStore store) => store switch
    {
        InMemoryWorkflowStore m => m.CountRows(),
        EfWorkflowStore ef => await ef.CountRowsAsync().ConfigureAwait(false),
        _ => throw new ArgumentException("Unknown store type.", nameof(store)),
    };

    /// <summary>
    /// Creates an empty PostgreSQL database with a random name (dropped with the fixture); returns its connection string.
    /// <paramref name="options"/> are appended to CREATE DATABASE (e.g. a locale provider).
    /// </summary>
    public async Task<string> CreatePostgresDatabaseAsync(string? options = null)
    {
        var server = new NpgsqlConnectionStringBuilder(PostgresServer);
        var name = "wf_test_" + Guid.NewGuid().ToString("N");
        await using (var conn = new NpgsqlConnection(AdminConnectionString(server)))
        {
            await conn.OpenAsync().ConfigureAwait(false);
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\" {options}", conn);
            await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        lock (_pgDatabases)
        {
            _pgDatabases.Add(name);
        }

        server.Database = name;
        return server.ConnectionString;
    }

    /// <summary>A new empty SQLite file in this fixture's temp directory; returns its connection string.</summary>
    public string CreateSqliteFile()
    {
        lock (_dirGate)
        {
            _sqliteDir ??= Directory.CreateTempSubdirectory("workflows-test-").FullName;
        }

        return $"Data Source={Path.Combine(_sqliteDir, Guid.NewGuid().ToString("N") + ".db")}";
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync().ConfigureAwait(false);
        }

        _stores.Clear();
        if (_pgDatabases.Count > 0)
        {
            var server = new NpgsqlConnectionStringBuilder(PostgresServer);
            await using var conn = new NpgsqlConnection(AdminConnectionString(server));
            await conn.OpenAsync().ConfigureAwait(false);
            foreach (var name in _pgDatabases)
            {
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
                await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
            }

            _pgDatabases.Clear();
        }

        if (_sqliteDir is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_sqliteDir, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the temp directory is cleaned by the OS eventually.
            }
        }

        _setup.Dispose();
    }

    private static async Task MigrateAsync(WorkflowStoreOptions options)
    {
        await using var store = new EfWorkflowStore(options);
        await store.MigrateAsync().ConfigureAwait(false);
    }

    private static string AdminConnectionString(NpgsqlConnectionStringBuilder server)
    {
        var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false };
        return admin.ConnectionString;
    }
}
