using Workflows.Engine.Expressions;

namespace Workflows.Activities.Organisations;

/// <summary>
/// Adds the organisation directory to expressions, so that designs name reviewers relative to the initiator's
/// organisation (candidate groups, assignees, candidate users, conditions):
/// <list type="bullet">
/// <item><c>orgOfKind(path, kind)</c>: the path of the nearest organisation of <c>kind</c> at or above <c>path</c>
/// (kinds: <c>province</c>, <c>city</c>, <c>industry</c>, <c>district</c>, <c>enterprise</c>, <c>union</c>,
/// <c>department</c>, <c>committee</c>, or the <see cref="OrganisationKind"/> names); null when there is none (an
/// enterprise directly under a city union has no district), so <c>districtOf(p) || cityOf(p)</c> falls back.</item>
/// <item><c>provinceOf(path)</c>, <c>cityOf(path)</c>, <c>districtOf(path)</c>, <c>enterpriseOf(path)</c>: the same
/// for one kind: <c>cityOf('/gd/gz/th/ent-001')</c> is <c>'/gd/gz'</c>.</item>
/// <item><c>leaderOf(path)</c>: the user name holding <see cref="Roles.Leader"/> in that organisation (the first in
/// ordinal order if several do); an error when nobody does, so that no task is left without an assignee.</item>
/// <item><c>membersOf(role, path)</c> or <c>membersOf('role@path')</c>: the user names holding the role there (an
/// array, empty when nobody does).</item>
/// </list>
/// A path that is empty or names no organisation is an error (the engine names the function, this class the path). The answers come
/// from the in-memory <see cref="OrganisationDirectory"/>: no database call per evaluation.
/// <code>
/// camunda:candidateGroups="${'city-reviewer@' + cityOf(initiatorOrg)}"   →  city-reviewer@/gd/gz
/// camunda:assignee="${leaderOf(initiatorOrg)}"
/// </code>
/// </summary>
public sealed class OrganisationExpressionFunctions(OrganisationDirectory directory) : IExpressionFunctions
{
    /// <summary>The names of the functions this class adds.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["orgOfKind", "provinceOf", "cityOf", "districtOf", "enterpriseOf", "leaderOf", "membersOf"];

    public void Register(ExpressionSandbox sandbox)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        sandbox.SetFunction("orgOfKind", (Func<string?, string?, string?>)OrgOfKind);
        sandbox.SetFunction("provinceOf", (Func<string?, string?>)(path => OfKind(path, OrganisationKind.Province)));
        sandbox.SetFunction("cityOf", (Func<string?, string?>)(path => OfKind(path, OrganisationKind.CityUnion)));
        sandbox.SetFunction("districtOf", (Func<string?, string?>)(path => OfKind(path, OrganisationKind.District)));
        sandbox.SetFunction("enterpriseOf", (Func<string?, string?>)(path => OfKind(path, OrganisationKind.Enterprise)));
        sandbox.SetFunction("leaderOf", (Func<string?, string>)LeaderOf);
        sandbox.SetFunction("membersOf", (Func<string?, string?, object>)MembersOf);
    }

    /// <summary><c>orgOfKind(path, kind)</c>; see the class summary.</summary>
    public string? OrgOfKind(string? path, string? kind)
    {
        if (!OrganisationKinds.TryParse(kind, out var parsed))
        {
            throw new ArgumentException($"'{kind}' is not a kind of organisation; use one of {OrganisationKinds.Describe()}.");
        }

        return OfKind(path, parsed);
    }

    /// <summary><c>leaderOf(path)</c>; see the class summary.</summary>
    public string LeaderOf(string? path)
    {
        var organisation = Require(path);
        var leaders = directory.MembersOf(Roles.Leader, organisation.Path);
        return leaders.Count > 0
            ? leaders[0]
            : throw new ArgumentException(
                $"{organisation.Name} ({organisation.Path}) has no leader: nobody holds the role {Roles.Leader} there. Assign one, then retry.");
    }

    /// <summary><c>membersOf(role, path)</c> or <c>membersOf('role@path')</c>; see the class summary.</summary>
    public object MembersOf(string? roleOrGroupKey, string? path)
    {
        var role = roleOrGroupKey?.Trim();
        if (string.IsNullOrEmpty(role))
        {
            throw new ArgumentException("the role is empty; write membersOf('city-reviewer', path) or membersOf('city-reviewer@/gd/gz').");
        }

        var at = role.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            if (path is not null)
            {
                throw new ArgumentException($"'{role}' is already a group key (role@path); leave out the second argument.");
            }

            path = role[(at + 1)..];
            role = role[..at];
        }

        var organisation = Require(path);
        return directory.MembersOf(role, organisation.Path).Cast<object?>().ToList();
    }

    private string? OfKind(string? path, OrganisationKind kind)
    {
        var organisation = Require(path);
        return directory.AncestorOfKind(organisation.Path, kind)?.Path;
    }

    private DirectoryOrganisation Require(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("the organisation path is empty (is the variable set?); pass a path such as '/gd/gz/th/ent-001'.");
        }

        return directory.Find(path) ?? throw new ArgumentException(directory.IsLoaded
            ? $"no organisation has the path '{path}'. Paths look like '/gd/gz/th/ent-001'."
            : $"the organisation directory is not loaded yet, so '{path}' is not known; retry in a moment.");
    }
}
