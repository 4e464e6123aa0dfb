using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Workflows.Host.Tests;

/// <summary>
/// Every model of the BPMN MIWG reference suite (../shared/conformance/miwg next to the repository) is either deployed
/// (201) or refused with problem details naming at least one line (422) — never a 500, and within 10 seconds.
/// </summary>
public sealed class MiwgConformanceTests(HostFactory factory, ITestOutputHelper output) : IClassFixture<HostFactory>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Every_miwg_model_is_deployed_or_refused_with_located_problems()
    {
        var folder = MiwgFolder();
        var files = Directory.GetFiles(folder, "*.bpmn").OrderBy(f => f, StringComparer.Ordinal).ToList();
        files.Should().NotBeEmpty($"the MIWG models are expected in {folder}");

        using var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        var failures = new List<string>();
        var table = new StringBuilder();
        table.AppendLine("| file | status | time | outcome |");
        table.AppendLine("|---|---|---|---|");
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var watch = Stopwatch.StartNew();
            using var content = new ByteArrayContent(await File.ReadAllBytesAsync(file));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
            using var response = await client.PostAsync("/api/definitions", content);
            var body = await response.Content.ReadAsStringAsync();
            watch.Stop();

            var (outcome, ok) = Judge(response, body);
            if (watch.Elapsed > Limit)
            {
                ok = false;
                outcome += $" — too slow ({watch.Elapsed.TotalSeconds:0.0} s)";
            }

            table.AppendLine($"| {name} | {(int)response.StatusCode} | {watch.ElapsedMilliseconds} ms | {outcome.Replace("|", "\\|", StringComparison.Ordinal)} |");
            if (!ok)
            {
                failures.Add($"{name}: {(int)response.StatusCode} {outcome}");
            }
        }

        output.WriteLine(table.ToString());
        failures.Should().BeEmpty();
    }

    private static (string Outcome, bool Ok) Judge(HttpResponseMessage response, string body)
    {
        if (response.StatusCode == HttpStatusCode.Created)
        {
            using var created = JsonDocument.Parse(body);
            var keys = created.RootElement.GetProperty("definitions").EnumerateArray().Select(d => d.GetProperty("key").GetString());
            return ($"deployed: {string.Join(", ", keys)}", true);
        }

        if (response.StatusCode != HttpStatusCode.UnprocessableEntity)
        {
            return ($"unexpected answer: {Shorten(body)}", false);
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return ($"422 without problem details: {Shorten(body)}", false);
        }

        using var document = JsonDocument.Parse(body);
        if (!document.RootElement.TryGetProperty("problems", out var problems) || problems.ValueKind != JsonValueKind.Array)
        {
            return ($"422 without a problems list: {Shorten(body)}", false);
        }

        var list = problems.EnumerateArray().ToList();
        var located = list.Where(p => p.GetProperty("line").GetInt32() > 0).ToList();
        var summary = string.Join("; ", list.Take(3).Select(p =>
            $"{(p.GetProperty("elementId").ValueKind == JsonValueKind.String ? p.GetProperty("elementId").GetString() : "-")}@{p.GetProperty("line").GetInt32()}: {p.GetProperty("message").GetString()}"))
            + (list.Count > 3 ? $" (+{list.Count - 3} more)" : "");
        return located.Count > 0
            ? ($"refused, {list.Count} problem(s): {summary}", true)
            : ($"refused, but no problem has a line: {summary}", false);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    /// <summary>The folder <c>../shared/conformance/miwg</c> relative to the directory holding Workflows.sln.</summary>
    private static string MiwgFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Workflows.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException($"Workflows.sln was not found above {AppContext.BaseDirectory}; cannot locate the MIWG models.");
        }

        var folder = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "conformance", "miwg"));
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException($"The MIWG reference models are missing: expected the folder {folder} (../shared/conformance/miwg next to the repository).");
        }

        return folder;
    }
}
