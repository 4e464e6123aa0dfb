using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Calendar;
using Workflows.Activities.Persistence;
using Workflows.Engine.Persistence;

namespace Workflows.Activities.Tests.Persistence;

/// <summary>The honours tables share the engine's database but keep their own migrations history.</summary>
public sealed class HonoursDatabaseTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task The_honours_migrations_live_next_to_the_engine_in_their_own_history_table(DatabaseKind kind)
    {
        var options = await databases.CreateOptionsAsync(kind);
        var store = (EfWorkflowStore)databases.Track((IAsyncDisposable)await WorkflowStores.CreateInitializedAsync(options));
        var honours = databases.Open(options);

        await honours.MigrateAsync();
        await honours.MigrateAsync(); // a second start changes nothing

        await using var db = honours.CreateDbContext();
        var all = db.Database.GetMigrations().ToList();
        all.Should().NotBeEmpty();
        all[0].Should().EndWith("_Initial");
        (await honours.GetAppliedMigrationsAsync()).Should().Equal(all);
        (await CountAsync(db, "__honours_migrations")).Should().Be(all.Count);

        await using var engine = store.CreateDbContext();
        var engineApplied = (await engine.Database.GetAppliedMigrationsAsync()).ToList();
        engineApplied.Should().NotBeEmpty().And.NotIntersectWith(all);
        (await CountAsync(db, "__EFMigrationsHistory")).Should().Be(engineApplied.Count, "the engine's history holds only the engine's migrations");

        // Both schemas work side by side.
        (await CountAsync(db, "calendar_years")).Should().Be(0);
        (await CountAsync(db, "definitions")).Should().Be(0);
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task The_honours_tables_may_be_created_before_the_engine_s(DatabaseKind kind)
    {
        var options = await databases.CreateOptionsAsync(kind);
        var honours = databases.Open(options);
        await honours.MigrateAsync();

        var store = databases.Track((IAsyncDisposable)await WorkflowStores.CreateInitializedAsync(options));

        store.Should().NotBeNull();
        await using var db = honours.CreateDbContext();
        (await honours.GetAppliedMigrationsAsync()).Should().Equal(db.Database.GetMigrations());
    }

    [Theory, MemberData(nameof(TestDatabases.AllKinds), MemberType = typeof(TestDatabases))]
    public async Task The_model_has_no_changes_missing_from_the_migrations(DatabaseKind kind)
    {
        var honours = await databases.CreateMigratedAsync(kind);
        await using var db = honours.CreateDbContext();

        db.Database.HasPendingModelChanges().Should().BeFalse("every model change needs a migration for both providers (see DesignTimeFactories.cs)");
    }

    [Theory, MemberData(nameof(TestDatabases.AllKinds), MemberType = typeof(TestDatabases))]
    public async Task Tables_and_columns_are_snake_case(DatabaseKind kind)
    {
        var honours = await databases.CreateMigratedAsync(kind);
        await using var db = honours.CreateDbContext();

        var year = db.Model.FindEntityType(typeof(CalendarYear))!;
        year.GetTableName().Should().Be("calendar_years");
        year.FindProperty(nameof(CalendarYear.SourceNote))!.GetColumnName().Should().Be("source_note");
        year.FindPrimaryKey()!.GetName().Should().Be("pk_calendar_years");
        var holiday = db.Model.FindEntityType(typeof(CalendarHoliday))!;
        holiday.GetTableName().Should().Be("calendar_holidays");
        holiday.FindProperty(nameof(CalendarHoliday.FirstDay))!.GetColumnName().Should().Be("first_day");
        holiday.GetForeignKeys().Single().GetConstraintName().Should().Be("fk_calendar_holidays_calendar_years_year");
        db.Model.FindEntityType(typeof(CalendarWorkday))!.GetTableName().Should().Be("calendar_workdays");
    }

    [Fact]
    public async Task The_in_memory_database_lives_as_long_as_its_object_and_is_private_to_it()
    {
        var options = new WorkflowStoreOptions { Provider = WorkflowStoreProvider.InMemory };
        var first = databases.Open(options);
        var second = databases.Open(options);
        await first.MigrateAsync();
        await second.MigrateAsync();

        await new OfficialCalendar(first).SeedAsync();

        first.IsSqlite.Should().BeTrue();
        await using (var db = first.CreateDbContext())
        {
            (await db.CalendarYears.CountAsync()).Should().Be(2, "rows written through one context are seen by the next");
        }

        await using (var db = second.CreateDbContext())
        {
            (await db.CalendarYears.CountAsync()).Should().Be(0, "each in-memory database is its own");
        }
    }

    [Fact]
    public void A_SQLite_connection_string_without_a_file_is_refused()
    {
        var act = () => HonoursDatabase.Create(new WorkflowStoreOptions { Provider = WorkflowStoreProvider.Sqlite, ConnectionString = "Data Source=:memory:" });

        act.Should().Throw<ArgumentException>().WithMessage("The SQLite honours database needs a database file*InMemory provider*");
    }

    private static async Task<int> CountAsync(HonoursDbContext db, string table)
    {
        var sql = "SELECT CAST(COUNT(*) AS INTEGER) AS \"Value\" FROM \"" + table + "\""; // table names of this file only
        return (await db.Database.SqlQueryRaw<int>(sql).ToListAsync()).Single();
    }
}
