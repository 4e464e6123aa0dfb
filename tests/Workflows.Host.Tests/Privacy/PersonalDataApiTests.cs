using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Activities.Honours;
using Workflows.Activities.Honours.Campaigns;
using Workflows.Activities.Honours.Nominations;
using Workflows.Activities.Honours.Notices;
using Workflows.Activities.Identity;
using Workflows.Activities.Persistence;
using Workflows.Activities.Privacy;

namespace Workflows.Host.Tests.Privacy;

/// <summary>
/// Personal data over HTTP: every read (the nomination, its list, its objections, the public notice) answers the ID
/// number and the objector masked or not at all; the reveal answers them in full to the filer, the level's reviewer,
/// the investigators and administrators only (others 403, or 404 outside their scope), is never cached, and each one is
/// in the administrators' access log.
/// </summary>
public sealed class PersonalDataApiTests(HostFactory host) : IClassFixture<HostFactory>
{
    private const string ObjectorName = "钱实名";
    private const string ObjectorPhone = "13712345678";
    private static int _sequence;

    [Fact]
    public async Task Reads_are_masked_the_reveal_is_for_the_roles_that_need_it_and_each_one_is_logged()
    {
        var (campaign, notice, nomination, idNumber) = await UnderProvincialNoticeAsync();
        using var anonymous = host.CreateAnonymousClient();
        using (var objected = await anonymous.PostAsJsonAsync("/api/public/objections",
            new { noticeId = notice, nominationId = nomination, name = ObjectorName, contact = ObjectorPhone, content = "事迹材料中的技术成果并非本人完成。" }))
        {
            objected.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        using var filer = host.CreateClientAs("filer");
        using var district = host.CreateClientAs("district-reviewer");
        using var city = host.CreateClientAs("city-reviewer");
        using var shenzhen = host.CreateClientAs("sz-reviewer");
        using var province = host.CreateClientAs("province-reviewer");
        using var admin = host.CreateAdminClient();

        // Stored sealed: the tables hold neither the objector nor the ID number in the clear.
        await using (var db = host.Services.GetRequiredService<HonoursDatabase>().CreateDbContext())
        {
            var row = await db.Objections.AsNoTracking().SingleAsync(o => o.NominationId == nomination);
            row.ObjectorName.Should().StartWith(PersonalDataProtector.Prefix).And.NotContain(ObjectorName);
            row.ObjectorContact.Should().StartWith(PersonalDataProtector.Prefix).And.NotContain(ObjectorPhone);
            var nominee = await db.Nominations.AsNoTracking().Where(n => n.Id == nomination).Select(n => n.Nominee!).SingleAsync();
            (nominee.IdentifierHash + nominee.IdentifierMasked + nominee.IdentifierSealed).Should().NotContain(idNumber);
        }

        // Every read answers masked values only.
        foreach (var (client, path) in new[]
        {
            (filer, $"/api/nominations/{nomination}"), (city, $"/api/nominations/{nomination}"), (admin, $"/api/nominations/{nomination}"),
            (filer, $"/api/nominations?campaignId={campaign}"), (admin, $"/api/nominations?campaignId={campaign}"),
            (city, $"/api/nominations/{nomination}/objections"), (province, $"/api/nominations/{nomination}/objections"),
            (anonymous, $"/api/public/notices/{campaign}"), (anonymous, "/api/public/notices"),
        })
        {
            var body = await client.GetStringAsync(path);
            body.Should().NotContain(idNumber, path).And.NotContain(ObjectorPhone, path).And.NotContain(ObjectorName, path);
        }

        var shown = await filer.GetJsonAsync($"/api/nominations/{nomination}");
        shown.GetProperty("nominee").GetProperty("identifierMasked").GetString().Should().Be(idNumber[..4] + "**********" + idNumber[^4..]);
        var objection = (await province.GetJsonAsync($"/api/nominations/{nomination}/objections")).EnumerateArray().Single();
        (objection.GetProperty("objectorName").GetString(), objection.GetProperty("objectorContact").GetString(), objection.GetProperty("mayReveal").GetBoolean())
            .Should().Be(("钱**", "137****5678", true));
        var objectionId = objection.GetProperty("id").GetString()!;
        (await city.GetJsonAsync($"/api/objections/{objectionId}")).GetProperty("mayReveal").GetBoolean().Should().BeFalse();
        (await shenzhen.GetAsync($"/api/objections/{objectionId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // The nominee's ID number in full: the filer (a draft is held by the filing union) and administrators.
        (await RightAsync(filer, nomination)).Should().BeTrue();
        (await RightAsync(district, nomination)).Should().BeFalse();
        var revealed = await RevealAsync(filer, $"/api/nominations/{nomination}/personal-data/reveal", "核对身份证复印件");
        revealed.GetProperty("fields").GetProperty("identifier").GetString().Should().Be(idNumber);
        (await RevealAsync(admin, $"/api/nominations/{nomination}/personal-data/reveal")).GetProperty("fields").GetProperty("identifier").GetString().Should().Be(idNumber);
        await RefusedAsync(district, $"/api/nominations/{nomination}/personal-data/reveal", HttpStatusCode.Forbidden);
        await RefusedAsync(city, $"/api/nominations/{nomination}/personal-data/reveal", HttpStatusCode.Forbidden);
        await RefusedAsync(shenzhen, $"/api/nominations/{nomination}/personal-data/reveal", HttpStatusCode.NotFound);
        await RefusedAsync(anonymous, $"/api/nominations/{nomination}/personal-data/reveal", HttpStatusCode.Unauthorized);

        // The objector in full: the investigators of the provincial notice (the province) and administrators.
        var objector = await RevealAsync(province, $"/api/objections/{objectionId}/personal-data/reveal", "电话核实");
        (objector.GetProperty("fields").GetProperty("objectorName").GetString(), objector.GetProperty("fields").GetProperty("objectorContact").GetString())
            .Should().Be((ObjectorName, ObjectorPhone));
        await RefusedAsync(filer, $"/api/objections/{objectionId}/personal-data/reveal", HttpStatusCode.Forbidden);
        await RefusedAsync(city, $"/api/objections/{objectionId}/personal-data/reveal", HttpStatusCode.Forbidden);
        await RefusedAsync(shenzhen, $"/api/objections/{objectionId}/personal-data/reveal", HttpStatusCode.NotFound);

        // Each view in full is logged (who, what, when, why); only administrators read the log.
        var log = await admin.GetJsonAsync($"/api/admin/personal-data-access?subjectId={nomination}");
        log.GetProperty("total").GetInt32().Should().Be(2);
        log.GetProperty("items").EnumerateArray().Select(a => (a.GetProperty("actor").GetString(), a.GetProperty("action").GetString(), a.GetProperty("fields").GetString()))
            .Should().BeEquivalentTo(new[] { ("filer", "reveal", "identifier"), ("admin", "reveal", "identifier") });
        log.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("actor").GetString() == "filer").GetProperty("reason").GetString().Should().Be("核对身份证复印件");
        var objectorLog = (await admin.GetJsonAsync($"/api/admin/personal-data-access?subjectId={objectionId}")).GetProperty("items").EnumerateArray().Single();
        (objectorLog.GetProperty("actor").GetString(), objectorLog.GetProperty("subject").GetString(), objectorLog.GetProperty("fields").GetString())
            .Should().Be(("province-reviewer", "objector", "objectorName,objectorContact"));
        DateTimeOffset.Parse(objectorLog.GetProperty("at").GetString()!, CultureInfo.InvariantCulture).Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        (await filer.GetAsync("/api/admin/personal-data-access")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await province.GetAsync("/api/admin/personal-data-access")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private static async Task<bool> RightAsync(HttpClient client, Guid nomination) =>
        (await client.GetJsonAsync($"/api/nominations/{nomination}/personal-data")).GetProperty("mayReveal").GetBoolean();

    private static async Task<JsonElement> RevealAsync(HttpClient client, string path, string? reason = null)
    {
        using var response = await client.PostAsJsonAsync(path, new { reason });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        response.Headers.CacheControl!.NoStore.Should().BeTrue("a view in full is never cached");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task RefusedAsync(HttpClient client, string path, HttpStatusCode status)
    {
        using var response = await client.PostAsJsonAsync(path, new { reason = "想看看" });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        body.Should().NotContain(ObjectorPhone).And.NotContain(ObjectorName);
    }

    /// <summary>A nomination filed by the demo filer, under a provincial notice open now (published by the province).</summary>
    private async Task<(Guid Campaign, Guid Notice, Guid Nomination, string IdNumber)> UnderProvincialNoticeAsync()
    {
        var services = host.Services.GetRequiredService<HonoursServices>();
        var now = DateTimeOffset.UtcNow;
        var campaign = await services.Campaigns.CreateAsync(new CampaignInput
        {
            HonourTypeCode = HonourCatalog.LabourMedal, Year = now.Year, Title = "个人信息保护测试评选",
            WindowOpensAt = now.AddDays(-10), WindowClosesAt = now.AddDays(20), Deadline = now.AddDays(30), CreatedBy = "admin",
        });
        campaign = await services.Campaigns.OpenAsync(campaign.Id);
        var n = Interlocked.Increment(ref _sequence);
        var first17 = "440104" + new DateOnly(1979, 5, 1).AddDays(n * 13).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + ((n * 2) + 1).ToString("000", CultureInfo.InvariantCulture);
        var idNumber = first17 + NomineeIdentity.IdCheckCharacter(first17);
        var nominee = await services.Nominations.RegisterNomineeAsync(new NomineeInput
        {
            Kind = NomineeKind.Individual, Name = "孙保护", Identifier = idNumber, OrganisationPath = DemoSeed.Enterprise1Path,
            Ethnicity = "汉族", Categories = NomineeCategories.IndustrialWorker, Position = "高级技师",
        });
        string filerId;
        await using (var db = services.Database.CreateDbContext())
        {
            filerId = await db.Users.Where(u => u.UserName == "filer").Select(u => u.Id).SingleAsync();
        }

        var deeds = string.Concat(Enumerable.Repeat("爱岗敬业技术革新", 20));
        var nomination = await services.Nominations.FileAsync(new NominationInput
        {
            CampaignId = campaign.Id, NomineeId = nominee.Id, FiledByOrganisationPath = DemoSeed.Enterprise1UnionPath, FiledByUserId = filerId,
            FormData = JsonSerializer.Serialize(new { position = "高级技师", politicalStatus = "中共党员", workStartDate = "2005-07-01", deedsSummary = deeds[..120], deeds }),
        });
        var notice = await services.Notices.OpenAsync(new NoticeInput
        {
            CampaignId = campaign.Id, Level = NoticeLevel.Provincial, OrganisationPath = DemoSeed.ProvincePath,
            NominationIds = [nomination.Id], OpenedBy = "province-reviewer", StartsOn = DateOnly.FromDateTime(now.UtcDateTime.AddHours(8)),
        });
        return (campaign.Id, notice.Id, nomination.Id, idNumber);
    }
}
