using Workflows.Activities.Identity;
using Workflows.Activities.Organisations;
using Workflows.Engine.Expressions;

namespace Workflows.Designs.ProcessTests.Support;

/// <summary>
/// Stand-in for the organisation functions that the designs call in assignments and scripts (<c>cityOf</c>,
/// <c>districtOf</c>, <c>provinceOf</c>, <c>orgOfKind</c>, <c>membersOf</c>). The real ones (an in-memory snapshot of the
/// organisation tree and role assignments) are written in parallel for the host; until they are merged these
/// answer from the demo tree of <see cref="DemoSeed"/> plus two test enterprises, with the same meaning: the
/// nearest ancestor-or-self organisation of a kind, or null.
/// </summary>
public sealed class StandInDirectory : IExpressionFunctions
{
    /// <summary>An enterprise directly under the Shenzhen city union (no district).</summary>
    public const string ShenzhenEnterprise = "/gd/sz/ent-100";

    /// <summary>An enterprise under the provincial finance industry union (no city).</summary>
    public const string FinanceEnterprise = "/gd/ind-jr/ent-200";

    private readonly Dictionary<string, OrganisationKind> _kinds = new(StringComparer.Ordinal);

    public StandInDirectory()
    {
        _kinds[DemoSeed.ProvincePath] = OrganisationKind.Province;
        foreach (var (code, _) in DemoSeed.CityUnions)
        {
            _kinds[DemoSeed.ProvincePath + "/" + code] = OrganisationKind.CityUnion;
        }

        foreach (var (code, _) in DemoSeed.IndustryUnions)
        {
            _kinds[DemoSeed.ProvincePath + "/" + code] = OrganisationKind.IndustryUnion;
        }

        foreach (var (code, _) in DemoSeed.Departments)
        {
            _kinds[DemoSeed.ProvincePath + "/" + code] = OrganisationKind.Department;
        }

        _kinds[DemoSeed.TianhePath] = OrganisationKind.District;
        _kinds[DemoSeed.Enterprise1Path] = OrganisationKind.Enterprise;
        _kinds[DemoSeed.Enterprise2Path] = OrganisationKind.Enterprise;
        _kinds[DemoSeed.CommitteePath] = OrganisationKind.Committee;
        _kinds[ShenzhenEnterprise] = OrganisationKind.Enterprise;
        _kinds[FinanceEnterprise] = OrganisationKind.Enterprise;
    }

    public void Register(ExpressionSandbox sandbox)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        sandbox.SetFunction("cityOf", (Func<string, string?>)(path => Nearest(path, OrganisationKind.CityUnion)));
        sandbox.SetFunction("districtOf", (Func<string, string?>)(path => Nearest(path, OrganisationKind.District)));
        sandbox.SetFunction("provinceOf", (Func<string, string?>)(path => Nearest(path, OrganisationKind.Province)));
        sandbox.SetFunction("orgOfKind", (Func<string, string, string?>)((path, kind) => Nearest(path, Kind(kind))));
        sandbox.SetFunction("membersOf", (Func<string, string, object?>)MembersOf);
    }

    private static OrganisationKind Kind(string kind) => kind switch
    {
        "province" => OrganisationKind.Province,
        "city" => OrganisationKind.CityUnion,
        "industry" => OrganisationKind.IndustryUnion,
        "district" => OrganisationKind.District,
        "enterprise" => OrganisationKind.Enterprise,
        _ => Enum.Parse<OrganisationKind>(kind, ignoreCase: true),
    };

    private string? Nearest(string path, OrganisationKind kind)
    {
        if (!_kinds.ContainsKey(path))
        {
            throw new ArgumentException($"'{path}' is not an organisation of the directory.");
        }

        foreach (var candidate in Organisation.AncestorPaths(path).Append(path).Reverse())
        {
            if (_kinds.TryGetValue(candidate, out var k) && k == kind)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The user names holding <paramref name="role"/> in <paramref name="path"/> (committee seats for committee members).</summary>
    private static object? MembersOf(string role, string path) =>
        DemoSeed.Accounts.Where(a => a.Role == role && a.OrganisationPath == path).Select(a => (object?)a.UserName).ToList();
}
