using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Activities.Honours;
using Workflows.Activities.Honours.Nominations;
using Workflows.Activities.Honours.Registry;
using Workflows.Activities.Identity;
using Workflows.Host.Tests.HumanWork;
using static Workflows.Host.Tests.Honours.Journey;

namespace Workflows.Host.Tests.Honours;

/// <summary>
/// 南粤最美职工 through the HTTP API: only a holder of the year's labour medal may be nominated (the registry is asked
/// when filing); the enterprise's nomination goes straight to the city (city recommendation, no district round); the
/// city passes it on, the province reviews, the committee votes 4–1 on 9 October and the notice's five working days
/// take Saturday 10 October (a declared working day); approved, published and registered.
/// </summary>
public sealed class NanyueBestWorkerJourneyTests(HonoursHost host) : IClassFixture<HonoursHost>
{
    [Fact]
    public async Task A_labour_medal_holder_is_recommended_by_the_city_and_registered_and_one_without_the_medal_is_refused()
    {
        using var cast = new Cast(host);
        var (admin, filer, district, city, province, anonymous, committee) =
            (cast.Admin, cast.Filer, cast.District, cast.City, cast.Province, cast.Anonymous, cast.Committee);
        var campaign = await OpenCampaignAsync(admin, HonourCatalog.LoveliestWorker, "2026年南粤最美职工推荐评选", [new { unitPath = City, number = 1 }]);

        // A worker without the year's medal is refused when filed, with the reason.
        using (var refused = await filer.PostAsJsonAsync("/api/nominations", new
        {
            campaignId = campaign,
            nominee = Person("赵无章", Gender.Male, "industrialWorker"),
            form = FormFor(HonourCatalog.LoveliestWorker),
        }))
        {
            (await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString().Should().Contain("五一劳动奖章").And.Contain("赵无章");
        }

        (await filer.GetJsonAsync($"/api/nominations?campaignId={campaign}")).GetProperty("total").GetInt32().Should().Be(0, "a refused filing leaves nothing");

        // 周美丽 received the 2026 labour medal (entered in the registry by hand: an award of the national federation).
        var identifier = IdNumber(Gender.Female);
        var honours = host.Services.GetRequiredService<HonoursServices>();
        var holder = await honours.Nominations.RegisterNomineeAsync(new NomineeInput
        {
            Kind = NomineeKind.Individual, Name = "周美丽", Identifier = identifier, OrganisationPath = DemoSeed.Enterprise1Path, Ethnicity = "汉族",
            Categories = NomineeCategories.IndustrialWorker, Position = "高级技师",
        });
        await honours.Registry.AddAsync(new HonourRecordInput
        {
            NomineeId = holder.Id, HonourTypeCode = HonourCatalog.LabourMedal, Year = 2026, CertificateNumber = "QGLM-2026-0317",
            AwardedOn = new DateOnly(2026, 4, 28), RegisteredBy = "admin",
        });

        var worker = await FileAsync(filer, campaign,
            new { kind = "individual", name = "周美丽", identifier, gender = "female", ethnicity = "汉族", position = "高级技师", categories = new[] { "industrialWorker" } },
            FormFor(HonourCatalog.LoveliestWorker));
        await UnitStageAsync(host, admin, filer, worker);

        // City recommendation: the enterprise's nomination goes to 广州 directly, 天河区 has nothing to do.
        var atCity = await NominationAsync(filer, worker.Id());
        atCity.GetProperty("levelPath").GetString().Should().Be(City);
        (await district.TodoAsync(worker.Instance())).Should().BeEmpty();
        using (var notHeld = await SubmitLevelAsync(district, campaign, District, worker.Id()))
        {
            (await notHeld.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString().Should().Contain("天河区总工会");
        }

        await SubmitLevelOkAsync(city, campaign, City, worker.Id());
        await ApproveAsync(province, worker.Instance(), "provinceReview", "同意提交评审");

        host.SetClock(China(2026, 10, 9, 10));
        await CommitteeVotesAsync(committee, worker.Instance(), against: 4);

        // Five working days from Friday 9 October: 9, Saturday 10 (调休上班), 12, 13 and 14 October.
        await ProvincialNoticeAsync(host, admin, anonymous, campaign, worker, "2026-10-09", "2026-10-14", China(2026, 10, 15));
        await ApprovedAndRegisteredAsync(host, admin, filer, campaign, worker, China(2026, 10, 15), "NYZM-2026-0001");
        (await honours.Registry.ListForNomineeAsync(holder.Id)).Select(r => r.HonourTypeCode).Should().BeEquivalentTo([HonourCatalog.LoveliestWorker, HonourCatalog.LabourMedal]);
    }
}
