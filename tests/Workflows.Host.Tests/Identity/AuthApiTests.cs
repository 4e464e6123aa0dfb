using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Activities.Persistence;
using Workflows.Host.Identity;

namespace Workflows.Host.Tests.Identity;

/// <summary>The host with the demo seed on (its own database).</summary>
public sealed class SeededHost : IAsyncLifetime
{
    private readonly HostFactory _host = new();

    public SeededHost() => Factory = _host.WithWebHostBuilder(b => b.UseSetting("Workflows:Seed:Demo", "true"));

    public WebApplicationFactory<Program> Factory { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _host.DisposeAsync();
    }
}

public sealed class AuthApiTests(SeededHost host) : IClassFixture<SeededHost>
{
    private static async Task<JsonElement> LoginBearerAsync(HttpClient client, string userName, string password)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    [Fact]
    public async Task Bearer_login_then_me_with_the_token()
    {
        var client = host.Factory.CreateAnonymousClient(handleCookies: false);
        var token = await LoginBearerAsync(client, "admin", "Admin#2026");
        token.GetProperty("tokenType").GetString().Should().Be("Bearer");
        token.GetProperty("expiresIn").GetInt64().Should().BePositive();
        token.GetProperty("refreshToken").GetString().Should().NotBeNullOrEmpty();

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        var me = await client.GetJsonAsync("/api/auth/me");
        me.GetProperty("userName").GetString().Should().Be("admin");
        me.GetProperty("displayName").GetString().Should().Be("省总工会管理员");
        me.GetProperty("organisation").GetProperty("path").GetString().Should().Be("/gd");
        me.GetProperty("organisation").GetProperty("name").GetString().Should().Be("广东省总工会");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("role").GetString()).Should().Equal("admin");
        me.GetProperty("groupKeys").EnumerateArray().Select(k => k.GetString()).Should().Equal("admin@/gd");
    }

    [Fact]
    public async Task Refresh_token_gives_a_working_access_token()
    {
        var client = host.Factory.CreateAnonymousClient(handleCookies: false);
        var token = await LoginBearerAsync(client, "province-reviewer", "Demo#2026");
        var refreshed = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = token.GetProperty("refreshToken").GetString() });
        refreshed.StatusCode.Should().Be(HttpStatusCode.OK);
        var access = (await refreshed.JsonAsync()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        (await client.GetJsonAsync("/api/auth/me")).GetProperty("groupKeys")[0].GetString().Should().Be("province-reviewer@/gd");

        var bad = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "nonsense" });
        await bad.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Cookie_login_then_me_then_logout()
    {
        var client = host.Factory.CreateAnonymousClient();
        var login = await client.PostAsJsonAsync("/api/auth/login?useCookies=true", new { userName = "city-reviewer", password = "Demo#2026" });
        login.StatusCode.Should().Be(HttpStatusCode.OK);
        login.Headers.TryGetValues("Set-Cookie", out var cookies).Should().BeTrue();
        cookies!.Should().Contain(c => c.StartsWith("workflows.auth=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));

        var me = await client.GetJsonAsync("/api/auth/me");
        me.GetProperty("displayName").GetString().Should().Be("黄市审");
        me.GetProperty("organisation").GetProperty("name").GetString().Should().Be("广州市总工会");
        me.GetProperty("groupKeys").EnumerateArray().Select(k => k.GetString()).Should().Equal("city-reviewer@/gd/gz");

        (await client.PostAsync("/api/auth/logout", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await client.GetAsync("/api/auth/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Wrong_password_is_a_401_problem()
    {
        var client = host.Factory.CreateAnonymousClient();
        var problem = await (await client.PostAsJsonAsync("/api/auth/login", new { userName = "filer", password = "Wrong#2026" }))
            .ProblemAsync(HttpStatusCode.Unauthorized);
        problem.GetProperty("detail").GetString().Should().Contain("用户名或密码错误").And.Contain("wrong");

        await (await client.PostAsJsonAsync("/api/auth/login", new { userName = "nobody", password = "Wrong#2026" }))
            .ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Five_failures_throttle_this_source_instead_of_locking_the_account()
    {
        var client = host.Factory.CreateAnonymousClient();
        for (var i = 1; i < Activities.Identity.SignInThrottling.FreeFailures; i++)
        {
            await (await client.PostAsJsonAsync("/api/auth/login", new { userName = "committee5", password = $"Wrong#{i}" }))
                .ProblemAsync(HttpStatusCode.Unauthorized);
        }

        var fifth = await client.PostAsJsonAsync("/api/auth/login", new { userName = "committee5", password = "Wrong#5" });
        await fifth.ProblemAsync(HttpStatusCode.TooManyRequests);

        var right = await client.PostAsJsonAsync("/api/auth/login", new { userName = "committee5", password = "Demo#2026" });
        right.Headers.RetryAfter.Should().NotBeNull();
        var problem = await right.ProblemAsync(HttpStatusCode.TooManyRequests);
        problem.GetProperty("detail").GetString().Should().Contain("后重试").And.Contain("try again after");
        var until = problem.GetProperty("retryAt").GetDateTimeOffset();
        until.Should().BeCloseTo(DateTimeOffset.UtcNow + Activities.Identity.SignInThrottling.FirstDelay, TimeSpan.FromSeconds(10));

        using var scope = host.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Activities.Identity.WorkflowUser>>();
        (await users.FindByNameAsync("committee5"))!.LockoutEnd.Should().BeNull("the account itself is never locked by failures");
    }

    [Fact]
    public async Task Me_without_sign_in_is_a_401_problem()
    {
        var client = host.Factory.CreateAnonymousClient();
        var problem = await (await client.GetAsync("/api/auth/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        problem.GetProperty("detail").GetString().Should().Contain("请先登录");

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        await (await client.GetAsync("/api/auth/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_shows_whether_administrator_and_the_scopes()
    {
        var admin = await host.Factory.CreateClientAs("admin").GetJsonAsync("/api/auth/me");
        admin.GetProperty("isAdmin").GetBoolean().Should().BeTrue();
        admin.GetProperty("scopes").ValueKind.Should().Be(JsonValueKind.Null, "administrators see every organisation");

        var filer = await host.Factory.CreateClientAs("filer").GetJsonAsync("/api/auth/me");
        filer.GetProperty("isAdmin").GetBoolean().Should().BeFalse();
        filer.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).Should().Equal("/gd/gz/th/ent-001");
    }

    [Fact]
    public async Task Policies_follow_the_roles_in_the_token()
    {
        var client = host.Factory.CreateAnonymousClient(handleCookies: false);
        var token = await LoginBearerAsync(client, "district-reviewer", "Demo#2026");
        using var scope = host.Factory.Services.CreateScope();
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        var signIn = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.SignInManager<Activities.Identity.WorkflowUser>>();
        var user = await signIn.UserManager.FindByNameAsync("district-reviewer");
        var principal = await signIn.CreateUserPrincipalAsync(user!);
        principal.FindAll(IdentityServices.GroupClaim).Select(c => c.Value).Should().Equal("district-reviewer@/gd/gz/th");
        (await authorization.AuthorizeAsync(principal, IdentityServices.Policies.Reviewer)).Succeeded.Should().BeTrue();
        (await authorization.AuthorizeAsync(principal, IdentityServices.Policies.Admin)).Succeeded.Should().BeFalse();
        (await authorization.AuthorizeAsync(principal, IdentityServices.Policies.Filer)).Succeeded.Should().BeFalse();
        (await authorization.AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), IdentityServices.Policies.Reviewer)).Succeeded.Should().BeFalse();
        token.GetProperty("accessToken").GetString().Should().NotBeNullOrEmpty();
    }
}

public sealed class DemoSeedOffTests
{
    [Fact]
    public async Task Without_the_demo_seed_no_user_exists()
    {
        await using var host = new HostFactory();
        await using var factory = host.WithWebHostBuilder(b => b.UseSetting("Workflows:Seed:Demo", "false"));
        var client = factory.CreateAnonymousClient();
        await (await client.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = "Admin#2026" }))
            .ProblemAsync(HttpStatusCode.Unauthorized);

        await using var db = factory.Services.GetRequiredService<HonoursDatabase>().CreateDbContext();
        (await db.Users.CountAsync()).Should().Be(0);
        (await db.RoleAssignments.CountAsync()).Should().Be(0);
        (await db.Organisations.CountAsync()).Should().Be(0);
    }
}
