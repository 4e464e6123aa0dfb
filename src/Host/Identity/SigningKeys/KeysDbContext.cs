using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Workflows.Host.Identity.SigningKeys;

/// <summary>
/// The data-protection key ring (the keys that sign and encrypt sign-in cookies and bearer tokens) in the engine's
/// database, so that a token issued by one node is accepted by every other node of the same database. A small context
/// of its own, with its own table (<see cref="TableName"/>) and migrations history (<see cref="MigrationsHistoryTable"/>),
/// independent of the engine's and the honours migrations. Provider subclasses carry the migrations;
/// <see cref="KeysDatabase"/> creates them.
/// <para>
/// The keys are stored as ASP.NET Core writes them (XML, not encrypted at rest): whoever can read this table can forge
/// sign-ins, as whoever can write the other tables can change the data. Protect the database accordingly.
/// </para>
/// </summary>
public abstract class KeysDbContext : DbContext, IDataProtectionKeyContext
{
    /// <summary>The table in which EF Core records the applied migrations of this context.</summary>
    public const string MigrationsHistoryTable = "__keys_migrations";

    /// <summary>The table of the keys.</summary>
    public const string TableName = "data_protection_keys";

    protected KeysDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>One row per key (its XML as the data-protection system wrote it).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<DataProtectionKey>(key =>
        {
            key.ToTable(TableName);
            key.HasKey(k => k.Id).HasName("pk_" + TableName);
            key.Property(k => k.Id).HasColumnName("id");
            key.Property(k => k.FriendlyName).HasColumnName("friendly_name");
            key.Property(k => k.Xml).HasColumnName("xml");
        });
    }
}

/// <summary>The SQLite flavour (the embedded default's database file).</summary>
public sealed class SqliteKeysDbContext(DbContextOptions<SqliteKeysDbContext> options) : KeysDbContext(options);

/// <summary>The PostgreSQL flavour (production, several nodes).</summary>
public sealed class PostgresKeysDbContext(DbContextOptions<PostgresKeysDbContext> options) : KeysDbContext(options);
