using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Activities.Honours;
using Workflows.Activities.Honours.Campaigns;
using Workflows.Activities.Honours.Nominations;
using Workflows.Activities.Honours.Notices;
using Workflows.Activities.Identity;

namespace Workflows.Host.Tests.HumanWork;

/// <summary>
/// The public notice without a sign-in: nominees under notice with public fields only; objections need a real name and
/// a contact and are limited per address (<c>Workflows:Public:ObjectionsPerHour</c>, 3 here).
/// </summary>
public sealed class PublicNoticeApiTests(HostFactory host) : IClassFixture<HostFactory>
{
    /// <summary>The host with a small objection limit.</summary>
    private readonly WebApplicationFactory<Program> factory = host.WithWebHostBuilder(b => b.UseSetting("Workflows:Public:ObjectionsPerHour", "3"));

    private static int _sequence;

    private async Task<(Guid Campaign, Guid Notice, Guid Nomination, string IdNumber)> UnderNoticeAsync()
    {
        var services = factory.Services.GetRequiredService<HonoursServices>();
        var now = DateTimeOffset.UtcNow;
        var campaign = await services.Campaigns.CreateAsync(new CampaignInput
        {
            HonourTypeCode = HonourCatalog.LabourMedal,
            Year = now.Year,
            Title = $"{now.Year}年广东省五一劳动奖章评选",
            WindowOpensAt = now.AddDays(-10),
            WindowClosesAt = now.AddDays(20),
            Deadline = now.AddDays(30),
            CreatedBy = "admin",
        });
        campaign = await services.Campaigns.OpenAsync(campaign.Id);
        var n = Interlocked.Increment(ref _sequence);
        var first17 = "440104" + new DateOnly(1980, 1, 1).AddDays(n).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + ((n * 2) + 1).ToString("000", CultureInfo.InvariantCulture);
        var idNumber = first17 + NomineeIdentity.IdCheckCharacter(first17);
        var nominee = await services.Nominations.RegisterNomineeAsync(new NomineeInput
        {
            Kind = NomineeKind.Individual, Name = "张劳模", Identifier = idNumber, OrganisationPath = DemoSeed.Enterprise1Path,
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
        return (campaign.Id, notice.Id, nomination.Id, idNumber);
    }

    [Fact]
    public async Task The_public_reads_the_nominees_under_notice_with_public_fields_only()
    {
        var (campaign, notice, nomination, idNumber) = await UnderNoticeAsync();
        using var anonymous = factory.CreateAnonymousClient();
        using var response = await anonymous.GetAsync($"/api/public/notices/{campaign}");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var list = await response.JsonAsync();
        var entry = list.EnumerateArray().Single(n => n.GetProperty("id").GetString() == notice.ToString()).GetProperty("nominees").EnumerateArray().Single();
        entry.GetProperty("nominationId").GetString().Should().Be(nomination.ToString());
        entry.GetProperty("name").GetString().Should().Be("张劳模");
        entry.GetProperty("unit").GetString().Should().Be("广州天河智联软件有限公司");
        body.Should().NotContain(idNumber).And.NotContain(idNumber[..6] + "*", "no ID number, not even masked")
            .And.NotContain("1980", "no birth date").And.NotContain("filer", "not who filed it");

        using var missing = await anonymous.GetAsync($"/api/public/notices/{Guid.NewGuid()}");
        await missing.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_objection_needs_a_real_name_and_a_contact_and_is_limited_per_address()
    {
        var (_, notice, nomination, _) = await UnderNoticeAsync();
        using var anonymous = factory.CreateAnonymousClient();
        var refused = await (await anonymous.PostAsJsonAsync("/api/public/objections", new { noticeId = notice, nominationId = nomination, name = "", contact = "", content = "事迹不实" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        refused.GetProperty("problems").EnumerateArray().Select(p => p.GetString()).Should().Contain(p => p!.Contains("实名")).And.Contain(p => p!.Contains("联系方式"));

        using (var accepted = await anonymous.PostAsJsonAsync("/api/public/objections", new { noticeId = notice, nominationId = nomination, name = "李群众", contact = "13800000000", content = "事迹材料与实际不符" }))
        {
            var text = await accepted.Content.ReadAsStringAsync();
            accepted.StatusCode.Should().Be(HttpStatusCode.Created, text);
        }

        // The third request of this address within the hour is the last one allowed; the fourth is refused.
        using (var third = await anonymous.PostAsJsonAsync("/api/public/objections", new { noticeId = notice, nominationId = nomination, name = "王群众", contact = "13900000000", content = "另有情况反映" }))
        {
            third.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var limited = await (await anonymous.PostAsJsonAsync("/api/public/objections", new { noticeId = notice, nominationId = nomination, name = "赵群众", contact = "13700000000", content = "再次反映" }))
            .ProblemAsync(HttpStatusCode.TooManyRequests);
        limited.GetProperty("detail").GetString().Should().Contain("频繁");
        await using var db = factory.Services.GetRequiredService<Workflows.Activities.Persistence.HonoursDatabase>().CreateDbContext();
        var objections = await db.Objections.CountAsync(o => o.NominationId == nomination);
        objections.Should().Be(2, "the refused and the limited requests recorded nothing");
    }
}

/// <summary>The embedded default's demo opens the year's labour-medal campaign with a quota for each of the 21 cities.</summary>
public sealed class DemoCampaignTests(HostFactory factory) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task The_demo_opens_the_labour_medal_campaign_with_quotas_for_the_21_cities_once()
    {
        _ = factory.Server; // starts the host, which seeds the demo
        var database = factory.Services.GetRequiredService<Workflows.Activities.Persistence.HonoursDatabase>();
        await using var db = database.CreateDbContext();
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.HonourTypeCode == HonourCatalog.LabourMedal);
        campaign.State.Should().Be(CampaignState.Open);
        campaign.Year.Should().Be(DateTimeOffset.UtcNow.Year);
        var quotas = await db.Quotas.AsNoTracking().Where(q => q.CampaignId == campaign.Id).ToListAsync();
        quotas.Where(q => q.Categories == NomineeCategories.None).Select(q => q.AllocationUnitPath).Should().HaveCount(21).And.OnlyHaveUniqueItems();
        quotas.Single(q => q.AllocationUnitPath == DemoSeed.GuangzhouPath && q.Categories == NomineeCategories.None).Number.Should().Be(19);
        (await db.CompositionRules.AsNoTracking().Where(r => r.CampaignId == campaign.Id).Select(r => r.NameZh).ToListAsync()).Should().Contain("产业工人不少于35%");

        var again = await Workflows.Activities.Honours.Campaigns.DemoCampaign.SeedAsync(
            factory.Services.GetRequiredService<HonoursServices>(), database, TimeProvider.System);
        again.Should().BeNull("seeding again changes nothing");
    }
}
