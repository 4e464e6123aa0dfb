using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflows.Web.Tests;

/// <summary>
/// A demo user calling the host's REST API with a bearer token: the tests set up their processes and instances
/// through the API (as an integration would) and check what the UI did.
/// </summary>
internal sealed class ApiUser : IDisposable
{
    private readonly HttpClient _client;

    private ApiUser(HttpClient client, string userName)
    {
        _client = client;
        UserName = userName;
    }

    public string UserName { get; }

    public static async Task<ApiUser> SignInAsync(WebHost host, string userName, string password = "Demo#2026")
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, "{0} signs in to the API: {1}", userName, body);
        var token = JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ApiUser(client, userName);
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        return await OkAsync(response, "GET", path);
    }

    public async Task<JsonElement> PostAsync(string path, object? body = null)
    {
        using var response = await _client.PostAsJsonAsync(path, body ?? new { });
        return await OkAsync(response, "POST", path);
    }

    /// <summary>A POST that creates something (201 Created).</summary>
    public async Task<JsonElement> PostCreatedAsync(string path, object body)
    {
        using var response = await _client.PostAsJsonAsync(path, body);
        return await OkAsync(response, "POST", path, HttpStatusCode.Created);
    }

    /// <summary>The status of a GET (for the read checks).</summary>
    public async Task<HttpStatusCode> StatusAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        return response.StatusCode;
    }

    public async Task<string> TextAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, "GET {0} answered {1}", path, text);
        return text;
    }

    /// <summary>Deploys and publishes a BPMN file (administrators).</summary>
    public async Task DeployAndPublishAsync(string xml)
    {
        using var content = new StringContent(xml, System.Text.Encoding.UTF8, "application/xml");
        using var response = await _client.PostAsync("/api/definitions", content);
        var deployed = await OkAsync(response, "POST", "/api/definitions", HttpStatusCode.Created);
        var id = deployed.GetProperty("definitions")[0].GetProperty("id").GetString();
        await PostAsync($"/api/definitions/{id}/publish");
    }

    /// <summary>Starts an instance and answers its id.</summary>
    public async Task<string> StartAsync(string key, string businessKey, object? variables = null)
    {
        using var response = await _client.PostAsJsonAsync("/api/instances", new { definitionKey = key, businessKey, variables });
        var started = await OkAsync(response, "POST", "/api/instances", HttpStatusCode.Created);
        return started.GetProperty("id").GetString()!;
    }

    /// <summary>The id of my single open task of the instance (from my to-do list).</summary>
    public async Task<string> MyTaskAsync(string instanceId)
    {
        var page = await GetAsync("/api/me/todo?take=1000");
        var tasks = page.GetProperty("items").EnumerateArray().Where(t => t.GetProperty("instanceId").GetString() == instanceId).ToList();
        tasks.Should().ContainSingle("{0} has one task of instance {1} to do", UserName, instanceId);
        return tasks[0].GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response, string method, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, "{0} {1} answered {2}", method, path, text);
        return string.IsNullOrEmpty(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose() => _client.Dispose();
}
