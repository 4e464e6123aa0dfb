using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Activities.Honours;
using Workflows.Activities.Honours.Campaigns;
using Workflows.Activities.Honours.Nominations;
using Workflows.Activities.Honours.Notices;
using Workflows.Activities.Identity;
using Workflows.Activities.Persistence;

namespace Workflows.Host.Tests.Honours;

/// <summary>
/// What the public notice page (/notice) relies on: the public list of campaigns under notice
/// (<c>GET /api/public/notices</c>), the objection's checks (contact, minimum length), its reference number and its
/// Idempotency-Key, and that every page of the web UI says who may open it (the circuit hub is open to visitors).
/// </summary>
public sealed class PublicNoticeListTests(HostFactory host) : IClassFixture<HostFactory>
{
    private static int _sequence;

    private async Task<(Guid Campaign, Guid Notice, Guid Nomination)> UnderNoticeAsync(string title)
    {
        var services = host.Services.GetRequiredService<HonoursServices>();
        var now = DateTimeOffset.UtcNow;
        var campaign = await services.Campaigns.CreateAsync(new CampaignInput
        {
            HonourTypeCode = HonourCatalog.LabourMedal, Year = now.Year, Title = title,
            WindowOpensAt = now.AddDays(-10), WindowClosesAt = now.AddDays(20), Deadline = now.AddDays(30), CreatedBy = "admin",
        });
        campaign = await services.Campaigns.OpenAsync(campaign.Id);
        var n = Interlocked.Increment(ref _sequence);
        var first17 = "440104" + new DateOnly(1982, 1, 1).AddDays(n * 11).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + ((n * 2) + 1).ToString("000", CultureInfo.InvariantCulture);
        var nominee = await services.Nominations.RegisterNomineeAsync(new NomineeInput
        {
            Kind = NomineeKind.Individual, Name = "周公示", Identifier = first17 + NomineeIdentity.IdCheckCharacter(first17), OrganisationPath = DemoSeed.Enterprise1Path,
            Ethnicity = "汉族", Categories = NomineeCategories.IndustrialWorker, Position = "高级技师",
        });
        var deeds = string.Concat(Enumerable.Repeat("爱岗敬业技术革新", 20));
        var nomination = await services.Nominations.FileAsync(new NominationInput
        {
            CampaignId = campaign.Id, NomineeId = nominee.Id, FiledByOrganisationPath = DemoSeed.Enterprise1UnionPath, FiledByUserId = "filer",
            FormData = JsonSerializer.Serialize(new { position = "高级技师", politicalStatus = "中共党员", workStartDate = "2005-07-01", deedsSummary = deeds[..120], deeds }),
        });
        var notice = await services.Notices.OpenAsync(new NoticeInput
        {
            CampaignId = campaign.Id, Level = NoticeLevel.Provincial, OrganisationPath = DemoSeed.ProvincePath,
            NominationIds = [nomination.Id], OpenedBy = "province-reviewer", StartsOn = DateOnly.FromDateTime(now.UtcDateTime.AddHours(8)),
        });
        return (campaign.Id, notice.Id, nomination.Id);
    }

    [Fact]
    public async Task The_public_lists_the_campaigns_under_notice_until_their_notice_closes()
    {
        var (campaign, notice, _) = await UnderNoticeAsync("公示列表测试评选");
        using var anonymous = host.CreateAnonymousClient();
        var listed = (await anonymous.GetJsonAsync("/api/public/notices")).EnumerateArray()
            .Single(c => c.GetProperty("campaignId").GetString() == campaign.ToString());
        (listed.GetProperty("title").GetString(), listed.GetProperty("notices").GetInt32(), listed.GetProperty("nominees").GetInt32())
            .Should().Be(("公示列表测试评选", 1, 1));
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        DateOnly.Parse(listed.GetProperty("startsOn").GetString()!, CultureInfo.InvariantCulture).Should().Be(today);
        DateOnly.Parse(listed.GetProperty("endsOn").GetString()!, CultureInfo.InvariantCulture).Should().BeAfter(today);

        await host.Services.GetRequiredService<HonoursServices>().Notices.CloseAsync(notice, "admin", early: true);
        (await anonymous.GetJsonAsync("/api/public/notices")).EnumerateArray()
            .Should().NotContain(c => c.GetProperty("campaignId").GetString() == campaign.ToString(), "a closed notice is no longer public");
    }

