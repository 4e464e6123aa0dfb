using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Workflows.Engine.Persistence;

namespace Workflows.Host.Identity.SigningKeys;

/// <summary>
/// Where the data-protection keys live: the engine's database (same <see cref="WorkflowStoreOptions"/>), table
/// <see cref="KeysDbContext.TableName"/>. One instance per process; it hands out short-lived contexts.
/// The <see cref="WorkflowStoreProvider.InMemory"/> provider has no database: <see cref="Create"/> answers null and the
/// keys stay with ASP.NET Core's default (a single process that keeps nothing anyway).
/// </summary>
public sealed class KeysDatabase : IAsyncDisposable, IDisposable
{
    private const int SqliteBusyTimeoutSeconds = 30;

    private readonly DbContextOptions<SqliteKeysDbContext>? _sqlite;
    private readonly DbContextOptions<PostgresKeysDbContext>? _postgres;
    private readonly NpgsqlDataSource? _dataSource;

    private KeysDatabase(DbContextOptions<SqliteKeysDbContext>? sqlite, NpgsqlDataSource? dataSource, DbContextOptions<PostgresKeysDbContext>? postgres)
    {
        _sqlite = sqlite;
        _dataSource = dataSource;
        _postgres = postgres;
    }

    /// <summary>The keys database of the engine's store options; null for the in-memory provider.</summary>
    public static KeysDatabase? Create(WorkflowStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Provider)
        {
            case WorkflowStoreProvider.Sqlite:
            {
                var builder = new SqliteConnectionStringBuilder(options.ConnectionString) { Pooling = true };
                if (!options.ConnectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
                {
                    builder.DefaultTimeout = SqliteBusyTimeoutSeconds;
                }

                return new KeysDatabase(SqliteOptions(builder.ToString()), null, null);
            }

            case WorkflowStoreProvider.PostgreSql:
            {
                var dataSource = new NpgsqlDataSourceBuilder(options.ConnectionString).Build();
                return new KeysDatabase(null, dataSource, PostgresOptions(dataSource));
            }

            default:
                return null;
        }
    }

    /// <summary>A new context (dispose it after use). Thread-safe.</summary>
    public KeysDbContext CreateDbContext() =>
        _sqlite is not null ? new SqliteKeysDbContext(_sqlite) : new PostgresKeysDbContext(_postgres!);

    /// <summary>Applies the pending migrations of the keys table. Safe to call at every start, and from several nodes at once.</summary>
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var db = CreateDbContext();
        await db.Database.MigrateAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The number of keys stored (for tests and diagnostics).</summary>
    public async Task<int> CountKeysAsync(CancellationToken ct = default)
    {
        await using var db = CreateDbContext();
        return await db.DataProtectionKeys.CountAsync(ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _dataSource?.Dispose();

    internal static DbContextOptions<SqliteKeysDbContext> SqliteOptions(string connectionString) =>
        new DbContextOptionsBuilder<SqliteKeysDbContext>()
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable(KeysDbContext.MigrationsHistoryTable))
            .Options;

    internal static DbContextOptions<PostgresKeysDbContext> PostgresOptions(NpgsqlDataSource dataSource) =>
        new DbContextOptionsBuilder<PostgresKeysDbContext>()
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable(KeysDbContext.MigrationsHistoryTable))
            .Options;

    internal static DbContextOptions<PostgresKeysDbContext> PostgresOptions(string connectionString) =>
        new DbContextOptionsBuilder<PostgresKeysDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(KeysDbContext.MigrationsHistoryTable))
            .Options;
}
