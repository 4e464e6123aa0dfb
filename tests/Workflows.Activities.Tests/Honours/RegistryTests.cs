using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Honours;
using Workflows.Activities.Honours.Registry;
using Workflows.Activities.Tests.Persistence;

namespace Workflows.Activities.Tests.Honours;

/// <summary>The honours registry: the decision, certificate numbers (unique), registering twice, revocation.</summary>
public sealed class RegistryTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task The_decision_waits_until_no_nomination_is_under_way(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync();
        var list = await world.AtCityAsync(campaign, NomineeCategories.IndustrialWorker, NomineeCategories.IndustrialWorker);
        await world.Services.Nominations.MoveAsync(list[0].Id, NominationState.Approved);

        var early = () => world.Services.Decisions.PublishAsync(campaign.Id, null, null, "admin");

        (await early.Should().ThrowAsync<HonoursException>()).Which.Should().Match<HonoursException>(e => e.Conflict && e.Message.Contains("还有 1 项推荐未审定完毕"));
        (await world.Services.Campaigns.FindAsync(campaign.Id))!.State.Should().NotBe(CampaignState.Published, "a refused decision changes nothing");
        await using (var db = world.Services.Database.CreateDbContext())
        {
            (await db.HonourDecisions.CountAsync(d => d.CampaignId == campaign.Id)).Should().Be(0);
            (await db.Nominations.SingleAsync(n => n.Id == list[0].Id)).State.Should().Be(NominationState.Approved);
        }

        await world.Services.Nominations.MoveAsync(list[1].Id, NominationState.Rejected, "评审未通过");
        (await world.Services.Decisions.PublishAsync(campaign.Id, null, null, "admin")).Decision.HonourCount.Should().Be(1);
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task The_decision_publishes_the_approved_and_the_registry_numbers_their_certificates_once(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync();
        var list = await world.AtCityAsync(campaign, NomineeCategories.IndustrialWorker, NomineeCategories.IndustrialWorker, NomineeCategories.ScienceEducation);
        await world.Services.Nominations.MoveAsync(list[0].Id, NominationState.Approved);
        await world.Services.Nominations.MoveAsync(list[1].Id, NominationState.Approved);
        await world.Services.Nominations.MoveAsync(list[2].Id, NominationState.Rejected, "评审未通过");

        var published = await world.Services.Decisions.PublishAsync(campaign.Id, null, "粤工总〔2026〕12号", "admin");

        published.Decision.Title.Should().Be("关于表彰2026年度广东省五一劳动奖章获得者的决定");
        published.Decision.HonourCount.Should().Be(2);
        published.Roll.Select(r => r.NominationId).Should().BeEquivalentTo([list[0].Id, list[1].Id]);
        published.Roll.Should().OnlyContain(r => r.OrganisationName == "广州天河智联软件有限公司");
        (await world.Services.Campaigns.FindAsync(campaign.Id))!.State.Should().Be(CampaignState.Published);
        (await world.Services.Decisions.PublishAsync(campaign.Id, "别的标题", null, "admin")).Decision.Id.Should().Be(published.Decision.Id, "publishing again returns the decision");

        var registered = await world.Services.Registry.RegisterCampaignAsync(campaign.Id, new DateOnly(2026, 4, 28), "admin");
        registered.Added.Should().Be(2);
        registered.Records.Select(r => r.CertificateNumber).Should().BeEquivalentTo(["GDLM-2026-0001", "GDLM-2026-0002"]);
        registered.Records.Should().OnlyContain(r => r.Year == 2026 && r.CampaignId == campaign.Id && r.AwardedOn == new DateOnly(2026, 4, 28));

        var again = await world.Services.Registry.RegisterCampaignAsync(campaign.Id, new DateOnly(2026, 4, 28), "admin");
        again.Added.Should().Be(0);
        again.Records.Select(r => r.Id).Should().BeEquivalentTo(registered.Records.Select(r => r.Id));
        (await world.WithDbAsync(db => db.HonourRecords.CountAsync())).Should().Be(2);
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_certificate_number_is_unique_in_the_registry(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var first = await world.PersonAsync("甲", NomineeCategories.IndustrialWorker);
        var second = await world.PersonAsync("乙", NomineeCategories.IndustrialWorker);
        await world.Services.Registry.AddAsync(Record(first, "GDLM-2024-0001", 2024));

        var taken = () => world.Services.Registry.AddAsync(Record(second, "GDLM-2024-0001", 2024));
        (await taken.Should().ThrowAsync<HonoursException>()).Which.Message.Should().Be("证书编号 GDLM-2024-0001 已被使用（甲，2024 年）。");

        var twice = () => world.Services.Registry.AddAsync(Record(first, "GDLM-2024-0002", 2024));
        (await twice.Should().ThrowAsync<HonoursException>()).Which.Message.Should().Be("「甲」已登记 2024 年度「广东省五一劳动奖章」。");

        // The unique index holds even when the service is bypassed.
        var bypass = () => world.WithDbAsync(async db =>
        {
            var copy = await db.HonourRecords.AsNoTracking().SingleAsync();
            copy.Id = Guid.NewGuid();
            copy.NomineeId = second.Id;
            db.HonourRecords.Add(copy);
            return await db.SaveChangesAsync();
        });
        await bypass.Should().ThrowAsync<DbUpdateException>();

        (await world.Services.Registry.FindByCertificateAsync("GDLM-2024-0001"))!.NomineeName.Should().Be("甲");
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_revoked_honour_keeps_its_record_with_the_reason_and_no_longer_counts(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var team = await world.PersonAsync("丙", NomineeCategories.IndustrialWorker);
        var record = await world.Services.Registry.AddAsync(Record(team, "GDLM-2025-0031", 2025));
        world.Time.Advance(TimeSpan.FromDays(30));

        var noReason = () => world.Services.Registry.RevokeAsync(record.Id, " ", "admin");
        (await noReason.Should().ThrowAsync<HonoursException>()).Which.Message.Should().Be("撤销荣誉须填写「撤销原因」。");

        var revoked = await world.Services.Registry.RevokeAsync(record.Id, "发生重大安全生产事故，依规撤销", "admin");

        revoked.RevokedAt.Should().Be(world.Time.GetUtcNow());
        revoked.RevocationReason.Should().Be("发生重大安全生产事故，依规撤销");
        (await world.Services.Registry.ListForNomineeAsync(team.Id)).Should().BeEmpty();
        (await world.Services.Registry.ListForNomineeAsync(team.Id, includeRevoked: true)).Should().ContainSingle().Which.IsRevoked.Should().BeTrue();
        (await world.Services.Registry.HoldsAsync(team.Id, [HonourCatalog.LabourMedal], 2020, 2026)).Should().BeFalse();

        var twice = () => world.Services.Registry.RevokeAsync(record.Id, "再次撤销", "admin");
        (await twice.Should().ThrowAsync<HonoursException>()).Which.Message.Should().Be("证书编号 GDLM-2025-0031 的荣誉已于 2026-04-09 09:00 撤销。");
    }

    private static HonourRecordInput Record(Nominee nominee, string number, int year) => new()
    {
        NomineeId = nominee.Id,
        HonourTypeCode = HonourCatalog.LabourMedal,
        Year = year,
        CertificateNumber = number,
        AwardedOn = new DateOnly(year, 4, 28),
        RegisteredBy = "admin",
    };
}
