using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Activities.Honours;
using Workflows.Activities.Persistence;
using Workflows.Engine;
using Workflows.Engine.Persistence;

namespace Workflows.FilingBench;

/// <summary>The options of a run (<c>--users N</c>, <c>--keep</c>).</summary>
public sealed record FilingBenchOptions(int Users = 1000, bool Keep = false)
{
    public static FilingBenchOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var users = 1000;
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--users" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
                    users = n;
                    i++;
                    break;
                case "--keep":
                    keep = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown or incomplete option '{args[i]}'. Usage: --users N [--keep]");
            }
        }

        return new FilingBenchOptions(users, keep);
    }
}

/// <summary>
/// The filing bench: one host (<see cref="BenchHost"/>), N enterprise users in N enterprises (<see cref="BenchUsers"/>),
/// then all N at once: sign in (<c>POST /api/auth/login</c>), file a nomination to the demo labour-medal campaign
/// (<c>POST /api/nominations</c>, sent twice at the same moment with one Idempotency-Key, as a double click does),
/// upload one small PDF (<c>POST /api/nominations/{id}/attachments</c>) and read it back (<c>GET /api/nominations/{id}</c>).
/// Afterwards every user's nomination must be in the database exactly once, with its attachment and a running process
/// instance: what is missing is lost, what is there twice is a duplicate.
/// </summary>
public static class FilingBench
{
    /// <summary>A small PDF (the host inspects the bytes).</summary>
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

    public static async Task<FilingBenchResult> RunAsync(FilingBenchOptions options, TextWriter output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        using var host = new BenchHost { Keep = options.Keep };
        var watch = Stopwatch.StartNew();
        host.StartServer();
        output.WriteLine(Inv($"Workflows filing bench — {options.Users:N0} enterprise users, one host on {host.BaseAddress} (SQLite {host.DatabaseFile}, Hangfire in memory)"));
        output.WriteLine(Inv($"host started in {watch.Elapsed.TotalSeconds:0.0} s"));

        watch.Restart();
        await BenchUsers.CreateAsync(host.Services, options.Users, ct);
        output.WriteLine(Inv($"{options.Users:N0} enterprises, unions and filers created in {watch.Elapsed.TotalSeconds:0.0} s"));

        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = 4096 };
        using var http = new HttpClient(handler) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        var campaignId = await CampaignAsync(http, ct);

        var kinds = new[] { new Latencies("sign-in"), new Latencies("file (POST)"), new Latencies("upload (POST)"), new Latencies("check (GET)") };
        var errors = new ConcurrentQueue<string>();
        var mismatches = 0;

