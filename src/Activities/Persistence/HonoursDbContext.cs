using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Calendar;
using Workflows.Engine.Persistence;

namespace Workflows.Activities.Persistence;

/// <summary>
/// The EF Core model of the honours domain (organisations, campaigns, nominations …, and the official calendar).
/// It lives in the engine's database but has its own tables (snake_case names) and its own migrations history
/// table, <see cref="MigrationsHistoryTable"/>, so the two schemas evolve independently. Provider specific
/// subclasses (<see cref="SqliteHonoursDbContext"/>, <see cref="PostgresHonoursDbContext"/>) carry the migrations;
/// <see cref="HonoursDatabase"/> creates them.
/// <para>
/// A feature adds its entities with a <see cref="DbSet{TEntity}"/> here and an
/// <see cref="IEntityTypeConfiguration{TEntity}"/> next to the entity (picked up from this assembly); table names
/// are set by the configuration, column, key, foreign key and index names are made snake_case here. Then add a
/// migration for each provider (the commands are at the top of <c>DesignTimeFactories.cs</c>).
/// </para>
/// </summary>
public abstract class HonoursDbContext : DbContext
{
    /// <summary>The table in which EF Core records the applied honours migrations (the engine uses its own).</summary>
    public const string MigrationsHistoryTable = "__honours_migrations";

    protected HonoursDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>The official working-day calendar, one row per year (holidays and adjusted workdays in child tables).</summary>
    public DbSet<CalendarYear> CalendarYears => Set<CalendarYear>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        ConfigureTimestamps(configurationBuilder);
    }

    /// <summary>How <see cref="DateTimeOffset"/> columns are stored by the provider.</summary>
    protected abstract void ConfigureTimestamps(ModelConfigurationBuilder configurationBuilder);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HonoursDbContext).Assembly);
        SnakeCaseNames.Apply(modelBuilder);
    }
}

/// <summary>
/// The SQLite flavour: timestamps are INTEGER columns of UTC ticks (they sort and compare correctly, as in the
/// engine's tables); dates (<see cref="DateOnly"/>) are ISO <c>yyyy-MM-dd</c> text.
/// </summary>
public sealed class SqliteHonoursDbContext(DbContextOptions<SqliteHonoursDbContext> options) : HonoursDbContext(options)
{
    protected override void ConfigureTimestamps(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
}

/// <summary>The PostgreSQL flavour: timestamps are <c>timestamptz</c> (written in UTC), dates are <c>date</c>.</summary>
public sealed class PostgresHonoursDbContext(DbContextOptions<PostgresHonoursDbContext> options) : HonoursDbContext(options)
{
    protected override void ConfigureTimestamps(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ToUtcConverter>();
}
