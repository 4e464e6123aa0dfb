using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Workflows.Engine.Persistence;

namespace Workflows.Activities.Persistence;

/// <summary>
/// The honours domain's database: the engine's database (same <see cref="WorkflowStoreOptions"/>), with the
/// tables of <see cref="HonoursDbContext"/> and their own migrations history (<c>__honours_migrations</c>).
/// One instance per process (a singleton in the host); it hands out short-lived contexts.
/// <code>
/// var database = HonoursDatabase.Create(storeOptions);   // the options the engine's store was made with
/// await database.MigrateAsync();                          // at start-up, after or before the engine's migrations
/// await using var db = database.CreateDbContext();
/// </code>
/// <list type="bullet">
/// <item><see cref="WorkflowStoreProvider.Sqlite"/>: the SQLite file of the connection string (WAL journal, a busy
/// timeout of 30 s unless the connection string sets one), shared with the engine.</item>
/// <item><see cref="WorkflowStoreProvider.PostgreSql"/>: the PostgreSQL database of the connection string.</item>
/// <item><see cref="WorkflowStoreProvider.InMemory"/>: the engine keeps its state in process memory, which has no
/// tables; the domain then uses a private <b>SQLite in-memory database</b> (shared cache, a unique name) that this
/// object keeps alive with one open connection until it is disposed. The schema is the SQLite one (same
/// migrations); nothing survives the process.</item>
/// </list>
/// </summary>
public sealed class HonoursDatabase : IAsyncDisposable, IDisposable
{
    private const int SqliteBusyTimeoutSeconds = 30;

    private readonly DbContextOptions<SqliteHonoursDbContext>? _sqlite;
    private readonly DbContextOptions<PostgresHonoursDbContext>? _postgres;
    private readonly NpgsqlDataSource? _dataSource;
    private readonly SqliteConnection? _keepAlive;
    private readonly bool _sqliteFile;
    private string? _connectionString;

    private HonoursDatabase(WorkflowStoreProvider provider, DbContextOptions<SqliteHonoursDbContext>? sqlite, bool sqliteFile,
        SqliteConnection? keepAlive, NpgsqlDataSource? dataSource, DbContextOptions<PostgresHonoursDbContext>? postgres)
    {
        Provider = provider;
        _sqlite = sqlite;
        _sqliteFile = sqliteFile;
        _keepAlive = keepAlive;
        _dataSource = dataSource;
        _postgres = postgres;
    }

    /// <summary>The provider of the options this database was created with.</summary>
    public WorkflowStoreProvider Provider { get; }

    /// <summary>True when the tables are SQLite ones (a file, or the in-memory database).</summary>
    public bool IsSqlite => _sqlite is not null;

