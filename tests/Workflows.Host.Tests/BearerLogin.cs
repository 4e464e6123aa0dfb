using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflows.Host.Tests;

/// <summary>
/// Signs in through the host's real <c>POST /api/auth/login</c> and hands back the bearer token. Without references to
/// the host's assemblies, so that bench/Workflows.TimerBench links this file along with <c>HostProcess.cs</c>.
/// </summary>
public static class BearerLogin
{
    /// <summary>The demo administrator (Workflows:Seed:Demo; the same as <c>DemoSeed.AdminPassword</c>, checked by a test).</summary>
    public const string AdminUserName = "admin";

    public const string AdminPassword = "Admin#2026";

    /// <summary>Signs in and returns the access token; fails with the answer's status and body.</summary>
    public static async Task<string> LoginAsync(HttpClient client, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { userName, password }) };
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException(
                $"Could not sign in as '{userName}' ({(int)response.StatusCode}): {body}. Does the host seed the demo accounts (Workflows:Seed:Demo=true)?");
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("accessToken").GetString()
            ?? throw new InvalidOperationException($"The sign-in of '{userName}' answered no access token: {body}");
    }
}
