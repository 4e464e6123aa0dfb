using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Activities.Identity;

namespace Workflows.Host.Tests.Administration;

/// <summary>
/// 用户管理 over HTTP: an administrator creates an account that signs in, gives and takes roles at scopes (the sign-in
/// carries them), and disables it: no new sign-in, no token refresh (its security stamp is renewed), all audited.
/// </summary>
public sealed class UserAdministrationTests(HostFactory factory) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task A_created_account_signs_in_with_the_roles_given_at_their_scopes_and_loses_a_role_taken_away()
    {
        using var admin = factory.CreateClient();
        var created = await admin.CreateUserAsync("th-reviewer2", "/gd/gz/th");
        var id = created.GetProperty("id").GetString()!;
        created.GetProperty("organisationPath").GetString().Should().Be("/gd/gz/th");
        var granted = await admin.GrantAsync(id, "district-reviewer", "/gd/gz/th");
        AdminApi.Strings(granted.GetProperty("roles")).Should().Equal("district-reviewer@/gd/gz/th");

        using (var reviewer = factory.CreateClientAs("th-reviewer2", AdminApi.NewPassword))
        {
            var me = await reviewer.GetJsonAsync("/api/auth/me");
            AdminApi.Strings(me.GetProperty("groupKeys")).Should().Contain("district-reviewer@/gd/gz/th");
        }

        using (var revoke = await admin.PostAsJsonAsync($"/api/admin/users/{id}/roles/revoke", new { role = "district-reviewer", organisationPath = "/gd/gz/th" }))
        {
            revoke.StatusCode.Should().Be(HttpStatusCode.OK);
            AdminApi.Strings((await revoke.JsonAsync()).GetProperty("roles")).Should().BeEmpty();
        }

        using (var again = factory.CreateClientAs("th-reviewer2", AdminApi.NewPassword))
        {
            AdminApi.Strings((await again.GetJsonAsync("/api/auth/me")).GetProperty("groupKeys")).Should().BeEmpty();
        }

        using (var unknownRole = await admin.PostAsJsonAsync($"/api/admin/users/{id}/roles", new { role = "king", organisationPath = "/gd" }))
        {
            (await unknownRole.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString().Should().Contain("角色「king」不存在");
        }

        using (var taken = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "filer", displayName = "重复", organisationPath = "/gd" }))
        {
            (await taken.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().Should().Be("user.taken");
        }

        using (var weak = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "weak1", displayName = "弱密码", organisationPath = "/gd", password = "abc" }))
        {
            var problem = await weak.ProblemAsync(HttpStatusCode.UnprocessableEntity);
            problem.GetProperty("problems").EnumerateArray().Should().Contain(p => p.GetProperty("chinese").GetString() == "密码太短。");
        }

        var audit = await admin.GetJsonAsync("/api/admin/audit?subject=th-reviewer2");
        audit.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()).Should().Equal("role.revoke", "role.grant", "user.create");
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_or_refresh_its_sessions_end_and_its_security_stamp_is_renewed()
    {
        using var admin = factory.CreateClient();
        var id = (await admin.CreateUserAsync("leaver", "/gd/gz/th/ent-001/union")).GetProperty("id").GetString()!;
        using var anonymous = factory.CreateAnonymousClient(handleCookies: false);
        using var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { userName = "leaver", password = AdminApi.NewPassword });
        login.StatusCode.Should().Be(HttpStatusCode.OK);
        var tokens = await login.JsonAsync();
        var refreshToken = tokens.GetProperty("refreshToken").GetString();
        var accessToken = tokens.GetProperty("accessToken").GetString();
        var stampBefore = await StampAsync("leaver");

        using (var disable = await admin.PostAsync($"/api/admin/users/{id}/disable", null))
        {
            disable.StatusCode.Should().Be(HttpStatusCode.OK, await disable.Content.ReadAsStringAsync());
            (await disable.JsonAsync()).GetProperty("disabledAt").ValueKind.Should().NotBe(System.Text.Json.JsonValueKind.Null);
        }

        (await StampAsync("leaver")).Should().NotBe(stampBefore);
        using (var me = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me"))
        {
            // The token issued before the disable ends with it, on this and every node (its session row is revoked).
            me.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
            using var answer = await anonymous.SendAsync(me);
            answer.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        using (var refused = await anonymous.PostAsJsonAsync("/api/auth/login", new { userName = "leaver", password = AdminApi.NewPassword }))
        {
            refused.StatusCode.Should().NotBe(HttpStatusCode.OK);
        }

        using (var refresh = await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken }))
        {
            await refresh.ProblemAsync(HttpStatusCode.Unauthorized);
        }

        using (var self = await admin.PostAsync($"/api/admin/users/{await admin.UserIdAsync("admin")}/disable", null))
        {
            (await self.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString().Should().Contain("不能停用自己的账号");
        }

        using (var enable = await admin.PostAsync($"/api/admin/users/{id}/enable", null))
        {
            enable.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using (var back = await anonymous.PostAsJsonAsync("/api/auth/login", new { userName = "leaver", password = AdminApi.NewPassword }))
        {
            back.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var audit = await admin.GetJsonAsync("/api/admin/audit?subject=leaver&action=user.disable");
        var entry = audit.GetProperty("entries").EnumerateArray().Single();
        entry.GetProperty("actor").GetString().Should().Be("admin");
        entry.GetProperty("details").GetString().Should().Contain("\"before\":{\"disabled\":false}");
    }

    private async Task<string?> StampAsync(string userName)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkflowUser>>();
        return (await users.FindByNameAsync(userName))?.SecurityStamp;
    }
}
