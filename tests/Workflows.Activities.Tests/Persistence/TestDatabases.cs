using Microsoft.Data.Sqlite;
using Npgsql;
using Workflows.Activities.Persistence;
using Workflows.Engine.Persistence;

namespace Workflows.Activities.Tests.Persistence;

// -------------------------------------------------------------------------------------------------------------
// Databases for tests: every call gives a NEW, empty database, so tests never see each other's rows.
//
//   public sealed class MyTests(TestDatabases databases) : IClassFixture<TestDatabases>
//   {
//       [Theory, MemberData(nameof(TestDatabases.AllKinds), MemberType = typeof(TestDatabases))]   // or DurableKinds
//       public async Task Something(DatabaseKind kind)
//       {
//           var database = await databases.CreateMigratedAsync(kind);     // HonoursDatabase, honours tables migrated
//           ...
//       }
//   }
//
// - Sqlite: a new file in a temp directory of the fixture.
// - PostgreSql: a new database (random name) on the server of the environment variable WORKFLOWS_TEST_PG
//   (scripts/test.sh starts one), dropped when the class is done. Without the variable the PostgreSQL cases FAIL
//   (they are never skipped).
// - InMemory: the honours database of the InMemory store provider (a private SQLite in-memory database).
// Databases are disposed by the fixture.
// -------------------------------------------------------------------------------------------------------------

/// <summary>Which database a test runs against.</summary>
public enum DatabaseKind
{
    Sqlite,
    PostgreSql,
    InMemory,
}

/// <summary>Class fixture handing out fresh databases; see the comment at the top of this file.</summary>
public sealed class TestDatabases : IAsyncLifetime
{
    public const string PgVariable = "WORKFLOWS_TEST_PG";
    public const string MissingPgMessage = "Set WORKFLOWS_TEST_PG (scripts/test.sh starts a PostgreSQL server)";

    private readonly Lock _gate = new();
    private readonly List<HonoursDatabase> _databases = [];
    private readonly List<IAsyncDisposable> _others = [];
    private readonly List<string> _pgDatabases = [];
    private string? _sqliteDir;

    /// <summary>Sqlite, PostgreSql, InMemory.</summary>
    public static TheoryData<DatabaseKind> AllKinds => new() { DatabaseKind.Sqlite, DatabaseKind.PostgreSql, DatabaseKind.InMemory };

    /// <summary>Sqlite, PostgreSql.</summary>
    public static TheoryData<DatabaseKind> DurableKinds => new() { DatabaseKind.Sqlite, DatabaseKind.PostgreSql };

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

    /// <summary>Store options of a new, empty database of <paramref name="kind"/> (nothing migrated).</summary>
    public async Task<WorkflowStoreOptions> CreateOptionsAsync(DatabaseKind kind) => kind switch
    {
        DatabaseKind.Sqlite => new WorkflowStoreOptions { Provider = WorkflowStoreProvider.Sqlite, ConnectionString = CreateSqliteFile() },
        DatabaseKind.PostgreSql => new WorkflowStoreOptions
        {
            Provider = WorkflowStoreProvider.PostgreSql,
            ConnectionString = await CreatePostgresDatabaseAsync().ConfigureAwait(false),
        },
        _ => new WorkflowStoreOptions { Provider = WorkflowStoreProvider.InMemory },
    };

    /// <summary>A honours database on new options (disposed with the fixture), not migrated.</summary>
    public HonoursDatabase Open(WorkflowStoreOptions options)
    {
        var database = HonoursDatabase.Create(options);
        lock (_gate)
        {
            _databases.Add(database);
        }

        return database;
    }

    /// <summary>A new database of <paramref name="kind"/> with the honours tables (migrated).</summary>
    public async Task<HonoursDatabase> CreateMigratedAsync(DatabaseKind kind)
    {
        var database = Open(await CreateOptionsAsync(kind).ConfigureAwait(false));
        await database.MigrateAsync().ConfigureAwait(false);
        return database;
    }

    /// <summary>Disposes <paramref name="disposable"/> with the fixture (an engine store, say).</summary>
    public T Track<T>(T disposable)
        where T : IAsyncDisposable
    {
        lock (_gate)
        {
            _others.Add(disposable);
        }

        return disposable;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var other in _others)
        {
            await other.DisposeAsync().ConfigureAwait(false);
        }

        if (_pgDatabases.Count > 0)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(AdminConnectionString());
            await conn.OpenAsync().ConfigureAwait(false);
            foreach (var name in _pgDatabases)
            {
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
                await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
        }

        if (_sqliteDir is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_sqliteDir, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the temp directory is cleaned by the OS eventually.
            }
        }
    }

    private string CreateSqliteFile()
    {
        lock (_gate)
        {
            _sqliteDir ??= Directory.CreateTempSubdirectory("workflows-activities-test-").FullName;
            return $"Data Source={Path.Combine(_sqliteDir, Guid.NewGuid().ToString("N") + ".db")}";
        }
    }

    private async Task<string> CreatePostgresDatabaseAsync()
    {
        var name = "wf_act_test_" + Guid.NewGuid().ToString("N");
        await using (var conn = new NpgsqlConnection(AdminConnectionString()))
        {
            await conn.OpenAsync().ConfigureAwait(false);
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        lock (_gate)
        {
            _pgDatabases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString;
    }

    private static string AdminConnectionString() =>
        new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false }.ConnectionString;
}
