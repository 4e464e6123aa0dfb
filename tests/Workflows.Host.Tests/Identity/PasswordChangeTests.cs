using System.Net;
using Workflows.Activities.Identity;

namespace Workflows.Host.Tests.Identity;

/// <summary>
/// Issue 11 finding 8: users change their own password (rules: length ≥ 12, Identity's character rules, not a common
/// password); administrators set one that must be changed at the next sign-in; with <c>Workflows:AllowRemote</c> the
/// demo accounts must change their published password first, while on loopback they keep working.
/// </summary>
public sealed class PasswordChangeTests(SessionHost host) : IClassFixture<SessionHost>
{
    [Fact]
    public async Task A_user_changes_their_password_under_the_rules()
    {
        var client = host.Factory.CreateAnonymousClient(handleCookies: false);
        var (access, _) = await Auth.TokensAsync(client, "leader", "Demo#2026");

        async Task<System.Text.Json.JsonElement> RefusedAsync(string current, string next, HttpStatusCode status) =>
            await (await Auth.PostAsync(client, "/api/auth/password", new { currentPassword = current, newPassword = next }, access)).ProblemAsync(status);

        (await RefusedAsync("Demo#2026", "Short#2026", HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()
            .Should().Contain("至少需要 12 个字符");
        CommonPasswordValidator.IsCommon("Password@2026").Should().BeTrue();
        (await RefusedAsync("Demo#2026", "Password@2026", HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()
            .Should().Contain("太常见");
        (await RefusedAsync("Wrong#2026", "Leader-Strong#2026x", HttpStatusCode.Unauthorized)).GetProperty("detail").GetString()
            .Should().Contain("密码错误");
        await RefusedAsync("", "Leader-Strong#2026x", HttpStatusCode.BadRequest);
        (await Auth.MeAsync(client, access)).Should().Be(HttpStatusCode.OK, "a refused change ends nothing");

        (await Auth.PostAsync(client, "/api/auth/password", new { currentPassword = "Demo#2026", newPassword = "Zheng-Factory#2026" }, access))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);

        await (await Auth.LoginAsync(client, "leader", "Demo#2026")).ProblemAsync(HttpStatusCode.Unauthorized);
        (await Auth.LoginAsync(client, "leader", "Zheng-Factory#2026")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await Auth.PostAsync(client, "/api/auth/password", new { currentPassword = "x", newPassword = "y" })).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_administrator_sets_a_password_that_must_be_changed_at_the_next_sign_in()
    {
        var client = host.Factory.CreateAnonymousClient(handleCookies: false);
        var (old, _) = await Auth.TokensAsync(client, "filer2", "Demo#2026");
        var filer = await host.Factory.TokenAsync("filer");
        await (await Auth.PostAsync(client, "/api/admin/users/filer2/password", new { newPassword = "Temporary#Pass2026" }, filer))
            .ProblemAsync(HttpStatusCode.Forbidden);

        var admin = host.Factory.CreateAdminClient();
        await (await Auth.PostAsync(admin, "/api/admin/users/filer2/password", new { newPassword = "short" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await Auth.PostAsync(admin, "/api/admin/users/nobody/password", new { newPassword = "Temporary#Pass2026" })).ProblemAsync(HttpStatusCode.NotFound);
        (await Auth.PostAsync(admin, "/api/admin/users/filer2/password", new { newPassword = "Temporary#Pass2026" }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Auth.MeAsync(client, old)).Should().Be(HttpStatusCode.Unauthorized, "a reset ends the user's sessions");

        var login = await (await Auth.LoginAsync(client, "filer2", "Temporary#Pass2026")).ProblemAsync(HttpStatusCode.Forbidden);
        login.GetProperty("passwordChangeRequired").GetBoolean().Should().BeTrue();
        await (await Auth.LoginAsync(client, "filer2", "Wrong#Pass2026")).ProblemAsync(HttpStatusCode.Unauthorized);

        await (await Auth.PostAsync(client, "/api/auth/password",
            new { userName = "filer2", currentPassword = "Wrong#Pass2026", newPassword = "Li-Filer#Own2026" })).ProblemAsync(HttpStatusCode.Unauthorized);
        (await Auth.PostAsync(client, "/api/auth/password",
            new { userName = "filer2", currentPassword = "Temporary#Pass2026", newPassword = "Li-Filer#Own2026" })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Auth.LoginAsync(client, "filer2", "Li-Filer#Own2026")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task With_remote_clients_allowed_a_demo_account_changes_its_published_password_first()
    {
        await using var remote = host.WithSettings("Workflows:AllowRemote", "true");
        var client = remote.CreateAnonymousClient(handleCookies: false);
        var refused = await (await Auth.LoginAsync(client, "province-reviewer", "Demo#2026")).ProblemAsync(HttpStatusCode.Forbidden);
        refused.GetProperty("passwordChangeRequired").GetBoolean().Should().BeTrue();
        refused.GetProperty("detail").GetString().Should().Contain("请先修改密码");

        (await Auth.PostAsync(client, "/api/auth/password",
            new { userName = "province-reviewer", currentPassword = "Demo#2026", newPassword = "Zhou-Province#2026" })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var (access, _) = await Auth.TokensAsync(client, "province-reviewer", "Zhou-Province#2026");
        (await Auth.MeAsync(client, access)).Should().Be(HttpStatusCode.OK);

        // On loopback (the embedded default) the README's demo passwords keep working.
        var local = host.Factory.CreateAnonymousClient(handleCookies: false);
        (await Auth.LoginAsync(local, "sz-reviewer", "Demo#2026")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
