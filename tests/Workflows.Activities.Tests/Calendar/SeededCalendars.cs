using Workflows.Activities.Calendar;
using Workflows.Activities.Persistence;
using Workflows.Activities.Tests.Persistence;
using Workflows.Engine.Time;

namespace Workflows.Activities.Tests.Calendar;

/// <summary>Where the calendar of a test comes from.</summary>
public enum CalendarSource
{
    /// <summary>The embedded files, no database.</summary>
    Shipped,

    /// <summary>Seeded into a SQLite file and read back.</summary>
    Sqlite,

    /// <summary>Seeded into a PostgreSQL database and read back.</summary>
    PostgreSql,
}

/// <summary>
/// Class fixture: the official calendar as the product starts with it, once per source (seeded on first use and
/// shared by the tests of the class, which only read it).
/// </summary>
public sealed class SeededCalendars : IAsyncLifetime
{
    private readonly TestDatabases _databases = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<CalendarSource, OfficialCalendar> _calendars = [];

    public static TheoryData<CalendarSource> Sources => new() { CalendarSource.Shipped, CalendarSource.Sqlite, CalendarSource.PostgreSql };

    /// <summary>Working-day arithmetic in China Standard Time on the calendar of <paramref name="source"/>.</summary>
    public async Task<WorkingDays> WorkingDaysAsync(CalendarSource source) =>
        new(await CalendarAsync(source), WorkingDays.ChinaStandardTime);

    public async Task<OfficialCalendar> CalendarAsync(CalendarSource source)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_calendars.TryGetValue(source, out var calendar))
            {
                if (source == CalendarSource.Shipped)
                {
                    calendar = OfficialCalendar.ShippedOnly();
                }
                else
                {
                    HonoursDatabase database = await _databases.CreateMigratedAsync(
                        source == CalendarSource.Sqlite ? DatabaseKind.Sqlite : DatabaseKind.PostgreSql);
                    calendar = new OfficialCalendar(database);
                    await calendar.SeedAsync();
                }

                _calendars[source] = calendar;
            }

            return calendar;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _databases.DisposeAsync();
        _gate.Dispose();
    }
}
