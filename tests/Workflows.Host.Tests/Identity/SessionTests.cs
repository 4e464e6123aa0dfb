using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Activities.Identity;

namespace Workflows.Host.Tests.Identity;

/// <summary>
/// Issue 11 finding 6: a session ends when it should. Logout ends the bearer token, its refresh token and the cookie;
/// a refresh token is single-use and a reused one ends the whole family; a password change, a lock and an
/// administrator end every session of a user — on every node of the database. Each test uses its own demo user.
/// </summary>
public sealed class SessionTests(SessionHost host) : IClassFixture<SessionHost>
{
    [Fact]
    public async Task Logout_ends_the_bearer_token_and_its_refresh_token()
    {
        var client = host.Factory.CreateAnonymousClient(handleCookies: false);
        var (access, refresh) = await Auth.TokensAsync(client, "committee1", "Demo#2026");
        (await Auth.MeAsync(client, access)).Should().Be(HttpStatusCode.OK);

        (await Auth.PostAsync(client, "/api/auth/logout", null, access)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await Auth.MeAsync(client, access)).Should().Be(HttpStatusCode.Unauthorized, "the token's session has ended");
        await (await Auth.RefreshAsync(client, refresh)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_with_only_the_refresh_token_ends_its_session()
    {
        var client = host.Factory.CreateAnonymousClient(handleCookies: false);
        var (access, refresh) = await Auth.TokensAsync(client, "committee2", "Demo#2026");
        (await Auth.PostAsync(client, "/api/auth/logout", new { refreshToken = refresh })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Auth.MeAsync(client, access)).Should().Be(HttpStatusCode.Unauthorized);
        await (await Auth.RefreshAsync(client, refresh)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_cookie_replayed_after_logout_is_refused()
    {
        var client = host.Factory.CreateAnonymousClient(handleCookies: false);
        var login = await Auth.LoginAsync(client, "committee3", "Demo#2026", cookies: true);
        login.StatusCode.Should().Be(HttpStatusCode.OK);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("workflows.auth=", StringComparison.Ordinal)).Split(';')[0];

        async Task<HttpStatusCode> MeWithCookieAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
            request.Headers.Add("Cookie", cookie);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        (await MeWithCookieAsync()).Should().Be(HttpStatusCode.OK);
        using (var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout"))
        {
            logout.Headers.Add("Cookie", cookie);
            (await client.SendAsync(logout)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        (await MeWithCookieAsync()).Should().Be(HttpStatusCode.Unauthorized, "the copied cookie's session has ended");
    }

    [Fact]
    public async Task A_refresh_token_is_single_use_and_its_reuse_ends_the_family()
    {
        var client = host.Factory.CreateAnonymousClient(handleCookies: false);
        var (firstAccess, firstRefresh) = await Auth.TokensAsync(client, "committee4", "Demo#2026");

        var rotated = await Auth.RefreshAsync(client, firstRefresh);
        rotated.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = await rotated.JsonAsync();
        var secondAccess = Auth.Field(json, "accessToken");
        var secondRefresh = Auth.Field(json, "refreshToken");
        (await Auth.MeAsync(client, secondAccess)).Should().Be(HttpStatusCode.OK);

        var reused = await (await Auth.RefreshAsync(client, firstRefresh)).ProblemAsync(HttpStatusCode.Unauthorized);
        reused.GetProperty("title").GetString().Should().Be("Refresh token reused");

        (await Auth.MeAsync(client, firstAccess)).Should().Be(HttpStatusCode.Unauthorized, "the whole family is revoked");
        (await Auth.MeAsync(client, secondAccess)).Should().Be(HttpStatusCode.Unauthorized, "the whole family is revoked");
        await (await Auth.RefreshAsync(client, secondRefresh)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_password_change_ends_every_session_of_the_user()
    {
        var client = host.Factory.CreateAnonymousClient(handleCookies: false);
        var (one, _) = await Auth.TokensAsync(client, "committee5", "Demo#2026");
        var (two, twoRefresh) = await Auth.TokensAsync(client, "committee5", "Demo#2026");

        var change = await Auth.PostAsync(client, "/api/auth/password",
            new { currentPassword = "Demo#2026", newPassword = "Committee#Five-2026" }, one);
        change.StatusCode.Should().Be(HttpStatusCode.NoContent, await change.Content.ReadAsStringAsync());

        (await Auth.MeAsync(client, one)).Should().Be(HttpStatusCode.Unauthorized);
        (await Auth.MeAsync(client, two)).Should().Be(HttpStatusCode.Unauthorized);
        await (await Auth.RefreshAsync(client, twoRefresh)).ProblemAsync(HttpStatusCode.Unauthorized);
        var (fresh, _) = await Auth.TokensAsync(client, "committee5", "Committee#Five-2026");
        (await Auth.MeAsync(client, fresh)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Locking_a_user_ends_their_sessions()
    {
        var client = host.Factory.CreateAnonymousClient(handleCookies: false);
        var (access, refresh) = await Auth.TokensAsync(client, "dept-reviewer", "Demo#2026");
        using (var scope = host.Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkflowUser>>();
            var user = await users.FindByNameAsync("dept-reviewer");
            (await users.SetLockoutEndDateAsync(user!, DateTimeOffset.MaxValue)).Succeeded.Should().BeTrue();
        }

        (await Auth.MeAsync(client, access)).Should().Be(HttpStatusCode.Unauthorized);
        await (await Auth.RefreshAsync(client, refresh)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_administrator_ends_a_users_sessions_and_others_may_not()
    {
        var client = host.Factory.CreateAnonymousClient(handleCookies: false);
        var (access, refresh) = await Auth.TokensAsync(client, "xcb-reviewer", "Demo#2026");
        var (other, _) = await Auth.TokensAsync(client, "filer2", "Demo#2026");
        await (await Auth.PostAsync(client, "/api/admin/users/xcb-reviewer/sessions/revoke", null, other)).ProblemAsync(HttpStatusCode.Forbidden);
        (await Auth.MeAsync(client, access)).Should().Be(HttpStatusCode.OK);

        var admin = host.Factory.CreateAdminClient();
        var revoked = await admin.PostAsync("/api/admin/users/xcb-reviewer/sessions/revoke", null);
        revoked.StatusCode.Should().Be(HttpStatusCode.OK);
        (await revoked.JsonAsync()).GetProperty("sessionsEnded").GetInt32().Should().Be(1);

        (await Auth.MeAsync(client, access)).Should().Be(HttpStatusCode.Unauthorized);
        await (await Auth.RefreshAsync(client, refresh)).ProblemAsync(HttpStatusCode.Unauthorized);
        (await Auth.MeAsync(client, other)).Should().Be(HttpStatusCode.OK, "only that user's sessions end");
        await (await admin.PostAsync("/api/admin/users/nobody/sessions/revoke", null)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_logout_on_one_node_holds_on_another_node_of_the_same_database()
    {
        await using var second = host.SecondNode();
        var one = host.Factory.CreateAnonymousClient(handleCookies: false);
        var two = second.CreateAnonymousClient(handleCookies: false);
        var (access, refresh) = await Auth.TokensAsync(one, "sz-reviewer", "Demo#2026");
        (await Auth.MeAsync(two, access)).Should().Be(HttpStatusCode.OK, "both nodes share the keys and the sessions");

        (await Auth.PostAsync(one, "/api/auth/logout", null, access)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await Auth.MeAsync(two, access)).Should().Be(HttpStatusCode.Unauthorized);
        await (await Auth.RefreshAsync(two, refresh)).ProblemAsync(HttpStatusCode.Unauthorized);
    }
}
