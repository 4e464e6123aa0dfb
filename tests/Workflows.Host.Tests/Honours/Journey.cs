using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Workflows.Activities.Honours;
using Workflows.Host.Tests.HumanWork;

namespace Workflows.Host.Tests.Honours;

/// <summary>The steps of a nomination's journey through the HTTP API, as the demo users take them.</summary>
internal static class Journey
{
    public const string District = "/gd/gz/th";
    public const string City = "/gd/gz";

    /// <summary>A small PDF (the inspector checks the bytes, not the name).</summary>
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

    private static int _sequence;

    /// <summary>A valid 18-digit ID number (Guangzhou 越秀区), unique per call.</summary>
    public static string IdNumber(Gender gender = Gender.Male)
    {
        var n = Interlocked.Increment(ref _sequence);
        var first17 = "440104" + new DateOnly(1978, 3, 1).AddDays(n * 37).ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            + (((n % 400) * 2) + (gender == Gender.Male ? 1 : 0)).ToString("000", CultureInfo.InvariantCulture);
        return first17 + NomineeIdentity.IdCheckCharacter(first17);
    }

    /// <summary>A valid unified social credit code, unique per call.</summary>
    public static string CreditCode()
    {
        var first17 = "9144010" + (7_000_000_000L + Interlocked.Increment(ref _sequence)).ToString(CultureInfo.InvariantCulture);
        return first17 + NomineeIdentity.CreditCodeCheckCharacter(first17);
    }

    public static object Person(string name, Gender gender, params string[] categories) =>
        new { kind = "individual", name, identifier = IdNumber(gender), gender = gender == Gender.Male ? "male" : "female", ethnicity = "汉族", position = "高级技师", categories };

    /// <summary>A valid form of the honour type (deeds within 500 and 2,000 characters).</summary>
    public static object FormFor(string honourType) => honourType switch
    {
        HonourCatalog.LabourCertificate => new { unitType = "企业", legalRepresentative = "李明", employeeCount = 860, deedsSummary = Deeds(120), deeds = Deeds(900) },
        HonourCatalog.PioneerTeam => new { leader = "王强", teamSize = 12, deedsSummary = Deeds(120), deeds = Deeds(900) },
        HonourCatalog.Craftsman => new { position = "高级技师", skillField = "数控加工", deedsSummary = Deeds(120), deeds = Deeds(900) },
        _ => new { position = "高级技师", politicalStatus = "中共党员", workStartDate = "2005-07-01", deedsSummary = Deeds(120), deeds = Deeds(900) },
    };

    public static string Deeds(int characters) => string.Concat(Enumerable.Repeat("爱岗敬业技术革新", (characters / 8) + 1))[..characters];

    /// <summary>The campaign of an honour type (the demo's labour-medal campaign, or one the test created).</summary>
    public static async Task<string> CampaignAsync(HttpClient client, string honourType)
    {
        var list = await client.GetJsonAsync($"/api/campaigns?honourType={honourType}&state=open");
        return list.EnumerateArray().Single().GetProperty("id").GetString()!;
    }

    /// <summary>An administrator creates and opens a 2026 campaign of <paramref name="honourType"/> with the given quotas and rules.</summary>
    public static async Task<string> OpenCampaignAsync(HttpClient admin, string honourType, string title, object[] quotas, object[]? rules = null,
        int provincialNoticeDays = 5, bool provincialNoticeInWorkingDays = true)
    {
        using var created = await admin.PostAsJsonAsync("/api/campaigns", new
        {
            honourType,
            year = 2026,
            title,
            noticeText = "各地级以上市总工会、各产业工会：请按分配名额和比例要求，自下而上、逐级推荐。",
            windowOpensAt = new DateTimeOffset(2026, 4, 20, 9, 0, 0, TimeSpan.FromHours(8)),
            windowClosesAt = new DateTimeOffset(2026, 6, 30, 17, 0, 0, TimeSpan.FromHours(8)),
            deadline = new DateTimeOffset(2026, 7, 31, 17, 0, 0, TimeSpan.FromHours(8)),
            provincialNoticeDays,
            provincialNoticeInWorkingDays,
            requiredMaterials = new object[]
            {
                new { code = "approval-form", name = "推荐审批表" },
                new { code = "unit-notice", name = "单位公示照片及公示无异议报告" },
            },
            quotas,
            compositionRules = rules ?? [],
        });
        var body = await created.Content.ReadAsStringAsync();
        created.StatusCode.Should().Be(HttpStatusCode.Created, body);
        var id = (await created.JsonAsync()).GetProperty("campaign").GetProperty("id").GetString()!;
        (await admin.PostOkAsync($"/api/campaigns/{id}/open")).GetProperty("campaign").GetProperty("state").GetString().Should().Be("open");
        return id;
    }

    /// <summary>The filer files a nomination; answers the nomination (its process started).</summary>
    public static async Task<JsonElement> FileAsync(HttpClient filer, string campaignId, object nominee, object form)
    {
        using var response = await filer.PostAsJsonAsync("/api/nominations", new { campaignId, nominee, form });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        var nomination = await response.JsonAsync();
        nomination.GetProperty("state").GetString().Should().Be("draft");
        nomination.GetProperty("instanceStatus").GetString().Should().Be("active");
        return nomination;
    }

