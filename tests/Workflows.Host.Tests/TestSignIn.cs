using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Workflows.Activities.Identity;

namespace Workflows.Host.Tests;

/// <summary>
/// Signed-in HTTP clients for the test hosts: a client signs in through the host's real <c>POST /api/auth/login</c>
/// before its first request (<see cref="BearerSignInHandler"/>) and sends the bearer token with every request. The
/// factories of this project (<see cref="HostFactory"/>, <c>SchedulerFactory</c>, <c>MailHost</c>) seed the demo
/// accounts, and their <c>CreateClient()</c> answers a client signed in as <c>admin</c>. For any factory (also one
/// derived with <c>WithWebHostBuilder</c>): <see cref="CreateClientAs"/> signs in as a given user,
/// <see cref="CreateAnonymousClient"/> not at all. Clients follow redirects and keep cookies, as
/// <c>WebApplicationFactory.CreateClient()</c> does.
/// </summary>
public static class TestSignIn
{
    public const string Admin = BearerLogin.AdminUserName;

    /// <summary>A client of <paramref name="factory"/> signed in as <paramref name="userName"/> (a demo account unless <paramref name="password"/> is given).</summary>
    public static HttpClient CreateClientAs(this WebApplicationFactory<Program> factory, string userName, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return WithServerAddress(factory, factory.CreateDefaultClient(
            new RedirectHandler(), new CookieContainerHandler(), new BearerSignInHandler(userName, password ?? PasswordOf(userName))));
    }

    /// <summary>A client of <paramref name="factory"/> signed in as <c>admin</c>.</summary>
    public static HttpClient CreateAdminClient(this WebApplicationFactory<Program> factory) => factory.CreateClientAs(Admin);

    /// <summary>A client of <paramref name="factory"/> without any sign-in (redirects followed, cookies kept unless <paramref name="handleCookies"/> is false).</summary>
    public static HttpClient CreateAnonymousClient(this WebApplicationFactory<Program> factory, bool handleCookies = true)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return WithServerAddress(factory, handleCookies
            ? factory.CreateDefaultClient(new RedirectHandler(), new CookieContainerHandler())
            : factory.CreateDefaultClient(new RedirectHandler()));
    }

    /// <summary>A bearer token of <paramref name="userName"/> on <paramref name="factory"/>'s host.</summary>
    public static async Task<string> TokenAsync(this WebApplicationFactory<Program> factory, string userName, string? password = null)
    {
        using var client = factory.CreateAnonymousClient(handleCookies: false);
        return await BearerLogin.LoginAsync(client, userName, password ?? PasswordOf(userName));
    }

    /// <summary>
    /// Points <paramref name="client"/> at the address <c>CreateClient()</c> would use: the real port of a factory on
    /// Kestrel (<c>UseKestrel</c>, also when derived with <c>WithWebHostBuilder</c>), else the test server's.
    /// </summary>
    private static HttpClient WithServerAddress(WebApplicationFactory<Program> factory, HttpClient client)
    {
        using var probe = factory.CreateClient();
        client.BaseAddress = probe.BaseAddress;
        return client;
    }

    /// <summary>The demo password of a demo account (<see cref="DemoSeed.Accounts"/>).</summary>
    public static string PasswordOf(string userName) =>
        DemoSeed.Accounts.FirstOrDefault(a => string.Equals(a.UserName, userName, StringComparison.OrdinalIgnoreCase))?.Password
        ?? throw new ArgumentException($"'{userName}' is not a demo account; pass its password.", nameof(userName));
}

/// <summary>
/// Signs in (<c>POST /api/auth/login</c>, through the same server) before the first request that carries no
/// <c>Authorization</c> header of its own, then adds <c>Authorization: Bearer …</c> to every such request.
/// </summary>
public sealed class BearerSignInHandler(string userName, string password) : DelegatingHandler
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;

    /// <summary>The user this handler signs in as.</summary>
    public string UserName { get; } = userName;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.Authorization is null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(request.RequestUri!, cancellationToken));
        }

        return await base.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<string> TokenAsync(Uri target, CancellationToken ct)
    {
        if (_token is { } token)
        {
            return token;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_token is null)
            {
                // The login goes through the inner handler (the test server or Kestrel), not through this one.
                using var invoker = new HttpMessageInvoker(InnerHandler!, disposeHandler: false);
                using var client = new HttpClient(new Forwarder(invoker)) { BaseAddress = new Uri(target.GetLeftPart(UriPartial.Authority)) };
                _token = await BearerLogin.LoginAsync(client, UserName, password);
            }

            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Hands requests to a handler chain it does not own.</summary>
    private sealed class Forwarder(HttpMessageInvoker inner) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            inner.SendAsync(request, cancellationToken);
    }
}
