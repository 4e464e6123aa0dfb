using System.Net;
using System.Net.Http.Json;
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
    public async Task The_openapi_document_describes_the_bearer_sign_in_on_the_protected_operations()
    {
        using var anonymous = factory.CreateAnonymousClient();
        var document = await anonymous.GetJsonAsync("/openapi/v1.json");
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        scheme.GetProperty("type").GetString().Should().Be("http");
        scheme.GetProperty("scheme").GetString().Should().Be("bearer");

        var paths = document.GetProperty("paths");
        RequiresBearer(paths.GetProperty("/api/definitions").GetProperty("post")).Should().BeTrue();
        RequiresBearer(paths.GetProperty("/api/tasks").GetProperty("get")).Should().BeTrue();
        RequiresBearer(paths.GetProperty("/api/auth/me").GetProperty("get")).Should().BeTrue();
        RequiresBearer(paths.GetProperty("/health").GetProperty("get")).Should().BeFalse();
        RequiresBearer(paths.GetProperty("/api/auth/login").GetProperty("post")).Should().BeFalse();

        static bool RequiresBearer(JsonElement operation) =>
            operation.TryGetProperty("security", out var security)
            && security.EnumerateArray().Any(requirement => requirement.TryGetProperty("Bearer", out _));
    }

    [Fact]
    public void The_test_clients_sign_in_with_the_demo_administrator()
    {
        BearerLogin.AdminUserName.Should().Be(Workflows.Activities.Identity.DemoSeed.Accounts[0].UserName);
        BearerLogin.AdminPassword.Should().Be(Workflows.Activities.Identity.DemoSeed.AdminPassword);
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

/// <summary>The rule for listen addresses: any address, except that the demo accounts keep the host on loopback.</summary>
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
    public void Without_the_demo_accounts_any_address_may_be_bound()
    {
        ListenAddresses.Refusal(["http://0.0.0.0:5080", "http://192.168.1.10:5080"], demoAccounts: false, allowRemote: false).Should().BeNull();
        ListenAddresses.Refusal(["http://localhost:5080"], demoAccounts: false, allowRemote: false).Should().BeNull();
    }

    [Fact]
    public void With_the_demo_accounts_a_remote_address_is_refused_unless_allowed()
    {
        ListenAddresses.Refusal(["http://127.0.0.1:5080", "http://0.0.0.0:5080"], demoAccounts: true, allowRemote: false)
            .Should().StartWith("Workflows refuses to listen on http://0.0.0.0:5080: ").And.Contain("Workflows:Seed:Demo").And.Contain("Workflows:AllowRemote=true");
        ListenAddresses.Refusal(["http://0.0.0.0:5080"], demoAccounts: true, allowRemote: true).Should().BeNull();
        ListenAddresses.Refusal(["http://localhost:5080"], demoAccounts: true, allowRemote: false).Should().BeNull();
    }
}

/// <summary>
/// The host listens beyond loopback now that every endpoint requires a sign-in; only with the demo accounts (published
/// passwords) does it refuse, unless Workflows:AllowRemote is true.
/// </summary>
public sealed class RemoteBindingTests
{
    [Fact]
    public async Task A_non_loopback_url_is_accepted_without_the_demo_accounts()
    {
        using var parent = new HostFactory();
        using var factory = parent.WithWebHostBuilder(b =>
        {
            b.UseSetting("Workflows:Urls", "http://0.0.0.0:5080");
            b.UseSetting("Workflows:Seed:Demo", "false");
        });
        using var client = factory.CreateAnonymousClient();
        (await client.GetJsonAsync("/health")).GetProperty("status").GetString().Should().Be("ok");
        await (await client.GetAsync("/api/instances")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void A_non_loopback_url_with_the_demo_accounts_stops_the_start()
    {
        using var parent = new HostFactory();
        using var factory = parent.WithWebHostBuilder(b => b.UseSetting("Workflows:Urls", "http://0.0.0.0:5080"));
        var start = () => factory.CreateAnonymousClient();
        start.Should().Throw<Exception>();
    }

    [Fact]
    public async Task AllowRemote_permits_it_with_the_demo_accounts_whose_published_passwords_must_be_changed_first()
    {
        using var parent = new HostFactory();
        using var factory = parent.WithWebHostBuilder(b =>
        {
            b.UseSetting("Workflows:Urls", "http://0.0.0.0:5080");
            b.UseSetting("Workflows:AllowRemote", "true");
        });
        using var client = factory.CreateAnonymousClient();
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = TestSignIn.PasswordOf("admin") });
        login.StatusCode.Should().Be(HttpStatusCode.Forbidden, await login.Content.ReadAsStringAsync());
        (await login.Content.ReadAsStringAsync()).Should().Contain("passwordChangeRequired");
    }
}
