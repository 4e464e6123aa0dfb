using System.Net;
using System.Net.Http.Json;

namespace Workflows.Host.Tests.Administration;

/// <summary>
/// 组织管理 over HTTP: administrators add, rename, move and close organisations of their part of the tree; bad input,
/// a wrong place and a closed parent answer problem details in Chinese and English; an administrator of a city
/// changes only that city's subtree; every change is in the audit log.
/// </summary>
public sealed class OrganisationAdministrationTests(HostFactory factory) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task An_administrator_adds_renames_moves_and_closes_an_organisation_and_each_change_is_audited()
    {
        using var admin = factory.CreateClient();
        var district = await admin.AddOrganisationAsync("/gd/gz", "hz-d", "海珠区总工会", "district");
        district.GetProperty("path").GetString().Should().Be("/gd/gz/hz-d");
        var enterprise = await admin.AddOrganisationAsync("/gd/gz/hz-d", "ent-101", "广州海珠测试有限公司", "enterprise");
        var id = enterprise.GetProperty("id").GetString();

        using (var rename = await admin.PutAsJsonAsync($"/api/admin/organisations/{id}/name", new { name = "广州海珠新名有限公司" }))
        {
            rename.StatusCode.Should().Be(HttpStatusCode.OK, await rename.Content.ReadAsStringAsync());
        }

        var moved = await admin.MoveAsync("/gd/gz/hz-d/ent-101", "/gd/gz/th");
        moved.GetProperty("path").GetString().Should().Be("/gd/gz/th/ent-101");
        var branch = await admin.BranchAsync("/gd/gz/th");
        branch.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Should().Contain("广州海珠新名有限公司");
        branch.GetProperty("ancestors").EnumerateArray().Select(a => a.GetProperty("path").GetString()).Should().Equal("/gd", "/gd/gz");

        using (var close = await admin.PostAsync($"/api/admin/organisations/{district.GetProperty("id").GetString()}/close", null))
        {
            close.StatusCode.Should().Be(HttpStatusCode.OK, await close.Content.ReadAsStringAsync());
            (await close.JsonAsync()).GetProperty("closedAt").ValueKind.Should().NotBe(System.Text.Json.JsonValueKind.Null);
        }

        using (var underClosed = await admin.PostAsJsonAsync("/api/admin/organisations", new { parentPath = "/gd/gz/hz-d", code = "ent-102", name = "某公司", kind = "enterprise" }))
        {
            var problem = await underClosed.ProblemAsync(HttpStatusCode.Conflict);
            problem.GetProperty("detail").GetString().Should().Contain("已撤销").And.Contain("closed");
        }

        var audit = await admin.GetJsonAsync("/api/admin/audit?subject=" + Uri.EscapeDataString("/gd/gz/hz-d"));
        var entries = audit.GetProperty("entries").EnumerateArray().ToList();
        entries.Select(e => e.GetProperty("action").GetString()).Should().Equal(
            "organisation.close", "organisation.move", "organisation.rename", "organisation.add", "organisation.add");
        entries.Should().OnlyContain(e => e.GetProperty("actor").GetString() == "admin");
        var renamed = entries.Single(e => e.GetProperty("action").GetString() == "organisation.rename").GetProperty("details").GetString()!;
        renamed.Should().Contain("\"before\":{").And.Contain("广州海珠测试有限公司").And.Contain("\"after\":{").And.Contain("广州海珠新名有限公司");

        var byActor = await admin.GetJsonAsync("/api/admin/audit?actor=nobody");
        byActor.GetProperty("total").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Bad_input_a_wrong_place_and_a_taken_path_answer_problem_details_in_both_languages()
    {
        using var admin = factory.CreateClient();
        using (var bad = await admin.PostAsJsonAsync("/api/admin/organisations", new { parentPath = "/gd/gz", code = "a b", name = "", kind = "district" }))
        {
            var problem = await bad.ProblemAsync(HttpStatusCode.UnprocessableEntity);
            var problems = problem.GetProperty("problems").EnumerateArray().ToList();
            problems.Select(p => p.GetProperty("field").GetString()).Should().Equal("code", "name");
            problems.Should().OnlyContain(p => p.GetProperty("chinese").GetString()!.Length > 0 && p.GetProperty("english").GetString()!.Length > 0);
        }

        using (var placement = await admin.PostAsJsonAsync("/api/admin/organisations", new { parentPath = "/gd", code = "ent-x", name = "某公司", kind = "enterpriseUnion" }))
        {
            (await placement.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString().Should().Contain("只能设在").And.Contain("can only hang under");
        }

        using (var taken = await admin.PostAsJsonAsync("/api/admin/organisations", new { parentPath = "/gd/gz", code = "th", name = "重复", kind = "district" }))
        {
            (await taken.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().Should().Be("organisation.path-taken");
        }

        using (var missing = await admin.PostAsJsonAsync($"/api/admin/organisations/{Guid.NewGuid()}/move", new { newParentPath = "/gd/gz" }))
        {
            await missing.ProblemAsync(HttpStatusCode.NotFound);
        }

        var tianhe = await admin.IdOfAsync("/gd/gz/th");
        using (var intoItself = await admin.PostAsJsonAsync($"/api/admin/organisations/{tianhe}/move", new { newParentPath = "/gd/gz/th/ent-001" }))
        {
            (await intoItself.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString().Should().Be("organisation.move.into-itself");
        }

        using (var withChildren = await admin.PostAsync($"/api/admin/organisations/{tianhe}/close", null))
        {
            (await withChildren.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString().Should().Contain("未撤销的下级组织");
        }
    }

    [Fact]
    public async Task An_administrator_of_a_city_changes_only_that_city_s_subtree()
    {
        using var admin = factory.CreateClient();
        var user = await admin.CreateUserAsync("gz-admin", "/gd/gz");
        await admin.GrantAsync(user.GetProperty("id").GetString()!, "admin", "/gd/gz");

        using var cityAdmin = factory.CreateClientAs("gz-admin", AdminApi.NewPassword);
        (await cityAdmin.BranchAsync("/gd/gz")).GetProperty("ancestors").GetArrayLength().Should().Be(0, "the province is outside the city administrator's part");
        await cityAdmin.AddOrganisationAsync("/gd/gz/th", "ent-201", "广州市管测试公司", "enterprise");
        using (var outside = await cityAdmin.PostAsJsonAsync("/api/admin/organisations", new { parentPath = "/gd/sz", code = "ent-202", name = "深圳某公司", kind = "enterprise" }))
        {
            (await outside.ProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString().Should().Contain("不在您的管理范围内");
        }

        using (var moveOut = await cityAdmin.PostAsJsonAsync($"/api/admin/organisations/{await admin.IdOfAsync("/gd/gz/th/ent-201")}/move", new { newParentPath = "/gd/sz" }))
        {
            await moveOut.ProblemAsync(HttpStatusCode.Forbidden);
        }

        var users = await cityAdmin.GetJsonAsync("/api/admin/users?take=200");
        users.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("organisationPath").GetString())
            .Should().OnlyContain(p => p == "/gd/gz" || p!.StartsWith("/gd/gz/", StringComparison.Ordinal)).And.NotBeEmpty();
        using (var seeShenzhen = await cityAdmin.GetAsync($"/api/admin/users/{await admin.UserIdAsync("sz-reviewer")}"))
        {
            await seeShenzhen.ProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task Reviewers_and_filers_get_403_from_the_administration()
    {
        using var reviewer = factory.CreateClientAs("city-reviewer");
        await (await reviewer.GetAsync("/api/admin/organisations")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await reviewer.GetAsync("/api/admin/audit")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await reviewer.PostAsJsonAsync("/api/admin/users", new { userName = "x" })).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
