using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Activities.Calendar;
using Workflows.Activities.Honours;
using Workflows.Activities.Honours.Campaigns;
using Workflows.Activities.Honours.ServiceTasks;
using Workflows.Activities.Persistence;
using Workflows.Activities.Tests.Persistence;
using Workflows.Engine.Activities;

namespace Workflows.Activities.Tests.Honours;

/// <summary>The shipped honour types, campaign administration, and the host's registration of the honours.</summary>
public sealed class HonoursSetupTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    [Theory, MemberData(nameof(TestDatabases.AllKinds), MemberType = typeof(TestDatabases))]
    public async Task Migrating_adds_the_shipped_honour_types_once_and_keeps_what_administrators_changed(DatabaseKind kind)
    {
        var database = await databases.CreateMigratedAsync(kind);
        await using (var db = database.CreateDbContext())
        {
            var medal = await db.HonourTypes.SingleAsync(t => t.Code == HonourCatalog.LabourMedal);
            medal.FormFields.Select(f => (f.Key, f.MaxLength)).Should().Contain([("deedsSummary", 500), ("deeds", 2000)]);
            medal.NameZh = "广东省五一劳动奖章（修订）";
            await db.SaveChangesAsync();
        }

        await database.MigrateAsync();

        await using var check = database.CreateDbContext();
        (await check.HonourTypes.Select(t => t.Code).ToListAsync()).Should().BeEquivalentTo(
            "labour-medal", "labour-certificate", "pioneer-team", "model-worker", "craftsman", "loveliest-worker");
        (await check.HonourTypes.SingleAsync(t => t.Code == HonourCatalog.LabourMedal)).NameZh.Should().Be("广东省五一劳动奖章（修订）");
        var loveliest = await check.HonourTypes.SingleAsync(t => t.Code == HonourCatalog.LoveliestWorker);
        loveliest.PrerequisiteHonourCodes.Should().Equal(HonourCatalog.LabourMedal);
        (await check.HonourTypes.SingleAsync(t => t.Code == HonourCatalog.PioneerTeam)).NomineeKind.Should().Be(NomineeKind.Team);
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_campaign_with_bad_settings_is_refused_with_every_problem(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var opens = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

        var create = () => world.Services.Campaigns.CreateAsync(new CampaignInput
        {
            HonourTypeCode = "gold-star",
            Year = 2026,
            Title = "",
            WindowOpensAt = opens,
            WindowClosesAt = opens.AddDays(-1),
            Deadline = opens.AddDays(-2),
            UnitNoticeWorkingDays = 3,
            Quotas = [new QuotaInput("/gd/gz", NomineeCategories.None, -1), new QuotaInput("/gd/gz", NomineeCategories.None, 3)],
            CompositionRules = [new CompositionRuleInput("产业工人不少于35%", CompositionRuleKind.MinimumShare, NomineeCategories.IndustrialWorker, Percent: 135)],
            CreatedBy = "admin",
        });

        (await create.Should().ThrowAsync<HonoursException>()).Which.Problems.Should().Equal(
            "表彰项目「gold-star」不存在。",
            "须填写通知标题，且不超过 300 字。",
            "申报截止时间须晚于申报开始时间。",
            "报送截止时间不得早于申报截止时间。",
            "单位公示不得少于 5 个工作日。",
            "/gd/gz 的「全部」名额须为 0 至 100000 之间的整数。",
            "/gd/gz 的「全部」名额重复设置。",
            "规则「产业工人不少于35%」须给出 0 至 100 之间的比例（%）。");
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_campaign_opens_closes_and_keeps_its_quotas_rules_and_materials(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync(
            quotas: [new QuotaInput("/gd/gz", NomineeCategories.IndustrialWorker, 7)],
            rules: [new CompositionRuleInput("女性不少于2名", CompositionRuleKind.MinimumCount, NomineeCategories.Women, Count: 2)]);

        await world.Services.Campaigns.ReplaceQuotasAsync(campaign.Id, [new QuotaInput("/gd/gz", NomineeCategories.None, 19), new QuotaInput("/gd/gz", NomineeCategories.IndustrialWorker, 7)]);
        await world.Services.Campaigns.ReplaceCompositionRulesAsync(campaign.Id,
        [
            new CompositionRuleInput("产业工人不少于35%", CompositionRuleKind.MinimumShare, NomineeCategories.IndustrialWorker, Percent: 35),
            new CompositionRuleInput("女性不少于2名", CompositionRuleKind.MinimumCount, NomineeCategories.Women, Count: 2),
        ]);
        await world.Services.Campaigns.CloseAsync(campaign.Id);
        var stored = (await world.Services.Campaigns.FindAsync(campaign.Id))!;

        stored.State.Should().Be(CampaignState.Closed);
        stored.Quotas.Select(q => (q.Categories, q.Number)).Should().BeEquivalentTo([(NomineeCategories.None, 19), (NomineeCategories.IndustrialWorker, 7)]);
        stored.CompositionRules.OrderBy(r => r.Position).Select(r => (r.NameZh, r.Percent, r.Count)).Should().Equal(("产业工人不少于35%", 35m, (int?)null), ("女性不少于2名", (decimal?)null, 2));
        stored.RequiredMaterials.Select(m => m.Code).Should().Equal("approval-form", "household-register");
        stored.OpinionRules.Should().HaveCount(OpinionRule.Defaults.Count);
        var reopen = () => world.Services.Campaigns.OpenAsync(campaign.Id);
        (await reopen.Should().ThrowAsync<HonoursException>()).Which.Message.Should().Be("「2026年广东省五一劳动奖章评选」状态为「申报已截止」，不能改为「申报中」。");
    }

    [Fact]
    public async Task The_host_registration_adds_the_services_and_every_activity()
    {
        var database = await databases.CreateMigratedAsync(DatabaseKind.InMemory);
        var services = new ServiceCollection()
            .AddSingleton(database)
            .AddSingleton(OfficialCalendarFor(database))
            .AddHonours();
        await using var provider = services.BuildServiceProvider();

        var registry = new ActivityRegistry();
        foreach (var register in provider.GetServices<Action<ActivityRegistry>>())
        {
            register(registry);
        }

        registry.Descriptors.Select(d => d.Type).Should().BeEquivalentTo(HonoursActivities.Descriptors.Select(d => d.Type));
        registry.Create(CheckQuotaActivity.ActivityType).Should().BeOfType<CheckQuotaActivity>();
        provider.GetRequiredService<Workflows.Activities.Honours.Submission.LevelSubmissionService>().Should().BeSameAs(provider.GetRequiredService<HonoursServices>().Submissions);
    }

    private static OfficialCalendar OfficialCalendarFor(HonoursDatabase database) => new(database);
}
