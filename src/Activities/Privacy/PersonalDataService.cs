using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Honours;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Privacy;

/// <summary>How a request for personal data ended.</summary>
public enum PersonalDataOutcome
{
    /// <summary>Answered in full (and logged).</summary>
    Revealed,

    /// <summary>The record does not exist or is not within the reader's scope.</summary>
    NotFound,

    /// <summary>The reader sees the record, but may not see its personal data in full.</summary>
    Forbidden,

    /// <summary>Nothing to show: erased by retention, or never kept in full (a nominee registered before it was kept).</summary>
    NotKept,
}

/// <summary>The answer to a reveal: the outcome, the fields in full when revealed, and a Chinese sentence otherwise.</summary>
public sealed record PersonalDataReveal(PersonalDataOutcome Outcome, IReadOnlyDictionary<string, string> Fields, string? Problem = null)
{
    internal static PersonalDataReveal Refused(PersonalDataOutcome outcome, string problem) => new(outcome, new Dictionary<string, string>(), problem);
}

/// <summary>An objection as its readers see it: the objector masked (张*, 138****5678) unless revealed.</summary>
public sealed record ObjectionView(
    Guid Id, Guid NoticeId, Guid NominationId, string ObjectorName, string ObjectorContact, bool ByUnit, string Content,
    DateTimeOffset ReceivedAt, ObjectionState State, string? Findings, DateTimeOffset? ConcludedAt, bool Erased, bool MayReveal);

/// <summary>
/// Personal data in full: the reveal of a nominee's identifier and of an objector's name and contact to the roles of
/// <see cref="PersonalDataRules"/>, each written to the access log (<see cref="PersonalDataAccess"/>) in the same
/// transaction as its read; the masked view of an objection; the list of the access log. Thread-safe.
/// </summary>
public sealed partial class PersonalDataService(HonoursDatabase database, PersonalDataProtector protector, TimeProvider? time = null)
{
    /// <summary>The field name of a nominee's identifier in a reveal.</summary>
    public const string IdentifierField = "identifier";

    /// <summary>The field name of an objector's name in a reveal.</summary>
    public const string ObjectorNameField = "objectorName";

    /// <summary>The field name of an objector's contact in a reveal.</summary>
    public const string ObjectorContactField = "objectorContact";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The nominee's identifier of a nomination in full, for the filer, the reviewer of its level or an administrator; logged.</summary>
    public async Task<PersonalDataReveal> RevealNomineeAsync(Guid nominationId, PersonalDataReader reader, string? reason, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        await using var db = database.CreateDbContext();
        var nomination = await db.Nominations.AsNoTracking().Include(n => n.Nominee).FirstOrDefaultAsync(n => n.Id == nominationId, ct).ConfigureAwait(false);
        if (nomination is null || !(reader.CanSee(nomination.FiledByOrganisationPath) || MayRevealNominee(reader, nomination)))
        {
            return PersonalDataReveal.Refused(PersonalDataOutcome.NotFound, "推荐不存在。");
        }

        if (!MayRevealNominee(reader, nomination))
        {
            return PersonalDataReveal.Refused(PersonalDataOutcome.Forbidden, "只有申报人、本级审核人和管理员可以查看完整证件号码。");
        }

        if (nomination.Nominee!.IdentifierSealed is not { Length: > 0 } sealedValue)
        {
            return PersonalDataReveal.Refused(PersonalDataOutcome.NotKept, "该对象在启用加密存储之前登记，系统只保存了脱敏号码；重新提交推荐后可查看完整号码。");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { [IdentifierField] = protector.Open(sealedValue) };
        await LogAsync(db, reader.UserName, PersonalDataAction.Reveal, PersonalDataSubject.Nominee, nominationId, fields.Keys, reason, ct).ConfigureAwait(false);
        return new PersonalDataReveal(PersonalDataOutcome.Revealed, fields);
    }

    /// <summary>The objector's name and contact in full, for the investigators and administrators; logged.</summary>
    public async Task<PersonalDataReveal> RevealObjectorAsync(Guid objectionId, PersonalDataReader reader, string? reason, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        await using var db = database.CreateDbContext();
        if (await FindAsync(db, objectionId, ct).ConfigureAwait(false) is not { } found || !MayReadObjection(reader, found.Notice, found.FiledBy))
        {
            return PersonalDataReveal.Refused(PersonalDataOutcome.NotFound, "异议不存在。");
        }

        var (objection, notice, _) = found;
        if (!MayRevealObjector(reader, notice))
        {
            return PersonalDataReveal.Refused(PersonalDataOutcome.Forbidden, "只有负责调查核实的审核人和管理员可以查看异议人的完整信息。");
        }

        if (objection.PersonalDataErasedAt is not null)
        {
            return PersonalDataReveal.Refused(PersonalDataOutcome.NotKept, $"异议人信息已于 {objection.PersonalDataErasedAt:yyyy-MM-dd} 按保存期限删除。");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ObjectorNameField] = protector.Open(objection.ObjectorName),
            [ObjectorContactField] = protector.Open(objection.ObjectorContact),
        };
        await LogAsync(db, reader.UserName, PersonalDataAction.Reveal, PersonalDataSubject.Objector, objectionId, fields.Keys, reason, ct).ConfigureAwait(false);
        return new PersonalDataReveal(PersonalDataOutcome.Revealed, fields);
    }

