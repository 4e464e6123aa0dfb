using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Workflows.Host.Tests;

/// <summary>Invalid, hostile and oversized BPMN uploads are refused with problem details.</summary>
public sealed class BpmnSafetyTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Invalid_bpmn_is_a_422_listing_every_problem_with_element_and_line()
    {
        using var response = await _client.PostAsync("/api/definitions", Api.Xml(Models.Invalid("broken")));
        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("title").GetString().Should().Be("The BPMN file cannot be deployed");
        var problems = problem.GetProperty("problems").EnumerateArray().ToList();
        problems.Should().HaveCountGreaterThanOrEqualTo(2);
        problems.Should().Contain(p => p.GetProperty("elementId").GetString() == "javaTask" && p.GetProperty("line").GetInt32() == 5);
        problems.Should().Contain(p => p.GetProperty("elementId").GetString() == "f2" && p.GetProperty("line").GetInt32() == 8);
        problems.Should().OnlyContain(p => !string.IsNullOrWhiteSpace(p.GetProperty("message").GetString()));

        // Nothing was deployed.
        var list = await _client.GetJsonAsync("/api/definitions?key=broken");
        list.GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Validate_reports_problems_without_deploying()
    {
        using (var bad = await _client.PostAsync("/api/definitions/validate", Api.Xml(Models.Invalid("validated-bad"))))
        {
            bad.StatusCode.Should().Be(HttpStatusCode.OK);
            var body = await bad.JsonAsync();
            body.GetProperty("valid").GetBoolean().Should().BeFalse();
            body.GetProperty("problems").EnumerateArray().Should().Contain(p => p.GetProperty("elementId").GetString() == "javaTask");
        }

        using (var good = await _client.PostAsync("/api/definitions/validate", Api.Xml(Models.Approval("validated-good"))))
        {
            var body = await good.JsonAsync();
            body.GetProperty("valid").GetBoolean().Should().BeTrue();
            body.GetProperty("problems").GetArrayLength().Should().Be(0);
        }

        (await _client.GetJsonAsync("/api/definitions?key=validated-good")).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Xxe_is_refused_without_leaking_the_file()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE definitions [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:x">
              <process id="xxe" name="&xxe;" isExecutable="true"><startEvent id="s" /></process>
            </definitions>
            """;
        using var response = await _client.PostAsync("/api/definitions", Api.Xml(xml));
        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, HttpStatusCode.BadRequest);
        var text = problem.GetRawText();
        text.Should().NotContain("root:").And.NotContain("/bin/");
        problem.GetProperty("problems")[0].GetProperty("message").GetString().Should().Contain("DTD");
    }

    [Fact]
    public async Task Billion_laughs_is_refused_quickly()
    {
        var entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            entities.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        }

        var xml = $"""
            <?xml version="1.0"?>
            <!DOCTYPE definitions [{entities}]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:x">
              <process id="lol" name="&lol9;" isExecutable="true"><startEvent id="s" /></process>
            </definitions>
            """;
        var watch = Stopwatch.StartNew();
        using var response = await _client.PostAsync("/api/definitions", Api.Xml(xml));
        watch.Stop();
        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, HttpStatusCode.BadRequest);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
        (await response.Content.ReadAsStringAsync()).Should().NotContain("lollollol");
    }

    [Theory]
    [InlineData("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\">")]
    [InlineData("this is not xml")]
    [InlineData("<?xml version=\"1.0\"?><notBpmn/>")]
    public async Task Malformed_xml_is_a_problem(string xml)
    {
        using var response = await _client.PostAsync("/api/definitions", Api.Xml(xml));
        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task A_50_MB_body_is_refused_with_413_fast()
    {
        const long size = 50L * 1024 * 1024;
        using var content = new LazyContent(size, declareLength: true);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        var watch = Stopwatch.StartNew();
        using var response = await _client.PostAsync("/api/definitions", content);
        watch.Stop();
        var problem = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("detail").GetString().Should().Contain("10,485,760");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_50_MB_body_without_content_length_is_refused_with_413()
    {
        const long size = 50L * 1024 * 1024;
        using var content = new LazyContent(size, declareLength: false);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml");
        var watch = Stopwatch.StartNew();
        using var response = await _client.PostAsync("/api/definitions", content);
        watch.Stop();
        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_non_xml_content_type_is_a_415_problem()
    {
        using var content = new StringContent(Models.Approval("form"), Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await _client.PostAsync("/api/definitions", content);
        await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_empty_body_is_a_400_problem()
    {
        using var response = await _client.PostAsync("/api/definitions", Api.Xml(""));
        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    /// <summary>A body of spaces produced on demand, so the test itself does not hold 50 MB.</summary>
    internal sealed class LazyContent(long length, bool declareLength) : HttpContent
    {
        public long BytesProduced { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)' ');
            "<definitions>"u8.CopyTo(chunk);
            try
            {
                while (BytesProduced < length)
                {
                    var n = (int)Math.Min(chunk.Length, length - BytesProduced);
                    await stream.WriteAsync(chunk.AsMemory(0, n));
                    BytesProduced += n;
                    if (BytesProduced == n)
                    {
                        Array.Fill(chunk, (byte)' ');
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                // The server answered and stopped reading.
            }
        }

        protected override bool TryComputeLength(out long computed)
        {
            computed = length;
            return declareLength;
        }
    }
}
