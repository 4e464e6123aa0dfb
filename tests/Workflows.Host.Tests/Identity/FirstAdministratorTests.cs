using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Activities.Persistence;

namespace Workflows.Host.Tests.Identity;

/// <summary>
/// A production configuration seeds no demo accounts; its first administrator comes from
/// <c>Workflows:Seed:AdminPassword</c>, once: later starts leave the administrator (and the password) alone.
/// </summary>
public sealed class FirstAdministratorTests
{
    [Fact]
    public async Task The_first_start_creates_the_administrator_and_later_starts_change_nothing()
    {
        await using var parent = new HostFactory();
        await using (var first = parent.WithWebHostBuilder(b =>
        {
            b.UseSetting("Workflows:Seed:Demo", "false");
            b.UseSetting("Workflows:Seed:AdminPassword", "First#Admin2026");
        }))
        {
            using var admin = first.CreateClientAs("admin", "First#Admin2026");
            var me = await admin.GetJsonAsync("/api/auth/me");
            me.GetProperty("isAdmin").GetBoolean().Should().BeTrue();
            me.GetProperty("groupKeys").EnumerateArray().Select(k => k.GetString()).Should().Equal("admin@/gd");
            me.GetProperty("organisation").GetProperty("name").GetString().Should().Be("广东省总工会");
            (await admin.GetAsync("/api/definitions")).StatusCode.Should().Be(HttpStatusCode.OK);

            await using var db = first.Services.GetRequiredService<HonoursDatabase>().CreateDbContext();
            (await db.Users.CountAsync()).Should().Be(1, "no demo accounts");
            (await db.Organisations.CountAsync()).Should().Be(1, "only the root the administrator belongs to");
        }

        await using var second = parent.WithWebHostBuilder(b =>
        {
            b.UseSetting("Workflows:Seed:Demo", "false");
            b.UseSetting("Workflows:Seed:AdminPassword", "Second#Admin2026");
        });
        using var anonymous = second.CreateAnonymousClient();
        (await anonymous.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = "First#Admin2026" })).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await anonymous.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = "Second#Admin2026" })).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_password_that_breaks_the_rules_stops_the_start_with_the_reason()
    {
        await using var parent = new HostFactory();
        await using var factory = parent.WithWebHostBuilder(b =>
        {
            b.UseSetting("Workflows:Seed:Demo", "false");
            b.UseSetting("Workflows:Seed:AdminPassword", "short");
        });
        var start = () => factory.CreateAnonymousClient();
        start.Should().Throw<InvalidOperationException>().WithMessage("*Workflows:Seed:AdminPassword*");
    }

    [Fact]
    public async Task With_the_demo_accounts_the_setting_changes_nothing()
    {
        await using var parent = new HostFactory();
        await using var factory = parent.WithWebHostBuilder(b => b.UseSetting("Workflows:Seed:AdminPassword", "Other#Admin2026"));
        using var anonymous = factory.CreateAnonymousClient();
        (await anonymous.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = TestSignIn.PasswordOf("admin") })).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await anonymous.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = "Other#Admin2026" })).ProblemAsync(HttpStatusCode.Unauthorized);
    }
}
