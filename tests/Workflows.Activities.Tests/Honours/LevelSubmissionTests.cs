using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Honours;
using Workflows.Activities.Honours.Campaigns;
using Workflows.Activities.Honours.Submission;
using Workflows.Activities.Identity;
using Workflows.Activities.Tests.Persistence;

namespace Workflows.Activities.Tests.Honours;

/// <summary>A city passes its chosen list to the province as one batch: quotas and composition rules decide, on SQLite and PostgreSQL.</summary>
public sealed class LevelSubmissionTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    private const NomineeCategories Industrial = NomineeCategories.IndustrialWorker;
    private const NomineeCategories Frontline = NomineeCategories.OtherFrontlineWorker;
    private const NomineeCategories Science = NomineeCategories.ScienceEducation;

    private static readonly CompositionRuleInput IndustrialAtLeast35 =
        new("产业工人不少于35%", CompositionRuleKind.MinimumShare, Industrial, Percent: 35);

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_city_list_over_its_quota_is_refused_naming_the_quota(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync(quotas: [new QuotaInput(HonoursWorld.CityPath, NomineeCategories.None, 3)]);
        var list = await world.AtCityAsync(campaign, Industrial, Industrial, Frontline, Science);

        var result = await world.Services.Submissions.SubmitBatchAsync(campaign.Id, HonoursWorld.CityPath, [.. list.Select(n => n.Id)], "city-reviewer");

        result.Accepted.Should().BeFalse();
        var problem = result.Problems.Should().ContainSingle().Which;
        problem.Kind.Should().Be(SubmissionProblemKind.Quota);
        problem.NameZh.Should().Be("总名额");
        problem.MessageZh.Should().Be("广州市总工会总名额为 3 名，名单中有 4 名，超出 1 名。");
        (problem.Limit, problem.Actual, problem.Excess).Should().Be((3, 4, 1));
        result.MessageZh.Should().Be("广州市总工会的名单未能报送，共 1 项不符合要求：\n1. 广州市总工会总名额为 3 名，名单中有 4 名，超出 1 名。");

        foreach (var nomination in list)
        {
            (await world.ReloadAsync(nomination.Id)).LevelPath.Should().Be(HonoursWorld.CityPath, "a refused batch changes nothing");
        }
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_category_quota_counts_only_its_category(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync(quotas:
        [
            new QuotaInput(HonoursWorld.CityPath, NomineeCategories.None, 10),
            new QuotaInput(HonoursWorld.CityPath, Industrial, 2),
            new QuotaInput(HonoursWorld.CityPath, Frontline | NomineeCategories.ProfessionalTechnical, 4),
        ]);
        var list = await world.AtCityAsync(campaign, Industrial, Industrial, Industrial, Frontline, NomineeCategories.ProfessionalTechnical);

        var result = await world.Services.Submissions.SubmitBatchAsync(campaign.Id, HonoursWorld.CityPath, [.. list.Select(n => n.Id)], "city-reviewer");

        result.Accepted.Should().BeFalse();
        result.Problems.Should().ContainSingle().Which.MessageZh.Should().Be("广州市总工会「产业工人」名额为 2 名，名单中有 3 名，超出 1 名。");
        result.Quota!.Lines.Select(l => (l.QuotaNameZh, l.Quota, l.Used, l.Passed)).Should().Equal(
            ("总名额", 10, 5, true),
            ("「产业工人」名额", 2, 3, false),
            ("「其他一线职工、专业技术人员」名额", 4, 2, true));
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_city_list_with_industrial_workers_under_35_percent_is_refused_naming_the_rule_and_the_shortfall(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync(
            quotas: [new QuotaInput(HonoursWorld.CityPath, NomineeCategories.None, 20)],
            rules: [IndustrialAtLeast35]);
        var categories = Enumerable.Repeat(Industrial, 6).Concat(Enumerable.Repeat(Frontline, 8)).Concat(Enumerable.Repeat(Science, 6)).ToArray();
        var list = await world.AtCityAsync(campaign, categories);

        var result = await world.Services.Submissions.SubmitBatchAsync(campaign.Id, HonoursWorld.CityPath, [.. list.Select(n => n.Id)], "city-reviewer");

        result.Accepted.Should().BeFalse();
        var problem = result.Problems.Should().ContainSingle().Which;
        problem.Kind.Should().Be(SubmissionProblemKind.Composition);
        problem.NameZh.Should().Be("产业工人不少于35%");
        problem.MessageZh.Should().Be("未达到「产业工人不少于35%」：名单共 20 名，产业工人 6 名（30.0%），按 35% 至少需要 7 名，还差 1 名。");
        (problem.Limit, problem.Actual, problem.Shortfall).Should().Be((7, 6, 1));
        result.Composition!.Lines.Single().BaseSize.Should().Be(20);
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_refusal_names_every_failing_rule_with_counts_and_shortfall(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync(
            quotas: [new QuotaInput(HonoursWorld.CityPath, NomineeCategories.None, 4), new QuotaInput(HonoursWorld.CityPath, Science, 1)],
            rules:
            [
                IndustrialAtLeast35,
                new CompositionRuleInput("女性不少于2名", CompositionRuleKind.MinimumCount, NomineeCategories.Women, Count: 2),
                new CompositionRuleInput("企业负责人不超过10%", CompositionRuleKind.MaximumShare, NomineeCategories.EnterpriseHead, Percent: 10),
                new CompositionRuleInput("科教人员不少于20%", CompositionRuleKind.MinimumShare, Science, Percent: 20),
            ]);
        var list = await world.AtCityAsync(campaign, Industrial, Science, Science, NomineeCategories.EnterpriseHead | Frontline, Frontline);

        var result = await world.Services.Submissions.SubmitBatchAsync(campaign.Id, HonoursWorld.CityPath, [.. list.Select(n => n.Id)], "city-reviewer");

        result.Accepted.Should().BeFalse();
        result.Problems.Select(p => (p.Kind, p.MessageZh)).Should().Equal(
            (SubmissionProblemKind.Quota, "广州市总工会总名额为 4 名，名单中有 5 名，超出 1 名。"),
            (SubmissionProblemKind.Quota, "广州市总工会「科教人员」名额为 1 名，名单中有 2 名，超出 1 名。"),
            (SubmissionProblemKind.Composition, "未达到「产业工人不少于35%」：名单共 5 名，产业工人 1 名（20.0%），按 35% 至少需要 2 名，还差 1 名。"),
            (SubmissionProblemKind.Composition, "未达到「女性不少于2名」：名单共 5 名，女性 0 名（0.0%），至少需要 2 名，还差 2 名。"),
            (SubmissionProblemKind.Composition, "超出「企业负责人不超过10%」：名单共 5 名，企业负责人 1 名（20.0%），按 10% 至多 0 名，超出 1 名。"));
        result.MessageZh.Should().StartWith("广州市总工会的名单未能报送，共 5 项不符合要求：\n1. ").And.Contain("\n4. 未达到「女性不少于2名」");
        result.Problems.Single(p => p.NameZh == "女性不少于2名").Shortfall.Should().Be(2);
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_district_nominates_competitively_by_its_own_rules(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync(rules:
        [
            new CompositionRuleInput("差额推荐：产业工人不少于3名", CompositionRuleKind.MinimumCount, Industrial, Count: 3, Scope: CompositionScope.District),
            IndustrialAtLeast35,
        ]);
        var filed = new List<Nomination>();
        foreach (var category in new[] { Industrial, Frontline })
        {
            filed.Add(await world.FileAsync(campaign, await world.PersonAsync("区级" + category, category)));
        }

        var ids = filed.Select(n => n.Id).ToList();
        (await world.Services.Submissions.SubmitBatchAsync(campaign.Id, DemoSeed.Enterprise1UnionPath, ids, HonoursWorld.Filer)).Accepted.Should().BeTrue();

        var result = await world.Services.Submissions.SubmitBatchAsync(campaign.Id, DemoSeed.TianhePath, ids, "district-reviewer");

        result.Accepted.Should().BeFalse();
        result.Problems.Select(p => p.MessageZh).Should().Equal("未达到「差额推荐：产业工人不少于3名」：名单共 2 名，产业工人 1 名（50.0%），至少需要 3 名，还差 2 名。");
        result.NextLevelName.Should().Be("广州市总工会");
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_list_within_its_rules_moves_to_the_province_in_one_step(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync(
            quotas: [new QuotaInput(HonoursWorld.CityPath, NomineeCategories.None, 5), new QuotaInput(HonoursWorld.CityPath, Industrial, 2)],
            rules: [IndustrialAtLeast35]);
        var list = await world.AtCityAsync(campaign, Industrial, Industrial, Frontline, Science);
        world.Time.Advance(TimeSpan.FromDays(3));

        var result = await world.Services.Submissions.SubmitBatchAsync(campaign.Id, HonoursWorld.CityPath, [.. list.Select(n => n.Id)], "city-reviewer");

        result.Accepted.Should().BeTrue(result.MessageZh);
        result.Problems.Should().BeEmpty();
        result.NextLevelPath.Should().Be(DemoSeed.ProvincePath);
        result.MessageZh.Should().Be("广州市总工会已向广东省总工会报送 4 名（名单累计 4 名）。");
        result.Composition!.Lines.Single().MessageZh.Should().Be("符合「产业工人不少于35%」：名单共 4 名，产业工人 2 名（50.0%），按 35% 至少需要 2 名。");
        foreach (var nomination in list)
        {
            var stored = await world.ReloadAsync(nomination.Id);
            stored.LevelPath.Should().Be(DemoSeed.ProvincePath);
            stored.State.Should().Be(NominationState.Submitted);
            stored.SubmittedAt.Should().Be(world.Time.GetUtcNow());
        }

        var batch = await world.WithDbAsync(db => db.LevelSubmissions.AsNoTracking().SingleAsync(s => s.UnitPath == HonoursWorld.CityPath));
        batch.Id.Should().Be(result.SubmissionId!.Value);
        batch.NominationIds.Should().BeEquivalentTo(list.Select(n => n.Id));
        batch.SubmittedBy.Should().Be("city-reviewer");
        (await world.WithDbAsync(db => db.LevelLists.AsNoTracking().SingleAsync(l => l.UnitPath == HonoursWorld.CityPath))).Batches.Should().Be(1);
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task What_a_city_passed_on_before_counts_against_its_quota(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync(quotas: [new QuotaInput(HonoursWorld.CityPath, NomineeCategories.None, 3)]);
        var first = await world.AtCityAsync(campaign, Industrial, Frontline);
        (await world.Services.Submissions.SubmitBatchAsync(campaign.Id, HonoursWorld.CityPath, [.. first.Select(n => n.Id)], "city-reviewer")).Accepted.Should().BeTrue();
        var second = await world.AtCityAsync(campaign, Industrial, Science);

        var result = await world.Services.Submissions.SubmitBatchAsync(campaign.Id, HonoursWorld.CityPath, [.. second.Select(n => n.Id)], "city-reviewer");

        result.Accepted.Should().BeFalse();
        result.ListSize.Should().Be(4);
        result.Problems.Should().ContainSingle().Which.MessageZh.Should().Be("广州市总工会总名额为 3 名，名单中有 4 名，超出 1 名。");

        var check = await world.Services.Lists.CheckAsync(campaign.Id, HonoursWorld.CityPath, [second[0].Id]);
        check.Passed.Should().BeTrue("two passed on plus one chosen is within three");
        check.Quota.Lines.Single().Used.Should().Be(3);
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_batch_with_foreign_or_unheld_nominations_is_refused_naming_each(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync(quotas: [new QuotaInput(HonoursWorld.CityPath, NomineeCategories.None, 10)]);
        var atCity = await world.AtCityAsync(campaign, Industrial);
        var stillDraft = await world.FileAsync(campaign, await world.PersonAsync("赵一", Frontline));
        var unknown = Guid.NewGuid();

        var result = await world.Services.Submissions.SubmitBatchAsync(campaign.Id, HonoursWorld.CityPath, [atCity[0].Id, stillDraft.Id, unknown, atCity[0].Id], "city-reviewer");

        result.Accepted.Should().BeFalse();
        result.Problems.Select(p => p.MessageZh).Should().Equal(
            "报送名单中有重复的推荐。",
            $"推荐 {unknown} 不存在。",
            $"「赵一」的推荐当前不在广州市总工会（在 {DemoSeed.Enterprise1UnionPath}），不能由广州市总工会报送。");
        (await world.ReloadAsync(atCity[0].Id)).LevelPath.Should().Be(HonoursWorld.CityPath);
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task After_the_deadline_a_city_can_no_longer_submit_to_the_province(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync(quotas: [new QuotaInput(HonoursWorld.CityPath, NomineeCategories.None, 10)]);
        var list = await world.AtCityAsync(campaign, Industrial);
        world.Time.SetUtcNow(campaign.Deadline.AddMinutes(1));

        var result = await world.Services.Submissions.SubmitBatchAsync(campaign.Id, HonoursWorld.CityPath, [list[0].Id], "city-reviewer");

        result.Problems.Should().ContainSingle().Which.MessageZh.Should().Be("「2026年广东省五一劳动奖章评选」的报送截止时间 2026-04-10 17:00 已过，不能再向广东省总工会报送。");
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task Two_clerks_submitting_at_once_cannot_both_fill_the_last_slot(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync(quotas: [new QuotaInput(HonoursWorld.CityPath, NomineeCategories.None, 1)]);
        var list = await world.AtCityAsync(campaign, Industrial, Frontline);

        var results = await Task.WhenAll(
            Task.Run(() => world.Services.Submissions.SubmitBatchAsync(campaign.Id, HonoursWorld.CityPath, [list[0].Id], "clerk-a")),
            Task.Run(() => world.Services.Submissions.SubmitBatchAsync(campaign.Id, HonoursWorld.CityPath, [list[1].Id], "clerk-b")));

        results.Count(r => r.Accepted).Should().Be(1);
        results.Single(r => !r.Accepted).Problems.Should().ContainSingle().Which.MessageZh.Should().Be("广州市总工会总名额为 1 名，名单中有 2 名，超出 1 名。");
        (await world.WithDbAsync(db => db.Nominations.CountAsync(n => n.LevelPath == DemoSeed.ProvincePath))).Should().Be(1);
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_city_without_a_quota_in_a_campaign_with_quotas_cannot_pass_anyone_on(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync(quotas: [new QuotaInput("/gd/sz", NomineeCategories.None, 5)]);
        var list = await world.AtCityAsync(campaign, Industrial);

        var result = await world.Services.Submissions.SubmitBatchAsync(campaign.Id, HonoursWorld.CityPath, [list[0].Id], "city-reviewer");

        result.Problems.Should().ContainSingle().Which.MessageZh.Should().Be("广州市总工会在本次评选中没有名额，名单中有 1 名，不能报送。");
    }
}
