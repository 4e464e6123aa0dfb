using Workflows.Activities.Organisations;

namespace Workflows.Activities.Privacy;

/// <summary>
/// Who asks for personal data: the user's name and id, whether an administrator, the group keys (<c>role@orgPath</c>)
/// and the organisation subtrees the user sees (null: everything). The host builds it from the sign-in.
/// </summary>
public sealed record PersonalDataReader(string UserName, string? UserId, bool IsAdmin, IReadOnlyList<string> Groups, IReadOnlyList<string>? Scopes)
{
    /// <summary>True when a record of <paramref name="path"/> is within one of the reader's scopes.</summary>
    public bool CanSee(string? path) =>
        Scopes is null || (path is { Length: > 0 } && Scopes.Any(s => Covers(s, path)));

    /// <summary>True when the reader holds a reviewing role (district, city, industry, province) at <paramref name="path"/> itself.</summary>
    public bool ReviewsAt(string path) => ReviewerOrganisations().Any(o => o == path);

    /// <summary>True when the reader holds a reviewing role at <paramref name="path"/> or above it.</summary>
    public bool ReviewsAtOrAbove(string path) => ReviewerOrganisations().Any(o => Covers(o, path));

    private IEnumerable<string> ReviewerOrganisations()
    {
        foreach (var group in Groups)
        {
            var at = group.IndexOf('@', StringComparison.Ordinal);
            if (at > 0 && PersonalDataRules.RevealingRoles.Contains(group[..at], StringComparer.Ordinal))
            {
                yield return group[(at + 1)..];
            }
        }
    }

    private static bool Covers(string scope, string path) =>
        path == scope || path.StartsWith(scope.TrimEnd('/') + "/", StringComparison.Ordinal);
}

/// <summary>
/// Who may see personal data in full (on an explicit "show in full", logged). Everyone else sees it masked.
/// <list type="bullet">
/// <item>A nominee's ID number or credit code: the user who filed the nomination (they typed it), a reviewer holding the
/// nomination's current level (<c>Nomination.LevelPath</c>: they check it against the materials), administrators.</item>
/// <item>An objector's name and contact: the reviewers of the notice's publisher or above it (the investigators of the
/// objection: the provincial reviewers for the provincial notice), administrators. Not the nominee's filer.</item>
/// </list>
/// Department reviewers (opinions), committee members, leaders and integration accounts never see them in full.
/// </summary>
public static class PersonalDataRules
{
    /// <summary>The reviewing roles that may see personal data of what they review.</summary>
    public static IReadOnlyList<string> RevealingRoles { get; } =
        [Roles.DistrictReviewer, Roles.CityReviewer, Roles.IndustryReviewer, Roles.ProvinceReviewer];
}
