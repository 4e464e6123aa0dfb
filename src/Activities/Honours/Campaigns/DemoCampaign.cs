using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Identity;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Honours.Campaigns;

/// <summary>
/// The demo's open campaign (embedded default only, with the demo organisations): the year's 广东省五一劳动奖章 with a
/// quota for each of the 21 city unions — 广州 with the per-category split of domain.md's example (19: 7 产业工人,
/// 4 其他一线职工和专业技术人员, 3 农民工, 4 科教人员) — and the composition rules of the national notice
/// (产业工人 ≥ 35%, 农民工 ≥ 10% of a city's list; 非公有制企业 ≥ 35% of the whole list). Its window is open around the
/// day the demo is seeded, so that the portal can file at once. Seeding again changes nothing.
/// </summary>
public static class DemoCampaign
{
    public static async Task<Campaign?> SeedAsync(HonoursServices services, HonoursDatabase database, TimeProvider time, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        await using (var db = database.CreateDbContext())
        {
            if (await db.Campaigns.AnyAsync(c => c.HonourTypeCode == HonourCatalog.LabourMedal && c.Year == now.Year, ct).ConfigureAwait(false))
            {
                return null;
            }
        }

        var quotas = new List<QuotaInput>();
        foreach (var (code, _) in DemoSeed.CityUnions)
        {
            var path = DemoSeed.ProvincePath + "/" + code;
            quotas.Add(new QuotaInput(path, NomineeCategories.None, code switch { "gz" => 19, "sz" => 19, "fs" or "dg" => 12, _ => 8 }));
        }

        quotas.AddRange(
        [
            new QuotaInput(DemoSeed.GuangzhouPath, NomineeCategories.IndustrialWorker, 7),
            new QuotaInput(DemoSeed.GuangzhouPath, NomineeCategories.MigrantWorker, 3),
            new QuotaInput(DemoSeed.GuangzhouPath, NomineeCategories.ScienceEducation, 4),
        ]);
        var opens = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-7);
        var campaign = await services.Campaigns.CreateAsync(new CampaignInput
        {
            HonourTypeCode = HonourCatalog.LabourMedal,
            Year = now.Year,
            Title = $"{now.Year}年广东省五一劳动奖章评选（演示）",
            NoticeText = "各地级以上市总工会、各产业工会：根据全国总工会有关要求，现开展广东省五一劳动奖章推荐评选工作。请按分配名额和比例要求，自下而上、逐级推荐。（演示数据）",
            WindowOpensAt = opens,
            WindowClosesAt = opens.AddDays(60),
            Deadline = opens.AddDays(75),
            RequiredMaterials =
            [
                new RequiredMaterial { Code = "approval-form", NameZh = "推荐审批表" },
                new RequiredMaterial { Code = "deeds", NameZh = "事迹材料（500字和2000字版本）" },
                new RequiredMaterial { Code = "congress-minutes", NameZh = "职工（代表）大会民主推荐会议纪要" },
                new RequiredMaterial { Code = "unit-notice", NameZh = "单位公示照片及公示无异议报告" },
                new RequiredMaterial { Code = "household-register", NameZh = "户口簿", OnlyForCategories = NomineeCategories.MigrantWorker },
            ],
            Quotas = quotas,
            CompositionRules =
            [
                new CompositionRuleInput("产业工人不少于35%", CompositionRuleKind.MinimumShare, NomineeCategories.IndustrialWorker, Percent: 35),
                new CompositionRuleInput("农民工不少于10%", CompositionRuleKind.MinimumShare, NomineeCategories.MigrantWorker, Percent: 10),
                new CompositionRuleInput("非公有制企业不少于35%", CompositionRuleKind.MinimumShare, NomineeCategories.NonStateEnterprise, Percent: 35, Scope: CompositionScope.Overall),
            ],
            CreatedBy = "admin",
        }, ct).ConfigureAwait(false);
        return await services.Campaigns.OpenAsync(campaign.Id, ct).ConfigureAwait(false);
    }
}
