using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Workflows.Host.Configuration;

namespace Workflows.Host.Tests;

/// <summary>Health, the OpenAPI document, the API reference and problem details for unknown routes.</summary>
public sealed class HostTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Health_answers_ok_with_the_database()
    {
        var health = await _client.GetJsonAsync("/health");
        health.GetProperty("status").GetString().Should().Be("ok");
        health.GetProperty("database").GetString().Should().Be("ok");
        File.Exists(factory.DatabasePath).Should().BeTrue("the test's SQLite file is configured through UseSetting");
    }

    [Fact]
    public async Task The_openapi_document_lists_the_endpoints()
    {
        var document = await _client.GetJsonAsync("/openapi/v1.json");
        document.GetProperty("info").GetProperty("title").GetString().Should().Be(HostConfiguration.ApiTitle);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.Should().Contain([
            "/health",
            "/api/definitions",
            "/api/definitions/validate",
            "/api/definitions/{id}",
            "/api/definitions/{id}/xml",
            "/api/definitions/{id}/publish",
            "/api/definitions/{id}/retire",
            "/api/instances",
            "/api/instances/{id}",
            "/api/instances/{id}/history",
            "/api/instances/{id}/cancel",
            "/api/tasks",
            "/api/tasks/{id}",
            "/api/tasks/{id}/complete",
            "/api/messages",
        ]);
        var operationIds = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject())
            .Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("operationId", out _))
            .Select(o => o.Value.GetProperty("operationId").GetString())
            .ToList();
        operationIds.Should().Contain(["DeployDefinitions", "PublishDefinition", "StartInstance", "CompleteTask", "CorrelateMessage", "Health"]);
    }

    [Fact]
    public async Task Scalar_serves_the_api_reference()
    {
        // Scalar redirects /scalar to /scalar/ (its assets are relative); the client follows the redirect.
        using var response = await _client.GetAsync("/scalar");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("<html").And.Contain(HostConfiguration.ApiTitle);
    }

    [Fact]
    public async Task Unknown_routes_and_methods_answer_problem_details()
    {
        using (var notFound = await _client.GetAsync("/api/nothing-here"))
        {
            await notFound.ProblemAsync(HttpStatusCode.NotFound);
        }

        using (var notGuid = await _client.GetAsync("/api/definitions/not-a-guid"))
        {
            await notGuid.ProblemAsync(HttpStatusCode.NotFound);
        }

        using var wrongMethod = await _client.DeleteAsync("/api/definitions");
        await wrongMethod.ProblemAsync(HttpStatusCode.MethodNotAllowed);
    }
}

/// <summary>The loopback rule for listen addresses.</summary>
public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://127.0.0.2:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://192.168.1.10:5080", false)]
    [InlineData("http://example.org:5080", false)]
    public void Loopback_addresses_are_recognised(string url, bool loopback) =>
        ListenAddresses.IsLoopback(url).Should().Be(loopback);

    [Fact]
    public void A_remote_address_is_refused_unless_allowed()
    {
        ListenAddresses.Refusal(["http://127.0.0.1:5080", "http://0.0.0.0:5080"], allowRemote: false)
            .Should().Contain("0.0.0.0").And.Contain("Workflows:AllowRemote=true");
        ListenAddresses.Refusal(["http://0.0.0.0:5080"], allowRemote: true).Should().BeNull();
        ListenAddresses.Refusal(["http://localhost:5080"], allowRemote: false).Should().BeNull();
    }
}

/// <summary>The host refuses to start on a non-loopback address unless Workflows:AllowRemote is true.</summary>
public sealed class RemoteBindingTests
{
    [Fact]
    public void A_non_loopback_url_stops_the_start()
    {
        using var parent = new HostFactory();
        using var factory = parent.WithWebHostBuilder(b => b.UseSetting("Workflows:Urls", "http://0.0.0.0:5080"));
        var start = () => factory.CreateClient();
        start.Should().Throw<Exception>();
    }

    [Fact]
    public async Task AllowRemote_permits_it()
    {
        using var parent = new HostFactory();
        using var factory = parent.WithWebHostBuilder(b =>
        {
            b.UseSetting("Workflows:Urls", "http://0.0.0.0:5080");
            b.UseSetting("Workflows:AllowRemote", "true");
        });
        using var client = factory.CreateClient();
        (await client.GetJsonAsync("/health")).GetProperty("status").GetString().Should().Be("ok");
    }
}
