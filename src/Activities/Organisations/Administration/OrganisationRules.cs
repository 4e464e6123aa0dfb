using System.Text.RegularExpressions;

namespace Workflows.Activities.Organisations.Administration;

/// <summary>What the tree allows: which kind hangs under which, and what a code looks like.</summary>
public static partial class OrganisationRules
{
    /// <summary>The kinds each kind may hang under (the province is the root and hangs under nothing).</summary>
    public static IReadOnlyDictionary<OrganisationKind, OrganisationKind[]> Parents { get; } = new Dictionary<OrganisationKind, OrganisationKind[]>
    {
        [OrganisationKind.Province] = [],
        [OrganisationKind.CityUnion] = [OrganisationKind.Province],
        [OrganisationKind.IndustryUnion] = [OrganisationKind.Province],
        [OrganisationKind.District] = [OrganisationKind.CityUnion],
        [OrganisationKind.Enterprise] = [OrganisationKind.District, OrganisationKind.CityUnion, OrganisationKind.IndustryUnion],
        [OrganisationKind.EnterpriseUnion] = [OrganisationKind.Enterprise],
        [OrganisationKind.Department] = [OrganisationKind.Province, OrganisationKind.CityUnion],
        [OrganisationKind.Committee] = [OrganisationKind.Province, OrganisationKind.CityUnion],
    };

    /// <summary>The Chinese name of a kind.</summary>
    public static string ChineseName(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Province => "省总工会",
        OrganisationKind.CityUnion => "地市总工会",
        OrganisationKind.IndustryUnion => "省产业工会",
        OrganisationKind.District => "县（区）总工会",
        OrganisationKind.Enterprise => "企业",
        OrganisationKind.EnterpriseUnion => "基层工会",
        OrganisationKind.Department => "联审部门",
        OrganisationKind.Committee => "评审委员会",
        _ => kind.ToString(),
    };

    /// <summary>The problem of a code, or null when it is a good path segment.</summary>
    public static AdminProblem? CodeProblem(string? code, string field = "code") =>
        string.IsNullOrWhiteSpace(code) || code.Length > OrganisationLimits.CodeLength || !CodePattern().IsMatch(code)
            ? new AdminProblem("organisation.code", $"代码须为 1 至 {OrganisationLimits.CodeLength} 个英文字母、数字或“-”（例：ent-003）。",
                $"The code must be 1 to {OrganisationLimits.CodeLength} letters, digits or '-' (e.g. ent-003).", field)
            : null;

    /// <summary>The problem of a name, or null when it is acceptable.</summary>
    public static AdminProblem? NameProblem(string? name, string field = "name") =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > OrganisationLimits.NameLength || name.Any(char.IsControl)
            ? new AdminProblem("organisation.name", $"须填写名称，不超过 {OrganisationLimits.NameLength} 字，且不含控制字符。",
                $"The name is required, at most {OrganisationLimits.NameLength} characters, without control characters.", field)
            : null;

    /// <summary>The problem of hanging <paramref name="kind"/> under <paramref name="parent"/>, or null when allowed.</summary>
    public static AdminProblem? PlacementProblem(OrganisationKind kind, OrganisationKind? parent, string field = "parentPath")
    {
        var allowed = Parents[kind];
        if (parent is null ? allowed.Length == 0 : allowed.Contains(parent.Value))
        {
            return null;
        }

        var names = allowed.Length == 0 ? "（无，须为根）" : string.Join("、", allowed.Select(ChineseName));
        return new AdminProblem("organisation.placement",
            $"{ChineseName(kind)}只能设在以下类型的组织之下：{names}。",
            $"A {kind} can only hang under: {(allowed.Length == 0 ? "nothing (it is the root)" : string.Join(", ", allowed))}.", field);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]*$")]
    private static partial Regex CodePattern();
}
