namespace Workflows.Activities.Organisations;

/// <summary>
/// Names of <see cref="OrganisationKind"/> as designs write them: the enum name in any case (<c>CityUnion</c>,
/// <c>cityUnion</c>) or a short word (<c>city</c>, <c>district</c> …, see <see cref="ShortNames"/>).
/// </summary>
public static class OrganisationKinds
{
    /// <summary>The short words and the kind each names.</summary>
    public static IReadOnlyDictionary<string, OrganisationKind> ShortNames { get; } =
        new Dictionary<string, OrganisationKind>(StringComparer.OrdinalIgnoreCase)
        {
            ["province"] = OrganisationKind.Province,
            ["city"] = OrganisationKind.CityUnion,
            ["industry"] = OrganisationKind.IndustryUnion,
            ["district"] = OrganisationKind.District,
            ["enterprise"] = OrganisationKind.Enterprise,
            ["union"] = OrganisationKind.EnterpriseUnion,
            ["department"] = OrganisationKind.Department,
            ["committee"] = OrganisationKind.Committee,
        };

    /// <summary>Reads a kind from its short word or its enum name (case-insensitive); false for anything else (numbers too).</summary>
    public static bool TryParse(string? text, out OrganisationKind kind)
    {
        kind = default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }

        if (ShortNames.TryGetValue(trimmed, out kind))
        {
            return true;
        }

        return !char.IsAsciiDigit(trimmed[0]) && trimmed[0] != '-'
            && Enum.TryParse(trimmed, ignoreCase: true, out kind) && Enum.IsDefined(kind);
    }

    /// <summary>The accepted names, for error messages: <c>province, city, … (or CityUnion, …)</c>.</summary>
    public static string Describe() =>
        string.Join(", ", ShortNames.Keys) + " (or " + string.Join(", ", Enum.GetNames<OrganisationKind>()) + ")";
}
