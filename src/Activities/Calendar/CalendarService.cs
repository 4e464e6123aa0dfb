using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Calendar;

/// <summary>
/// Reads and writes the official calendar for the administration API. <see cref="PutYearAsync"/> lets an
/// administrator add the next year when its notice comes out (usually in November), or correct a year, without a
/// redeploy: the year is validated, stored, and the running <see cref="OfficialCalendar"/> reloads at once.
/// </summary>
public sealed class CalendarService(HonoursDatabase database, OfficialCalendar calendar, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The running calendar that this service reloads after a change.</summary>
    public OfficialCalendar Calendar { get; } = calendar;

    /// <summary>The stored year, or null when the database does not have it.</summary>
    public async Task<CalendarYearDetails?> GetYearAsync(int year, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var found = await db.CalendarYears.AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(y => y.Year == year, ct).ConfigureAwait(false);
        return found is null ? null : CalendarYearDetails.From(found);
    }

    /// <summary>Every stored year, ascending.</summary>
    public async Task<IReadOnlyList<CalendarYearDetails>> ListYearsAsync(CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var years = await db.CalendarYears.AsNoTracking().AsSplitQuery().OrderBy(y => y.Year).ToListAsync(ct).ConfigureAwait(false);
        return [.. years.Select(CalendarYearDetails.From)];
    }

    /// <summary>
    /// Adds the year, or replaces it whole (holidays, adjusted working days and source note) when it is stored
    /// already; then the running calendar reloads. Administrators putting the same year at once: each put is applied
    /// whole, one after the other, and the last one stays.
    /// </summary>
    /// <exception cref="CalendarValidationException">The input has problems (all listed, in Chinese and English); nothing was stored.</exception>
    public async Task<CalendarPutResult> PutYearAsync(CalendarYearInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        CalendarYearValidator.ThrowIfInvalid(input);

        var created = await ReplaceAsync(CalendarYearValidator.ToEntity(input, _time.GetUtcNow()), ct).ConfigureAwait(false);
        await Calendar.ReloadAsync(ct).ConfigureAwait(false);
        var stored = await GetYearAsync(input.Year, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The calendar of {input.Year} was saved but cannot be read back.");
        return new CalendarPutResult(stored, created);
    }

    /// <summary>
    /// Writes the year in one transaction; true when it was not stored before. The year row is inserted if absent
    /// (<c>ON CONFLICT DO NOTHING</c>: of concurrent puts of a new year exactly one inserts it), then updated, which
    /// locks it, so concurrent puts of one year run one after the other (SQLite: the write lock does the same) and the
    /// last one wins whole; then its holidays and adjusted working days are replaced.
    /// </summary>
    private async Task<bool> ReplaceAsync(CalendarYear entity, CancellationToken ct)
    {
        await using var db = database.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var year = entity.Year;
        var note = entity.SourceNote;
        var updatedAt = entity.UpdatedAt;
        object stamp = db is SqliteHonoursDbContext ? updatedAt.UtcTicks : updatedAt.ToUniversalTime();
        var inserted = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO calendar_years (year, source_note, updated_at) VALUES ({year}, {note}, {stamp}) ON CONFLICT (year) DO NOTHING",
            ct).ConfigureAwait(false);
        await db.CalendarYears.Where(y => y.Year == year)
            .ExecuteUpdateAsync(set => set.SetProperty(y => y.SourceNote, note).SetProperty(y => y.UpdatedAt, updatedAt), ct)
            .ConfigureAwait(false);
        await db.Set<CalendarHoliday>().Where(h => h.Year == year).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        await db.Set<CalendarWorkday>().Where(w => w.Year == year).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        db.AddRange(entity.Holidays);
        db.AddRange(entity.AdjustedWorkdays);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return inserted == 1;
    }
}