    /// <summary>The objection with its objector masked, for those who see the nomination or investigate it; null otherwise.</summary>
    public async Task<ObjectionView?> ObjectionAsync(Guid objectionId, PersonalDataReader reader, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        await using var db = database.CreateDbContext();
        if (await FindAsync(db, objectionId, ct).ConfigureAwait(false) is not { } found || !MayReadObjection(reader, found.Notice, found.FiledBy))
        {
            return null;
        }

        var (o, notice, _) = found;
        return new ObjectionView(o.Id, o.NoticeId, o.NominationId, o.ObjectorNameMasked, o.ObjectorContactMasked, o.ByUnit, o.Content,
            o.ReceivedAt, o.State, o.Findings, o.ConcludedAt, o.PersonalDataErasedAt is not null, MayRevealObjector(reader, notice));
    }

    /// <summary>The objections of a nomination (masked), for those who see the nomination or investigate it.</summary>
    public async Task<IReadOnlyList<ObjectionView>> ObjectionsOfNominationAsync(Guid nominationId, PersonalDataReader reader, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        await using var db = database.CreateDbContext();
        var ids = await db.Objections.AsNoTracking().Where(o => o.NominationId == nominationId).OrderBy(o => o.ReceivedAt).Select(o => o.Id).ToListAsync(ct).ConfigureAwait(false);
        var views = new List<ObjectionView>();
        foreach (var id in ids)
        {
            if (await ObjectionAsync(id, reader, ct).ConfigureAwait(false) is { } view)
            {
                views.Add(view);
            }
        }

        return views;
    }

    /// <summary>
    /// Whether <paramref name="reader"/> may ask for the nominee's identifier of a nomination in full (the page shows
    /// 显示完整信息 then); null when the nomination does not exist or is not within the reader's scope. Not logged: nothing is shown.
    /// </summary>
    public async Task<bool?> MayRevealNomineeAsync(Guid nominationId, PersonalDataReader reader, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        await using var db = database.CreateDbContext();
        var nomination = await db.Nominations.AsNoTracking().FirstOrDefaultAsync(n => n.Id == nominationId, ct).ConfigureAwait(false);
        if (nomination is null || !(reader.CanSee(nomination.FiledByOrganisationPath) || MayRevealNominee(reader, nomination)))
        {
            return null;
        }

        return MayRevealNominee(reader, nomination);
    }

    /// <summary>True when <paramref name="reader"/> may see the nominee identifier of <paramref name="nomination"/> in full.</summary>
    public static bool MayRevealNominee(PersonalDataReader reader, Nomination nomination)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(nomination);
        return reader.IsAdmin
            || (reader.UserId is { Length: > 0 } userId && nomination.FiledByUserId == userId)
            || reader.ReviewsAt(nomination.LevelPath);
    }

    /// <summary>The access log, newest first, optionally of one record; <paramref name="take"/> at most 200.</summary>
    public async Task<(IReadOnlyList<PersonalDataAccess> Items, int Total)> AccessLogAsync(Guid? subjectId, int skip, int take, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var query = db.PersonalDataAccess.AsNoTracking();
        if (subjectId is { } id)
        {
            query = query.Where(a => a.SubjectId == id);
        }

        var total = await query.CountAsync(ct).ConfigureAwait(false);
        var rows = await query.ToListAsync(ct).ConfigureAwait(false); // newest first by time (ticks on SQLite), then id
        var items = rows.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200)).ToList();
        return (items, total);
    }

    private static bool MayReadObjection(PersonalDataReader reader, PublicNotice notice, string filedBy) =>
        reader.IsAdmin || reader.CanSee(filedBy) || MayRevealObjector(reader, notice);

    private static bool MayRevealObjector(PersonalDataReader reader, PublicNotice notice) =>
        reader.IsAdmin || reader.ReviewsAtOrAbove(notice.OrganisationPath);

    private static async Task<(Objection Objection, PublicNotice Notice, string FiledBy)?> FindAsync(HonoursDbContext db, Guid objectionId, CancellationToken ct)
    {
        var objection = await db.Objections.AsNoTracking().FirstOrDefaultAsync(o => o.Id == objectionId, ct).ConfigureAwait(false);
        if (objection is null)
        {
            return null;
        }

        var notice = await db.PublicNotices.AsNoTracking().FirstAsync(n => n.Id == objection.NoticeId, ct).ConfigureAwait(false);
        var filedBy = await db.Nominations.AsNoTracking().Where(n => n.Id == objection.NominationId).Select(n => n.FiledByOrganisationPath).FirstAsync(ct).ConfigureAwait(false);
        return (objection, notice, filedBy);
    }

    private async Task LogAsync(HonoursDbContext db, string actor, PersonalDataAction action, PersonalDataSubject subject, Guid subjectId, IEnumerable<string> fields, string? reason, CancellationToken ct)
    {
        db.PersonalDataAccess.Add(Entry(actor, action, subject, subjectId, fields, reason));
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    private PersonalDataAccess Entry(string actor, PersonalDataAction action, PersonalDataSubject subject, Guid subjectId, IEnumerable<string> fields, string? reason)
    {
        var why = (reason ?? "").Trim();
        return new PersonalDataAccess
        {
            Id = Guid.CreateVersion7(),
            At = _time.GetUtcNow(),
            Actor = actor,
            Action = action,
            Subject = subject,
            SubjectId = subjectId,
            Fields = string.Join(',', fields),
            Reason = why.Length > HonoursLimits.NameLength ? why[..HonoursLimits.NameLength] : why,
        };
    }
}
