using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Honours;
using Workflows.Engine;
using Workflows.Engine.Persistence;
using Workflows.Host.Errors;
using Workflows.Host.Identity;

namespace Workflows.Host.Api;

/// <summary>
/// <c>/api/dashboards</c>: the province's boards (数据看板), for administrators. Each answer is computed from the stores
/// with grouped queries (counts per group, never every row): the quota use of a campaign per allocation unit, the
/// nominations of a campaign by stage, the open tasks past their due time by organisation and by process, and the
/// 南粤工匠 in the registry by year against a target. The web page draws them with ECharts.
/// </summary>
public static class DashboardsApi
{
    /// <summary>The stages of a nomination on the board, in order (单位推荐 … 未通过).</summary>
    public static IReadOnlyList<(string Code, string Name)> Stages { get; } =
    [
        ("unit", "单位推荐"), ("district", "区县审核"), ("city", "市级审核"), ("province", "省级审核"), ("committee", "评审委员会"),
        ("notice", "公示"), ("approved", "已审定"), ("published", "已表彰"), ("rejected", "未通过"),
    ];

    /// <summary>The name of overdue tasks' process when its definition has none (its key stays in <see cref="OverdueCountDto.Key"/>).</summary>
    public const string UnnamedProcess = "未命名流程";

    /// <summary>The name of overdue tasks without an organisation.</summary>
    public const string NoOrganisation = "未指定组织";

    /// <summary>The name of overdue tasks whose organisation is not in the organisation register.</summary>
    public const string UnknownOrganisation = "未登记组织";