        // Everyone signs in first (a day's sign-ins, not the filing rush; each is a deliberately slow password hash),
        // at most 64 at a time, and that phase is timed on its own: the figure is the filing of 1,000 signed-in users.
        output.WriteLine(Inv($"{options.Users:N0} users sign in…"));
        watch.Restart();
        var tokens = new string[options.Users + 1];
        await Parallel.ForEachAsync(Enumerable.Range(1, options.Users), new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = ct },
            async (i, c) => tokens[i] = await TimedAsync(kinds[0], () => SignInAsync(http, BenchUsers.UserName(i), c)));
        output.WriteLine(Inv($"signed in in {watch.Elapsed.TotalSeconds:0.0} s"));

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var users = Enumerable.Range(1, options.Users).Select(i => Task.Run(async () =>
        {
            await go.Task;
            try
            {
                if (!await FileOneAsync(http, campaignId, i, tokens[i], kinds, ct))
                {
                    Interlocked.Increment(ref mismatches);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or JsonException or TaskCanceledException)
            {
                errors.Enqueue($"{BenchUsers.UserName(i)}: {ex.Message}");
            }
        }, ct)).ToList();

        output.WriteLine(Inv($"{options.Users:N0} users file at once…"));
        watch.Restart();
        go.SetResult();
        await Task.WhenAll(users);
        var elapsed = watch.Elapsed;

        var (filed, lost, duplicates) = await VerifyAsync(host.Services, options.Users, ct);
        var result = new FilingBenchResult(options.Users, elapsed, filed, lost, duplicates, mismatches, [.. errors], kinds);
        result.Print(output);
        if (options.Keep)
        {
            output.WriteLine($"kept: {host.Folder}");
        }

        return result;
    }

    /// <summary>One user's filing; false when the two submits of the double click answered different nominations.</summary>
    private static async Task<bool> FileOneAsync(HttpClient http, Guid campaignId, int i, string token, Latencies[] kinds, CancellationToken ct)
    {
        var key = $"bench-{i:0000}-{Guid.NewGuid():N}";
        var body = new
        {
            campaignId,
            nominee = new
            {
                kind = "individual",
                name = "测试人选" + i.ToString("0000", CultureInfo.InvariantCulture),
                identifier = BenchUsers.IdNumber(i, 0),
                gender = "male",
                ethnicity = "汉族",
                position = "高级技师",
                categories = new[] { "industrialWorker" },
            },
            form = new
            {
                position = "高级技师",
                politicalStatus = "中共党员",
                workStartDate = "2005-07-01",
                deedsSummary = Deeds(120),
                deeds = Deeds(900),
            },
        };
        var submits = await Task.WhenAll(
            TimedAsync(kinds[1], () => FileAsync(http, token, key, body, ct)),
            TimedAsync(kinds[1], () => FileAsync(http, token, key, body, ct)));
        var nominationId = submits[0];
        await TimedAsync(kinds[2], () => UploadAsync(http, token, nominationId, ct));
        await TimedAsync(kinds[3], () => CheckAsync(http, token, nominationId, ct));
        return submits[0] == submits[1];
    }

    private static async Task<T> TimedAsync<T>(Latencies kind, Func<Task<T>> request)
    {
        var watch = Stopwatch.StartNew();
        var value = await request();
        kind.Add(watch.Elapsed);
        return value;
    }

    private static async Task TimedAsync(Latencies kind, Func<Task> request)
    {
        var watch = Stopwatch.StartNew();
        await request();
        kind.Add(watch.Elapsed);
    }

    private static async Task<Guid> CampaignAsync(HttpClient http, CancellationToken ct)
    {
        var token = await SignInAsync(http, BenchUsers.UserName(1), ct);
        using var request = Request(HttpMethod.Get, $"/api/campaigns?honourType={HonourCatalog.LabourMedal}&state=open", token);
        using var response = await http.SendAsync(request, ct);
        var list = await ReadAsync(response, HttpStatusCode.OK, ct);
        return list.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).FirstOrDefault() is { } id && id != Guid.Empty
            ? id
            : throw new InvalidOperationException("The demo seed opened no labour-medal campaign.");
    }

    private static async Task<string> SignInAsync(HttpClient http, string userName, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/login", new { userName, password = BenchUsers.Password }, ct);
        var answer = await ReadAsync(response, HttpStatusCode.OK, ct);
        return answer.GetProperty("accessToken").GetString() ?? throw new InvalidOperationException($"No access token for {userName}.");
    }

    private static async Task<Guid> FileAsync(HttpClient http, string token, string key, object body, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, "/api/nominations", token);
        request.Headers.Add("Idempotency-Key", key);
        request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request, ct);
        return (await ReadAsync(response, HttpStatusCode.Created, ct)).GetProperty("id").GetGuid();
    }

    private static async Task UploadAsync(HttpClient http, string token, Guid nominationId, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, $"/api/nominations/{nominationId}/attachments", token);
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "职代会会议纪要.pdf");
        form.Add(new StringContent("congress-minutes"), "materialCode");
        request.Content = form;
        using var response = await http.SendAsync(request, ct);
        await ReadAsync(response, HttpStatusCode.Created, ct);
    }

    private static async Task CheckAsync(HttpClient http, string token, Guid nominationId, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, $"/api/nominations/{nominationId}", token);
        using var response = await http.SendAsync(request, ct);
        var nomination = await ReadAsync(response, HttpStatusCode.OK, ct);
        if (nomination.GetProperty("attachments").GetArrayLength() != 1 || nomination.GetProperty("instanceStatus").GetString() != "active")
        {
            throw new InvalidOperationException($"Nomination {nominationId} reads back without its attachment or its running instance.");
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {Shorten(text)}");
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Counts, per bench user, the nominations in the database that have their attachment and a running instance.</summary>
    private static async Task<(int Filed, int Lost, int Duplicates)> VerifyAsync(IServiceProvider services, int users, CancellationToken ct)
    {
        await using var db = services.GetRequiredService<HonoursDatabase>().CreateDbContext();
        var prefix = BenchUsers.DistrictPath + "/bench-";
        var nominations = await db.Nominations.AsNoTracking()
            .Where(n => n.FiledByOrganisationPath.StartsWith(prefix) && n.State != NominationState.Withdrawn)
            .Select(n => new { n.Id, n.FiledByOrganisationPath, n.ProcessInstanceId })
            .ToListAsync(ct);
        var ids = nominations.Select(n => (Guid?)n.Id).ToList();
        var withAttachment = (await db.Attachments.AsNoTracking().Where(a => ids.Contains(a.NominationId)).Select(a => a.NominationId!.Value).ToListAsync(ct)).ToHashSet();
        var store = services.GetRequiredService<WorkflowEngine>().Store;
        var complete = new HashSet<string>(StringComparer.Ordinal);
        foreach (var nomination in nominations)
        {
            if (nomination.ProcessInstanceId is { } instanceId && withAttachment.Contains(nomination.Id)
                && await store.GetInstanceAsync(instanceId, ct) is { Status: InstanceStatus.Active })
            {
                complete.Add(nomination.FiledByOrganisationPath);
            }
        }

        var duplicates = nominations.GroupBy(n => n.FiledByOrganisationPath).Sum(g => g.Count() - 1);
        var lost = Enumerable.Range(1, users).Count(i => !complete.Contains(BenchUsers.UnionPath(i)));
        return (complete.Count, lost, duplicates);
    }

    private static string Deeds(int characters) => string.Concat(Enumerable.Repeat("爱岗敬业技术革新", (characters / 8) + 1))[..characters];

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
