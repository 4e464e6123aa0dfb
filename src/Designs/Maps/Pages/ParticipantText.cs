using System.Text.RegularExpressions;

namespace Workflows.Designs.Maps.Pages;

/// <summary>
/// Says who handles a task in plain Chinese where it can recognise the pattern: group keys <c>role@orgPath</c>
/// (<c>city-reviewer@${cityOf(initiatorOrg)}</c> → 发起单位所在市总工会 审核人 (city-reviewer)), assignees
/// (<c>${initiator}</c> → 发起人), role names. Anything else is shown as written, in code.
/// </summary>
public static partial class ParticipantText
{
    /// <summary>The roles of the organisation tree (Workflows.Activities.Organisations.Roles) in Chinese.</summary>
    private static readonly Dictionary<string, string> Roles = new(StringComparer.Ordinal)
    {
        ["enterprise-filer"] = "申报人",
        ["district-reviewer"] = "审核人",
        ["city-reviewer"] = "审核人",
        ["industry-reviewer"] = "审核人",
        ["province-reviewer"] = "审核人",
        ["department-reviewer"] = "联审人",
        ["committee-member"] = "评审委员",
        ["org-leader"] = "负责人",
        ["integration"] = "对接系统账号",
        ["admin"] = "管理员",
    };

    /// <summary>Where a role holder sits when a role is named without an organisation.</summary>
    private static readonly Dictionary<string, string> RoleHomes = new(StringComparer.Ordinal)
    {
        ["enterprise-filer"] = "企业工会",
        ["district-reviewer"] = "县(区)总工会",
        ["city-reviewer"] = "市总工会",
        ["industry-reviewer"] = "产业工会",
        ["province-reviewer"] = "省总工会",
        ["department-reviewer"] = "联审部门",
        ["committee-member"] = "评审委员会",
        ["org-leader"] = "本单位",
        ["integration"] = "外部系统",
        ["admin"] = "省总工会",
    };

    /// <summary>Organisation functions of the designs' expressions: <c>cityOf(x)</c> → x所在市总工会.</summary>
    private static readonly Dictionary<string, string> OrganisationFunctions = new(StringComparer.Ordinal)
    {
        ["cityOf"] = "所在市总工会",
        ["districtOf"] = "所在县(区)总工会",
        ["industryOf"] = "所属产业工会",
        ["provinceOf"] = "所在省总工会",
        ["parentOf"] = "的上级组织",
        ["unionOf"] = "的工会",
    };

    /// <summary>Process variables the designs use for organisations and people.</summary>
    private static readonly Dictionary<string, string> Variables = new(StringComparer.Ordinal)
    {
        ["initiatorOrg"] = "发起单位",
        ["initiatorOrganisation"] = "发起单位",
        ["nomineeOrg"] = "被推荐对象所在单位",
        ["initiator"] = "发起人",
        ["nominee"] = "被推荐对象",
        ["approver"] = "审批人",
    };

    /// <summary>Organisations with a fixed path.</summary>
    private static readonly Dictionary<string, string> Paths = new(StringComparer.Ordinal)
    {
        ["/gd"] = "广东省总工会",
        ["/gd/committee"] = "广东省总工会评审委员会",
    };

    /// <summary>The role names this class can say in Chinese.</summary>
    public static IReadOnlyCollection<string> KnownRoles => Roles.Keys;

    /// <summary>A candidate group: <c>role@orgPath</c> (the organisation part may be an expression) or a plain group name.</summary>
    public static string Group(string groupKey)
    {
        ArgumentNullException.ThrowIfNull(groupKey);
        var key = groupKey.Trim();
        var at = key.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0)
        {
            return Role(key);
        }

        var role = key[..at];
        var organisation = Organisation(key[(at + 1)..]);
        return Roles.TryGetValue(role, out var label)
            ? $"{organisation} {label} ({role})"
            : $"{organisation} {Markdown.Code(role)}";
    }

    /// <summary>A role name without an organisation (<c>province-reviewer</c> → 省总工会 审核人 (province-reviewer)).</summary>
    public static string Role(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        if (role.Contains('@', StringComparison.Ordinal))
        {
            return Group(role);
        }

        return Roles.TryGetValue(role, out var label) ? $"{RoleHomes[role]} {label} ({role})" : "组 " + Markdown.Code(role);
    }

    /// <summary>An organisation path or an expression that yields one.</summary>
    public static string Organisation(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (Paths.TryGetValue(t, out var known))
        {
            return known;
        }

        if (t.StartsWith('/'))
        {
            return "组织 " + Markdown.Code(t);
        }

        if (Inner(t) is { } inner)
        {
            var call = Call().Match(inner);
            if (call.Success && OrganisationFunctions.TryGetValue(call.Groups["f"].Value, out var suffix))
            {
                return VariableName(call.Groups["x"].Value, "组织") + suffix;
            }

            if (Identifier().IsMatch(inner))
            {
                return VariableName(inner, "组织");
            }
        }

        return Markdown.Code(t);
    }

    /// <summary>An assignee or candidate user: a user id or an expression.</summary>
    public static string Person(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (Inner(t) is { } inner)
        {
            return Identifier().IsMatch(inner) ? VariableName(inner, "人员") : "表达式 " + Markdown.Code(t) + " 算出的人员";
        }

        return "用户 " + Markdown.Code(t);
    }

    /// <summary>A list of people (<c>wf:approvers</c>): an expression or a comma-separated list.</summary>
    public static string People(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (Inner(t) is { } inner)
        {
            return Identifier().IsMatch(inner) ? $"流程变量 {Markdown.Code(inner)} 中的人员" : "表达式 " + Markdown.Code(t) + " 算出的人员";
        }

        return "用户 " + string.Join("、", t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Markdown.Code));
    }

    private static string VariableName(string variable, string what) =>
        Variables.TryGetValue(variable, out var name) ? name : $"流程变量 {Markdown.Code(variable)} 指定的{what}";

    /// <summary>The inside of <c>${…}</c> or <c>#{…}</c>, or null.</summary>
    private static string? Inner(string text) =>
        (text.StartsWith("${", StringComparison.Ordinal) || text.StartsWith("#{", StringComparison.Ordinal)) && text.EndsWith('}') && text.Length > 3
            ? text[2..^1].Trim()
            : null;

    [GeneratedRegex(@"^(?<f>[A-Za-z_][A-Za-z0-9_]*)\(\s*(?<x>[A-Za-z_][A-Za-z0-9_]*)\s*\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Call();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
