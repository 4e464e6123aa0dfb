using System.Xml.Linq;
using Workflows.Engine.Model;

namespace Workflows.Engine.Parsing;

/// <summary>
/// Reads the <see cref="StartRule"/> of a <c>&lt;process&gt;</c> element: <c>camunda:candidateStarterGroups</c>,
/// <c>camunda:candidateStarterUsers</c>, <c>camunda:isStartableInTasklist</c> and <c>wf:startVia</c>. A start right
/// names fixed organisations: no instance exists yet that a relative scope (<c>${cityOf(initiatorOrg)}</c>) could be
/// relative to, so an expression is a problem at deploy time, as is a malformed entry.
/// </summary>
internal static class StartRuleReader
{
    /// <summary>The values of <c>wf:startVia</c>.</summary>
    public const string ViaDomain = "domain";
    public const string ViaTasklist = "tasklist";

    public static StartRule Read(XElement process, Action<string> problem)
    {
        var groups = Entries(process, BpmnNamespaces.Camunda + "candidateStarterGroups", "candidateStarterGroups", problem, group: true);
        var users = Entries(process, BpmnNamespaces.Camunda + "candidateStarterUsers", "candidateStarterUsers", problem, group: false);

        var via = ((string?)process.Attribute(BpmnNamespaces.Workflows + "startVia"))?.Trim();
        var tasklist = ((string?)process.Attribute(BpmnNamespaces.Camunda + "isStartableInTasklist"))?.Trim();
        var domainOnly = false;
        if (via is not null && via != ViaDomain && via != ViaTasklist)
        {
            problem($"wf:startVia '{via}' is not one of {ViaDomain} (only its own application starts the process) or {ViaTasklist} (the generic start as well).");
        }
        else if (via == ViaDomain)
        {
            domainOnly = true;
        }

        if (tasklist is not null && tasklist != "true" && tasklist != "false")
        {
            problem($"camunda:isStartableInTasklist '{tasklist}' is not true or false.");
        }
        else if (tasklist == "false")
        {
            domainOnly = true;
        }

        if (tasklist == "true" && via == ViaDomain)
        {
            problem("camunda:isStartableInTasklist=\"true\" contradicts wf:startVia=\"domain\". Keep one of them.");
        }

        return groups.Count == 0 && users.Count == 0 && !domainOnly
            ? StartRule.AdministratorsOnly
            : new StartRule { CandidateStarterGroups = groups, CandidateStarterUsers = users, DomainOnly = domainOnly };
    }

    private static List<string> Entries(XElement process, XName attribute, string what, Action<string> problem, bool group)
    {
        var text = (string?)process.Attribute(attribute);
        if (text is null)
        {
            return [];
        }

        var result = new List<string>();
        foreach (var raw in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw.Contains("${", StringComparison.Ordinal) || raw.Contains("#{", StringComparison.Ordinal))
            {
                problem($"camunda:{what} '{raw}' is an expression; a start right names fixed organisations (role@/gd/gz), since no instance exists yet to be relative to.");
                continue;
            }

            if (group && !IsGroupRule(raw))
            {
                problem($"camunda:{what} '{raw}' is not a role at an organisation: write role@/org/path (that organisation and below) or role (anywhere), e.g. enterprise-filer@/gd.");
                continue;
            }

            if (!group && raw.Any(char.IsWhiteSpace))
            {
                problem($"camunda:{what} '{raw}' is not a user name.");
                continue;
            }

            if (!result.Contains(raw, StringComparer.Ordinal))
            {
                result.Add(raw);
            }
        }

        return result;
    }

    private static bool IsGroupRule(string rule)
    {
        var at = rule.IndexOf('@', StringComparison.Ordinal);
        var role = at < 0 ? rule : rule[..at];
        if (role.Length == 0 || !role.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        if (at < 0)
        {
            return true;
        }

        var path = rule[(at + 1)..];
        return path.Length > 1 && path[0] == '/' && !path.Contains("//", StringComparison.Ordinal) && !path.Any(char.IsWhiteSpace) && path.IndexOf('@', StringComparison.Ordinal) < 0;
    }
}
