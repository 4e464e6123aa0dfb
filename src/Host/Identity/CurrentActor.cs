using System.Security.Claims;
using Workflows.Activities.Organisations;

namespace Workflows.Host.Identity;

/// <summary>
/// The user a request acts for, read from the sign-in (cookie or bearer token): user name, own organisation, group
/// keys (<c>role@orgPath</c>), whether an administrator, and the organisation subtrees whose records the user may see.
/// A scoped service (one per request): endpoints take it as a parameter (<c>CurrentActor actor</c>).
/// <para>
/// <see cref="Scopes"/>: null for administrators (everything); otherwise, for each reviewer role
/// (<see cref="Roles.Reviewers"/>) the organisation it is held in (a city reviewer of 广州 sees <c>/gd/gz</c> and below),
/// and for an enterprise filer the enterprise the filer files for (the filer of <c>/gd/gz/th/ent-001/union</c> sees
/// <c>/gd/gz/th/ent-001</c> and below). Other roles (committee members, leaders, integration accounts) add no scope:
/// they see the tasks given to them, not an organisation's records. The claims are those of the sign-in: a role given
/// or taken away counts from the next sign-in or token refresh.
/// </para>
/// </summary>
public sealed class CurrentActor
{
    private CurrentActor(
        string? userName,
        string? displayName,
        string? organizationPath,
        IReadOnlyList<string> groups,
        IReadOnlyList<string> roles,
        IReadOnlyList<string>? scopes)
    {
        UserName = userName;
        DisplayName = displayName;
        OrganizationPath = organizationPath;
        Groups = groups;
        RoleNames = roles;
        IsAdmin = roles.Contains(Roles.Admin, StringComparer.Ordinal);
        Scopes = IsAdmin ? null : scopes ?? [];
    }

    /// <summary>Nobody signed in: no groups, no scopes, sees nothing.</summary>
    public static CurrentActor Anonymous { get; } = new(null, null, null, [], [], []);

    /// <summary>True when a user signed in.</summary>
    public bool IsSignedIn => UserName is not null;

    /// <summary>The user name (account), as the engine records actors and assignees; null when nobody signed in.</summary>
    public string? UserName { get; }

    /// <summary>The display name (Chinese).</summary>
    public string? DisplayName { get; }

    /// <summary>The path of the user's own organisation (<c>/gd/gz/th/ent-001/union</c>); null when the user has none.</summary>
    public string? OrganizationPath { get; }

    /// <summary>The group keys (<c>city-reviewer@/gd/gz</c>), as tasks name their candidate groups.</summary>
    public IReadOnlyList<string> Groups { get; }

    /// <summary>The role names held anywhere (<c>city-reviewer</c>, <c>admin</c> …).</summary>
    public IReadOnlyList<string> RoleNames { get; }

    /// <summary>True for administrators (role <see cref="Roles.Admin"/>).</summary>
    public bool IsAdmin { get; }

    /// <summary>
    /// The organisation paths whose subtrees the user may see (distinct, ordinal order, none below another); null: no
    /// restriction (administrators); empty: no organisation's records. See the class summary.
    /// </summary>
    public IReadOnlyList<string>? Scopes { get; }

    /// <summary>
    /// True when a record of the organisation at <paramref name="organizationPath"/> is visible to the user: always for
    /// administrators; otherwise when the path is a scope or lies below one (<c>/gd/gz</c> covers <c>/gd/gz/th</c>, not
    /// <c>/gd/gzx</c>). A record without an organisation is visible to administrators only.
    /// </summary>
    public bool CanSee(string? organizationPath)
    {
        if (Scopes is null)
        {
            return true;
        }

        if (OrganisationDirectory.Normalize(organizationPath) is not { } path)
        {
            return false;
        }

        foreach (var scope in Scopes)
        {
            if (path.Length == scope.Length ? path == scope : path.Length > scope.Length && path[scope.Length] == '/' && path.StartsWith(scope, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the user holds the group key (<c>role@orgPath</c>).</summary>
    public bool IsInGroup(string groupKey) => Groups.Contains(groupKey, StringComparer.Ordinal);

    /// <summary>
    /// The actor of <paramref name="principal"/> (the claims written by the sign-in, see
    /// <see cref="IdentityServices"/>); <see cref="Anonymous"/> when nobody signed in. The directory lifts an enterprise
    /// filer's organisation to its enterprise; without it (or before it is loaded) the filer's own organisation is the scope.
    /// </summary>
    public static CurrentActor From(ClaimsPrincipal? principal, OrganisationDirectory? directory = null)
    {
        if (principal?.Identity is not { IsAuthenticated: true } identity || string.IsNullOrEmpty(identity.Name))
        {
            return Anonymous;
        }

        var roleType = (identity as ClaimsIdentity)?.RoleClaimType ?? ClaimTypes.Role;
        var groups = Distinct(principal.FindAll(IdentityServices.GroupClaim).Select(c => c.Value));
        var roles = Distinct(principal.FindAll(roleType).Select(c => c.Value));
        var organization = OrganisationDirectory.Normalize(principal.FindFirst(IdentityServices.OrganisationPathClaim)?.Value);
        var scopes = new List<string>();
        foreach (var group in groups)
        {
            var at = group.IndexOf('@', StringComparison.Ordinal);
            if (at <= 0 || OrganisationDirectory.Normalize(group[(at + 1)..]) is not { } path)
            {
                continue;
            }

            var role = group[..at];
            if (Roles.Reviewers.Contains(role, StringComparer.Ordinal))
            {
                scopes.Add(path);
            }
            else if (role == Roles.EnterpriseFiler)
            {
                scopes.Add(directory?.AncestorOfKind(path, OrganisationKind.Enterprise)?.Path ?? path);
            }
        }

        return new CurrentActor(identity.Name, principal.FindFirst(IdentityServices.DisplayNameClaim)?.Value, organization, groups, roles, Outermost(scopes));
    }

    private static List<string> Distinct(IEnumerable<string> values) =>
        [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Drops the scopes that lie inside another scope (a province reviewer who also reviews a city sees the province).</summary>
    private static List<string> Outermost(List<string> scopes)
    {
        var distinct = Distinct(scopes);
        return [.. distinct.Where(s => !distinct.Any(other => other != s && s.StartsWith(other + "/", StringComparison.Ordinal)))];
    }
}
