using System.Globalization;

namespace Workflows.Activities.Honours.Rules;

/// <summary>
/// One composition rule applied to a list: the part of the list it is taken of (<see cref="BaseSize"/>), how many
/// count (<see cref="Actual"/>), the persons it requires at least (<see cref="Required"/>, minimum kinds) or allows at
/// most (maximum kinds), and the <see cref="Shortfall"/> or <see cref="Excess"/> in persons.
/// </summary>
public sealed record CompositionLine(
    Guid RuleId,
    string RuleNameZh,
    CompositionRuleKind Kind,
    NomineeCategories Categories,
    NomineeCategories BaseCategories,
    decimal? Percent,
    int? Count,
    int BaseSize,
    int Actual,
    int Required,
    int Shortfall,
    int Excess,
    bool Passed,
    string MessageZh);

/// <summary>The composition rules applied to one list.</summary>
public sealed record CompositionCheckResult(int ListSize, IReadOnlyList<CompositionLine> Lines)
{
    public bool Passed => Lines.All(l => l.Passed);

    public IReadOnlyList<CompositionLine> Failures => [.. Lines.Where(l => !l.Passed)];

    /// <summary>The messages of the failing rules (empty when passed).</summary>
    public IReadOnlyList<string> FailureMessagesZh => [.. Failures.Select(l => l.MessageZh)];
}

/// <summary>
/// Composition rules (结构比例): "category X is at least / at most P% (or N) of list L". A minimum share of a list of n
/// needs ⌈P·n/100⌉ persons (35% of 20 → 7; 35% of 19 → 7), a maximum share allows ⌊P·n/100⌋. A failing rule is named
/// with the counts and the shortfall: 未达到「产业工人不少于35%」：名单共 20 名，产业工人 6 名（30.0%），按 35% 至少需要 7 名，还差 1 名。
/// </summary>
public static class CompositionCheck
{
    /// <summary>Applies <paramref name="rules"/> to <paramref name="list"/>, in the rules' order.</summary>
    public static CompositionCheckResult Evaluate(IEnumerable<CompositionRule> rules, IReadOnlyCollection<ListMember> list)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(list);
        return new CompositionCheckResult(list.Count, [.. rules.OrderBy(r => r.Position).ThenBy(r => r.NameZh, StringComparer.Ordinal).Select(r => Apply(r, list))]);
    }

    /// <summary>Applies one rule.</summary>
    public static CompositionLine Apply(CompositionRule rule, IReadOnlyCollection<ListMember> list)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(list);
        var baseMembers = list.Where(m => m.CountsIn(rule.BaseCategories)).ToList();
        var baseSize = baseMembers.Count;
        var actual = baseMembers.Count(m => (m.Categories & rule.Categories) != 0);
        var percent = rule.Percent ?? 0m;
        var required = rule.Kind switch
        {
            CompositionRuleKind.MinimumShare => (int)Math.Ceiling(percent * baseSize / 100m),
            CompositionRuleKind.MaximumShare => (int)Math.Floor(percent * baseSize / 100m),
            _ => rule.Count ?? 0,
        };
        var minimum = rule.Kind is CompositionRuleKind.MinimumShare or CompositionRuleKind.MinimumCount;
        var shortfall = minimum ? Math.Max(0, required - actual) : 0;
        var excess = minimum ? 0 : Math.Max(0, actual - required);
        var passed = shortfall == 0 && excess == 0;
        return new CompositionLine(rule.Id, rule.NameZh, rule.Kind, rule.Categories, rule.BaseCategories, rule.Percent, rule.Count,
            baseSize, actual, required, shortfall, excess, passed, Message(rule, baseSize, actual, required, shortfall, excess, passed));
    }

    private static string Message(CompositionRule rule, int baseSize, int actual, int required, int shortfall, int excess, bool passed)
    {
        var counted = NomineeCategoryNames.Zh(rule.Categories);
        var listPart = rule.BaseCategories == NomineeCategories.None
            ? $"名单共 {baseSize} 名"
            : $"名单中{NomineeCategoryNames.Zh(rule.BaseCategories)}共 {baseSize} 名";
        var share = baseSize == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"（{actual * 100m / baseSize:0.0}%）");
        var basis = rule.Kind is CompositionRuleKind.MinimumShare or CompositionRuleKind.MaximumShare
            ? string.Create(CultureInfo.InvariantCulture, $"按 {rule.Percent:0.##}% ")
            : "";
        var head = passed ? "符合" : rule.Kind is CompositionRuleKind.MinimumShare or CompositionRuleKind.MinimumCount ? "未达到" : "超出";
        var bound = rule.Kind is CompositionRuleKind.MinimumShare or CompositionRuleKind.MinimumCount
            ? $"{basis}至少需要 {required} 名"
            : $"{basis}至多 {required} 名";
        var tail = shortfall > 0 ? $"，还差 {shortfall} 名" : excess > 0 ? $"，超出 {excess} 名" : "";
        return $"{head}「{rule.NameZh}」：{listPart}，{counted} {actual} 名{share}，{bound}{tail}。";
    }
}