    [Fact]
    public async Task An_objection_needs_a_phone_or_mail_contact_and_some_text_and_answers_a_reference_once_per_key()
    {
        var (_, notice, nomination) = await UnderNoticeAsync("异议受理测试评选");
        using var anonymous = host.CreateAnonymousClient();
        var badContact = await (await anonymous.PostAsJsonAsync("/api/public/objections", new { noticeId = notice, nominationId = nomination, name = "钱实名", contact = "找我", content = "事迹材料与实际不符" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        badContact.GetProperty("detail").GetString().Should().Contain("联系方式须为电话号码或电子邮箱");
        var tooShort = await (await anonymous.PostAsJsonAsync("/api/public/objections", new { noticeId = notice, nominationId = nomination, name = "钱实名", contact = "qian@example.com", content = "不实" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        tooShort.GetProperty("detail").GetString().Should().Contain($"不少于 {Workflows.Host.Api.PublicNoticeApi.MinimumObjectionLength} 个字");

        var key = Guid.NewGuid().ToString("N");
        var body = new { noticeId = notice, nominationId = nomination, name = "钱实名", contact = "020-8888 6666", content = "事迹材料中的技术成果并非本人完成。", evidence = "项目验收报告（2024年）" };
        var first = await SendAsync(anonymous, body, key);
        var again = await SendAsync(anonymous, body, key);
        first.GetProperty("reference").GetString().Should().MatchRegex(@"^YY\d{8}-[0-9A-F]{8}$");
        again.GetProperty("id").GetString().Should().Be(first.GetProperty("id").GetString(), "the same key answers the first receipt");
        again.GetProperty("reference").GetString().Should().Be(first.GetProperty("reference").GetString());

        await using var db = host.Services.GetRequiredService<HonoursDatabase>().CreateDbContext();
        var objections = await db.Objections.AsNoTracking().Where(o => o.NominationId == nomination).ToListAsync();
        objections.Should().ContainSingle().Which.Content.Should().Contain("并非本人完成").And.Contain("佐证材料：项目验收报告");
    }

    [Fact]
    public void Every_page_says_who_may_open_it_and_only_sign_in_not_found_and_the_notice_are_public()
    {
        // The circuit hub accepts visitors (for /notice): inside a circuit the router checks the pages' attributes only.
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttributes<RouteAttribute>().Any())
            .ToList();
        pages.Should().NotBeEmpty();
        pages.Where(t => t.GetCustomAttribute<AuthorizeAttribute>() is null && t.GetCustomAttribute<AllowAnonymousAttribute>() is null)
            .Select(t => t.Name).Should().BeEmpty("every page carries [Authorize] or, by decision, [AllowAnonymous]");
        pages.Where(t => t.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            .Should().BeEquivalentTo(["/login", "/not-found", "/notice", "/account/password"], "a password change that is required comes before any sign-in");
    }

    [Fact]
    public async Task A_visitor_opens_the_notice_page_and_the_circuit_hub_but_no_other_page()
    {
        using var anonymous = host.CreateAnonymousClient(handleCookies: false);
        using (var page = await anonymous.GetAsync("/notice"))
        {
            page.StatusCode.Should().Be(HttpStatusCode.OK);
            (await page.Content.ReadAsStringAsync()).Should().Contain("评选公示");
        }

        using (var negotiate = await anonymous.PostAsync("/_blazor/negotiate?negotiateVersion=1", null))
        {
            negotiate.StatusCode.Should().Be(HttpStatusCode.OK, "a visitor may open a circuit for /notice");
        }

        using var inbox = await anonymous.GetAsync("/inbox");
        inbox.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/login", "any other page sends a visitor to the sign-in");
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/public/objections") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        return await response.JsonAsync();
    }
}
