using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Workflows.Host.Tests;

/// <summary>The body limits on the real Kestrel server (on a free loopback port).</summary>
public sealed class KestrelLimitTests : IDisposable
{
    private readonly HostFactory _parent = new();
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _client;

    public KestrelLimitTests()
    {
        _factory = _parent.WithWebHostBuilder(b => b.UseSetting("Workflows:Urls", "http://127.0.0.1:0"));
        _factory.UseKestrel();
        _factory.StartServer();
        _client = _factory.CreateAdminClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _parent.Dispose();
    }

    [Theory]
    [InlineData("/api/definitions", "application/xml")]
    [InlineData("/api/instances", "application/json")]
    public async Task A_50_MB_body_is_refused_before_it_is_sent(string url, string contentType)
    {
        const long size = 50L * 1024 * 1024;
        using var content = new BpmnSafetyTests.LazyContent(size, declareLength: true);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.ExpectContinue = true;

        var watch = Stopwatch.StartNew();
        using var response = await _client.SendAsync(request);
        watch.Stop();

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Health_answers_on_kestrel()
    {
        (await _client.GetJsonAsync("/health")).GetProperty("database").GetString().Should().Be("ok");
    }
}
