using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Organisations;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Honours.Campaigns;

/// <summary>The review committee (评审委员会) of a campaign and the user names of its members, in ordinal order.</summary>
public sealed record CampaignCommitteeRoster(Guid CommitteeId, string Name, string Path, IReadOnlyList<string> Members);

/// <summary>
/// Who votes on a campaign's nominations: the members of the committee of the organisation that runs the campaign
/// (<see cref="Campaign.OrganisationPath"/>), that is the committee whose node (kind
/// <see cref="OrganisationKind.Committee"/>) hangs directly under it (<c>/gd</c> → <c>/gd/committee</c>), with its
/// seats (<see cref="CommitteeMember"/>). Never anything a filer sent: the campaign's data and the organisation tree
/// decide. A campaign without exactly one such committee, or a committee without members, is an error that names the
/// organisation, so the incident tells the administrators what to set up.
/// </summary>
public sealed class CampaignCommittee(HonoursDatabase database)
{
    /// <exception cref="HonoursException">Unknown campaign; no committee, several, or one without members.</exception>
    public async Task<CampaignCommitteeRoster> ForCampaignAsync(Guid campaignId, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct).ConfigureAwait(false)
            ?? throw new HonoursException($"评选活动 {campaignId} 不存在，无法组成评审委员会。") { NotFound = true };
        var owner = campaign.OrganisationPath.TrimEnd('/');
        var prefix = owner + "/";
        var candidates = await db.Committees.AsNoTracking()
            .Join(db.Organisations, c => c.OrganisationId, o => o.Id, (c, o) => new { c.Id, c.Name, o.Path, o.Kind })
            .Where(c => c.Kind == OrganisationKind.Committee && c.Path.StartsWith(prefix))
            .ToListAsync(ct).ConfigureAwait(false);
        var committees = candidates.Where(c => c.Path.IndexOf('/', prefix.Length) < 0).OrderBy(c => c.Path, StringComparer.Ordinal).ToList();
        if (committees.Count == 0)
        {
            throw new HonoursException($"评选活动「{campaign.Title}」的主办单位（{owner}）下没有评审委员会，无法组成评审委员会；请先在组织机构中设立评审委员会并指定委员。");
        }

        if (committees.Count > 1)
        {
            throw new HonoursException($"评选活动「{campaign.Title}」的主办单位（{owner}）下有多个评审委员会（{string.Join("、", committees.Select(c => c.Path))}），无法确定由哪个委员会表决。");
        }

        var committee = committees[0];
        var members = await db.CommitteeMembers.AsNoTracking()
            .Where(m => m.CommitteeId == committee.Id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.UserName)
            .Where(n => n != null)
            .ToListAsync(ct).ConfigureAwait(false);
        var names = members.Select(n => n!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return names.Count == 0
            ? throw new HonoursException($"评审委员会「{committee.Name}」（{committee.Path}）没有委员，无法表决；请先指定委员。")
            : new CampaignCommitteeRoster(committee.Id, committee.Name, committee.Path, names);
    }
}