    public static IEndpointRouteBuilder MapDashboardsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/dashboards").WithTags("Dashboards").RequireAuthorization(IdentityServices.Policies.Admin);
        group.MapGet("/quota-use", QuotaUseAsync).WithName("DashboardQuotaUse")
            .WithSummary("Per allocation unit of a campaign (the newest open one when not given): its total quota and what it passed on")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/stages", StagesAsync).WithName("DashboardStages")
            .WithSummary("The nominations of a campaign (the newest open one when not given) by stage: 单位推荐, 区县审核, 市级审核, 省级审核, 评审委员会, 公示, 已审定, 已表彰, 未通过")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/overdue", OverdueAsync).WithName("DashboardOverdue")
            .WithSummary("Open tasks past their due time, by organisation and by process");
        group.MapGet("/craftsmen", CraftsmenAsync).WithName("DashboardCraftsmen")
            .WithSummary("南粤工匠 in the registry by year (new and cumulative) against a target line (default 500 by 2029)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    private static async Task<Ok<QuotaUseBoardDto>> QuotaUseAsync(Guid? campaignId, HonoursServices honours, CancellationToken ct)
    {
        var campaign = await CampaignAsync(campaignId, honours, ct);
        var use = await honours.Lists.QuotaUseAsync(campaign.Id, ct);
        var units = use.Select(u =>
        {
            // The unit's total quota when it has one; otherwise the sum of its category quotas.
            var lines = u.Quota.Lines;
            var total = lines.FirstOrDefault(l => l.Categories == NomineeCategories.None);
            var quota = total?.Quota ?? lines.Sum(l => l.Quota);
            return new UnitQuotaBarDto(u.UnitPath, u.UnitName, quota, u.Quota.ListSize, u.Held);
        }).ToList();
        return TypedResults.Ok(new QuotaUseBoardDto(campaign.Id, campaign.Title, units));
    }

    private static async Task<Ok<StageBoardDto>> StagesAsync(Guid? campaignId, HonoursServices honours, CancellationToken ct)
    {
        var campaign = await CampaignAsync(campaignId, honours, ct);
        await using var db = honours.Database.CreateDbContext();
        var live = db.Nominations.AsNoTracking().Where(n => n.CampaignId == campaign.Id && n.State != NominationState.Withdrawn);
        var open = db.PublicNotices.Where(p => p.CampaignId == campaign.Id && p.Level == NoticeLevel.Provincial && p.State == NoticeState.Open);
        var noticed = live.Where(n => (n.State == NominationState.UnderReview || n.State == NominationState.Approved)
            && open.Any(p => p.Entries.Any(e => e.NominationId == n.Id)));
        var groups = await live.Where(n => !((n.State == NominationState.UnderReview || n.State == NominationState.Approved)
                && open.Any(p => p.Entries.Any(e => e.NominationId == n.Id))))
            .GroupBy(n => new { n.State, n.LevelPath, n.Stage })
            .Select(g => new { g.Key.State, g.Key.LevelPath, g.Key.Stage, Count = g.Count() })
            .ToListAsync(ct);

        // Nominations on an open provincial notice (省级公示) are counted under 公示, not where their state puts them.
        var counts = Stages.ToDictionary(s => s.Code, _ => 0, StringComparer.Ordinal);
        counts["notice"] = await noticed.CountAsync(ct);
        foreach (var g in groups)
        {
            counts[StageOf(g.State, g.LevelPath, g.Stage)] += g.Count;
        }

        var stages = Stages.Select(s => new StageCountDto(s.Code, s.Name, counts[s.Code])).ToList();
        return TypedResults.Ok(new StageBoardDto(campaign.Id, campaign.Title, stages, stages.Sum(s => s.Count)));
    }

    /// <summary>
    /// The stage of a group of nominations: drafts and returns are with the unit; a submitted one is at the district,
    /// the city or the province by the depth of the level that holds it (<c>/gd/gz/th</c>, <c>/gd/gz</c>, <c>/gd</c>);
    /// under review at the committee when its process says so.
    /// </summary>
    internal static string StageOf(NominationState state, string levelPath, string stage) => state switch
    {
        NominationState.Draft or NominationState.Returned => "unit",
        NominationState.Approved => "approved",
        NominationState.Published => "published",
        NominationState.Rejected => "rejected",
        NominationState.UnderReview when stage.Contains("committee", StringComparison.OrdinalIgnoreCase) => "committee",
        NominationState.UnderReview => "province",
        _ => levelPath.Count(c => c == '/') switch
        {
            <= 1 => "province",
            2 => "city",
            _ => "district",
        },
    };

    private static async Task<Ok<OverdueBoardDto>> OverdueAsync(WorkflowEngine engine, HonoursServices honours, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        List<(string? Organisation, string Process, int Count)> groups;
        if (engine.Store is EfWorkflowStore ef)
        {
            await using var db = ef.CreateDbContext();
            var rows = await db.Tasks.AsNoTracking().Where(t => t.DueAt != null && t.DueAt < now)
                .GroupBy(t => new { t.OrganizationPath, t.DefinitionKey })
                .Select(g => new { g.Key.OrganizationPath, g.Key.DefinitionKey, Count = g.Count() })
                .ToListAsync(ct);
            groups = [.. rows.Select(r => (r.OrganizationPath, r.DefinitionKey, r.Count))];
        }
        else
        {
            // The in-memory store (tests, demos without a database) has no SQL: its overdue tasks are counted here.
            var tasks = await engine.Store.QueryTasksAsync(new TaskQuery { DueBefore = now, Take = int.MaxValue }, ct);
            groups = [.. tasks.GroupBy(t => (t.OrganizationPath, t.DefinitionKey)).Select(g => (g.Key.OrganizationPath, g.Key.DefinitionKey, g.Count()))];
        }

        var paths = groups.Select(g => g.Organisation).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        await using var honoursDb = honours.Database.CreateDbContext();
        var names = await honoursDb.Organisations.AsNoTracking().Where(o => paths.Contains(o.Path)).ToDictionaryAsync(o => o.Path, o => o.Name, ct);
        var processNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in groups.Select(g => g.Process).Distinct(StringComparer.Ordinal))
        {
            var definition = await engine.Store.GetLatestPublishedAsync(key, ct);
            // The key is an identifier (often English): a process without a name is shown as such, not by its key.
            processNames[key] = definition?.Name is { Length: > 0 } name ? name : UnnamedProcess;
        }

        var byOrganisation = groups.GroupBy(g => g.Organisation ?? "")
            .Select(g => new OverdueCountDto(g.Key, g.Key.Length == 0 ? NoOrganisation : names.GetValueOrDefault(g.Key) ?? UnknownOrganisation, g.Sum(x => x.Count)))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var byProcess = groups.GroupBy(g => g.Process)
            .Select(g => new OverdueCountDto(g.Key, processNames[g.Key], g.Sum(x => x.Count)))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new OverdueBoardDto(now, byOrganisation, byProcess, groups.Sum(g => g.Count)));
    }

    private static async Task<Ok<CraftsmanBoardDto>> CraftsmenAsync(int? target, int? targetYear, int? fromYear, HonoursServices honours, CancellationToken ct)
    {
        var goal = target ?? 500;
        var goalYear = targetYear ?? 2029;
        if (goal is < 1 or > 1_000_000)
        {
            throw ApiProblemException.BadRequest("'target' must be between 1 and 1000000. 目标人数须在 1 至 1000000 之间。");
        }

        if (goalYear is < 2000 or > 2100)
        {
            throw ApiProblemException.BadRequest("'targetYear' must be between 2000 and 2100. 目标年度须在 2000 至 2100 年之间。");
        }

        await using var db = honours.Database.CreateDbContext();
        var perYear = await db.HonourRecords.AsNoTracking()
            .Where(r => r.HonourTypeCode == HonourCatalog.Craftsman && r.RevokedAt == null)
            .GroupBy(r => r.Year)
            .Select(g => new { Year = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var counts = perYear.ToDictionary(p => p.Year, p => p.Count);
        var first = fromYear ?? (counts.Count == 0 ? honours.Time.GetUtcNow().Year : counts.Keys.Min());
        if (first > goalYear)
        {
            throw ApiProblemException.BadRequest("'fromYear' must not be after 'targetYear'. 起始年度不得晚于目标年度。");
        }

        var before = counts.Where(c => c.Key < first).Sum(c => c.Value);
        var start = before + counts.GetValueOrDefault(first);
        var years = new List<CraftsmanYearDto>();
        var cumulative = before;
        var last = Math.Max(goalYear, counts.Count == 0 ? first : counts.Keys.Max());
        for (var year = first; year <= last; year++)
        {
            var added = counts.GetValueOrDefault(year);
            cumulative += added;

            // The target line runs straight from the first year's total to the target in the target year.
            var line = year >= goalYear || goalYear == first ? goal : (int)Math.Round(start + ((goal - start) * (double)(year - first) / (goalYear - first)));
            years.Add(new CraftsmanYearDto(year, added, cumulative, line));
        }

        return TypedResults.Ok(new CraftsmanBoardDto(HonourCatalog.Craftsman, goal, goalYear, cumulative, years));
    }

    private static async Task<Campaign> CampaignAsync(Guid? campaignId, HonoursServices honours, CancellationToken ct)
    {
        if (campaignId is { } id)
        {
            return await honours.Campaigns.FindAsync(id, ct) ?? throw ApiProblemException.NotFound($"Campaign {id} does not exist. 评选活动不存在。");
        }

        await using var db = honours.Database.CreateDbContext();
        var newest = await db.Campaigns.AsNoTracking().Where(c => c.State == CampaignState.Open)
            .OrderByDescending(c => c.Year).ThenByDescending(c => c.CreatedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        return newest is { } open
            ? (await honours.Campaigns.FindAsync(open, ct))!
            : throw ApiProblemException.NotFound("No campaign is open. 当前没有进行中的评选活动。");
    }
}

/// <summary>The quota use of a campaign: one bar pair per allocation unit.</summary>
public sealed record QuotaUseBoardDto(Guid CampaignId, string CampaignTitle, IReadOnlyList<UnitQuotaBarDto> Units);

/// <summary>An allocation unit: its quota (the total, or the sum of its category quotas), what it passed on and what it holds.</summary>
public sealed record UnitQuotaBarDto(string UnitPath, string UnitName, int Quota, int Used, int Held);

/// <summary>The nominations of a campaign by stage, and their total.</summary>
public sealed record StageBoardDto(Guid CampaignId, string CampaignTitle, IReadOnlyList<StageCountDto> Stages, int Total);

/// <summary>A stage (code and Chinese name) and how many nominations are at it.</summary>
public sealed record StageCountDto(string Code, string Name, int Count);

/// <summary>Open tasks past their due time at <see cref="At"/>, by organisation and by process.</summary>
public sealed record OverdueBoardDto(DateTimeOffset At, IReadOnlyList<OverdueCountDto> ByOrganisation, IReadOnlyList<OverdueCountDto> ByProcess, int Total);

/// <summary>A group of overdue tasks: its key (organisation path or process key), its name and the count.</summary>
public sealed record OverdueCountDto(string Key, string Name, int Count);

/// <summary>The craftsmen (南粤工匠) of the registry by year against the target.</summary>
public sealed record CraftsmanBoardDto(string HonourType, int Target, int TargetYear, int Total, IReadOnlyList<CraftsmanYearDto> Years);

/// <summary>A year: the craftsmen named in it, the total so far and the target line's value.</summary>
public sealed record CraftsmanYearDto(int Year, int Added, int Cumulative, int Target);
