using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Persistence;
using Workflows.Engine.Time;

namespace Workflows.Activities.Honours.Notices;

/// <summary>A notice to open.</summary>
public sealed record NoticeInput
{
    public required Guid CampaignId { get; init; }

    public required NoticeLevel Level { get; init; }

    /// <summary>The publishing organisation.</summary>
    public required string OrganisationPath { get; init; }

    public required IReadOnlyCollection<Guid> NominationIds { get; init; }

    public required string OpenedBy { get; init; }

    /// <summary>The title; {campaign title}单位公示 (or 省级公示) when not given.</summary>
    public string? Title { get; init; }

    /// <summary>The first day; today (China time) when not given.</summary>
    public DateOnly? StartsOn { get; init; }

    /// <summary>The length; the campaign's (unit: <see cref="Campaign.UnitNoticeWorkingDays"/>, provincial: <see cref="Campaign.ProvincialNoticeDays"/>) when not given.</summary>
    public int? Days { get; init; }

    /// <summary>Whether <see cref="Days"/> counts working days; the campaign's rule when not given (a unit notice always does).</summary>
    public bool? InWorkingDays { get; init; }

    /// <summary>What opens it (<c>{instanceId}:{elementId}</c>): opening again with the same key returns the same notice.</summary>
    public string? SourceKey { get; init; }
}

/// <summary>An objection to record.</summary>
public sealed record ObjectionInput
{
    public required Guid NoticeId { get; init; }

    public required Guid NominationId { get; init; }

    /// <summary>The objector's real name (实名), or the unit's name.</summary>
    public required string ObjectorName { get; init; }

    /// <summary>A telephone number or address.</summary>
    public required string ObjectorContact { get; init; }

    public required string Content { get; init; }

    /// <summary>A unit's objection must carry its seal (<see cref="SealAttachmentId"/>).</summary>
    public bool ByUnit { get; init; }

    public Guid? SealAttachmentId { get; init; }

    /// <summary>What records it (<c>{instanceId}:{elementId}</c>), for idempotency.</summary>
    public string? SourceKey { get; init; }
}

/// <summary>How a notice ended: its objections by state, and the report (公示结果).</summary>
public sealed record NoticeOutcome(PublicNotice Notice, int Objections, int Investigating, int Upheld, int Dismissed, IReadOnlyList<Guid> RejectedNominationIds)
{
    /// <summary>True when no objection was upheld and none is still being investigated (公示无异议 or 异议不成立).</summary>
    public bool Clean => Upheld == 0 && Investigating == 0;
}

/// <summary>
/// Public notices (公示): opened for a list of nominations over a period counted on the official calendar (a unit
/// notice at least 5 working days; the provincial one as the campaign says), objections raised while it runs (real
/// name and contact; a unit's with its seal), their investigation (an upheld objection rejects the nomination), and the
/// closing report. Opening and recording with a source key are idempotent, so a process step that runs again does not
/// open a second notice. Thread-safe.
/// </summary>
public sealed class PublicNoticeService(HonoursDatabase database, IWorkingCalendar calendar, TimeProvider? time = null, Privacy.PersonalDataProtector? personalData = null)
{
    /// <summary>
    /// How early a notice may be closed as "over" without <c>early</c>: the timer that waits for
    /// <see cref="PublicNotice.ClosesAt"/> may fire a moment before it (the engine fires jobs up to a second early).
    /// </summary>
    public static readonly TimeSpan TimerTolerance = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Privacy.PersonalDataProtector _personalData = personalData ?? Privacy.PersonalDataProtector.Ephemeral();

