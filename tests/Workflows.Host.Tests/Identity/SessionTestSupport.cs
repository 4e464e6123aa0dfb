using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Activities.Identity;

namespace Workflows.Host.Tests.Identity;

/// <summary>
/// A host whose requests come from the address in the test header <see cref="Header"/> (the test server has no
/// client address), and whose password hasher counts its verifications (<see cref="CountingHasher"/>).
/// </summary>
public sealed class SessionHost : IAsyncLifetime
{
    public const string Header = "X-Test-Source";

    private readonly HostFactory _host = new();

    public SessionHost() => Factory = Configure(_host, _host.DatabasePath);

    public WebApplicationFactory<Program> Factory { get; }

    public CountingHasher Hasher { get; } = new();

    public string DatabasePath => _host.DatabasePath;

    /// <summary>Another node on the same database file (same data-protection keys: tokens of one are good on the other).</summary>
    public WebApplicationFactory<Program> SecondNode(string? allowRemote = null) => Configure(new HostFactory(), _host.DatabasePath, allowRemote);

    public WebApplicationFactory<Program> WithSettings(string key, string value) => Factory.WithWebHostBuilder(b => b.UseSetting(key, value));

    private WebApplicationFactory<Program> Configure(HostFactory host, string database, string? allowRemote = null) =>
        host.WithWebHostBuilder(b =>
        {
            b.UseSetting("Workflows:Database:ConnectionString", $"Data Source={database}");
            if (allowRemote is not null)
            {
                b.UseSetting("Workflows:AllowRemote", allowRemote);
            }

            b.ConfigureTestServices(services =>
            {
                services.AddSingleton<IStartupFilter, SourceFilter>();
                services.AddScoped<IPasswordHasher<WorkflowUser>>(_ => Hasher);
            });
        });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _host.DisposeAsync();
    }

    private sealed class SourceFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>Identity's hasher, counting how often it verified a password.</summary>
public sealed class CountingHasher : IPasswordHasher<WorkflowUser>
{
    private readonly PasswordHasher<WorkflowUser> _inner = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(WorkflowUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(WorkflowUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>Small helpers over the sign-in API.</summary>
internal static class Auth
{
    public static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string userName, string password, string? source = null, bool cookies = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, cookies ? "/api/auth/login?useCookies=true" : "/api/auth/login")
        {
            Content = JsonContent.Create(new { userName, password }),
        };
        if (source is not null)
        {
            request.Headers.Add(SessionHost.Header, source);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Signs in with a bearer token: (access token, refresh token).</summary>
    public static async Task<(string Access, string Refresh)> TokensAsync(HttpClient client, string userName, string password)
    {
        var response = await LoginAsync(client, userName, password);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var json = await response.JsonAsync();
        return (json.GetProperty("accessToken").GetString()!, json.GetProperty("refreshToken").GetString()!);
    }

    public static async Task<HttpStatusCode> MeAsync(HttpClient client, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    public static async Task<HttpResponseMessage> RefreshAsync(HttpClient client, string refreshToken) =>
        await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object? body, string? accessToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return await client.SendAsync(request);
    }

    public static string Field(JsonElement json, string name) => json.GetProperty(name).GetString()!;
}
