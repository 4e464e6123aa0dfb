using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Organisations;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Honours.Rules;

/// <summary>A level's list checked against its quotas and composition rules, without submitting it.</summary>
public sealed record LevelListCheck(Guid CampaignId, string UnitPath, string UnitName, IReadOnlyList<ListMember> List, QuotaCheckResult Quota, CompositionCheckResult Composition)
{
    public bool Passed => Quota.Passed && Composition.Passed;

    /// <summary>Every failing quota and rule, quotas first.</summary>
    public IReadOnlyList<string> FailureMessagesZh => [.. Quota.FailureMessagesZh, .. Composition.FailureMessagesZh];
}

/// <summary>
/// How an allocation unit uses its quotas: the nominations it passed on that a higher level still holds, against each
/// of its quotas (<see cref="Quota"/>), and how many it holds now, not yet passed on.
/// </summary>
public sealed record UnitQuotaUse(string UnitPath, string UnitName, int Held, QuotaCheckResult Quota);

/// <summary>
/// Checks a level's list in the database: what the level holds now (or the chosen <c>nominationIds</c>) plus what it
/// already passed on, against the campaign's quotas of the level and its composition rules (allocation-unit scope);
/// <see cref="CheckOverallAsync"/> applies the overall rules to everything that reached the province. Used by the
/// <c>honours.checkQuota</c> and <c>honours.checkComposition</c> activities and by the review pages. Thread-safe.
/// </summary>
public sealed class LevelListChecks(HonoursDatabase database)
{
    /// <summary>Checks the list of <paramref name="unitPath"/>.</summary>
    /// <exception cref="HonoursException">Unknown campaign or organisation, or a chosen nomination the level does not hold.</exception>
    public async Task<LevelListCheck> CheckAsync(Guid campaignId, string unitPath, IReadOnlyCollection<Guid>? nominationIds = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(unitPath);
        await using var db = database.CreateDbContext();
        var campaign = await LoadCampaignAsync(db, campaignId, ct).ConfigureAwait(false);
        var unit = await LevelLists.FindOrganisationAsync(db, unitPath, ct).ConfigureAwait(false)
            ?? throw HonoursException.Missing($"组织 {unitPath} 不存在。");
        var held = await LevelLists.HeldAsync(db, campaignId, unitPath, ct).ConfigureAwait(false);
        if (nominationIds is not null)
        {
            var missing = nominationIds.Where(id => held.All(n => n.Id != id)).ToList();
            if (missing.Count > 0)
            {
                throw new HonoursException($"{unit.Name}当前未持有以下推荐，不能列入名单：{string.Join("、", missing)}。");
            }

            held = [.. held.Where(n => nominationIds.Contains(n.Id))];
        }

        var passedOn = await LevelLists.PassedOnAsync(db, campaignId, unitPath, ct).ConfigureAwait(false);
        var list = held.Concat(passedOn).Select(ListMember.Of).ToList();
        return new LevelListCheck(campaignId, unit.Path, unit.Name, list, LevelLists.Quota(campaign, unit, list), LevelLists.Composition(campaign, unit, list));
    }

    /// <summary>The overall composition rules applied to every nomination of the campaign that reached the province (or the campaign's organisation).</summary>
    public async Task<CompositionCheckResult> CheckOverallAsync(Guid campaignId, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var campaign = await LoadCampaignAsync(db, campaignId, ct).ConfigureAwait(false);
        var list = await db.Nominations.AsNoTracking().Include(n => n.Nominee)
            .Where(n => n.CampaignId == campaignId && n.LevelPath == campaign.OrganisationPath && LevelLists.Live.Contains(n.State))
            .ToListAsync(ct).ConfigureAwait(false);
        return CompositionCheck.Evaluate(campaign.CompositionRules.Where(r => r.Scope == CompositionScope.Overall), [.. list.Select(ListMember.Of)]);
    }

    /// <summary>The use of every allocation unit that has a quota in the campaign, by path.</summary>
    /// <exception cref="HonoursException">Unknown campaign.</exception>
    public async Task<IReadOnlyList<UnitQuotaUse>> QuotaUseAsync(Guid campaignId, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var campaign = await LoadCampaignAsync(db, campaignId, ct).ConfigureAwait(false);
        var units = campaign.Quotas.Select(q => q.AllocationUnitPath).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => units.Contains(o.Path)).ToDictionaryAsync(o => o.Path, o => o.Name, ct).ConfigureAwait(false);
        var live = await db.Nominations.AsNoTracking().Include(n => n.Nominee)
            .Where(n => n.CampaignId == campaignId && (LevelLists.Live.Contains(n.State) || LevelLists.Submittable.Contains(n.State)))
            .ToListAsync(ct).ConfigureAwait(false);
        var result = new List<UnitQuotaUse>();
        foreach (var unit in units)
        {
            var name = names.GetValueOrDefault(unit) ?? unit;
            var above = Organisation.AncestorPaths(unit);
            var passedOn = live.Where(n => LevelLists.Live.Contains(n.State) && above.Contains(n.LevelPath)
                && (n.FiledByOrganisationPath == unit || n.FiledByOrganisationPath.StartsWith(unit + "/", StringComparison.Ordinal)));
            var held = live.Count(n => n.LevelPath == unit && LevelLists.Submittable.Contains(n.State));
            result.Add(new UnitQuotaUse(unit, name, held, QuotaCheck.Evaluate(unit, name, campaign.Quotas, [.. passedOn.Select(ListMember.Of)])));
        }

        return result;
    }

    internal static async Task<Campaign> LoadCampaignAsync(HonoursDbContext db, Guid campaignId, CancellationToken ct) =>
        await db.Campaigns.AsNoTracking().Include(c => c.Quotas).Include(c => c.CompositionRules).Include(c => c.HonourType)
            .AsSplitQuery().FirstOrDefaultAsync(c => c.Id == campaignId, ct).ConfigureAwait(false)
        ?? throw HonoursException.Missing($"评选活动 {campaignId} 不存在。");
}
