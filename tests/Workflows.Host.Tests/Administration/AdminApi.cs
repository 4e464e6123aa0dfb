using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflows.Host.Tests.Administration;

/// <summary>Calls of the administration API used by the tests of this folder.</summary>
internal static class AdminApi
{
    public const string NewPassword = "Org#Admin2026";

    public static async Task<JsonElement> BranchAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync($"/api/admin/organisations?path={Uri.EscapeDataString(path)}");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return await response.JsonAsync();
    }

    public static async Task<JsonElement> AddOrganisationAsync(this HttpClient client, string parentPath, string code, string name, string kind)
    {
        using var response = await client.PostAsJsonAsync("/api/admin/organisations", new { parentPath, code, name, kind });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        return await response.JsonAsync();
    }

    public static async Task<string> IdOfAsync(this HttpClient client, string path) =>
        (await client.BranchAsync(path)).GetProperty("node").GetProperty("id").GetString()!;

    public static async Task<JsonElement> MoveAsync(this HttpClient client, string path, string newParentPath)
    {
        using var response = await client.PostAsJsonAsync($"/api/admin/organisations/{await client.IdOfAsync(path)}/move", new { newParentPath });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return await response.JsonAsync();
    }

    public static async Task<JsonElement> CreateUserAsync(this HttpClient client, string userName, string organisationPath, string? password = NewPassword)
    {
        using var response = await client.PostAsJsonAsync("/api/admin/users", new { userName, displayName = "测试" + userName, organisationPath, password });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        return await response.JsonAsync();
    }

    public static async Task<JsonElement> GrantAsync(this HttpClient client, string userId, string role, string organisationPath)
    {
        using var response = await client.PostAsJsonAsync($"/api/admin/users/{userId}/roles", new { role, organisationPath });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return await response.JsonAsync();
    }

    public static async Task<string> UserIdAsync(this HttpClient client, string userName)
    {
        var page = await client.GetJsonAsync($"/api/admin/users?search={Uri.EscapeDataString(userName)}");
        return page.GetProperty("users").EnumerateArray().Single(u => u.GetProperty("userName").GetString() == userName).GetProperty("id").GetString()!;
    }

    public static List<string?> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString())];
}
