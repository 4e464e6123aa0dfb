using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Host.Identity.SigningKeys;

namespace Workflows.Host.Tests.Hardening;

/// <summary>
/// Security headers on pages and API answers, the cross-origin guard of cookie sign-ins, the Secure flag of the
/// sign-in cookie on https, and data-protection keys encrypted at rest with a configured certificate.
/// </summary>
public sealed class HttpHardeningTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private static async Task<string> CookieOfAsync(HttpResponseMessage login)
    {
        login.StatusCode.Should().Be(HttpStatusCode.OK, await login.Content.ReadAsStringAsync());
        return login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("workflows.auth=", StringComparison.Ordinal));
    }

    private static Task<HttpResponseMessage> CookieLoginAsync(HttpClient client, string user = "filer") =>
        client.PostAsJsonAsync("/api/auth/login?useCookies=true", new { userName = user, password = TestSignIn.PasswordOf(user) });

    [Theory]
    [InlineData("/login")]
    [InlineData("/notice")]
    [InlineData("/api/health")]
    [InlineData("/api/tasks")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        using var client = factory.CreateAnonymousClient();
        using var response = await client.GetAsync(path);
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("same-origin");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("default-src 'self'").And.Contain("script-src 'self';").And.Contain("frame-ancestors 'none'")
            .And.Contain("object-src 'none'").And.NotContain("unsafe-eval");
    }

    [Fact]
    public async Task A_cross_origin_write_with_the_sign_in_cookie_is_refused_and_a_same_origin_or_bearer_one_passes()
    {
        using var anonymous = factory.CreateAnonymousClient(handleCookies: false);
        var cookie = (await CookieOfAsync(await CookieLoginAsync(anonymous))).Split(';')[0];

        HttpRequestMessage Start(string? origin, string? referer = null, string? bearer = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances")
            {
                Content = JsonContent.Create(new { definitionKey = "no-such-process" }),
            };
            request.Headers.Add("Cookie", cookie);
            if (origin is not null)
            {
                request.Headers.Add("Origin", origin);
            }

            if (referer is not null)
            {
                request.Headers.Referrer = new Uri(referer);
            }

            if (bearer is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }

            return request;
        }

        foreach (var (origin, referer) in new[] { ("https://evil.example", (string?)null), ("null", null), (null, "https://evil.example/page") })
        {
            using var refused = await anonymous.SendAsync(Start(origin, referer));
            (await refused.ProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString().Should().Contain("跨站");
        }

        // The same site (the test server's host is localhost) reaches the endpoint: 404, no such process.
        using (var sameSite = await anonymous.SendAsync(Start("http://localhost")))
        {
            await sameSite.ProblemAsync(HttpStatusCode.NotFound);
        }

        // A bearer token needs no origin check: a browser never adds it by itself.
        var token = await factory.TokenAsync("filer");
        using (var bearer = await anonymous.SendAsync(Start("https://evil.example", bearer: token)))
        {
            await bearer.ProblemAsync(HttpStatusCode.NotFound);
        }

        // Reading stays open to links from anywhere.
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        read.Headers.Add("Cookie", cookie);
        read.Headers.Add("Origin", "https://evil.example");
        (await anonymous.SendAsync(read)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_secure_over_https_and_always_when_the_host_listens_on_https()
    {
        using (var https = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = false }))
        {
            (await CookieOfAsync(await CookieLoginAsync(https))).Should().Contain("secure", Exactly.Once());
        }

        // Behind a proxy that ends TLS the host sees http; listening on an https URL it still marks the cookie Secure.
        using var behindProxy = factory.WithWebHostBuilder(builder => builder.UseSetting("Workflows:Urls", "https://127.0.0.1:5443"));
        using var http = behindProxy.CreateAnonymousClient(handleCookies: false);
        (await CookieOfAsync(await CookieLoginAsync(http))).Should().ContainEquivalentOf("secure");
    }

    [Fact]
    public async Task With_a_certificate_the_data_protection_keys_are_stored_encrypted()
    {
        var folder = Directory.CreateTempSubdirectory("workflows-dp-").FullName;
        var pfx = Path.Combine(folder, "keys.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=workflows data protection test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "Test#2026"));
        }

        using var encrypted = new HostFactory();
        using var host = encrypted.WithWebHostBuilder(builder => builder
            .UseSetting("Workflows:DataProtection:CertificatePath", pfx)
            .UseSetting("Workflows:DataProtection:CertificatePassword", "Test#2026"));
        using var client = host.CreateAnonymousClient(handleCookies: false);
        var cookie = (await CookieOfAsync(await CookieLoginAsync(client))).Split(';')[0];

        await using (var db = host.Services.GetRequiredService<KeysDatabase>().CreateDbContext())
        {
            var keys = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
            keys.Should().NotBeEmpty();
            keys.Should().AllSatisfy(xml => xml.Should().Contain("encryptedSecret").And.NotContain("<masterKey"));
        }

        // The keys are read back with the certificate: the cookie is a sign-in.
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        me.Headers.Add("Cookie", cookie);
        (await (await client.SendAsync(me)).JsonAsync()).GetProperty("userName").GetString().Should().Be("filer");
        Directory.Delete(folder, recursive: true);
    }
}
