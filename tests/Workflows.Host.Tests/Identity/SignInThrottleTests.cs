using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Activities.Identity;

namespace Workflows.Host.Tests.Identity;

/// <summary>
/// Issue 11 finding 7: a sign-in tells nothing about which names exist, and nobody can lock someone else out. An
/// unknown name verifies a (dummy) hash like a real one; failures are throttled per user name and source address
/// (429 with Retry-After), the same user from another address still signs in, and an administrator clears the throttle.
/// </summary>
public sealed class SignInThrottleTests(SessionHost host) : IClassFixture<SessionHost>
{
    [Fact]
    public async Task An_unknown_user_name_runs_the_password_hasher_too()
    {
        var client = host.Factory.CreateAnonymousClient(handleCookies: false);
        var before = host.Hasher.Verifications;
        await (await Auth.LoginAsync(client, "no-such-user", "Whatever#2026", "10.0.0.9")).ProblemAsync(HttpStatusCode.Unauthorized);
        host.Hasher.Verifications.Should().Be(before + 1, "an unknown name costs one hash verification, like a wrong password");

        var known = host.Hasher.Verifications;
        var wrong = await (await Auth.LoginAsync(client, "leader", "Whatever#2026", "10.0.0.9")).ProblemAsync(HttpStatusCode.Unauthorized);
        host.Hasher.Verifications.Should().Be(known + 1);
        var unknown = await (await Auth.LoginAsync(client, "no-such-user", "Whatever#2026", "10.0.0.9")).ProblemAsync(HttpStatusCode.Unauthorized);
        unknown.GetProperty("detail").GetString().Should().Be(wrong.GetProperty("detail").GetString(), "the same answer for both");
    }

    [Fact]
    public async Task Failures_from_one_source_throttle_only_that_source_and_an_administrator_clears_it()
    {
        var client = host.Factory.CreateAnonymousClient(handleCookies: false);
        const string attacker = "203.0.113.7";
        for (var i = 1; i < SignInThrottling.FreeFailures; i++)
        {
            await (await Auth.LoginAsync(client, "district-reviewer", $"Wrong#{i}", attacker)).ProblemAsync(HttpStatusCode.Unauthorized);
        }

        var throttled = await Auth.LoginAsync(client, "district-reviewer", "Wrong#last", attacker);
        throttled.Headers.RetryAfter?.Delta.Should().BeCloseTo(SignInThrottling.FirstDelay, TimeSpan.FromSeconds(5));
        (await throttled.ProblemAsync(HttpStatusCode.TooManyRequests)).GetProperty("detail").GetString().Should().Contain("请于").And.Contain("try again after");

        var verifications = host.Hasher.Verifications;
        var right = await Auth.LoginAsync(client, "district-reviewer", "Demo#2026", attacker);
        await right.ProblemAsync(HttpStatusCode.TooManyRequests);
        right.Headers.RetryAfter.Should().NotBeNull();
        host.Hasher.Verifications.Should().Be(verifications, "a throttled source gets no password check at all");

        (await Auth.LoginAsync(client, "district-reviewer", "Demo#2026", "198.51.100.20")).StatusCode
            .Should().Be(HttpStatusCode.OK, "the user signs in from their own address: the attacker cannot lock them out");

        var admin = host.Factory.CreateAdminClient();
        var unlocked = await admin.PostAsync("/api/admin/users/district-reviewer/unlock", null);
        unlocked.StatusCode.Should().Be(HttpStatusCode.OK);
        (await unlocked.JsonAsync()).GetProperty("sourcesCleared").GetInt32().Should().Be(1);
        (await Auth.LoginAsync(client, "district-reviewer", "Demo#2026", attacker)).StatusCode.Should().Be(HttpStatusCode.OK);

        var filer = await host.Factory.TokenAsync("filer");
        await (await Auth.PostAsync(client, "/api/admin/users/district-reviewer/unlock", null, filer)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_throttle_doubles_with_every_further_failure()
    {
        var client = host.Factory.CreateAnonymousClient(handleCookies: false);
        const string source = "203.0.113.8";
        for (var i = 1; i < SignInThrottling.FreeFailures; i++)
        {
            await Auth.LoginAsync(client, "city-reviewer", $"Wrong#{i}", source);
        }

        var first = await Auth.LoginAsync(client, "city-reviewer", "Wrong#5", source);
        first.Headers.RetryAfter!.Delta!.Value.Should().BeCloseTo(SignInThrottling.FirstDelay, TimeSpan.FromSeconds(5));

        // Another node, another clock reading: the row in the database decides. Time moves on by the delay.
        using (var scope = host.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Workflows.Activities.Persistence.HonoursDbContext>();
            var row = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                db.Set<SignInThrottle>(), t => t.UserKey == "CITY-REVIEWER" && t.Source == source);
            row.BlockedUntil = DateTimeOffset.UtcNow.AddSeconds(-1);
            await db.SaveChangesAsync();
        }

        var second = await Auth.LoginAsync(client, "city-reviewer", "Wrong#6", source);
        await second.ProblemAsync(HttpStatusCode.TooManyRequests);
        second.Headers.RetryAfter!.Delta!.Value.Should().BeCloseTo(SignInThrottling.FirstDelay * 2, TimeSpan.FromSeconds(5));
    }
}
