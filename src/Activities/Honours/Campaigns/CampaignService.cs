using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Honours.Campaigns;

/// <summary>A quota to set: the allocation unit's path, the categories (none: the total) and the number.</summary>
public sealed record QuotaInput(string AllocationUnitPath, NomineeCategories Categories, int Number);

/// <summary>A composition rule to set (see <see cref="CompositionRule"/>).</summary>
public sealed record CompositionRuleInput(
    string NameZh,
    CompositionRuleKind Kind,
    NomineeCategories Categories,
    decimal? Percent = null,
    int? Count = null,
    CompositionScope Scope = CompositionScope.AllocationUnit,
    NomineeCategories BaseCategories = NomineeCategories.None);

/// <summary>A campaign to create (as a draft).</summary>
public sealed record CampaignInput
{
    public required string HonourTypeCode { get; init; }

    public required int Year { get; init; }

    public required string Title { get; init; }

    public string NoticeText { get; init; } = "";

    public string OrganisationPath { get; init; } = "/gd";

    public required DateTimeOffset WindowOpensAt { get; init; }

    public required DateTimeOffset WindowClosesAt { get; init; }

    public required DateTimeOffset Deadline { get; init; }

    /// <summary>The veto reference date; the day the window opens (China time) when not given.</summary>
    public DateOnly? ReferenceDate { get; init; }

    public int VetoYears { get; init; } = 3;

    public int UnitNoticeWorkingDays { get; init; } = 5;

    public int ProvincialNoticeDays { get; init; } = 5;

    public bool ProvincialNoticeInWorkingDays { get; init; } = true;

    public IReadOnlyList<RequiredMaterial> RequiredMaterials { get; init; } = [];

    /// <summary>The opinion rules; <see cref="OpinionRule.Defaults"/> when null.</summary>
    public IReadOnlyList<OpinionRule>? OpinionRules { get; init; }

    public IReadOnlyList<QuotaInput> Quotas { get; init; } = [];

    public IReadOnlyList<CompositionRuleInput> CompositionRules { get; init; } = [];

    public required string CreatedBy { get; init; }
}

/// <summary>
/// Creates and runs campaigns (the provincial administrators' side): a campaign is created as a draft with its
/// quotas and rules (all checked, every problem listed in Chinese), then opened (通知发布), closed, and published by
/// the decision. Quotas and rules can be replaced while the campaign is a draft or open. Thread-safe.
/// </summary>
public sealed class CampaignService(HonoursDatabase database, TimeProvider? time = null)
{
    /// <summary>The shortest unit notice (单位公示): 5 working days.</summary>
    public const int MinimumUnitNoticeWorkingDays = 5;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Creates a draft campaign.</summary>
    /// <exception cref="HonoursException">Every problem of the input.</exception>
    public async Task<Campaign> CreateAsync(CampaignInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = database.CreateDbContext();
        var problems = new List<string>();
        if (!await db.HonourTypes.AnyAsync(t => t.Code == input.HonourTypeCode, ct).ConfigureAwait(false))
        {
            problems.Add($"表彰项目「{input.HonourTypeCode}」不存在。");
        }

        if (input.Year is < 2000 or > 2100)
        {
            problems.Add($"年度 {input.Year} 不正确。");
        }

        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Length > HonoursLimits.TitleLength)
        {
            problems.Add($"须填写通知标题，且不超过 {HonoursLimits.TitleLength} 字。");
        }

        if (input.NoticeText.Length > HonoursLimits.NoticeTextLength)
        {
            problems.Add($"通知正文不得超过 {HonoursLimits.NoticeTextLength} 字。");
        }

        if (input.WindowClosesAt <= input.WindowOpensAt)
        {
            problems.Add("申报截止时间须晚于申报开始时间。");
        }

        if (input.Deadline < input.WindowClosesAt)
        {
            problems.Add("报送截止时间不得早于申报截止时间。");
        }

        if (input.VetoYears is < 0 or > 10)
        {
            problems.Add("一票否决年限须在 0 至 10 年之间。");
        }

        if (input.UnitNoticeWorkingDays < MinimumUnitNoticeWorkingDays)
        {
            problems.Add($"单位公示不得少于 {MinimumUnitNoticeWorkingDays} 个工作日。");
        }

        if (input.ProvincialNoticeDays is < 1 or > 60)
        {
            problems.Add("省级公示天数须在 1 至 60 天之间。");
        }

