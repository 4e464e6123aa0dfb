using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Persistence;
using Workflows.Engine.Time;

namespace Workflows.Activities.Calendar;

/// <summary>
/// The official working-day calendar (国务院节假日安排): a day is a working day when it is a weekday that is not a
/// holiday, or a weekend day declared a working day (调休上班). Give it to the engine as
/// <c>WorkflowEngineOptions.Calendar</c>; <c>P5WD</c> durations, <c>addWorkingDays</c> and
/// <c>workingDaysBetween</c> then count on it.
/// <para>
/// It answers from an immutable snapshot of all known years (one dictionary look-up per day, no lock, no I/O),
/// replaced as a whole by <see cref="ReloadAsync"/>. Until the first reload it knows the years shipped with the
/// product (<see cref="ShippedCalendar"/>); after a reload it knows exactly the years in the database.
/// <see cref="SeedAsync"/> (at start-up) writes the shipped years that the database lacks, then reloads.
/// For a year it does not know it falls back to Monday–Friday; <see cref="IsKnownYear"/> lets callers warn.
/// </para>
/// <para>
/// Several hosts on one database: a year put on one node reaches the others when they reload; call
/// <see cref="ReloadAsync"/> on a timer (a minute is plenty; it reads a few dozen rows).
/// </para>
/// </summary>
public sealed class OfficialCalendar : IWorkingCalendar
{
    private readonly HonoursDatabase? _database;
    private readonly TimeProvider _time;
    private readonly Lock _swapGate = new();
    private volatile CalendarSnapshot _snapshot;
    private long _reloadsStarted;
    private long _appliedReload;

    /// <summary>A calendar kept in <paramref name="database"/>; it starts with the shipped years until <see cref="ReloadAsync"/> or <see cref="SeedAsync"/>.</summary>
    public OfficialCalendar(HonoursDatabase database, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _time = time ?? TimeProvider.System;
        _snapshot = ShippedSnapshot();
    }

    private OfficialCalendar(CalendarSnapshot snapshot)
    {
        _time = TimeProvider.System;
        _snapshot = snapshot;
    }

    /// <summary>A calendar of the shipped years only, without a database (tools, tests, an engine used alone). It cannot seed or reload.</summary>
    public static OfficialCalendar ShippedOnly() => new(ShippedSnapshot());

    /// <summary>The known years, ascending.</summary>
    public IReadOnlyList<int> KnownYears => _snapshot.Years;

    /// <summary>True when a weekday that is not a holiday, or an adjusted working day; Monday–Friday in unknown years.</summary>
    public bool IsWorkingDay(DateOnly date) => _snapshot.IsWorkingDay(date);

    /// <summary>True when the calendar of <paramref name="year"/> is known (its holidays are counted).</summary>
    public bool IsKnownYear(int year) => _snapshot.IsKnownYear(year);

    /// <summary>
    /// Writes every shipped year that the database does not have yet (years an administrator put are never
    /// overwritten), then reloads. Safe on several nodes at once. Returns the years written.
    /// </summary>
    public async Task<IReadOnlyList<int>> SeedAsync(CancellationToken ct = default)
    {
        var database = RequireDatabase();
        var seeded = new List<int>();
        foreach (var input in ShippedCalendar.Years)
        {
            if (await ExistsAsync(database, input.Year, ct).ConfigureAwait(false))
            {
                continue;
            }

            await using var db = database.CreateDbContext();
            db.CalendarYears.Add(CalendarYearValidator.ToEntity(input, _time.GetUtcNow()));
            try
            {
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                seeded.Add(input.Year);
            }
            catch (DbUpdateException)
            {
                // Another node seeded the same year in the meantime: fine. Anything else: report it.
                if (!await ExistsAsync(database, input.Year, ct).ConfigureAwait(false))
                {
                    throw;
                }
            }
        }

        await ReloadAsync(ct).ConfigureAwait(false);
        return seeded;
    }

    /// <summary>Reads every year from the database and replaces the snapshot (callers in flight finish on the old one).</summary>
    public async Task ReloadAsync(CancellationToken ct = default)
    {
        var database = RequireDatabase();
        var ticket = Interlocked.Increment(ref _reloadsStarted);
        List<CalendarYear> years;
        await using (var db = database.CreateDbContext())
        {
            years = await db.CalendarYears.AsNoTracking().AsSplitQuery().ToListAsync(ct).ConfigureAwait(false);
        }

        var snapshot = CalendarSnapshot.Create(years);
        lock (_swapGate)
        {
            // Two reloads at once: the one that started later read newer data, so it wins whatever order they end in.
            if (ticket > _appliedReload)
            {
                _appliedReload = ticket;
                _snapshot = snapshot;
            }
        }
    }

    private static async Task<bool> ExistsAsync(HonoursDatabase database, int year, CancellationToken ct)
    {
        await using var db = database.CreateDbContext();
        return await db.CalendarYears.IgnoreAutoIncludes().AnyAsync(y => y.Year == year, ct).ConfigureAwait(false);
    }

    private HonoursDatabase RequireDatabase() =>
        _database ?? throw new InvalidOperationException("This calendar has no database (OfficialCalendar.ShippedOnly); it cannot seed or reload.");

    private static CalendarSnapshot ShippedSnapshot() =>
        CalendarSnapshot.Create(ShippedCalendar.Years.Select(y => CalendarYearValidator.ToEntity(y, DateTimeOffset.UnixEpoch)));
}
