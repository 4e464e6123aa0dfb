using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Activities.Honours;
using Workflows.Activities.Honours.Campaigns;
using Workflows.Activities.Honours.Notices;
using Workflows.Activities.Identity;
using Workflows.Activities.Privacy;
using Workflows.Activities.Tests.Honours;
using Workflows.Activities.Tests.Persistence;

namespace Workflows.Activities.Tests.Privacy;

/// <summary>
/// Personal data (个人信息保护法): ID numbers and objectors' names and contacts are sealed in the tables, shown masked,
/// in full only to the roles that need them, each view in full logged; objectors' data erased after its retention;
/// rows stored in the clear before sealed at start-up.
/// </summary>
public sealed class PersonalDataTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    private static readonly PersonalDataReader Admin = new("admin", "admin-id", true, [], null);
    private static readonly PersonalDataReader CityReviewer = Reviewer("city-reviewer", DemoSeed.GuangzhouPath);
    private static readonly PersonalDataReader DistrictReviewer = Reviewer("district-reviewer", DemoSeed.TianhePath);
    private static readonly PersonalDataReader ProvinceReviewer = Reviewer("province-reviewer", DemoSeed.ProvincePath);
    private static readonly PersonalDataReader ShenzhenReviewer = Reviewer("city-reviewer", DemoSeed.ShenzhenPath);
    private static readonly PersonalDataReader Committee = new("committee1", "committee-id", false, ["committee-member@/gd/committee"], []);

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task The_ID_number_is_sealed_in_the_table_and_only_the_filer_the_level_and_administrators_see_it_in_full(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync();
        var idNumber = HonoursWorld.NewIdNumber();
        var nominee = await world.Services.Nominations.RegisterNomineeAsync(new Workflows.Activities.Honours.Nominations.NomineeInput
        {
            Kind = NomineeKind.Individual, Name = "何明", Identifier = idNumber, OrganisationPath = DemoSeed.Enterprise1Path, Position = "高级技师",
        });
        var nomination = await world.FileAsync(campaign, nominee);

        // The table holds no clear ID number in any column.
        var stored = await world.WithDbAsync(db => db.Database
            .SqlQueryRaw<string>("SELECT identifier_hash || '|' || identifier_masked || '|' || COALESCE(identifier_sealed, '') AS \"Value\" FROM nominees WHERE id = {0}", nominee.Id)
            .SingleAsync());
        stored.Should().NotContain(idNumber).And.NotContain(idNumber[6..14], "not even the birth date part");
        nominee.IdentifierMasked.Should().Be(idNumber[..4] + "**********" + idNumber[^4..]);

        var filer = Filer(world);
        var revealed = await world.Services.PersonalData.RevealNomineeAsync(nomination.Id, filer, "核对身份证", default);
        revealed.Outcome.Should().Be(PersonalDataOutcome.Revealed);
        revealed.Fields[PersonalDataService.IdentifierField].Should().Be(idNumber);

        // A draft is held by the filing union: the district may see the nomination but not the number yet.
        (await world.Services.PersonalData.RevealNomineeAsync(nomination.Id, DistrictReviewer, null, default)).Outcome.Should().Be(PersonalDataOutcome.Forbidden);
        (await world.Services.PersonalData.RevealNomineeAsync(nomination.Id, ShenzhenReviewer, null, default)).Outcome.Should().Be(PersonalDataOutcome.NotFound);
        (await world.Services.PersonalData.RevealNomineeAsync(nomination.Id, Committee, null, default)).Outcome.Should().Be(PersonalDataOutcome.NotFound);
        (await world.Services.PersonalData.MayRevealNomineeAsync(nomination.Id, DistrictReviewer, default)).Should().BeFalse();
        (await world.Services.PersonalData.MayRevealNomineeAsync(nomination.Id, filer, default)).Should().BeTrue();

        // Passed on to the district: its reviewer sees it; the city (not its level yet) does not.
        var toDistrict = await world.Services.Submissions.SubmitBatchAsync(campaign.Id, DemoSeed.Enterprise1UnionPath, [nomination.Id], HonoursWorld.Filer);
        toDistrict.Accepted.Should().BeTrue(toDistrict.MessageZh);
        (await world.Services.PersonalData.RevealNomineeAsync(nomination.Id, DistrictReviewer, "初审核对", default)).Outcome.Should().Be(PersonalDataOutcome.Revealed);
        (await world.Services.PersonalData.RevealNomineeAsync(nomination.Id, CityReviewer, null, default)).Outcome.Should().Be(PersonalDataOutcome.Forbidden);
        (await world.Services.PersonalData.RevealNomineeAsync(nomination.Id, Admin, null, default)).Outcome.Should().Be(PersonalDataOutcome.Revealed);

        // Every view in full is in the access log, and nothing else.
        var (log, total) = await world.Services.PersonalData.AccessLogAsync(nomination.Id, 0, 50, default);
        total.Should().Be(3);
        log.Select(a => (a.Actor, a.Action, a.Subject, a.Fields)).Should().BeEquivalentTo(new[]
        {
            ("filer", PersonalDataAction.Reveal, PersonalDataSubject.Nominee, "identifier"),
            ("district-reviewer-user", PersonalDataAction.Reveal, PersonalDataSubject.Nominee, "identifier"),
            ("admin", PersonalDataAction.Reveal, PersonalDataSubject.Nominee, "identifier"),
        });
        log.Single(a => a.Actor == "filer").Reason.Should().Be("核对身份证");
        log.Should().OnlyContain(a => a.At == world.Time.GetUtcNow());
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task An_objectors_name_and_contact_are_sealed_masked_and_shown_in_full_to_the_investigators_only(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var (notice, nomination) = await NoticeAsync(world, NoticeLevel.Provincial, DemoSeed.ProvincePath);
        var objection = await world.Services.Notices.RecordObjectionAsync(new ObjectionInput
        {
            NoticeId = notice.Id, NominationId = nomination.Id, ObjectorName = "王小五", ObjectorContact = "13812345678", Content = "获奖事迹与实际不符",
        });

        var stored = await world.WithDbAsync(db => db.Database
            .SqlQueryRaw<string>("SELECT objector_name || '|' || objector_contact || '|' || objector_name_masked || '|' || objector_contact_masked AS \"Value\" FROM objections WHERE id = {0}", objection.Id)
            .SingleAsync());
        stored.Should().NotContain("王小五").And.NotContain("13812345678").And.NotContain("12345678");
        stored.Should().Contain("王**").And.Contain("138****5678");

        // Readers of the nomination see it masked; who may not read the nomination sees nothing.
        var masked = await world.Services.PersonalData.ObjectionAsync(objection.Id, CityReviewer);
        masked!.ObjectorName.Should().Be("王**");
        masked.ObjectorContact.Should().Be("138****5678");
        masked.MayReveal.Should().BeFalse();
        (await world.Services.PersonalData.ObjectionAsync(objection.Id, ShenzhenReviewer)).Should().BeNull();
        (await world.Services.PersonalData.ObjectionsOfNominationAsync(nomination.Id, Filer(world))).Should().ContainSingle()
            .Which.ObjectorContact.Should().Be("138****5678");

        // The provincial notice's objections are investigated by the province: only it (and administrators) see them in full.
        (await world.Services.PersonalData.RevealObjectorAsync(objection.Id, Filer(world), null)).Outcome.Should().Be(PersonalDataOutcome.Forbidden);
        (await world.Services.PersonalData.RevealObjectorAsync(objection.Id, CityReviewer, null)).Outcome.Should().Be(PersonalDataOutcome.Forbidden);
        (await world.Services.PersonalData.RevealObjectorAsync(objection.Id, ShenzhenReviewer, null)).Outcome.Should().Be(PersonalDataOutcome.NotFound);
        var full = await world.Services.PersonalData.RevealObjectorAsync(objection.Id, ProvinceReviewer, "电话核实");
        full.Outcome.Should().Be(PersonalDataOutcome.Revealed);
        full.Fields.Should().Equal(new Dictionary<string, string> { ["objectorName"] = "王小五", ["objectorContact"] = "13812345678" });
        (await world.Services.PersonalData.ObjectionAsync(objection.Id, ProvinceReviewer))!.MayReveal.Should().BeTrue();

        var (log, total) = await world.Services.PersonalData.AccessLogAsync(objection.Id, 0, 50, default);
        total.Should().Be(1);
        log[0].Should().BeEquivalentTo(new { Actor = "province-reviewer-user", Action = PersonalDataAction.Reveal, Subject = PersonalDataSubject.Objector, Fields = "objectorName,objectorContact", Reason = "电话核实" });
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task Objector_data_is_erased_the_set_number_of_days_after_the_notice_closed_and_not_before(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var (notice, nomination) = await NoticeAsync(world, NoticeLevel.Unit, DemoSeed.Enterprise1UnionPath);
        var concluded = await world.Services.Notices.RecordObjectionAsync(new ObjectionInput
        {
            NoticeId = notice.Id, NominationId = nomination.Id, ObjectorName = "王五", ObjectorContact = "wangwu@example.com", Content = "获奖事迹与实际不符",
        });
        var open = await world.Services.Notices.RecordObjectionAsync(new ObjectionInput
        {
            NoticeId = notice.Id, NominationId = nomination.Id, ObjectorName = "赵六", ObjectorContact = "020-87654321", Content = "另有情况需要核实",
        });
        await world.Services.Notices.ConcludeAsync(concluded.Id, upheld: false, "经核实不属实。", "investigator");
        world.Time.SetUtcNow(notice.ClosesAt);
        var closed = await world.Services.Notices.CloseAsync(notice.Id, "admin");
        var personalData = world.Services.PersonalData;

        world.Time.SetUtcNow(closed.Notice.ClosedAt!.Value.AddDays(180).AddSeconds(-1));
        (await personalData.EraseExpiredObjectorDataAsync(180)).Should().Be(0, "a second before the 180 days are over");
        (await personalData.RevealObjectorAsync(concluded.Id, Admin, null)).Fields["objectorContact"].Should().Be("wangwu@example.com");

        world.Time.SetUtcNow(closed.Notice.ClosedAt!.Value.AddDays(180));
        (await personalData.EraseExpiredObjectorDataAsync(180)).Should().Be(1);
        (await personalData.EraseExpiredObjectorDataAsync(180)).Should().Be(0, "erasing again erases nothing more");

        var row = await world.WithDbAsync(db => db.Objections.AsNoTracking().SingleAsync(o => o.Id == concluded.Id));
        row.Should().BeEquivalentTo(new { ObjectorName = "", ObjectorContact = "", ObjectorNameMasked = "", ObjectorContactMasked = "", PersonalDataErasedAt = (DateTimeOffset?)world.Time.GetUtcNow() });
        row.Content.Should().Be("获奖事迹与实际不符", "the objection itself is a record of the selection and stays");
        (await personalData.RevealObjectorAsync(concluded.Id, Admin, null)).Outcome.Should().Be(PersonalDataOutcome.NotKept);
        (await personalData.ObjectionAsync(concluded.Id, Admin))!.Erased.Should().BeTrue();

        // Still under investigation: kept until it is concluded.
        (await personalData.RevealObjectorAsync(open.Id, Admin, null)).Outcome.Should().Be(PersonalDataOutcome.Revealed);
        var (log, _) = await personalData.AccessLogAsync(concluded.Id, 0, 50, default);
        log.Should().Contain(a => a.Action == PersonalDataAction.Erase && a.Actor == PersonalDataService.SystemActor);
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task Objections_stored_in_the_clear_are_sealed_once_by_the_upgrade_pass(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var (notice, nomination) = await NoticeAsync(world, NoticeLevel.Unit, DemoSeed.Enterprise1UnionPath);
        var objection = await world.Services.Notices.RecordObjectionAsync(new ObjectionInput
        {
            NoticeId = notice.Id, NominationId = nomination.Id, ObjectorName = "王五", ObjectorContact = "13800000000", Content = "获奖事迹与实际不符",
        });

        // A row as the code before wrote it: name and contact in the clear, no masks.
        await world.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE objections SET objector_name = {0}, objector_contact = {1}, objector_name_masked = '', objector_contact_masked = '' WHERE id = {2}",
            "李四", "13912345678", objection.Id));

        (await world.Services.PersonalData.SealClearObjectorDataAsync()).Should().Be(1);
        (await world.Services.PersonalData.SealClearObjectorDataAsync()).Should().Be(0, "the pass is idempotent");

        var row = await world.WithDbAsync(db => db.Objections.AsNoTracking().SingleAsync(o => o.Id == objection.Id));
        row.ObjectorName.Should().StartWith(PersonalDataProtector.Prefix).And.NotContain("李四");
        row.ObjectorContact.Should().StartWith(PersonalDataProtector.Prefix).And.NotContain("13912345678");
        row.ObjectorNameMasked.Should().Be("李*");
        row.ObjectorContactMasked.Should().Be("139****5678");
        (await world.Services.PersonalData.RevealObjectorAsync(objection.Id, Admin, null)).Fields
            .Should().Equal(new Dictionary<string, string> { ["objectorName"] = "李四", ["objectorContact"] = "13912345678" });
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_database_of_the_schema_before_upgrades_and_its_clear_rows_are_sealed(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var (notice, nomination) = await NoticeAsync(world, NoticeLevel.Unit, DemoSeed.Enterprise1UnionPath);
        var objection = await world.Services.Notices.RecordObjectionAsync(new ObjectionInput
        {
            NoticeId = notice.Id, NominationId = nomination.Id, ObjectorName = "王五", ObjectorContact = "13800000000", Content = "获奖事迹与实际不符",
        });

        // Back to the schema of ba2d32a, with the row as that code wrote it; then the migration and the start-up pass.
        await world.WithDbAsync(async db =>
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_PersonalData", StringComparison.Ordinal)) - 1];
            await db.GetInfrastructure().GetRequiredService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(before);
            await db.Database.ExecuteSqlRawAsync("UPDATE objections SET objector_name = {0}, objector_contact = {1} WHERE id = {2}", "李四", "13912345678", objection.Id);
            return 0;
        });
        await world.Database.MigrateAsync();
        (await world.Services.PersonalData.SealClearObjectorDataAsync()).Should().Be(1);

        var row = await world.WithDbAsync(db => db.Objections.AsNoTracking().SingleAsync(o => o.Id == objection.Id));
        (row.ObjectorNameMasked, row.ObjectorContactMasked, row.PersonalDataErasedAt).Should().Be(("李*", "139****5678", (DateTimeOffset?)null));
        row.ObjectorContact.Should().StartWith(PersonalDataProtector.Prefix);
        (await world.Services.PersonalData.RevealObjectorAsync(objection.Id, Admin, null)).Fields["objectorContact"].Should().Be("13912345678");
    }

    [Fact]
    public void Masks_keep_only_what_identifies_nobody()
    {
        PersonalDataMask.Name("张三").Should().Be("张*");
        PersonalDataMask.Name("欧阳娜娜").Should().Be("欧***");
        PersonalDataMask.Name("王").Should().Be("王*");
        PersonalDataMask.Contact("13812345678").Should().Be("138****5678");
        PersonalDataMask.Contact("020-87654321").Should().Be("020****4321");
        PersonalDataMask.Contact("zhangsan@example.com").Should().Be("z***@example.com");
        PersonalDataMask.Contact("").Should().BeEmpty();
    }

    [Fact]
    public void A_sealed_value_opens_only_with_its_key_ring()
    {
        var protector = PersonalDataProtector.Ephemeral();
        var sealedValue = protector.Seal("13812345678");
        sealedValue.Should().StartWith(PersonalDataProtector.Prefix).And.NotContain("13812345678");
        protector.Seal(sealedValue).Should().Be(sealedValue, "sealing twice changes nothing");
        protector.Open(sealedValue).Should().Be("13812345678");
        var other = () => PersonalDataProtector.Ephemeral().Open(sealedValue);
        other.Should().Throw<System.Security.Cryptography.CryptographicException>();
    }

    private static PersonalDataReader Reviewer(string role, string path) => new(role + "-user", role + "-id@" + path, false, [role + "@" + path], [path]);

    private static PersonalDataReader Filer(HonoursWorld world) =>
        new("filer", world.FilerUserId, false, ["enterprise-filer@" + DemoSeed.Enterprise1UnionPath], [DemoSeed.Enterprise1Path]);

    private static async Task<(PublicNotice Notice, Nomination Nomination)> NoticeAsync(HonoursWorld world, NoticeLevel level, string publisher)
    {
        var campaign = await world.OpenCampaignAsync();
        var nomination = await world.FileAsync(campaign, await world.PersonAsync("何明", NomineeCategories.IndustrialWorker));
        var notice = await world.Services.Notices.OpenAsync(new NoticeInput
        {
            CampaignId = campaign.Id, Level = level, OrganisationPath = publisher, NominationIds = [nomination.Id], OpenedBy = HonoursWorld.Filer,
        });
        return (notice, nomination);
    }
}
