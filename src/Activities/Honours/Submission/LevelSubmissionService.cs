using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Honours.Rules;
using Workflows.Activities.Organisations;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Honours.Submission;

/// <summary>
/// A level (a district, a city or industry union) passes its chosen list on to the next level as one batch
/// (逐级推荐): <c>SubmitBatchAsync</c> checks the batch, then the quotas and composition rules over the level's
/// whole list (the batch plus what it passed on before), and either refuses naming EVERY failing rule with its counts
/// and shortfall, or moves every nomination of the batch to the next level in one transaction.
/// <para>
/// Two submissions of the same level run one after the other (a row of <c>level_lists</c> is updated first, which
/// locks it in PostgreSQL and takes the write lock in SQLite), so two clerks cannot both fill the last slot. A
/// nomination changed by someone else meanwhile (its concurrency stamp) refuses the batch.
/// </para>
/// </summary>
public sealed class LevelSubmissionService(HonoursDatabase database, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>
    /// Submits <paramref name="nominationIds"/>, held by <paramref name="unitPath"/>, to the next level of the campaign
    /// (the nearest district, city or industry union, or province above); <paramref name="actor"/> (the user) is
    /// recorded with the batch. Never throws for a refusal: see <see cref="LevelSubmissionResult.Problems"/>.
    /// </summary>
    public Task<LevelSubmissionResult> SubmitBatchAsync(Guid campaignId, string unitPath, IReadOnlyCollection<Guid> nominationIds, string actor, CancellationToken ct = default) =>
        SubmitBatchAsync(campaignId, unitPath, nominationIds, actor, nextLevelPath: null, ct);

    /// <summary>
    /// Submits <paramref name="nominationIds"/>, held by <paramref name="unitPath"/>, to <paramref name="nextLevelPath"/>:
    /// a reviewing organisation above the unit that a design names when it skips a round (南粤最美职工 is recommended by
    /// the city, without the district); the nearest reviewing level above when null. Never throws for a refusal.
    /// </summary>
    public async Task<LevelSubmissionResult> SubmitBatchAsync(Guid campaignId, string unitPath, IReadOnlyCollection<Guid> nominationIds, string actor, string? nextLevelPath, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(unitPath);
        ArgumentNullException.ThrowIfNull(nominationIds);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);

        await using (var pre = database.CreateDbContext())
        {
            var early = await PreconditionsAsync(pre, campaignId, unitPath, nominationIds, nextLevelPath, ct).ConfigureAwait(false);
            if (early is not null)
            {
                return early;
            }

            await EnsureLevelListAsync(pre, campaignId, unitPath, ct).ConfigureAwait(false);
        }

        await using var db = database.CreateDbContext();
        await using var transaction = await db.BeginLocalTransactionAsync(ct).ConfigureAwait(false);

        // First statement of the transaction: lock this level's list row (see the class summary).
        await db.LevelLists.Where(l => l.CampaignId == campaignId && l.UnitPath == unitPath)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.Batches, l => l.Batches), ct).ConfigureAwait(false);

        var campaign = await LevelListChecks.LoadCampaignAsync(db, campaignId, ct).ConfigureAwait(false);
        var unit = (await LevelLists.FindOrganisationAsync(db, unitPath, ct).ConfigureAwait(false))!;
        var next = (await LevelLists.NextLevelAsync(db, unitPath, nextLevelPath, ct).ConfigureAwait(false))!;
        var ids = nominationIds.Distinct().ToList();
        var batch = await db.Nominations.Include(n => n.Nominee).Where(n => ids.Contains(n.Id)).ToListAsync(ct).ConfigureAwait(false);

        var problems = BatchProblems(campaign, unit, next, ids, batch, nominationIds.Count);
        var passedOn = await LevelLists.PassedOnAsync(db, campaignId, unitPath, ct).ConfigureAwait(false);
        var list = batch.Concat(passedOn.Where(p => !ids.Contains(p.Id))).Select(ListMember.Of).ToList();
        var quota = LevelLists.Quota(campaign, unit, list);
        var composition = LevelLists.Composition(campaign, unit, list);
        problems.AddRange(quota.Failures.Select(SubmissionProblem.Of));
        problems.AddRange(composition.Failures.Select(SubmissionProblem.Of));

        if (problems.Count > 0)
        {
            await transaction.RollbackAsync(ct).ConfigureAwait(false);
            return Result(false, campaign, unit, next, null, ids.Count, list.Count, quota, composition, problems);
        }

        var now = _time.GetUtcNow();
        foreach (var nomination in batch)
        {
            nomination.State = NominationState.Submitted;
            nomination.LevelPath = next.Path;
            nomination.SubmittedAt = now;
            nomination.UpdatedAt = now;
            nomination.StateReason = null;
            nomination.ConcurrencyStamp = Guid.NewGuid();
        }

        var submission = new LevelSubmission
        {
            Id = Guid.CreateVersion7(),
            CampaignId = campaignId,
            UnitPath = unitPath,
            NextLevelPath = next.Path,
            SubmittedBy = actor,
            SubmittedAt = now,
            NominationIds = ids,
        };
        db.LevelSubmissions.Add(submission);
        await db.LevelLists.Where(l => l.CampaignId == campaignId && l.UnitPath == unitPath)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.Batches, l => l.Batches + 1).SetProperty(l => l.LastSubmittedAt, now), ct)
            .ConfigureAwait(false);
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(ct).ConfigureAwait(false);
            return Result(false, campaign, unit, next, null, ids.Count, list.Count, quota, composition,
                [new SubmissionProblem(SubmissionProblemKind.Batch, "名单已变更", "名单中的推荐在报送期间被他人修改，请刷新后重新报送。")]);
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return Result(true, campaign, unit, next, submission.Id, ids.Count, list.Count, quota, composition, []);
    }

    /// <summary>Problems that make checking pointless: unknown campaign or unit, no next level, an empty or oversized batch.</summary>
    private static async Task<LevelSubmissionResult?> PreconditionsAsync(HonoursDbContext db, Guid campaignId, string unitPath, IReadOnlyCollection<Guid> ids, string? nextLevelPath, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct).ConfigureAwait(false);
        var unit = await LevelLists.FindOrganisationAsync(db, unitPath, ct).ConfigureAwait(false);
        var next = unit is null ? null : await LevelLists.NextLevelAsync(db, unitPath, nextLevelPath, ct).ConfigureAwait(false);
        var problems = new List<SubmissionProblem>();
        if (campaign is null)
        {
            problems.Add(Batch("评选活动", $"评选活动 {campaignId} 不存在。"));
        }

        if (unit is null)
        {
            problems.Add(Batch("报送单位", $"组织 {unitPath} 不存在。"));
        }
        else if (next is null)
        {
            problems.Add(Batch("报送单位", nextLevelPath is null
                ? $"{unit.Name}没有可报送的上级组织。"
                : $"{nextLevelPath} 不是{unit.Name}的上级审核单位，不能向其报送。"));
        }

        if (ids.Count == 0)
        {
            problems.Add(Batch("报送名单", "报送名单为空，请至少选择一项推荐。"));
        }
        else if (ids.Count > HonoursLimits.MaxBatchSize)
        {
            problems.Add(Batch("报送名单", $"一次最多报送 {HonoursLimits.MaxBatchSize} 项推荐，本次为 {ids.Count} 项。"));
        }

        if (problems.Count == 0)
        {
            return null;
        }

        return new LevelSubmissionResult(false, campaignId, unitPath, unit?.Name ?? unitPath, next?.Path, next?.Name, null, ids.Count, 0, null, null, problems);
    }

    private List<SubmissionProblem> BatchProblems(Campaign campaign, Organisation unit, Organisation next, List<Guid> ids, List<Nomination> batch, int given)
    {
        var problems = new List<SubmissionProblem>();
        if (campaign.State is not (CampaignState.Open or CampaignState.Closed))
        {
            problems.Add(Batch("评选状态", campaign.State == CampaignState.Draft
                ? $"「{campaign.Title}」尚未发布，不能报送。"
                : $"「{campaign.Title}」已发布表彰决定，不能再报送。"));
        }

        if (next.Path == campaign.OrganisationPath && _time.GetUtcNow() > campaign.Deadline)
        {
            problems.Add(Batch("报送截止", $"「{campaign.Title}」的报送截止时间 {Day(campaign.Deadline)} 已过，不能再向{next.Name}报送。"));
        }

        if (given != ids.Count)
        {
            problems.Add(Batch("报送名单", "报送名单中有重复的推荐。"));
        }

        foreach (var id in ids.Where(id => batch.All(n => n.Id != id)))
        {
            problems.Add(Batch("报送名单", $"推荐 {id} 不存在。", id));
        }

        foreach (var nomination in batch)
        {
            var name = nomination.Nominee!.Name;
            if (nomination.CampaignId != campaign.Id)
            {
                problems.Add(Batch("报送名单", $"「{name}」的推荐不属于「{campaign.Title}」。", nomination.Id));
            }
            else if (nomination.LevelPath != unit.Path)
            {
                problems.Add(Batch("报送名单", $"「{name}」的推荐当前不在{unit.Name}（在 {nomination.LevelPath}），不能由{unit.Name}报送。", nomination.Id));
            }
            else if (!LevelLists.Submittable.Contains(nomination.State))
            {
                problems.Add(Batch("报送名单", $"「{name}」的推荐状态为「{NominationStates.Zh(nomination.State)}」，不能报送。", nomination.Id));
            }
        }

        return problems;
    }

    /// <summary>Inserts the level's list row if it is missing (its own statement: a concurrent insert of the same row is fine).</summary>
    private static async Task EnsureLevelListAsync(HonoursDbContext db, Guid campaignId, string unitPath, CancellationToken ct)
    {
        if (await db.LevelLists.AnyAsync(l => l.CampaignId == campaignId && l.UnitPath == unitPath, ct).ConfigureAwait(false))
        {
            return;
        }

        db.LevelLists.Add(new LevelList { CampaignId = campaignId, UnitPath = unitPath });
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another submission of the same level inserted it first: fine. Anything else: report it.
            db.ChangeTracker.Clear();
            if (!await db.LevelLists.AnyAsync(l => l.CampaignId == campaignId && l.UnitPath == unitPath, ct).ConfigureAwait(false))
            {
                throw;
            }
        }
    }

    private static LevelSubmissionResult Result(bool accepted, Campaign campaign, Organisation unit, Organisation next, Guid? submissionId, int batchSize, int listSize,
        QuotaCheckResult quota, CompositionCheckResult composition, IReadOnlyList<SubmissionProblem> problems) =>
        new(accepted, campaign.Id, unit.Path, unit.Name, next.Path, next.Name, submissionId, batchSize, listSize, quota, composition, problems);

    private static SubmissionProblem Batch(string name, string message, Guid? nominationId = null) =>
        new(SubmissionProblemKind.Batch, name, message, NominationId: nominationId);

    private static string Day(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Engine.Time.WorkingDays.ChinaStandardTime).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
