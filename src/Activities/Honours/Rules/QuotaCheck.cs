using System.Globalization;

namespace Workflows.Activities.Honours.Rules;

/// <summary>One quota applied to a list: the quota, how many of the list it counts, and by how many it is exceeded.</summary>
public sealed record QuotaLine(
    Guid? QuotaId,
    string UnitPath,
    string UnitName,
    NomineeCategories Categories,
    string QuotaNameZh,
    int Quota,
    int Used,
    int Excess,
    bool Passed,
    string MessageZh);

/// <summary>The quotas of one allocation unit applied to its list.</summary>
public sealed record QuotaCheckResult(string UnitPath, string UnitName, int ListSize, IReadOnlyList<QuotaLine> Lines)
{
    public bool Passed => Lines.All(l => l.Passed);

    public IReadOnlyList<QuotaLine> Failures => [.. Lines.Where(l => !l.Passed)];

    /// <summary>The messages of the failing quotas (empty when passed).</summary>
    public IReadOnlyList<string> FailureMessagesZh => [.. Failures.Select(l => l.MessageZh)];
}

/// <summary>
/// Quotas (名额): for each quota of the allocation unit, how many of its list the quota counts (all of them for the
/// total, those with any of the quota's categories otherwise) against the quota's number. A list over a quota is
/// refused with a message that names the unit and the quota: 广州市总工会「产业工人」名额为 7 名，名单中有 9 名，超出 2 名。
/// </summary>
public static class QuotaCheck
{
    /// <summary>Applies <paramref name="quotas"/> (those of <paramref name="unitPath"/>) to <paramref name="list"/>.</summary>
    public static QuotaCheckResult Evaluate(string unitPath, string unitName, IEnumerable<Quota> quotas, IReadOnlyCollection<ListMember> list)
    {
        ArgumentNullException.ThrowIfNull(quotas);
        ArgumentNullException.ThrowIfNull(list);
        var lines = new List<QuotaLine>();
        foreach (var quota in quotas.Where(q => q.AllocationUnitPath == unitPath).OrderBy(q => q.Categories == NomineeCategories.None ? 0 : 1).ThenBy(q => q.Categories))
        {
            var used = list.Count(m => m.CountsIn(quota.Categories));
            lines.Add(Line(quota.Id, unitPath, unitName, quota.Categories, quota.NameZh, quota.Number, used));
        }

        return new QuotaCheckResult(unitPath, unitName, list.Count, lines);
    }

    /// <summary>The line of an allocation unit that has no quota at all in a campaign that hands out quotas.</summary>
    public static QuotaLine NoQuota(string unitPath, string unitName, int used) =>
        Line(null, unitPath, unitName, NomineeCategories.None, "名额", 0, used) with
        {
            MessageZh = used == 0
                ? $"{unitName}在本次评选中没有名额。"
                : $"{unitName}在本次评选中没有名额，名单中有 {used} 名，不能报送。",
        };

    private static QuotaLine Line(Guid? id, string unitPath, string unitName, NomineeCategories categories, string nameZh, int number, int used)
    {
        var excess = Math.Max(0, used - number);
        var message = excess > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{unitName}{nameZh}为 {number} 名，名单中有 {used} 名，超出 {excess} 名。")
            : string.Create(CultureInfo.InvariantCulture, $"{unitName}{nameZh}为 {number} 名，名单中有 {used} 名。");
        return new QuotaLine(id, unitPath, unitName, categories, nameZh, number, used, excess, excess == 0, message);
    }
}