        problems.AddRange(QuotaProblems(input.Quotas));
        problems.AddRange(RuleProblems(input.CompositionRules));
        var materialCodes = input.RequiredMaterials.Select(m => m.Code).ToList();
        if (materialCodes.Any(string.IsNullOrWhiteSpace) || materialCodes.Distinct(StringComparer.Ordinal).Count() != materialCodes.Count)
        {
            problems.Add("申报材料的代码须填写且不得重复。");
        }

        HonoursException.ThrowIfAny(problems);

        var campaign = new Campaign
        {
            Id = Guid.CreateVersion7(),
            HonourTypeCode = input.HonourTypeCode,
            Year = input.Year,
            Title = input.Title.Trim(),
            NoticeText = input.NoticeText,
            OrganisationPath = input.OrganisationPath,
            WindowOpensAt = input.WindowOpensAt,
            WindowClosesAt = input.WindowClosesAt,
            Deadline = input.Deadline,
            ReferenceDate = input.ReferenceDate ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(input.WindowOpensAt, Engine.Time.WorkingDays.ChinaStandardTime).DateTime),
            VetoYears = input.VetoYears,
            UnitNoticeWorkingDays = input.UnitNoticeWorkingDays,
            ProvincialNoticeDays = input.ProvincialNoticeDays,
            ProvincialNoticeInWorkingDays = input.ProvincialNoticeInWorkingDays,
            State = CampaignState.Draft,
            RequiredMaterials = [.. input.RequiredMaterials],
            OpinionRules = [.. input.OpinionRules ?? OpinionRule.Defaults],
            CreatedAt = _time.GetUtcNow(),
            CreatedBy = input.CreatedBy,
            ConcurrencyStamp = Guid.NewGuid(),
        };
        campaign.Quotas.AddRange(input.Quotas.Select(q => ToQuota(campaign.Id, q)));
        campaign.CompositionRules.AddRange(input.CompositionRules.Select((r, i) => ToRule(campaign.Id, r, i)));
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return campaign;
    }

    /// <summary>The campaign with its honour type, quotas and rules, or null.</summary>
    public async Task<Campaign?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        return await db.Campaigns.AsNoTracking().Include(c => c.HonourType).Include(c => c.Quotas).Include(c => c.CompositionRules)
            .AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id, ct).ConfigureAwait(false);
    }

    /// <summary>Opens a draft campaign for filing (通知发布).</summary>
    public Task<Campaign> OpenAsync(Guid id, CancellationToken ct = default) => MoveAsync(id, CampaignState.Draft, CampaignState.Open, ct);

    /// <summary>Closes filing of an open campaign.</summary>
    public Task<Campaign> CloseAsync(Guid id, CancellationToken ct = default) => MoveAsync(id, CampaignState.Open, CampaignState.Closed, ct);

    /// <summary>Replaces the quotas of a draft or open campaign.</summary>
    /// <exception cref="HonoursException">Problems of the quotas, or a closed or published campaign.</exception>
    public async Task<Campaign> ReplaceQuotasAsync(Guid id, IReadOnlyList<QuotaInput> quotas, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(quotas);
        HonoursException.ThrowIfAny(QuotaProblems(quotas));
        await using var db = database.CreateDbContext();
        var campaign = await EditableAsync(db, id, ct).ConfigureAwait(false);
        db.Quotas.RemoveRange(campaign.Quotas);
        campaign.Quotas.Clear();

        // Added explicitly: new rows whose ids are already set would otherwise be taken for existing ones.
        var added = quotas.Select(q => ToQuota(id, q)).ToList();
        db.Quotas.AddRange(added);
        campaign.Quotas.AddRange(added);
        campaign.ConcurrencyStamp = Guid.NewGuid();
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return campaign;
    }

    /// <summary>Replaces the composition rules of a draft or open campaign.</summary>
    /// <exception cref="HonoursException">Problems of the rules, or a closed or published campaign.</exception>
    public async Task<Campaign> ReplaceCompositionRulesAsync(Guid id, IReadOnlyList<CompositionRuleInput> rules, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        HonoursException.ThrowIfAny(RuleProblems(rules));
        await using var db = database.CreateDbContext();
        var campaign = await EditableAsync(db, id, ct).ConfigureAwait(false);
        db.CompositionRules.RemoveRange(campaign.CompositionRules);
        campaign.CompositionRules.Clear();
        var added = rules.Select((r, i) => ToRule(id, r, i)).ToList();
        db.CompositionRules.AddRange(added);
        campaign.CompositionRules.AddRange(added);
        campaign.ConcurrencyStamp = Guid.NewGuid();
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return campaign;
    }

    /// <summary>Every problem of a set of quotas.</summary>
    public static IReadOnlyList<string> QuotaProblems(IReadOnlyList<QuotaInput> quotas)
    {
        ArgumentNullException.ThrowIfNull(quotas);
        var problems = new List<string>();
        foreach (var q in quotas)
        {
            if (string.IsNullOrWhiteSpace(q.AllocationUnitPath) || !q.AllocationUnitPath.StartsWith('/'))
            {
                problems.Add($"名额的分配单位「{q.AllocationUnitPath}」须为组织路径（如 /gd/gz）。");
            }

            if (q.Number is < 0 or > 100_000)
            {
                problems.Add($"{q.AllocationUnitPath} 的「{NomineeCategoryNames.Zh(q.Categories)}」名额须为 0 至 100000 之间的整数。");
            }
        }

        foreach (var duplicate in quotas.GroupBy(q => (q.AllocationUnitPath, q.Categories)).Where(g => g.Count() > 1))
        {
            problems.Add($"{duplicate.Key.AllocationUnitPath} 的「{NomineeCategoryNames.Zh(duplicate.Key.Categories)}」名额重复设置。");
        }

        return problems;
    }

    /// <summary>Every problem of a set of composition rules.</summary>
    public static IReadOnlyList<string> RuleProblems(IReadOnlyList<CompositionRuleInput> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var problems = new List<string>();
        foreach (var r in rules)
        {
            var name = string.IsNullOrWhiteSpace(r.NameZh) ? "（未命名）" : r.NameZh;
            if (string.IsNullOrWhiteSpace(r.NameZh) || r.NameZh.Length > HonoursLimits.NameLength)
            {
                problems.Add($"结构比例规则须有名称（不超过 {HonoursLimits.NameLength} 字）。");
            }

            if (r.Categories == NomineeCategories.None)
            {
                problems.Add($"规则「{name}」须指定统计的人员类别。");
            }

            var share = r.Kind is CompositionRuleKind.MinimumShare or CompositionRuleKind.MaximumShare;
            if (share && r.Percent is not (> 0 and <= 100))
            {
                problems.Add($"规则「{name}」须给出 0 至 100 之间的比例（%）。");
            }

            if (!share && r.Count is not (>= 0 and <= 100_000))
            {
                problems.Add($"规则「{name}」须给出人数。");
            }
        }

        return problems;
    }

    private async Task<Campaign> MoveAsync(Guid id, CampaignState from, CampaignState to, CancellationToken ct)
    {
        await using var db = database.CreateDbContext();
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, ct).ConfigureAwait(false)
            ?? throw HonoursException.Missing($"评选活动 {id} 不存在。");
        if (campaign.State != from)
        {
            throw new HonoursException($"「{campaign.Title}」状态为「{CampaignStates.Zh(campaign.State)}」，不能改为「{CampaignStates.Zh(to)}」。");
        }

        campaign.State = to;
        campaign.ConcurrencyStamp = Guid.NewGuid();
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return campaign;
    }

    private static async Task<Campaign> EditableAsync(HonoursDbContext db, Guid id, CancellationToken ct)
    {
        var campaign = await db.Campaigns.Include(c => c.Quotas).Include(c => c.CompositionRules).AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == id, ct).ConfigureAwait(false)
            ?? throw HonoursException.Missing($"评选活动 {id} 不存在。");
        if (campaign.State is not (CampaignState.Draft or CampaignState.Open))
        {
            throw new HonoursException($"「{campaign.Title}」状态为「{CampaignStates.Zh(campaign.State)}」，名额和结构比例不能再修改。");
        }

        return campaign;
    }

    private static Quota ToQuota(Guid campaignId, QuotaInput q) => new()
    {
        Id = Guid.CreateVersion7(),
        CampaignId = campaignId,
        AllocationUnitPath = q.AllocationUnitPath.Trim(),
        Categories = q.Categories,
        Number = q.Number,
    };

    private static CompositionRule ToRule(Guid campaignId, CompositionRuleInput r, int position) => new()
    {
        Id = Guid.CreateVersion7(),
        CampaignId = campaignId,
        NameZh = r.NameZh.Trim(),
        Kind = r.Kind,
        Scope = r.Scope,
        Categories = r.Categories,
        BaseCategories = r.BaseCategories,
        Percent = r.Percent,
        Count = r.Count,
        Position = position,
    };
}
