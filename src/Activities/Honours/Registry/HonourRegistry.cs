using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Honours.Registry;

/// <summary>A record to enter by hand (a past award, or one made outside the system), with its certificate number.</summary>
public sealed record HonourRecordInput
{
    public required Guid NomineeId { get; init; }

    public required string HonourTypeCode { get; init; }

    public required int Year { get; init; }

    public required string CertificateNumber { get; init; }

    public required DateOnly AwardedOn { get; init; }

    public required string RegisteredBy { get; init; }

    public Guid? CampaignId { get; init; }
}

/// <summary>What <see cref="HonourRegistry.RegisterCampaignAsync"/> did: the records of the honoured (new and already there).</summary>
public sealed record RegistrationResult(IReadOnlyList<HonourRecord> Records, int Added);

/// <summary>
/// The honours registry (荣誉库): registers the honoured of a published campaign with certificate numbers
/// (<c>{prefix}-{year}-{0001}</c>, unique), enters past awards by hand, revokes (撤销) with a reason, and answers who
/// holds what. Registering a campaign again adds only what is missing (a nominee holds an honour type once a year), so
/// a process step that runs twice does not double the registry. Thread-safe.
/// </summary>
public sealed class HonourRegistry(HonoursDatabase database, TimeProvider? time = null)
{
    private const int NumberAttempts = 5;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>
    /// Registers the campaign's published nominations (or the chosen ones among them) awarded on <paramref name="awardedOn"/>.
    /// </summary>
    /// <exception cref="HonoursException">Unknown campaign, a campaign without a published decision, or a chosen nomination that is not published.</exception>
    public async Task<RegistrationResult> RegisterCampaignAsync(Guid campaignId, DateOnly awardedOn, string actor, IReadOnlyCollection<Guid>? nominationIds = null, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RegisterOnceAsync(campaignId, awardedOn, actor, nominationIds, ct).ConfigureAwait(false);
            }
            catch (DbUpdateException) when (attempt < NumberAttempts)
            {
                // Another registration took the same certificate numbers at the same moment: number again.
            }
        }
    }

    /// <summary>Enters a record by hand.</summary>
    /// <exception cref="HonoursException">The certificate number is taken, the nominee already holds that honour that year, or unknown nominee or type.</exception>
    public async Task<HonourRecord> AddAsync(HonourRecordInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var number = input.CertificateNumber?.Trim() ?? "";
        if (number.Length is 0 or > HonoursLimits.CertificateLength)
        {
            throw new HonoursException($"请填写「证书编号」（不超过 {HonoursLimits.CertificateLength} 个字符）。");
        }

        await using var db = database.CreateDbContext();
        var nominee = await db.Nominees.AsNoTracking().FirstOrDefaultAsync(n => n.Id == input.NomineeId, ct).ConfigureAwait(false)
            ?? throw HonoursException.Missing($"被推荐对象 {input.NomineeId} 不存在。");
        var type = await db.HonourTypes.AsNoTracking().FirstOrDefaultAsync(t => t.Code == input.HonourTypeCode, ct).ConfigureAwait(false)
            ?? throw HonoursException.Missing($"表彰项目「{input.HonourTypeCode}」不存在。");
        var problems = await ConflictsAsync(db, number, nominee, type, input.Year, ct).ConfigureAwait(false);
        HonoursException.ThrowIfAny(problems);

        var record = NewRecord(nominee, type.Code, input.Year, number, input.CampaignId, null, input.AwardedOn, input.RegisteredBy);
        db.HonourRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException e)
        {
            await using var check = database.CreateDbContext();
            var again = await ConflictsAsync(check, number, nominee, type, input.Year, ct).ConfigureAwait(false);
            if (again.Count == 0)
            {
                throw;
            }

            throw new HonoursException(string.Join("\n", again), again, e);
        }

        return record;
    }

    /// <summary>Revokes a record (撤销荣誉称号) with a reason. Revoking a revoked record is refused.</summary>
    /// <exception cref="HonoursException">Unknown record, no reason, or already revoked.</exception>
    public async Task<HonourRecord> RevokeAsync(Guid recordId, string reason, string actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new HonoursException("撤销荣誉须填写「撤销原因」。");
        }

        await using var db = database.CreateDbContext();
        var record = await db.HonourRecords.FirstOrDefaultAsync(r => r.Id == recordId, ct).ConfigureAwait(false)
            ?? throw HonoursException.Missing($"荣誉记录 {recordId} 不存在。");
        if (record.RevokedAt is { } at)
        {
            throw new HonoursException($"证书编号 {record.CertificateNumber} 的荣誉已于 {CampaignStates.Time(at)} 撤销。");
        }

        record.RevokedAt = _time.GetUtcNow();
        record.RevocationReason = reason.Trim();
        record.RevokedBy = actor;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return record;
    }

    /// <summary>The record with a certificate number, or null.</summary>
    public async Task<HonourRecord?> FindByCertificateAsync(string certificateNumber, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        return await db.HonourRecords.AsNoTracking().FirstOrDefaultAsync(r => r.CertificateNumber == certificateNumber, ct).ConfigureAwait(false);
    }

    /// <summary>The honours of a nominee, newest first; revoked ones only when asked.</summary>
    public async Task<IReadOnlyList<HonourRecord>> ListForNomineeAsync(Guid nomineeId, bool includeRevoked = false, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        return await db.HonourRecords.AsNoTracking()
            .Where(r => r.NomineeId == nomineeId && (includeRevoked || r.RevokedAt == null))
            .OrderByDescending(r => r.Year).ThenBy(r => r.HonourTypeCode)
            .ToListAsync(ct).ConfigureAwait(false);
    }

    /// <summary>True when the nominee holds one of the honour types, not revoked, awarded from <paramref name="fromYear"/> to <paramref name="toYear"/>.</summary>
    public async Task<bool> HoldsAsync(Guid nomineeId, IReadOnlyCollection<string> honourTypeCodes, int fromYear, int toYear, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        return await db.HonourRecords.AsNoTracking()
            .AnyAsync(r => r.NomineeId == nomineeId && honourTypeCodes.Contains(r.HonourTypeCode) && r.RevokedAt == null && r.Year >= fromYear && r.Year <= toYear, ct)
            .ConfigureAwait(false);
    }

    /// <summary>The certificate number of the <paramref name="sequence"/>-th record of a type and year: <c>GDLM-2026-0001</c>.</summary>
    public static string CertificateNumber(string prefix, int year, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{year}-{sequence:0000}");

    private async Task<RegistrationResult> RegisterOnceAsync(Guid campaignId, DateOnly awardedOn, string actor, IReadOnlyCollection<Guid>? nominationIds, CancellationToken ct)
    {
        await using var db = database.CreateDbContext();
        await using var transaction = await db.BeginLocalTransactionAsync(ct).ConfigureAwait(false);
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.HonourType).FirstOrDefaultAsync(c => c.Id == campaignId, ct).ConfigureAwait(false)
            ?? throw HonoursException.Missing($"评选活动 {campaignId} 不存在。");
        if (campaign.State != CampaignState.Published)
        {
            throw new HonoursException($"「{campaign.Title}」尚未发布表彰决定，不能登记荣誉。");
        }

        var published = await db.Nominations.AsNoTracking().Include(n => n.Nominee)
            .Where(n => n.CampaignId == campaignId && n.State == NominationState.Published)
            .OrderBy(n => n.Nominee!.Name).ThenBy(n => n.Id)
            .ToListAsync(ct).ConfigureAwait(false);
        if (nominationIds is not null)
        {
            var notPublished = nominationIds.Where(id => published.All(n => n.Id != id)).ToList();
            if (notPublished.Count > 0)
            {
                throw new HonoursException($"以下推荐不在「{campaign.Title}」的表彰决定中，不能登记：{string.Join("、", notPublished)}。");
            }

            published = [.. published.Where(n => nominationIds.Contains(n.Id))];
        }

        var type = campaign.HonourType!;
        var nomineeIds = published.Select(n => n.NomineeId).ToList();
        var existing = await db.HonourRecords
            .Where(r => r.HonourTypeCode == type.Code && r.Year == campaign.Year && nomineeIds.Contains(r.NomineeId))
            .ToListAsync(ct).ConfigureAwait(false);
        var prefix = CertificateNumber(type.CertificatePrefix, campaign.Year, 0)[..^4];
        var taken = await db.HonourRecords.AsNoTracking().Where(r => r.CertificateNumber.StartsWith(prefix)).Select(r => r.CertificateNumber).ToListAsync(ct).ConfigureAwait(false);
        var next = taken.Select(n => int.TryParse(n.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0).DefaultIfEmpty(0).Max() + 1;

        var records = new List<HonourRecord>();
        var added = 0;
        foreach (var nomination in published)
        {
            if (existing.FirstOrDefault(r => r.NomineeId == nomination.NomineeId) is { } record)
            {
                records.Add(record);
                continue;
            }

            record = NewRecord(nomination.Nominee!, type.Code, campaign.Year, CertificateNumber(type.CertificatePrefix, campaign.Year, next++), campaign.Id, nomination.Id, awardedOn, actor);
            db.HonourRecords.Add(record);
            records.Add(record);
            added++;
        }

        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return new RegistrationResult(records, added);
    }

    private static async Task<List<string>> ConflictsAsync(HonoursDbContext db, string number, Nominee nominee, HonourType type, int year, CancellationToken ct)
    {
        var problems = new List<string>();
        if (await db.HonourRecords.AsNoTracking().FirstOrDefaultAsync(r => r.CertificateNumber == number, ct).ConfigureAwait(false) is { } holder)
        {
            problems.Add($"证书编号 {number} 已被使用（{holder.NomineeName}，{holder.Year} 年）。");
        }

        if (await db.HonourRecords.AsNoTracking().AnyAsync(r => r.NomineeId == nominee.Id && r.HonourTypeCode == type.Code && r.Year == year, ct).ConfigureAwait(false))
        {
            problems.Add($"「{nominee.Name}」已登记 {year} 年度「{type.NameZh}」。");
        }

        return problems;
    }

    private HonourRecord NewRecord(Nominee nominee, string typeCode, int year, string number, Guid? campaignId, Guid? nominationId, DateOnly awardedOn, string actor) => new()
    {
        Id = Guid.CreateVersion7(),
        NomineeId = nominee.Id,
        NomineeName = nominee.Name,
        NomineeKind = nominee.Kind,
        OrganisationPath = nominee.OrganisationPath,
        HonourTypeCode = typeCode,
        Year = year,
        CertificateNumber = number,
        CampaignId = campaignId,
        NominationId = nominationId,
        AwardedOn = awardedOn,
        RegisteredAt = _time.GetUtcNow(),
        RegisteredBy = actor,
    };
}
