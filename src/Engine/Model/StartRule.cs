namespace Workflows.Engine.Model;

/// <summary>
/// Who may start a process, read from its <c>&lt;process&gt;</c> element:
/// <list type="bullet">
/// <item><c>camunda:candidateStarterGroups</c>: group keys <c>role@/org/path</c> (a member of the role at that organisation
/// <em>or any organisation below it</em> may start: <c>enterprise-filer@/gd</c> is every enterprise filer of the
/// province), or a bare <c>role</c> (the role held anywhere). Comma-separated.</item>
/// <item><c>camunda:candidateStarterUsers</c>: user names, comma-separated.</item>
/// <item><c>wf:startVia="domain"</c> or <c>camunda:isStartableInTasklist="false"</c>: the process starts only through
/// its own application (a domain API that checks its rules first), never through the generic start.</item>
/// </list>
/// A process that names no starter is started by trusted callers only (administrators, the system): the safe default.
/// </summary>
public sealed record StartRule
{
    /// <summary>No starter named and startable from the generic start: administrators only.</summary>
    public static StartRule AdministratorsOnly { get; } = new();

    /// <summary>The group rules (<c>role@/path</c> or <c>role</c>), trimmed, in the order written.</summary>
    public IReadOnlyList<string> CandidateStarterGroups { get; init; } = [];

    /// <summary>The user names that may start.</summary>
    public IReadOnlyList<string> CandidateStarterUsers { get; init; } = [];

    /// <summary>True when the process starts only through its own application (<c>wf:startVia="domain"</c>).</summary>
    public bool DomainOnly { get; init; }

    /// <summary>True when the definition names any starter.</summary>
    public bool NamesStarters => CandidateStarterGroups.Count > 0 || CandidateStarterUsers.Count > 0;

    /// <summary>
    /// True when <paramref name="actor"/> with <paramref name="groups"/> (group keys <c>role@/path</c>) is named:
    /// a listed user, or a group key whose role matches a rule and whose path is the rule's path or below it.
    /// </summary>
    public bool Allows(string? actor, IReadOnlyList<string> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (actor is not null && CandidateStarterUsers.Contains(actor, StringComparer.Ordinal))
        {
            return true;
        }

        foreach (var rule in CandidateStarterGroups)
        {
            foreach (var group in groups)
            {
                if (Matches(rule, group))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether the group key <paramref name="group"/> (<c>role@/gd/gz</c>) satisfies <paramref name="rule"/>.</summary>
    public static bool Matches(string rule, string group)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(group);
        var at = group.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0)
        {
            return false;
        }

        var ruleAt = rule.IndexOf('@', StringComparison.Ordinal);
        var role = ruleAt < 0 ? rule : rule[..ruleAt];
        if (!string.Equals(role, group[..at], StringComparison.Ordinal))
        {
            return false;
        }

        if (ruleAt < 0)
        {
            return true;
        }

        var scope = rule[(ruleAt + 1)..].TrimEnd('/');
        var path = group[(at + 1)..].TrimEnd('/');
        return scope.Length == 0
            || path == scope
            || (path.Length > scope.Length && path[scope.Length] == '/' && path.StartsWith(scope, StringComparison.Ordinal));
    }
}