    public static string Id(this JsonElement nomination) => nomination.GetProperty("id").GetString()!;

    public static string Instance(this JsonElement nomination) => nomination.GetProperty("instanceId").GetString()!;

    public static Task<JsonElement> NominationAsync(HttpClient client, string nominationId) => client.GetJsonAsync($"/api/nominations/{nominationId}");

    /// <summary>Uploads a material to the nomination.</summary>
    public static async Task<JsonElement> UploadAsync(HttpClient client, string nominationId, string materialCode, string fileName)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(materialCode), "materialCode");
        using var response = await client.PostAsync($"/api/nominations/{nominationId}/attachments", form);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        return await response.JsonAsync();
    }

    /// <summary>The open tasks of the nomination's process at <paramref name="elementId"/>, as <paramref name="reader"/> sees the nomination.</summary>
    public static async Task<List<JsonElement>> TasksAsync(HttpClient reader, string nominationId, string elementId) =>
        (await NominationAsync(reader, nominationId)).GetProperty("tasks").EnumerateArray()
            .Where(t => t.GetProperty("elementId").GetString() == elementId).ToList();

    /// <summary>
    /// The user's task at <paramref name="elementId"/> of the instance, from their own to-do list (待办); asserts that
    /// there is exactly one.
    /// </summary>
    public static async Task<string> MyTaskAsync(HttpClient user, string instanceId, string elementId)
    {
        var mine = (await user.TodoAsync(instanceId)).Where(t => t.GetProperty("elementId").GetString() == elementId).ToList();
        mine.Should().ContainSingle("the user has one task {0} of instance {1} in the to-do list", elementId, instanceId);
        return mine[0].GetProperty("id").GetString()!;
    }

    /// <summary>同意: the user approves their task at <paramref name="elementId"/> with a comment and variables.</summary>
    public static async Task<JsonElement> ApproveAsync(HttpClient user, string instanceId, string elementId, string comment, object? variables = null) =>
        await user.PostOkAsync($"/api/tasks/{await MyTaskAsync(user, instanceId, elementId)}/approve", new { comment, variables });

    /// <summary>The administrator approves a task that a department nobody of the demo holds should handle (administrators are trusted).</summary>
    public static async Task AdminApprovesEveryAsync(HttpClient admin, string nominationId, string elementId, string comment, object? variables = null)
    {
        var tasks = await TasksAsync(admin, nominationId, elementId);
        tasks.Should().NotBeEmpty("the nomination waits at {0}", elementId);
        foreach (var task in tasks)
        {
            await admin.PostOkAsync($"/api/tasks/{task.GetProperty("id").GetString()}/approve", new { comment, variables });
        }
    }

    /// <summary>整批报送: a level submits its list.</summary>
    public static async Task<HttpResponseMessage> SubmitLevelAsync(HttpClient reviewer, string campaignId, string unitPath, params string[] nominationIds) =>
        await reviewer.PostAsJsonAsync($"/api/campaigns/{campaignId}/levels/{Uri.EscapeDataString(unitPath)}/submit", new { nominationIds });

    /// <summary>A level submits its list and it is accepted; answers the submission.</summary>
    public static async Task<JsonElement> SubmitLevelOkAsync(HttpClient reviewer, string campaignId, string unitPath, params string[] nominationIds)
    {
        using var response = await SubmitLevelAsync(reviewer, campaignId, unitPath, nominationIds);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var submission = await response.JsonAsync();
        submission.GetProperty("tasks").EnumerateArray().Should().HaveCount(nominationIds.Length)
            .And.OnlyContain(t => t.GetProperty("completed").GetBoolean(), "every review task of the level is completed: {0}", body);
        return submission;
    }

    /// <summary>The committee votes: <paramref name="against"/> against first, then the others for (a 2/3 majority ends the vote at once).</summary>
    public static async Task CommitteeVotesAsync(HttpClient[] committee, string instanceId, params int[] against)
    {
        foreach (var i in against)
        {
            await committee[i].PostOkAsync($"/api/tasks/{await MyTaskAsync(committee[i], instanceId, "committeeVote")}/vote", new { vote = "against", comment = "事迹不够突出" });
        }

        var forVotes = 0;
        for (var i = 0; i < committee.Length && forVotes < 4; i++)
        {
            if (!against.Contains(i))
            {
                await committee[i].PostOkAsync($"/api/tasks/{await MyTaskAsync(committee[i], instanceId, "committeeVote")}/vote", new { vote = "for", comment = "同意" });
                forVotes++;
            }
        }
    }

    public static async Task<JsonElement> VariablesAsync(HttpClient admin, string instanceId) =>
        (await admin.GetJsonAsync($"/api/instances/{instanceId}")).GetProperty("variables");

    public static async Task<List<string>> ActiveAsync(HttpClient admin, string instanceId) =>
        (await admin.GetJsonAsync($"/api/instances/{instanceId}")).GetProperty("activeElementIds").EnumerateArray().Select(e => e.GetString()!).ToList();

    public static async Task<string> StateAsync(HttpClient reader, string nominationId) =>
        (await NominationAsync(reader, nominationId)).GetProperty("state").GetString()!;

    /// <summary>异议 from the public page (no sign-in) against a nominee under the provincial notice.</summary>
    public static async Task<JsonElement> ObjectAsync(HttpClient anonymous, string noticeId, string nominationId, string content)
    {
        using var response = await anonymous.PostAsJsonAsync("/api/public/objections", new { noticeId, nominationId, name = "王实名", contact = "13800138000", content });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        return await response.JsonAsync();
    }

    /// <summary>
    /// The unit stage of one nomination started on the host's first day: 民主推荐 with the minutes, the unit notice of
    /// five working days across 劳动节 (28 April – 7 May), then the filer submits with the notice's report.
    /// </summary>
    public static async Task UnitStageAsync(HonoursHost host, HttpClient admin, HttpClient filer, JsonElement nomination)
    {
        await UploadAsync(filer, nomination.Id(), "approval-form", "推荐审批表.pdf");
        await ApproveAsync(filer, nomination.Instance(), "unitRecommendation", "职工代表大会民主推荐通过");
        var unit = await VariablesAsync(admin, nomination.Instance());
        (unit.GetProperty("unitNoticeStartsOn").GetString(), unit.GetProperty("unitNoticeEndsOn").GetString()).Should().Be(("2026-04-28", "2026-05-07"),
            "five working days from Tuesday 28 April skip 劳动节 (1–5 May)");
        (await host.FireTimerAsync(nomination.Instance(), "unitNoticeElapsed")).Should().Be(China(2026, 5, 8));
        await UploadAsync(filer, nomination.Id(), "unit-notice", "公示无异议报告.pdf");
        await ApproveAsync(filer, nomination.Instance(), "submitNomination", "提交推荐材料（含公示无异议报告）");
        (await StateAsync(filer, nomination.Id())).Should().Be("submitted");
    }

    /// <summary>
    /// The end of a nomination under the provincial notice: the notice runs out (its timer fired at
    /// <paramref name="closesAt"/>), 审定, the campaign's decision is published, and the nominee is registered with
    /// <paramref name="certificate"/>. Answers the registry entry.
    /// </summary>
    public static async Task<JsonElement> ApprovedAndRegisteredAsync(HonoursHost host, HttpClient admin, HttpClient filer, string campaignId, JsonElement nomination,
        DateTimeOffset closesAt, string certificate)
    {
        (await host.FireTimerAsync(nomination.Instance(), "noticeElapsed")).Should().Be(closesAt);
        await ApproveAsync(admin, nomination.Instance(), "approval", "审定通过", new { approvalDecision = "approved" });
        (await StateAsync(admin, nomination.Id())).Should().Be("approved");
        var decision = await admin.PostOkAsync($"/api/campaigns/{campaignId}/decision", new { title = (string?)null, documentNumber = "粤工总〔2026〕20号" });
        decision.GetProperty("instancesReached").EnumerateArray().Select(i => i.GetString()).Should().Contain(nomination.Instance());
        var honoured = await NominationAsync(filer, nomination.Id());
        (honoured.GetProperty("state").GetString(), honoured.GetProperty("instanceStatus").GetString()).Should().Be(("published", "completed"));
        var record = honoured.GetProperty("honours").EnumerateArray().Single();
        record.GetProperty("certificateNumber").GetString().Should().Be(certificate);
        (await filer.HistoryAsync(nomination.Instance())).Should().Contain(h => h.GetProperty("elementId").GetString() == "endAwarded");
        return record;
    }

    /// <summary>The provincial notice's first and last day and its timer, as the nominee's process computed them.</summary>
    public static async Task ProvincialNoticeAsync(HonoursHost host, HttpClient admin, HttpClient anonymous, string campaignId, JsonElement nomination,
        string startsOn, string endsOn, DateTimeOffset closesAt)
    {
        var variables = await VariablesAsync(admin, nomination.Instance());
        (variables.GetProperty("provinceNoticeStartsOn").GetString(), variables.GetProperty("provinceNoticeEndsOn").GetString()).Should().Be((startsOn, endsOn));
        (await host.TimerAsync(nomination.Instance(), "noticeElapsed"))!.DueAt.Should().Be(closesAt);
        var notices = (await anonymous.GetJsonAsync($"/api/public/notices/{campaignId}")).EnumerateArray().ToList();
        var listed = notices.Single(n => n.GetProperty("nominees").EnumerateArray().Any(e => e.GetProperty("nominationId").GetString() == nomination.Id()));
        (listed.GetProperty("startsOn").GetString(), listed.GetProperty("endsOn").GetString()).Should().Be((startsOn, endsOn));
    }

    /// <summary>A moment in Guangzhou time.</summary>
    public static DateTimeOffset China(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));
}