    /// <summary>The honours database for the engine's store options (see the class summary for each provider).</summary>
    /// <exception cref="ArgumentException">A SQLite connection string without a file, or an unknown provider.</exception>
    public static HonoursDatabase Create(WorkflowStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Provider)
        {
            case WorkflowStoreProvider.Sqlite:
            {
                var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
                {
                    throw new ArgumentException(
                        "The SQLite honours database needs a database file (Data Source=path/to/file.db); use the InMemory provider for a database in memory.",
                        nameof(options));
                }

                builder.Pooling = true;
                if (!Mentions(options.ConnectionString, "Default Timeout", "DefaultTimeout", "Command Timeout", "CommandTimeout"))
                {
                    builder.DefaultTimeout = SqliteBusyTimeoutSeconds;
                }

                return new HonoursDatabase(options.Provider, SqliteOptions(builder.ToString()), sqliteFile: true, null, null, null);
            }

            case WorkflowStoreProvider.InMemory:
            {
                var builder = new SqliteConnectionStringBuilder
                {
                    DataSource = "honours-" + Guid.NewGuid().ToString("N"),
                    Mode = SqliteOpenMode.Memory,
                    Cache = SqliteCacheMode.Shared,
                    DefaultTimeout = SqliteBusyTimeoutSeconds,
                };
                var keepAlive = new SqliteConnection(builder.ToString());
                keepAlive.Open();
                return new HonoursDatabase(options.Provider, SqliteOptions(builder.ToString()), sqliteFile: false, keepAlive, null, null)
                {
                    _connectionString = builder.ToString(),
                };
            }

            case WorkflowStoreProvider.PostgreSql:
            {
                var dataSource = new NpgsqlDataSourceBuilder(options.ConnectionString).Build();
                return new HonoursDatabase(options.Provider, null, sqliteFile: false, null, dataSource, PostgresOptions(dataSource));
            }

            default:
                throw new ArgumentException($"Unknown store provider {options.Provider}.", nameof(options));
        }
    }

    /// <summary>
    /// A new context on this database (change tracking on); dispose it after use. Thread-safe. Inside a use case's
    /// <see cref="CommandTransaction"/> (<see cref="CommandTransaction.Current"/>) the context joins it: the same
    /// connection and transaction as the engine's commands, so that its saved changes commit with them (see
    /// <see cref="JoinedContext"/>).
    /// </summary>
    public HonoursDbContext CreateDbContext() =>
        CommandTransaction.Current is { } transaction ? JoinedContext(transaction)
        : _sqlite is not null ? new SqliteHonoursDbContext(_sqlite) : new PostgresHonoursDbContext(_postgres!);

    /// <summary>
    /// A context in <paramref name="transaction"/>: on its connection and transaction when the engine has tables
    /// (SQLite file, PostgreSQL: one database); for the in-memory engine, on a connection of this database's own
    /// with one transaction per unit, committed when the unit commits (just before the engine's changes apply).
    /// </summary>
    private HonoursDbContext JoinedContext(CommandTransaction transaction)
    {
        DbConnection connection;
        DbTransaction dbTransaction;
        if (transaction.Connection is { } shared && transaction.Transaction is { } tx)
        {
            (connection, dbTransaction) = (shared, tx);
        }
        else if (transaction.Items.TryGetValue(ItemKey, out var item) && item is Private own)
        {
            (connection, dbTransaction) = (own.Connection, own.Transaction);
        }
        else
        {
            var conn = new SqliteConnection(_connectionString);
            conn.Open();
            var privateTx = conn.BeginTransaction(deferred: false);
            transaction.Items[ItemKey] = new Private(conn, privateTx);
            transaction.OnCommit(() =>
            {
                privateTx.Commit();
                conn.Dispose();
            });
            transaction.OnRollback(() =>
            {
                privateTx.Dispose();
                conn.Dispose();
            });
            (connection, dbTransaction) = (conn, privateTx);
        }

        HonoursDbContext db = connection is SqliteConnection sqlite
            ? new SqliteHonoursDbContext(new DbContextOptionsBuilder<SqliteHonoursDbContext>()
                .UseSqlite(sqlite, o => o.MigrationsHistoryTable(HonoursDbContext.MigrationsHistoryTable)).Options)
            : new PostgresHonoursDbContext(new DbContextOptionsBuilder<PostgresHonoursDbContext>()
                .UseNpgsql(connection, o => o.MigrationsHistoryTable(HonoursDbContext.MigrationsHistoryTable)).Options);
        db.Database.UseTransaction(dbTransaction);
        return db;
    }

    private const string ItemKey = "honours-database";

    private sealed record Private(SqliteConnection Connection, SqliteTransaction Transaction);

    /// <summary>
    /// Applies the pending honours migrations (creates or updates the domain's tables), then adds the shipped honour
    /// types that are missing (<see cref="Honours.HonourCatalog"/>; types administrators changed are left alone).
    /// Safe to call at every start.
    /// </summary>
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var db = CreateDbContext();
        if (_sqliteFile)
        {
            // Same journal as the engine's store, so that readers never wait for the writer. Persistent in the file.
            await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct).ConfigureAwait(false);
            }
            finally
            {
                await db.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }

        await db.Database.MigrateAsync(ct).ConfigureAwait(false);
        await Honours.HonourCatalog.SeedAsync(this, ct).ConfigureAwait(false);
    }

    /// <summary>The names of the honours migrations applied to the database, oldest first.</summary>
    public async Task<IReadOnlyList<string>> GetAppliedMigrationsAsync(CancellationToken ct = default)
    {
        await using var db = CreateDbContext();
        return [.. await db.Database.GetAppliedMigrationsAsync(ct).ConfigureAwait(false)];
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }

        if (_keepAlive is not null)
        {
            await _keepAlive.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _dataSource?.Dispose();
        _keepAlive?.Dispose();
    }

    /// <summary>Context options for SQLite, with the honours migrations history table (also used at design time).</summary>
    internal static DbContextOptions<SqliteHonoursDbContext> SqliteOptions(string connectionString) =>
        new DbContextOptionsBuilder<SqliteHonoursDbContext>()
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable(HonoursDbContext.MigrationsHistoryTable))
            .Options;

    /// <summary>Context options for PostgreSQL on a data source, with the honours migrations history table.</summary>
    internal static DbContextOptions<PostgresHonoursDbContext> PostgresOptions(NpgsqlDataSource dataSource) =>
        new DbContextOptionsBuilder<PostgresHonoursDbContext>()
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable(HonoursDbContext.MigrationsHistoryTable))
            .Options;

    /// <summary>Context options for PostgreSQL on a connection string (design time).</summary>
    internal static DbContextOptions<PostgresHonoursDbContext> PostgresOptions(string connectionString) =>
        new DbContextOptionsBuilder<PostgresHonoursDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(HonoursDbContext.MigrationsHistoryTable))
            .Options;

    private static bool Mentions(string connectionString, params string[] keywords) =>
        keywords.Any(k => connectionString.Contains(k, StringComparison.OrdinalIgnoreCase));
}
