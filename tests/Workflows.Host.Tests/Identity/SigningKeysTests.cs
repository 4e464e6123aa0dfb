using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Host.Identity.SigningKeys;
using Workflows.Host.Tests.Scheduling;

namespace Workflows.Host.Tests.Identity;

/// <summary>
/// Sign-ins are protected with data-protection keys kept in the database: a bearer token, a refresh token and a cookie
/// issued by one host are accepted by a second host on the same database (SQLite file, PostgreSQL), and refused by a
/// host on another database, which shows the keys come from the database and not from a folder of this machine.
/// </summary>
public sealed class SigningKeysTests
{
    [Fact]
    public async Task A_token_of_one_host_validates_on_a_second_host_over_the_same_SQLite_file_and_not_on_another_database()
    {
        await using var first = new HostFactory();
        await using var second = new HostFactory();
        await using var secondOnFirstDatabase = second.WithWebHostBuilder(b => b.UseSetting("Workflows:Database:ConnectionString", $"Data Source={first.DatabasePath}"));
        await using var other = new HostFactory();

        await ExpectSharedAsync(first, secondOnFirstDatabase, other);

        var keys = first.Services.GetRequiredService<KeysDatabase>();
        (await keys.CountKeysAsync()).Should().BeGreaterThan(0, "the key ring lives in the table data_protection_keys");
    }

    [Fact]
    public async Task A_token_of_one_host_validates_on_a_second_host_over_the_same_PostgreSQL_database()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var otherDatabase = await PostgresDatabase.CreateAsync();
        await using var parent = new HostFactory();
        WebApplicationFactory<Program> On(PostgresDatabase db) => parent.WithWebHostBuilder(b =>
        {
            b.UseSetting("Workflows:Database:Provider", "PostgreSql");
            b.UseSetting("Workflows:Database:ConnectionString", db.ConnectionString);
        });

        await using var first = On(database);
        _ = first.Server; // the first node migrates the database
        await using var second = On(database);
        await using var other = On(otherDatabase);

        await ExpectSharedAsync(first, second, other);
        (await database.ScalarAsync<long>("SELECT count(*) FROM data_protection_keys")).Should().BeGreaterThan(0);
        (await database.ScalarAsync<long>("SELECT count(*) FROM __keys_migrations")).Should().Be(1);
    }

    private static async Task ExpectSharedAsync(WebApplicationFactory<Program> first, WebApplicationFactory<Program> second, WebApplicationFactory<Program> other)
    {
        // Bearer and refresh tokens issued by the first host.
        using var login = first.CreateAnonymousClient(handleCookies: false);
        using var issued = await login.PostAsJsonAsync("/api/auth/login", new { userName = "city-reviewer", password = TestSignIn.PasswordOf("city-reviewer") });
        issued.StatusCode.Should().Be(HttpStatusCode.OK);
        var tokens = await issued.JsonAsync();
        var access = tokens.GetProperty("accessToken").GetString();

        using var onSecond = second.CreateAnonymousClient(handleCookies: false);
        onSecond.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        (await onSecond.GetJsonAsync("/api/auth/me")).GetProperty("userName").GetString().Should().Be("city-reviewer");
        (await onSecond.GetAsync("/api/tasks")).StatusCode.Should().Be(HttpStatusCode.OK);
        using var refreshed = await second.CreateAnonymousClient(handleCookies: false)
            .PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        refreshed.StatusCode.Should().Be(HttpStatusCode.OK, "a refresh token of the first host is good on the second");

        // A cookie issued by the first host.
        using var cookieLogin = await login.PostAsJsonAsync("/api/auth/login?useCookies=true", new { userName = "filer", password = TestSignIn.PasswordOf("filer") });
        var cookie = cookieLogin.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("workflows.auth=", StringComparison.Ordinal)).Split(';')[0];
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        withCookie.Headers.Add("Cookie", cookie);
        (await (await second.CreateAnonymousClient(handleCookies: false).SendAsync(withCookie)).JsonAsync()).GetProperty("userName").GetString().Should().Be("filer");

        // A host on another database has other keys: the same token is no sign-in there. (The task list checks the
        // sign-in only; /api/auth/me would refuse anyway, since the user ids of the other database differ.)
        using var onOther = other.CreateAnonymousClient(handleCookies: false);
        onOther.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        await (await onOther.GetAsync("/api/tasks")).ProblemAsync(HttpStatusCode.Unauthorized);
    }
}
