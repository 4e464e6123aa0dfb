using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflows.Activities.Honours;
using Workflows.Host.Tests.Honours;
using Xunit.Abstractions;
using static Workflows.Host.Tests.Honours.Journey;

namespace Workflows.Host.Tests.Scheduling;

/// <summary>
/// Issue 11, finding 2: a real host process is killed with SIGKILL (Workflows:Testing:CrashAt) at each commit point of a
/// filing — before its one transaction commits, and after it committed but before the answer — and restarted on the
/// same SQLite file. Afterwards every nomination has its process and every process its nomination, and the filer
/// finishes with a retry of the same request: a new filing when nothing was committed, the first filing when it was.
/// </summary>
[Collection(RealHostProcesses.Name)]
public sealed class FilingCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("workflows-filing-crash-").FullName;

    [Theory]
    [InlineData("file-nomination:BeforeCommit", false)]
    [InlineData("file-nomination:AfterCommit", true)]
    public async Task A_filing_killed_at_a_commit_point_leaves_rows_that_agree_and_the_retry_finishes(string point, bool committed)
    {
        var folder = Path.Combine(_folder, point.Replace(':', '-'));
        var settings = new Dictionary<string, string>
        {
            ["Workflows:Database:Provider"] = "Sqlite",
            ["Workflows:Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "workflows.db")}",
            ["Workflows:Scheduler:Storage"] = "InMemory",
        };
        var body = new { campaignId = "", nominee = Person("冯崩溃", Gender.Male, "industrialWorker"), form = FormFor(HonourCatalog.LabourMedal) };
        string campaign;
        await using (var crashing = HostProcess.Start("crashing", HostProcess.FreePort(), folder, new Dictionary<string, string>(settings) { ["Workflows:Testing:CrashAt"] = point }))
        {
            await crashing.WaitHealthyAsync(TimeSpan.FromSeconds(90));
            campaign = await OpenCampaignNowAsync(crashing.Client);
            using var filer = await crashing.CreateClientAsAsync("filer", "Demo#2026");
            var act = () => FileAsync(filer, "crash-filing", body with { campaignId = campaign });
            await act.Should().ThrowAsync<HttpRequestException>("the host dies at {0} before it answers", point);
            (await WaitExitAsync(crashing)).Should().Be(137, "killed by SIGKILL");
            output.WriteLine($"{point}: the host died before answering");
        }

        await using var host = HostProcess.Start("restarted", HostProcess.FreePort(), folder, settings);
        await host.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        var before = await AgreeingNominationsAsync(host.Client, campaign);
        before.Should().HaveCount(committed ? 1 : 0, committed ? "the filing committed whole" : "nothing of the filing committed");

        using var again = await host.CreateClientAsAsync("filer", "Demo#2026");
        using var retry = await FileAsync(again, "crash-filing", body with { campaignId = campaign });
        retry.StatusCode.Should().Be(HttpStatusCode.Created, await retry.Content.ReadAsStringAsync());
        var filed = (await retry.JsonAsync()).Id();
        if (committed)
        {
            filed.Should().Be(before.Single(), "the retry is answered with the first filing");
        }

        (await AgreeingNominationsAsync(host.Client, campaign)).Should().Equal([filed], "one nomination with its one process");
    }

    /// <summary>The nominations of the campaign, asserting that each has its active process and each process its nomination.</summary>
    private static async Task<List<string>> AgreeingNominationsAsync(HttpClient admin, string campaign)
    {
        var nominations = (await admin.GetJsonAsync($"/api/nominations?campaignId={campaign}")).GetProperty("items").EnumerateArray().Select(n => n.Id()).ToList();
        var processes = (await admin.GetJsonAsync($"/api/instances?campaign={campaign}")).GetProperty("items").EnumerateArray()
            .Select(i => (Id: i.GetProperty("id").GetString()!, BusinessKey: i.GetProperty("businessKey").GetString()!)).ToList();
        processes.Select(p => p.BusinessKey).Should().BeEquivalentTo(nominations, "no process without its nomination, no nomination without its process");
        foreach (var id in nominations)
        {
            var detail = await admin.GetJsonAsync($"/api/nominations/{id}");
            detail.GetProperty("instanceStatus").GetString().Should().Be("active");
            processes.Should().Contain((detail.GetProperty("instanceId").GetString()!, id), "the nomination points to its process");
        }

        return nominations;
    }

    private static Task<HttpResponseMessage> FileAsync(HttpClient client, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/nominations") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    /// <summary>A labour-medal campaign whose filing window is open now (the real host runs on the real clock).</summary>
    private static async Task<string> OpenCampaignNowAsync(HttpClient admin)
    {
        var now = DateTimeOffset.UtcNow;
        using var created = await admin.PostAsJsonAsync("/api/campaigns", new
        {
            honourType = HonourCatalog.LabourMedal,
            year = now.Year,
            title = "崩溃测试评选 " + Guid.NewGuid().ToString("N")[..6],
            noticeText = "崩溃测试",
            windowOpensAt = now.AddDays(-1),
            windowClosesAt = now.AddDays(30),
            deadline = now.AddDays(60),
            provincialNoticeDays = 5,
            provincialNoticeInWorkingDays = true,
            requiredMaterials = new object[] { new { code = "approval-form", name = "推荐审批表" } },
            quotas = new object[] { new { unitPath = City, number = 2 } },
            compositionRules = Array.Empty<object>(),
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.JsonAsync()).GetProperty("campaign").GetProperty("id").GetString()!;
        using var opened = await admin.PostAsync($"/api/campaigns/{id}/open", null);
        opened.StatusCode.Should().Be(HttpStatusCode.OK, await opened.Content.ReadAsStringAsync());
        return id;
    }

    private static async Task<int> WaitExitAsync(HostProcess process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await process.WaitForExitAsync(timeout.Token);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }
}
