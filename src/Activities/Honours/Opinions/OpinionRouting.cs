using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Organisations;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Honours.Opinions;

/// <summary>A joint-review department asked for its opinion, with the group key its reviewers' tasks are offered to.</summary>
public sealed record OpinionDepartment(string Code, string Name, string Path, string GroupKey);

/// <summary>
/// Which joint-review departments (联审部门) give an opinion on a nomination (征求意见), by the campaign's
/// <see cref="OpinionRule"/>s and the nominee's kind and categories: an enterprise head → 市场监管, 税务, 人社, 应急管理,
/// 生态环境 (state-owned: also 审计, 纪检监察); a cadre → 纪检监察; a front-line worker → none. The departments are
/// the organisations of kind <see cref="OrganisationKind.Department"/> with those codes; each comes with its
/// <c>department-reviewer@path</c> group key, ready for a parallel multi-instance task.
/// </summary>
public sealed class OpinionRouting(HonoursDatabase database)
{
    /// <summary>The department codes the rules ask for, in rule order, without repeats.</summary>
    public static IReadOnlyList<string> DepartmentCodes(IEnumerable<OpinionRule> rules, Nominee nominee)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(nominee);
        var categories = nominee.AllCategories;
        return
        [
            .. rules.Where(r => (r.NomineeKind is null || r.NomineeKind == nominee.Kind)
                    && (r.NomineeKind is not null || r.WhenCategories != NomineeCategories.None)
                    && (categories & r.WhenCategories) == r.WhenCategories)
                .SelectMany(r => r.DepartmentCodes)
                .Distinct(StringComparer.Ordinal),
        ];
    }

    /// <summary>The departments to ask about <paramref name="nominationId"/>.</summary>
    /// <exception cref="HonoursException">Unknown nomination, or a rule names a department code that is not in the organisation tree.</exception>
    public async Task<IReadOnlyList<OpinionDepartment>> DepartmentsForAsync(Guid nominationId, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var nomination = await db.Nominations.AsNoTracking().Include(n => n.Nominee).FirstOrDefaultAsync(n => n.Id == nominationId, ct).ConfigureAwait(false)
            ?? throw HonoursException.Missing($"推荐 {nominationId} 不存在。");
        var campaign = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == nomination.CampaignId, ct).ConfigureAwait(false);
        var rules = campaign.OpinionRules.Count > 0 ? campaign.OpinionRules : OpinionRule.Defaults;
        var codes = DepartmentCodes(rules, nomination.Nominee!);
        if (codes.Count == 0)
        {
            return [];
        }

        var departments = await db.Organisations.AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.Department && codes.Contains(o.Code))
            .ToListAsync(ct).ConfigureAwait(false);
        var missing = codes.Where(c => departments.All(d => d.Code != c)).ToList();
        if (missing.Count > 0)
        {
            throw new HonoursException($"征求意见的部门在组织机构中不存在：{string.Join("、", missing)}。请在组织机构中添加，或修改评选活动的征求意见规则。");
        }

        return
        [
            .. codes.Select(c => departments.First(d => d.Code == c))
                .Select(d => new OpinionDepartment(d.Code, d.Name, d.Path, Roles.GroupKey(Roles.DepartmentReviewer, d.Path))),
        ];
    }
}
