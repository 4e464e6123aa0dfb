using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Honours;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Privacy;

/// <summary>
/// The retention of personal data (个人信息保存期限) and the upgrade of rows stored before it was sealed.
/// </summary>
public sealed partial class PersonalDataService
{
    /// <summary>The configuration key of the days an objector's name and contact are kept after the notice closes.</summary>
    public const string ObjectionContactDaysSetting = "Workflows:Retention:ObjectionContactDays";

    /// <summary>The default of <see cref="ObjectionContactDaysSetting"/>.</summary>
    public const int DefaultObjectionContactDays = 180;

    /// <summary>The actor of the access log for what the system does itself (erasure).</summary>
    public const string SystemActor = "system";

    /// <summary>
    /// Erases the objector's name and contact (sealed and masked values) of every objection whose notice closed
    /// <paramref name="days"/> or more days ago (the notice's <c>ClosedAt</c>, or the end of its period when it was
    /// never closed) and whose investigation is concluded; an objection still under investigation keeps them until it
    /// is concluded. Each erasure is in the access log. Running again erases nothing more (idempotent).
    /// </summary>
    /// <returns>The number of objections erased.</returns>
    public async Task<int> EraseExpiredObjectorDataAsync(int days, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var now = _time.GetUtcNow();
        var cutoff = now.AddDays(-days);
        await using var db = database.CreateDbContext();
        var notices = await db.PublicNotices.AsNoTracking()
            .Where(n => db.Objections.Any(o => o.NoticeId == n.Id && o.PersonalDataErasedAt == null))
            .Select(n => new { n.Id, n.ClosedAt, n.ClosesAt })
            .ToListAsync(ct).ConfigureAwait(false);
        var expired = notices.Where(n => (n.ClosedAt ?? n.ClosesAt) <= cutoff).Select(n => n.Id).ToList();
        if (expired.Count == 0)
        {
            return 0;
        }

        var objections = await db.Objections
            .Where(o => expired.Contains(o.NoticeId) && o.PersonalDataErasedAt == null && o.State != ObjectionState.Investigating)
            .ToListAsync(ct).ConfigureAwait(false);
        foreach (var objection in objections)
        {
            objection.ObjectorName = "";
            objection.ObjectorContact = "";
            objection.ObjectorNameMasked = "";
            objection.ObjectorContactMasked = "";
            objection.PersonalDataErasedAt = now;
            db.PersonalDataAccess.Add(Entry(SystemActor, PersonalDataAction.Erase, PersonalDataSubject.Objector, objection.Id,
                [ObjectorNameField, ObjectorContactField], $"保存期限 {days} 天已满"));
        }

        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return objections.Count;
    }

    /// <summary>
    /// Seals the objectors' names and contacts still stored in the clear (rows written before they were sealed) and
    /// fills their masked forms, in batches. Idempotent: a sealed value is recognised by its prefix and left alone.
    /// The host runs it at start-up, after the migrations.
    /// </summary>
    /// <returns>The number of objections sealed.</returns>
    public async Task<int> SealClearObjectorDataAsync(CancellationToken ct = default)
    {
        const int batch = 200;
        var sealedCount = 0;
        while (true)
        {
            await using var db = database.CreateDbContext();
            var rows = await db.Objections
                .Where(o => (o.ObjectorName != "" && !o.ObjectorName.StartsWith(PersonalDataProtector.Prefix))
                    || (o.ObjectorContact != "" && !o.ObjectorContact.StartsWith(PersonalDataProtector.Prefix)))
                .OrderBy(o => o.Id).Take(batch).ToListAsync(ct).ConfigureAwait(false);
            foreach (var row in rows)
            {
                if (!PersonalDataProtector.IsSealed(row.ObjectorName))
                {
                    var name = row.ObjectorName.Trim();
                    row.ObjectorNameMasked = row.ByUnit ? name : PersonalDataMask.Name(name);
                    row.ObjectorName = protector.Seal(name);
                }

                if (!PersonalDataProtector.IsSealed(row.ObjectorContact))
                {
                    var contact = row.ObjectorContact.Trim();
                    row.ObjectorContactMasked = PersonalDataMask.Contact(contact);
                    row.ObjectorContact = protector.Seal(contact);
                }
            }

            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            sealedCount += rows.Count;
            if (rows.Count < batch)
            {
                return sealedCount;
            }
        }
    }
}
