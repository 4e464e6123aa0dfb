using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Workflows.Host.Tests;

/// <summary>Small helpers over the HTTP API.</summary>
public static class Api
{
    public static HttpContent Xml(string xml) => new StringContent(xml, Encoding.UTF8, "application/xml");

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts an RFC 7807 answer with the status and returns its body.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, params HttpStatusCode[] statuses)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().BeOneOf(statuses, "the body was {0}", text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", "the body was {0}", text);
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement.Clone();
        root.GetProperty("status").GetInt32().Should().Be((int)response.StatusCode);
        root.GetProperty("title").GetString().Should().NotBeNullOrWhiteSpace();
        return root;
    }

    /// <summary>Deploys a BPMN file and returns the draft definitions.</summary>
    public static async Task<JsonElement[]> DeployAsync(this HttpClient client, string xml)
    {
        using var response = await client.PostAsync("/api/definitions", Xml(xml));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("definitions").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    public static async Task<JsonElement> PublishAsync(this HttpClient client, string definitionId)
    {
        using var response = await client.PostAsync($"/api/definitions/{definitionId}/publish", null);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return await response.JsonAsync();
    }

    /// <summary>Deploys and publishes a one-process file; returns the published definition.</summary>
    public static async Task<JsonElement> DeployAndPublishAsync(this HttpClient client, string xml)
    {
        var drafts = await client.DeployAsync(xml);
        drafts.Should().ContainSingle();
        return await client.PublishAsync(drafts[0].GetProperty("id").GetString()!);
    }

    public static async Task<JsonElement> StartAsync(this HttpClient client, string key, string? businessKey = null, object? variables = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances")
        {
            Content = JsonContent.Create(new { definitionKey = key, businessKey, variables }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        response.Headers.Location.Should().NotBeNull();
        return await response.JsonAsync();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return await response.JsonAsync();
    }

    public static async Task<HttpResponseMessage> CompleteAsync(this HttpClient client, string taskId, object? variables = null, string? comment = null) =>
        await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { variables, comment });

    public static MediaTypeHeaderValue? MediaType(this HttpResponseMessage response) => response.Content.Headers.ContentType;
}
