using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Honours;
using Workflows.Activities.Honours.Incidents;
using Workflows.Activities.Honours.Registry;
using Workflows.Activities.Identity;
using Workflows.Activities.Tests.Persistence;

namespace Workflows.Activities.Tests.Honours;

/// <summary>Vetoes (一票否决), one nomination per nominee per campaign, and prerequisite honours, on SQLite and PostgreSQL.</summary>
public sealed class EligibilityTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    private const string Enterprise2Name = "广州珠江精密电气有限公司";

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_unit_with_a_safety_accident_two_years_ago_is_refused(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync(HonourCatalog.LabourCertificate);
        var unit = await world.UnitAsync(Enterprise2Name, DemoSeed.Enterprise2Path, NomineeCategories.NonStateEnterprise);
        await RecordAsync(world, IncidentKind.SafetyAccident, new DateOnly(2024, 3, 1), DemoSeed.Enterprise2Path, "车间起重伤害事故，1人死亡");

        var result = await world.Services.Eligibility.CheckAsync(campaign.Id, unit.Id);

        result.Eligible.Should().BeFalse();
        var problem = result.Problems.Should().ContainSingle().Which;
        problem.Code.Should().Be("veto:SafetyAccident");
        problem.MessageZh.Should().Be(
            "一票否决：广州珠江精密电气有限公司于 2024-03-01 发生安全生产事故（车间起重伤害事故，1人死亡），距评选基准日 2026-03-01 不满 3 年，2027-03-01 前不得推荐。");

        var filing = () => world.FileAsync(campaign, unit, DemoSeed.Enterprise2UnionPath);
        (await filing.Should().ThrowAsync<HonoursException>()).Which.Problems.Should().Equal(problem.MessageZh);
        (await world.WithDbAsync(db => db.Nominations.CountAsync())).Should().Be(0);
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_unit_with_a_safety_accident_four_years_ago_is_accepted(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync(HonourCatalog.LabourCertificate);
        var unit = await world.UnitAsync(Enterprise2Name, DemoSeed.Enterprise2Path);
        await RecordAsync(world, IncidentKind.SafetyAccident, new DateOnly(2022, 3, 1), DemoSeed.Enterprise2Path, "车间起重伤害事故");

        (await world.Services.Eligibility.CheckAsync(campaign.Id, unit.Id)).Eligible.Should().BeTrue();
        var nomination = await world.FileAsync(campaign, unit, DemoSeed.Enterprise2UnionPath);
        nomination.State.Should().Be(NominationState.Draft);
        nomination.LevelPath.Should().Be(DemoSeed.Enterprise2UnionPath);
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task Exactly_three_years_before_the_reference_date_no_longer_bars(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync(HonourCatalog.LabourCertificate);
        var unit = await world.UnitAsync(Enterprise2Name, DemoSeed.Enterprise2Path);
        await RecordAsync(world, IncidentKind.MassIncident, new DateOnly(2023, 3, 1), DemoSeed.Enterprise2Path, "");
        await RecordAsync(world, IncidentKind.OccupationalDisease, new DateOnly(2023, 3, 2), DemoSeed.Enterprise2Path, "尘肺病");

        var result = await world.Services.Eligibility.CheckAsync(campaign.Id, unit.Id);

        result.Problems.Select(p => p.MessageZh).Should().Equal(
            "一票否决：广州珠江精密电气有限公司于 2023-03-02 发生严重职业病危害事件（尘肺病），距评选基准日 2026-03-01 不满 3 年，2026-03-02 前不得推荐。");
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task An_accident_in_a_workshop_bars_the_enterprise_and_its_head_but_not_a_frontline_worker(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync();
        var head = await world.PersonAsync("钱总", NomineeCategories.EnterpriseHead, organisationPath: DemoSeed.Enterprise2Path);
        var worker = await world.PersonAsync("孙工", NomineeCategories.IndustrialWorker, organisationPath: DemoSeed.Enterprise2Path);
        await RecordAsync(world, IncidentKind.SafetyAccident, new DateOnly(2025, 8, 20), DemoSeed.Enterprise2Path + "/workshop-3", "");

        var headResult = await world.Services.Eligibility.CheckAsync(campaign.Id, head.Id);
        var workerResult = await world.Services.Eligibility.CheckAsync(campaign.Id, worker.Id);

        headResult.Problems.Should().ContainSingle().Which.MessageZh.Should().Be(
            "一票否决：/gd/gz/th/ent-002/workshop-3于 2025-08-20 发生安全生产事故，距评选基准日 2026-03-01 不满 3 年，2028-08-20 前不得推荐。");
        workerResult.Eligible.Should().BeTrue("a front-line worker does not answer for the unit's accident");
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task Wage_arrears_bar_until_they_are_settled_before_the_reference_date(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync(HonourCatalog.LabourCertificate);
        var unit = await world.UnitAsync(Enterprise2Name, DemoSeed.Enterprise2Path);
        var arrears = await RecordAsync(world, IncidentKind.WageArrears, new DateOnly(2025, 12, 1), DemoSeed.Enterprise2Path, "拖欠32名职工工资");

        (await world.Services.Eligibility.CheckAsync(campaign.Id, unit.Id)).Problems.Should().ContainSingle().Which.MessageZh.Should().Be(
            "一票否决：广州珠江精密电气有限公司存在拖欠职工工资（拖欠32名职工工资），2025-12-01 发生，尚未解决，不得推荐。");

        await world.Services.Incidents.ResolveAsync(arrears.Id, new DateOnly(2026, 3, 5));
        (await world.Services.Eligibility.CheckAsync(campaign.Id, unit.Id)).Problems.Should().ContainSingle().Which.MessageZh.Should()
            .EndWith("2025-12-01 发生，至评选基准日 2026-03-01 仍未解决，不得推荐。");

        await world.Services.Incidents.ResolveAsync(arrears.Id, new DateOnly(2026, 1, 15));
        (await world.Services.Eligibility.CheckAsync(campaign.Id, unit.Id)).Eligible.Should().BeTrue();
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_person_is_nominated_once_per_campaign(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync();
        var person = await world.PersonAsync("李娜", NomineeCategories.ProfessionalTechnical, Gender.Female);
        var first = await world.FileAsync(campaign, person);

        var again = () => world.FileAsync(campaign, person, DemoSeed.Enterprise2UnionPath);

        (await again.Should().ThrowAsync<HonoursException>()).Which.Message.Should().Be(
            "「李娜」在本次评选中已有一项推荐（/gd/gz/th/ent-001/union，2026-03-10 填报），每个对象每次评选只能推荐一次。");

        // The database holds the rule too: a second live row for the same nominee and campaign is refused.
        var sneak = () => world.WithDbAsync(async db =>
        {
            var copy = await db.Nominations.AsNoTracking().SingleAsync(n => n.Id == first.Id);
            copy.Id = Guid.NewGuid();
            copy.Nominee = null;
            db.Nominations.Add(copy);
            return await db.SaveChangesAsync();
        });
        await sneak.Should().ThrowAsync<DbUpdateException>();

        // Withdrawn, it no longer counts.
        await world.Services.Nominations.MoveAsync(first.Id, NominationState.Withdrawn, "重新推荐");
        var second = await world.FileAsync(campaign, person, DemoSeed.Enterprise2UnionPath);
        second.NomineeId.Should().Be(person.Id);
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task The_same_ID_number_is_the_same_nominee_whoever_files_it(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var id = HonoursWorld.NewIdNumber(Gender.Female);
        var input = new Workflows.Activities.Honours.Nominations.NomineeInput
        {
            Kind = NomineeKind.Individual, Name = "周敏", Identifier = id, OrganisationPath = DemoSeed.Enterprise1Path, Categories = NomineeCategories.IndustrialWorker,
        };
        var first = await world.Services.Nominations.RegisterNomineeAsync(input);
        var second = await world.Services.Nominations.RegisterNomineeAsync(input with { Identifier = id.ToLowerInvariant(), OrganisationPath = DemoSeed.Enterprise2Path });

        second.Id.Should().Be(first.Id);
        second.OrganisationPath.Should().Be(DemoSeed.Enterprise2Path, "people change jobs");
        first.IdentifierMasked.Should().Be(id[..4] + "**********" + id[^4..]);
        first.Gender.Should().Be(Gender.Female);
        first.AllCategories.Should().HaveFlag(NomineeCategories.Women);
        var stored = await world.WithDbAsync(db => db.Nominees.AsNoTracking().SingleAsync());
        stored.IdentifierHash.Should().NotContain(id).And.HaveLength(64);

        var bad = () => world.Services.Nominations.RegisterNomineeAsync(input with { Identifier = id[..17] + (id[17] == '1' ? '2' : '1') });
        (await bad.Should().ThrowAsync<HonoursException>()).Which.Message.Should().Be("「身份证号码」不是有效的18位居民身份证号码（请核对出生日期和末位校验码）。");
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task The_loveliest_worker_is_chosen_from_this_year_s_medal_holders_in_the_registry(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync(HonourCatalog.LoveliestWorker);
        var person = await world.PersonAsync("吴刚", NomineeCategories.IndustrialWorker);

        (await world.Services.Eligibility.CheckAsync(campaign.Id, person.Id)).Problems.Should().ContainSingle().Which.MessageZh.Should().Be(
            "「南粤最美职工」须从「广东省五一劳动奖章」获得者中推荐（须为 2026 年度获得），荣誉库中没有「吴刚」的有效获奖记录。");

        await world.Services.Registry.AddAsync(new HonourRecordInput
        {
            NomineeId = person.Id, HonourTypeCode = HonourCatalog.LabourMedal, Year = 2025, CertificateNumber = "GDLM-2025-0099",
            AwardedOn = new DateOnly(2025, 4, 28), RegisteredBy = "admin",
        });
        (await world.Services.Eligibility.CheckAsync(campaign.Id, person.Id)).Eligible.Should().BeFalse("a 2025 medal is not this year's");

        var medal = await world.Services.Registry.AddAsync(new HonourRecordInput
        {
            NomineeId = person.Id, HonourTypeCode = HonourCatalog.LabourMedal, Year = 2026, CertificateNumber = "GDLM-2026-0007",
            AwardedOn = new DateOnly(2026, 4, 28), RegisteredBy = "admin",
        });
        (await world.Services.Eligibility.CheckAsync(campaign.Id, person.Id)).Eligible.Should().BeTrue();

        await world.Services.Registry.RevokeAsync(medal.Id, "弄虚作假", "admin");
        (await world.Services.Eligibility.CheckAsync(campaign.Id, person.Id)).Code().Should().Equal("prerequisite");
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_medal_goes_to_a_person_not_a_unit(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync(HonourCatalog.LabourMedal);
        var unit = await world.UnitAsync(Enterprise2Name, DemoSeed.Enterprise2Path);

        (await world.Services.Eligibility.CheckAsync(campaign.Id, unit.Id)).Problems.Should().ContainSingle().Which.MessageZh.Should().Be(
            "「广东省五一劳动奖章」授予个人，不能推荐单位「广州珠江精密电气有限公司」。");
    }

    private static Task<Incident> RecordAsync(HonoursWorld world, IncidentKind kind, DateOnly on, string path, string description) =>
        world.Services.Incidents.RecordAsync(new IncidentInput { Kind = kind, OccurredOn = on, OrganisationPath = path, Description = description, RecordedBy = "dept-yjgl" });
}

internal static class EligibilityResultExtensions
{
    public static IReadOnlyList<string> Code(this Workflows.Activities.Honours.Rules.EligibilityResult result) => [.. result.Problems.Select(p => p.Code)];
}
