using System.Net;
using System.Net.Http.Json;
using Workflows.Activities.Honours;
using Workflows.Host.Tests.HumanWork;
using static Workflows.Host.Tests.Honours.Journey;

namespace Workflows.Host.Tests.Honours;

/// <summary>
/// Issue 11, findings 1 and 5: an Idempotency-Key belongs to one user and one request. Another user's same key is a
/// fresh request; the same key with another body is a 422; a retry after success answers the first answer (not 404,
/// though the task is gone); a double click files once and both answers are the same.
/// </summary>
public sealed class IdempotencyApiTests(HonoursHost host) : IClassFixture<HonoursHost>
{
    [Fact]
    public async Task A_key_belongs_to_its_user_and_its_request()
    {
        using var cast = new Cast(host);
        var (filer, filer2) = (cast.Filer, cast.Filer2);
        var campaign = await CampaignAsync(filer, HonourCatalog.LabourMedal);
        const string key = "shared-key-of-two-filers";

        var mine = await FileWithKeyAsync(filer, key, new { campaignId = campaign, nominee = Person("钱一键", Gender.Male, "industrialWorker"), form = FormFor(HonourCatalog.LabourMedal) });
        mine.StatusCode.Should().Be(HttpStatusCode.Created, await mine.Content.ReadAsStringAsync());
        var mineId = (await mine.JsonAsync()).Id();

        // Another enterprise's filer with the same key files their own nomination, and never sees the first one.
        var theirs = await FileWithKeyAsync(filer2, key, new { campaignId = campaign, nominee = Person("赵二键", Gender.Female, "industrialWorker"), form = FormFor(HonourCatalog.LabourMedal) });
        theirs.StatusCode.Should().Be(HttpStatusCode.Created, await theirs.Content.ReadAsStringAsync());
        var theirsBody = await theirs.JsonAsync();
        theirsBody.Id().Should().NotBe(mineId);
        theirsBody.GetProperty("nominee").GetProperty("name").GetString().Should().Be("赵二键");

        // The same user, the same key, another body: refused, nothing filed.
        using var reused = await FileWithKeyAsync(filer, key, new { campaignId = campaign, nominee = Person("孙三键", Gender.Male, "industrialWorker"), form = FormFor(HonourCatalog.LabourMedal) });
        (await reused.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString().Should().Contain("此幂等键已用于另一请求");
        (await filer.GetJsonAsync($"/api/nominations?campaignId={campaign}")).GetProperty("items").EnumerateArray()
            .Should().NotContain(n => n.GetProperty("nomineeName").GetString() == "孙三键");
    }

    [Fact]
    public async Task A_retry_after_success_answers_the_first_answer_and_another_users_key_completes_their_own_task()
    {
        using var cast = new Cast(host);
        var (filer, filer2) = (cast.Filer, cast.Filer2);
        var campaign = await CampaignAsync(filer, HonourCatalog.LabourMedal);
        var mine = await FileAsync(filer, campaign, Person("周重试", Gender.Male, "industrialWorker"), FormFor(HonourCatalog.LabourMedal));
        await UploadAsync(filer, mine.Id(), "approval-form", "推荐审批表.pdf");
        var task = await MyTaskAsync(filer, mine.Instance(), "unitRecommendation");
        const string key = "approve-unit-recommendation";

        string? first = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var response = await PostWithKeyAsync(filer, $"/api/tasks/{task}/approve", key, new { comment = "民主推荐通过" });
            response.StatusCode.Should().Be(HttpStatusCode.OK, "attempt {0}: {1}", attempt, await response.Content.ReadAsStringAsync());
            var body = await response.JsonAsync();
            body.GetProperty("id").GetString().Should().Be(mine.Instance());
            first ??= body.GetProperty("activeElementIds").GetRawText();
            body.GetProperty("activeElementIds").GetRawText().Should().Be(first, "the retry is answered with the first answer");
        }

        // filer2's own task with filer's key: applied to filer2's task, not answered with filer's answer.
        var theirs = await FileAsync(filer2, campaign, Person("吴另一", Gender.Female, "industrialWorker"), FormFor(HonourCatalog.LabourMedal));
        await UploadAsync(filer2, theirs.Id(), "approval-form", "推荐审批表.pdf");
        var theirTask = await MyTaskAsync(filer2, theirs.Instance(), "unitRecommendation");
        using (var response = await PostWithKeyAsync(filer2, $"/api/tasks/{theirTask}/approve", key, new { comment = "民主推荐通过" }))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            (await response.JsonAsync()).GetProperty("id").GetString().Should().Be(theirs.Instance());
        }

        (await filer2.TodoAsync(theirs.Instance())).Should().NotContain(t => t.GetProperty("id").GetString() == theirTask, "filer2's task is completed");
    }

    [Fact]
    public async Task A_double_click_files_once_and_both_answers_are_the_same()
    {
        using var cast = new Cast(host);
        var filer = cast.Filer;
        var campaign = await CampaignAsync(filer, HonourCatalog.LabourMedal);
        var body = new { campaignId = campaign, nominee = Person("郑双击", Gender.Male, "industrialWorker"), form = FormFor(HonourCatalog.LabourMedal) };
        var both = await Task.WhenAll(FileWithKeyAsync(filer, "double-click", body), FileWithKeyAsync(filer, "double-click", body));
        var ids = new List<string>();
        foreach (var response in both)
        {
            response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            ids.Add((await response.JsonAsync()).Id());
            response.Dispose();
        }

        ids.Distinct().Should().ContainSingle();
        (await filer.GetJsonAsync($"/api/nominations?campaignId={campaign}")).GetProperty("items").EnumerateArray()
            .Count(n => n.GetProperty("nomineeName").GetString() == "郑双击").Should().Be(1);
    }

    private static Task<HttpResponseMessage> FileWithKeyAsync(HttpClient client, string key, object body) => PostWithKeyAsync(client, "/api/nominations", key, body);

    private static Task<HttpResponseMessage> PostWithKeyAsync(HttpClient client, string path, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
