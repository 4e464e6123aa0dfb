using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Organisations;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Honours.Rules;

/// <summary>
/// The list of a level in a campaign, as quotas and composition rules see it: the nominations the level holds now
/// (or a chosen batch of them) plus those it already passed on upward (a level cannot escape its quota by submitting
/// in several batches).
/// </summary>
internal static class LevelLists
{
    /// <summary>The states of a nomination that a higher level still holds (it counts against the quota of the level that passed it on).</summary>
    public static readonly NominationState[] Live = [NominationState.Submitted, NominationState.UnderReview, NominationState.Approved, NominationState.Published];

    /// <summary>The states in which the holding level may pass a nomination on.</summary>
    public static readonly NominationState[] Submittable = [NominationState.Draft, NominationState.Returned, NominationState.Submitted, NominationState.UnderReview];

    /// <summary>The kinds of organisation that review and pass lists on (the next level is the nearest of them above).</summary>
    public static readonly OrganisationKind[] ReviewingKinds = [OrganisationKind.District, OrganisationKind.CityUnion, OrganisationKind.IndustryUnion, OrganisationKind.Province];

    /// <summary>True for city and industry unions: the units that receive quotas and whose lists composition rules check.</summary>
    public static bool IsAllocationUnit(Organisation unit) => unit.Kind is OrganisationKind.CityUnion or OrganisationKind.IndustryUnion;

    public static Task<Organisation?> FindOrganisationAsync(HonoursDbContext db, string path, CancellationToken ct) =>
        db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Path == path, ct);

    /// <summary>
    /// The reviewing organisation above <paramref name="path"/> that receives its list: <paramref name="wanted"/> when it
    /// is one of them (a design that skips a round), the nearest when <paramref name="wanted"/> is null; else null.
    /// </summary>
    public static async Task<Organisation?> NextLevelAsync(HonoursDbContext db, string path, string? wanted, CancellationToken ct)
    {
        var ancestors = Organisation.AncestorPaths(path);
        var found = await db.Organisations.AsNoTracking().Where(o => ancestors.Contains(o.Path)).ToListAsync(ct).ConfigureAwait(false);
        var reviewing = found.Where(o => ReviewingKinds.Contains(o.Kind)).OrderByDescending(o => o.Path.Length);
        return wanted is null ? reviewing.FirstOrDefault() : reviewing.FirstOrDefault(o => o.Path == wanted);
    }

    /// <summary>The nominations filed under <paramref name="unitPath"/> that it already passed on and a higher level still holds.</summary>
    public static async Task<List<Nomination>> PassedOnAsync(HonoursDbContext db, Guid campaignId, string unitPath, CancellationToken ct)
    {
        var above = Organisation.AncestorPaths(unitPath);
        var prefix = unitPath + "/";
        return await db.Nominations.Include(n => n.Nominee)
            .Where(n => n.CampaignId == campaignId
                && above.Contains(n.LevelPath)
                && Live.Contains(n.State)
                && (n.FiledByOrganisationPath == unitPath || n.FiledByOrganisationPath.StartsWith(prefix)))
            .ToListAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The nominations <paramref name="unitPath"/> holds now and may pass on.</summary>
    public static async Task<List<Nomination>> HeldAsync(HonoursDbContext db, Guid campaignId, string unitPath, CancellationToken ct) =>
        await db.Nominations.Include(n => n.Nominee)
            .Where(n => n.CampaignId == campaignId && n.LevelPath == unitPath && Submittable.Contains(n.State))
            .ToListAsync(ct).ConfigureAwait(false);

    /// <summary>The quotas of the unit applied to its list; a city or industry union without any quota in a campaign that hands out quotas has none.</summary>
    public static QuotaCheckResult Quota(Campaign campaign, Organisation unit, IReadOnlyCollection<ListMember> list)
    {
        var result = QuotaCheck.Evaluate(unit.Path, unit.Name, campaign.Quotas, list);
        if (result.Lines.Count == 0 && IsAllocationUnit(unit) && campaign.Quotas.Count > 0)
        {
            return result with { Lines = [QuotaCheck.NoQuota(unit.Path, unit.Name, list.Count)] };
        }

        return result;
    }

    /// <summary>
    /// The composition rules of the level's scope applied to its list: allocation-unit rules to a city or industry
    /// union, district rules to a district, none to other levels.
    /// </summary>
    public static CompositionCheckResult Composition(Campaign campaign, Organisation unit, IReadOnlyCollection<ListMember> list)
    {
        CompositionScope? scope = IsAllocationUnit(unit) ? CompositionScope.AllocationUnit
            : unit.Kind == OrganisationKind.District ? CompositionScope.District
            : null;
        return scope is null
            ? new CompositionCheckResult(list.Count, [])
            : CompositionCheck.Evaluate(campaign.CompositionRules.Where(r => r.Scope == scope), list);
    }
}
