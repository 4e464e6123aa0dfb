using System.Net;

namespace Workflows.Host.Tests.Designer;

/// <summary>GET /api/designer/scopes: the designer's roles and organisation scopes, for administrators only.</summary>
public sealed class ScopeCatalogApiTests(HostFactory factory) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task Administrators_get_the_roles_the_relative_scopes_and_the_union_levels_without_enterprises()
    {
        using var filer = factory.CreateClientAs("filer");
        using (var refused = await filer.GetAsync("/api/designer/scopes"))
        {
            refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }

        using var admin = factory.CreateAdminClient();
        var catalog = await admin.GetJsonAsync("/api/designer/scopes");
        catalog.GetProperty("roles").EnumerateArray().Select(r => (r.GetProperty("key").GetString(), r.GetProperty("nameZh").GetString()))
            .Should().Contain(("city-reviewer", "市总工会审核人")).And.Contain(("committee-member", "评审委员会委员"));
        var scopes = catalog.GetProperty("scopes").EnumerateArray()
            .Select(s => (Value: s.GetProperty("value").GetString()!, Name: s.GetProperty("nameZh").GetString()!, Relative: s.GetProperty("relative").GetBoolean()))
            .ToList();
        scopes.TakeWhile(s => s.Relative).Select(s => s.Value).Should().Equal(
            "${initiatorOrg}", "${districtOf(initiatorOrg)}", "${cityOf(initiatorOrg)}", "${provinceOf(initiatorOrg)}");
        scopes.Should().Contain(("/gd/gz", "广州市总工会", false)).And.Contain(("/gd/gz/th", "天河区总工会", false))
            .And.Contain(("/gd/dept-xcb", "中共广东省委宣传部", false)).And.Contain(("/gd/committee", "广东省总工会荣誉评审委员会", false));
        scopes.Should().NotContain(s => s.Value.StartsWith("/gd/gz/th/", StringComparison.Ordinal), "enterprises are not review levels");
    }
}
