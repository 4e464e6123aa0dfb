using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Honours.Registry;

/// <summary>A name on the honour roll.</summary>
public sealed record HonourRollEntry(Guid NominationId, Guid NomineeId, string NomineeName, NomineeKind NomineeKind, string OrganisationPath, string? OrganisationName);

/// <summary>A published decision and its roll.</summary>
public sealed record PublishedDecision(HonourDecision Decision, IReadOnlyList<HonourRollEntry> Roll);

/// <summary>
/// Publishes the decision of a campaign (表彰决定): the approved nominations become published, the campaign is
/// published, and the decision is recorded with its title and document number, in one transaction. Publishing again
/// returns the decision already published. Thread-safe.
/// </summary>
public sealed class DecisionService(HonoursDatabase database, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Publishes the decision of <paramref name="campaignId"/>.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="title">The decision's title; 关于表彰{year}年度{honour}获得者的决定 when empty.</param>
    /// <param name="documentNumber">The document number (文号), may be empty.</param>
    /// <param name="actor">Who publishes.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <exception cref="HonoursException">Unknown campaign, a draft campaign, or no approved nomination.</exception>
    public async Task<PublishedDecision> PublishAsync(Guid campaignId, string? title, string? documentNumber, string actor, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        await using var transaction = await db.BeginLocalTransactionAsync(ct).ConfigureAwait(false);
        var campaign = await db.Campaigns.Include(c => c.HonourType).FirstOrDefaultAsync(c => c.Id == campaignId, ct).ConfigureAwait(false)
            ?? throw HonoursException.Missing($"评选活动 {campaignId} 不存在。");
        if (await db.HonourDecisions.AsNoTracking().FirstOrDefaultAsync(d => d.CampaignId == campaignId, ct).ConfigureAwait(false) is { } existing)
        {
            return new PublishedDecision(existing, await RollAsync(db, campaignId, ct).ConfigureAwait(false));
        }

        if (campaign.State == CampaignState.Draft)
        {
            throw new HonoursException($"「{campaign.Title}」尚未发布通知，不能发布表彰决定。");
        }

        // A nomination still on its way (filed, in review, or returned for correction) would reach the decision step after
        // the decision was published and wait for it forever: the decision waits until every one is decided.
        var underWay = await db.Nominations.AsNoTracking().Include(n => n.Nominee)
            .Where(n => n.CampaignId == campaignId
                && (n.State == NominationState.Submitted || n.State == NominationState.UnderReview || n.State == NominationState.Returned))
            .OrderBy(n => n.CreatedAt)
            .Select(n => new { n.State, n.Nominee!.Name })
            .ToListAsync(ct).ConfigureAwait(false);
        if (underWay.Count > 0)
        {
            var named = string.Join("、", underWay.Take(10).Select(n => $"{n.Name}（{NominationStates.Zh(n.State)}）"));
            throw new HonoursException(
                $"「{campaign.Title}」还有 {underWay.Count} 项推荐未审定完毕（{named}{(underWay.Count > 10 ? " 等" : "")}），" +
                "请待其审定、不予通过或撤回后再发布表彰决定。")
            { Conflict = true };
        }

        var approved = await db.Nominations.Where(n => n.CampaignId == campaignId && n.State == NominationState.Approved).ToListAsync(ct).ConfigureAwait(false);
        if (approved.Count == 0)
        {
            throw new HonoursException($"「{campaign.Title}」没有已审定的推荐，不能发布表彰决定。");
        }

        var now = _time.GetUtcNow();
        foreach (var nomination in approved)
        {
            nomination.State = NominationState.Published;
            nomination.UpdatedAt = now;
            nomination.ConcurrencyStamp = Guid.NewGuid();
        }

        campaign.State = CampaignState.Published;
        campaign.ConcurrencyStamp = Guid.NewGuid();
        var decision = new HonourDecision
        {
            Id = Guid.CreateVersion7(),
            CampaignId = campaignId,
            Title = string.IsNullOrWhiteSpace(title) ? $"关于表彰{campaign.Year}年度{campaign.HonourType!.NameZh}获得者的决定" : title.Trim(),
            DocumentNumber = documentNumber?.Trim() ?? "",
            PublishedAt = now,
            PublishedBy = actor,
            HonourCount = approved.Count,
        };
        db.HonourDecisions.Add(decision);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return new PublishedDecision(decision, await RollAsync(db, campaignId, ct).ConfigureAwait(false));
    }

    /// <summary>The honour roll of a campaign: its published nominations, by organisation and name.</summary>
    public async Task<IReadOnlyList<HonourRollEntry>> RollAsync(Guid campaignId, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        return await RollAsync(db, campaignId, ct).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<HonourRollEntry>> RollAsync(HonoursDbContext db, Guid campaignId, CancellationToken ct)
    {
        var published = await db.Nominations.AsNoTracking().Include(n => n.Nominee)
            .Where(n => n.CampaignId == campaignId && n.State == NominationState.Published)
            .ToListAsync(ct).ConfigureAwait(false);
        var paths = published.Select(n => n.Nominee!.OrganisationPath).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => paths.Contains(o.Path)).ToDictionaryAsync(o => o.Path, o => o.Name, ct).ConfigureAwait(false);
        return
        [
            .. published
                .Select(n => new HonourRollEntry(n.Id, n.NomineeId, n.Nominee!.Name, n.Nominee.Kind, n.Nominee.OrganisationPath, names.GetValueOrDefault(n.Nominee.OrganisationPath)))
                .OrderBy(e => e.OrganisationPath, StringComparer.Ordinal).ThenBy(e => e.NomineeName, StringComparer.Ordinal),
        ];
    }
}