    /// <summary>Opens a notice (or returns the one opened with the same source key).</summary>
    /// <exception cref="HonoursException">Unknown campaign, nominations not of the campaign, an empty list, or a unit notice shorter than the minimum.</exception>
    public async Task<PublicNotice> OpenAsync(NoticeInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = database.CreateDbContext();
        if (input.SourceKey is { } key && await db.PublicNotices.AsNoTracking().FirstOrDefaultAsync(n => n.SourceKey == key, ct).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == input.CampaignId, ct).ConfigureAwait(false)
            ?? throw HonoursException.Missing($"评选活动 {input.CampaignId} 不存在。");
        var ids = input.NominationIds.Distinct().ToList();
        var problems = new List<string>();
        if (ids.Count == 0)
        {
            problems.Add("公示名单为空。");
        }

        var found = await db.Nominations.AsNoTracking().Where(n => ids.Contains(n.Id) && n.CampaignId == campaign.Id).Select(n => n.Id).ToListAsync(ct).ConfigureAwait(false);
        problems.AddRange(ids.Except(found).Select(id => $"推荐 {id} 不属于「{campaign.Title}」，不能列入公示。"));

        var inWorkingDays = input.Level == NoticeLevel.Unit || (input.InWorkingDays ?? campaign.ProvincialNoticeInWorkingDays);
        var days = input.Days ?? (input.Level == NoticeLevel.Unit ? campaign.UnitNoticeWorkingDays : campaign.ProvincialNoticeDays);
        if (input.Level == NoticeLevel.Unit && days < campaign.UnitNoticeWorkingDays)
        {
            problems.Add($"单位公示不得少于 {campaign.UnitNoticeWorkingDays} 个工作日（本次为 {days} 个）。");
        }

        if (days is < 1 or > NoticePeriod.MaxDays)
        {
            problems.Add($"公示天数须在 1 至 {NoticePeriod.MaxDays} 天之间。");
        }

        HonoursException.ThrowIfAny(problems);

        var now = _time.GetUtcNow();
        var start = input.StartsOn ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, WorkingDays.ChinaStandardTime).DateTime);
        var period = inWorkingDays ? NoticePeriod.Compute(start, days, calendar) : NoticePeriod.ComputeCalendarDays(start, days);
        var notice = new PublicNotice
        {
            Id = Guid.CreateVersion7(),
            CampaignId = campaign.Id,
            Level = input.Level,
            OrganisationPath = input.OrganisationPath,
            Title = string.IsNullOrWhiteSpace(input.Title) ? $"{campaign.Title}{(input.Level == NoticeLevel.Unit ? "单位" : "省级")}公示" : input.Title.Trim(),
            StartsOn = period.StartsOn,
            EndsOn = period.EndsOn,
            Days = period.Days,
            InWorkingDays = period.InWorkingDays,
            ClosesAt = period.ClosesAt,
            State = NoticeState.Open,
            OpenedAt = now,
            OpenedBy = input.OpenedBy,
            SourceKey = input.SourceKey,
            Entries = [.. ids.Select(id => new PublicNoticeEntry { NominationId = id })],
        };
        db.PublicNotices.Add(notice);
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException) when (input.SourceKey is not null)
        {
            // The same step opened it at the same moment (its source key is unique): answer with that one.
            await using var again = database.CreateDbContext();
            var first = await again.PublicNotices.AsNoTracking().FirstOrDefaultAsync(n => n.SourceKey == input.SourceKey, ct).ConfigureAwait(false);
            if (first is null)
            {
                throw;
            }

            return first;
        }

        return notice;
    }

    /// <summary>Records an objection while the notice runs (or returns the one recorded with the same source key).</summary>
    /// <exception cref="HonoursException">Every problem: the notice is over or unknown, the nomination is not listed, no real name or contact, a unit without its seal.</exception>
    public async Task<Objection> RecordObjectionAsync(ObjectionInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = database.CreateDbContext();
        if (input.SourceKey is { } key && await db.Objections.AsNoTracking().FirstOrDefaultAsync(o => o.SourceKey == key, ct).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        var notice = await db.PublicNotices.AsNoTracking().FirstOrDefaultAsync(n => n.Id == input.NoticeId, ct).ConfigureAwait(false)
            ?? throw HonoursException.Missing($"公示 {input.NoticeId} 不存在。");
        var now = _time.GetUtcNow();
        var problems = new List<string>();
        if (notice.State != NoticeState.Open || now >= notice.ClosesAt)
        {
            problems.Add($"「{notice.Title}」已于 {CampaignStates.Time(notice.ClosesAt)} 结束，不再受理异议。");
        }

        if (notice.Entries.All(e => e.NominationId != input.NominationId))
        {
            problems.Add("所提异议的对象不在本次公示名单中。");
        }

        if (string.IsNullOrWhiteSpace(input.ObjectorName))
        {
            problems.Add("异议须实名提出：请填写「姓名或单位名称」。");
        }
        else if (input.ObjectorName.Trim().Length > HonoursLimits.NameLength)
        {
            problems.Add($"「姓名或单位名称」不得超过 {HonoursLimits.NameLength} 字。");
        }

        if (string.IsNullOrWhiteSpace(input.ObjectorContact))
        {
            problems.Add("请填写「联系方式」，以便核实情况。");
        }
        else if (input.ObjectorContact.Trim().Length > HonoursLimits.ContactLength)
        {
            problems.Add($"「联系方式」不得超过 {HonoursLimits.ContactLength} 字。");
        }

        if (string.IsNullOrWhiteSpace(input.Content))
        {
            problems.Add("请填写「异议内容」。");
        }
        else if (input.Content.Length > HonoursLimits.ReasonLength)
        {
            problems.Add($"「异议内容」不得超过 {HonoursLimits.ReasonLength} 字。");
        }

        if (input.ByUnit)
        {
            if (input.SealAttachmentId is not { } seal)
            {
                problems.Add("以单位名义提出的异议须加盖公章：请上传盖章的异议材料。");
            }
            else if (!await db.Attachments.AnyAsync(a => a.Id == seal, ct).ConfigureAwait(false))
            {
                problems.Add("所附盖章材料不存在，请重新上传。");
            }
        }

        HonoursException.ThrowIfAny(problems);
        var objectorName = input.ObjectorName.Trim();
        var objectorContact = input.ObjectorContact.Trim();
        var objection = new Objection
        {
            Id = Guid.CreateVersion7(),
            NoticeId = notice.Id,
            NominationId = input.NominationId,
            ObjectorName = _personalData.Seal(objectorName),
            ObjectorContact = _personalData.Seal(objectorContact),
            ObjectorNameMasked = input.ByUnit ? objectorName : Privacy.PersonalDataMask.Name(objectorName),
            ObjectorContactMasked = Privacy.PersonalDataMask.Contact(objectorContact),
            ByUnit = input.ByUnit,
            SealAttachmentId = input.SealAttachmentId,
            Content = input.Content.Trim(),
            ReceivedAt = now,
            State = ObjectionState.Investigating,
            SourceKey = input.SourceKey,
        };
        db.Objections.Add(objection);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return objection;
    }

    /// <summary>
    /// Records the outcome of an objection's investigation; an upheld one rejects the nomination (异议成立). Recording
    /// the same outcome again changes nothing.
    /// </summary>
    /// <exception cref="HonoursException">Unknown objection, no findings, or a different outcome recorded already.</exception>
    public async Task<Objection> ConcludeAsync(Guid objectionId, bool upheld, string findings, string actor, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var objection = await db.Objections.FirstOrDefaultAsync(o => o.Id == objectionId, ct).ConfigureAwait(false)
            ?? throw HonoursException.Missing($"异议 {objectionId} 不存在。");
        var outcome = upheld ? ObjectionState.Upheld : ObjectionState.Dismissed;
        if (objection.State == outcome)
        {
            return objection;
        }

        if (objection.State != ObjectionState.Investigating)
        {
            throw new HonoursException($"该异议已核实办结（{(objection.State == ObjectionState.Upheld ? "异议成立" : "异议不成立")}），不能更改。");
        }

        if (string.IsNullOrWhiteSpace(findings))
        {
            throw new HonoursException("请填写「调查核实情况」。");
        }

        await using var transaction = await db.BeginLocalTransactionAsync(ct).ConfigureAwait(false);
        objection.State = outcome;
        objection.Findings = findings.Trim();
        objection.ConcludedAt = _time.GetUtcNow();
        objection.ConcludedBy = actor;
        if (upheld)
        {
            var nomination = await db.Nominations.FirstAsync(n => n.Id == objection.NominationId, ct).ConfigureAwait(false);
            if (nomination.State is not (NominationState.Rejected or NominationState.Withdrawn))
            {
                nomination.State = NominationState.Rejected;
                nomination.StateReason = "公示异议成立：" + objection.Findings;
                nomination.UpdatedAt = objection.ConcludedAt.Value;
                nomination.ConcurrencyStamp = Guid.NewGuid();
            }
        }

        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return objection;
    }

    /// <summary>
    /// Closes a notice once its period is over and writes the report; closing a closed notice returns its outcome.
    /// </summary>
    /// <param name="noticeId">The notice.</param>
    /// <param name="actor">Who closes it.</param>
    /// <param name="early">Close before the period is over (an administrator's decision); refused otherwise.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <exception cref="HonoursException">Unknown notice, or the period is not over.</exception>
    public async Task<NoticeOutcome> CloseAsync(Guid noticeId, string actor, bool early = false, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var notice = await db.PublicNotices.FirstOrDefaultAsync(n => n.Id == noticeId, ct).ConfigureAwait(false)
            ?? throw HonoursException.Missing($"公示 {noticeId} 不存在。");
        var now = _time.GetUtcNow();
        if (notice.State == NoticeState.Open)
        {
            if (!early && now < notice.ClosesAt - TimerTolerance)
            {
                throw new HonoursException($"「{notice.Title}」公示期至 {notice.EndsOn:yyyy-MM-dd} 结束，尚未期满。");
            }

            var objections = await db.Objections.AsNoTracking().Where(o => o.NoticeId == noticeId).ToListAsync(ct).ConfigureAwait(false);
            notice.State = NoticeState.Closed;
            notice.ClosedAt = now;
            notice.Report = Report(notice, objections);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }

        return await OutcomeAsync(db, notice, ct).ConfigureAwait(false);
    }

    /// <summary>The objection with its id, or null.</summary>
    public async Task<Objection?> FindObjectionAsync(Guid objectionId, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        return await db.Objections.AsNoTracking().FirstOrDefaultAsync(o => o.Id == objectionId, ct).ConfigureAwait(false);
    }

    /// <summary>The notice and its objections so far.</summary>
    /// <exception cref="HonoursException">Unknown notice.</exception>
    public async Task<NoticeOutcome> OutcomeAsync(Guid noticeId, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var notice = await db.PublicNotices.AsNoTracking().FirstOrDefaultAsync(n => n.Id == noticeId, ct).ConfigureAwait(false)
            ?? throw HonoursException.Missing($"公示 {noticeId} 不存在。");
        return await OutcomeAsync(db, notice, ct).ConfigureAwait(false);
    }

    private static async Task<NoticeOutcome> OutcomeAsync(HonoursDbContext db, PublicNotice notice, CancellationToken ct)
    {
        var objections = await db.Objections.AsNoTracking().Where(o => o.NoticeId == notice.Id).ToListAsync(ct).ConfigureAwait(false);
        return new NoticeOutcome(notice, objections.Count,
            objections.Count(o => o.State == ObjectionState.Investigating),
            objections.Count(o => o.State == ObjectionState.Upheld),
            objections.Count(o => o.State == ObjectionState.Dismissed),
            [.. objections.Where(o => o.State == ObjectionState.Upheld).Select(o => o.NominationId).Distinct()]);
    }

    private static string Report(PublicNotice notice, List<Objection> objections)
    {
        var period = $"{notice.StartsOn:yyyy-MM-dd} 至 {notice.EndsOn:yyyy-MM-dd}（{notice.Days} 个{(notice.InWorkingDays ? "工作日" : "自然日")}）";
        if (objections.Count == 0)
        {
            return $"「{notice.Title}」于 {period}公示，公示期满，无异议。";
        }

        var upheld = objections.Count(o => o.State == ObjectionState.Upheld);
        var dismissed = objections.Count(o => o.State == ObjectionState.Dismissed);
        var open = objections.Count(o => o.State == ObjectionState.Investigating);
        return $"「{notice.Title}」于 {period}公示，收到异议 {objections.Count} 件：经核实成立 {upheld} 件，不成立 {dismissed} 件"
            + (open > 0 ? $"，尚有 {open} 件正在调查核实。" : "。");
    }
}
