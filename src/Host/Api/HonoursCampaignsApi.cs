using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Honours;
using Workflows.Activities.Honours.Campaigns;
using Workflows.Activities.Honours.Registry;
using Workflows.Activities.Honours.Rules;
using Workflows.Activities.Honours.UseCases;
using Workflows.Activities.Persistence;
using Workflows.Designs;
using Workflows.Engine;
using Workflows.Engine.Runtime;
using Workflows.Host.Errors;
using Workflows.Host.Identity;

namespace Workflows.Host.Api;

/// <summary>
/// <c>/api/campaigns</c>: the selection campaigns (评选活动). Every signed-in user reads them (the notice is public
/// within the system) with the quota use of every allocation unit; provincial administrators create them, open and
/// close them, replace their quotas and composition rules, and publish the decision (表彰决定), which reaches every
/// approved nominee's process (message <c>decisionPublished</c>, key: the campaign id) so that each registers its
/// nominee. The level submissions are in <see cref="HonoursLevelsApi"/>.
/// </summary>
public static class HonoursCampaignsApi
{
    /// <summary>The message the designs wait for after the approval (审定).</summary>
    public const string DecisionPublishedMessage = PublishDecision.MessageName;

    public static IEndpointRouteBuilder MapHonoursCampaignsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/campaigns").WithTags("Campaigns").RequireAuthorization(IdentityServices.Policies.SignedIn);

        group.MapGet("/", ListAsync).WithName("ListCampaigns")
            .WithSummary("The campaigns, newest first, filtered by honour type, year and state")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetCampaign")
            .WithSummary("A campaign with its quotas, their use per allocation unit, its composition rules and its decision")
            .ProducesProblem(StatusCodes.Status404NotFound);
        Admin(group.MapPost("/", CreateAsync).WithName("CreateCampaign")
            .WithSummary("Creates a draft campaign with its window, notice lengths, materials, quotas and composition rules (administrators)"));
        Admin(group.MapPost("/{id:guid}/open", OpenAsync).WithName("OpenCampaign").WithSummary("通知发布: opens a draft campaign for filing (administrators)"));
        Admin(group.MapPost("/{id:guid}/close", CloseAsync).WithName("CloseCampaign").WithSummary("Closes filing of an open campaign (administrators)"));
        Admin(group.MapPut("/{id:guid}/quotas", ReplaceQuotasAsync).WithName("ReplaceQuotas")
            .WithSummary("Replaces the quotas of a draft or open campaign (administrators)"));
        Admin(group.MapPut("/{id:guid}/composition-rules", ReplaceRulesAsync).WithName("ReplaceCompositionRules")
            .WithSummary("Replaces the composition rules of a draft or open campaign (administrators)"));
        Admin(group.MapPut("/{id:guid}/schedule", RescheduleAsync).WithName("RescheduleCampaign")
            .WithSummary("Moves the filing window, the filing deadline and the reference date of a draft or open campaign (administrators)"));
        Admin(group.MapPost("/{id:guid}/decision", PublishDecisionAsync).WithName("PublishDecision")
            .WithSummary("表彰决定: publishes the decision for every approved nominee; each nominee's process then registers its honour (administrators)"));
        return routes;
    }

    private static void Admin(RouteHandlerBuilder builder) => builder
        .RequireAuthorization(IdentityServices.Policies.Admin)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<Ok<List<CampaignSummaryDto>>> ListAsync(string? honourType, int? year, string? state, HonoursDatabase database, CancellationToken ct)
    {
        CampaignState? wanted = null;
        if (RequestValues.Optional(state) is { } text)
        {
            wanted = Enum.TryParse<CampaignState>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw ApiProblemException.BadRequest($"state '{text}' is not one of {string.Join(", ", Enum.GetNames<CampaignState>())}.");
        }

        await using var db = database.CreateDbContext();
        var query = db.Campaigns.AsNoTracking().Include(c => c.HonourType).AsQueryable();
        if (RequestValues.Optional(honourType) is { } type)
        {
            query = query.Where(c => c.HonourTypeCode == type);
        }

        if (year is { } y)
        {
            query = query.Where(c => c.Year == y);
        }

        if (wanted is { } s)
        {
            query = query.Where(c => c.State == s);
        }

        var campaigns = await query.ToListAsync(ct);
        return TypedResults.Ok(campaigns.OrderByDescending(c => c.Year).ThenByDescending(c => c.CreatedAt).Select(CampaignSummaryDto.From).ToList());
    }

    private static async Task<Ok<CampaignDto>> GetAsync(Guid id, HonoursServices honours, CancellationToken ct) =>
        TypedResults.Ok(await DetailAsync(id, honours, ct));

    private static async Task<Created<CampaignDto>> CreateAsync(
        CreateCampaignRequest request, CurrentActor actor, HonoursServices honours, CancellationToken ct)
    {
        var created = await honours.Campaigns.CreateAsync(new CampaignInput
        {
            HonourTypeCode = RequestValues.Required(request.HonourType, "honourType"),
            Year = request.Year ?? throw ApiProblemException.BadRequest("'year' is required. 请填写年度。"),
            Title = RequestValues.Required(request.Title, "title"),
            NoticeText = request.NoticeText ?? "",
            OrganisationPath = RequestValues.Optional(request.OrganisationPath) ?? "/gd",
            WindowOpensAt = request.WindowOpensAt ?? throw ApiProblemException.BadRequest("'windowOpensAt' is required. 请填写申报开始时间。"),
            WindowClosesAt = request.WindowClosesAt ?? throw ApiProblemException.BadRequest("'windowClosesAt' is required. 请填写申报截止时间。"),
            Deadline = request.Deadline ?? throw ApiProblemException.BadRequest("'deadline' is required. 请填写报送截止时间。"),
            ReferenceDate = request.ReferenceDate,
            VetoYears = request.VetoYears ?? 3,
            UnitNoticeWorkingDays = request.UnitNoticeWorkingDays ?? CampaignService.MinimumUnitNoticeWorkingDays,
            ProvincialNoticeDays = request.ProvincialNoticeDays ?? 5,
            ProvincialNoticeInWorkingDays = request.ProvincialNoticeInWorkingDays ?? true,
            RequiredMaterials = [.. (request.RequiredMaterials ?? []).Select(Material)],
            Quotas = Quotas(request.Quotas),
            CompositionRules = Rules(request.CompositionRules),
            CreatedBy = actor.UserName!,
        }, ct);
        return TypedResults.Created($"/api/campaigns/{created.Id}", await DetailAsync(created.Id, honours, ct));
    }

    private static async Task<Ok<CampaignDto>> OpenAsync(Guid id, HonoursServices honours, CancellationToken ct)
    {
        await honours.Campaigns.OpenAsync(id, ct);
        return TypedResults.Ok(await DetailAsync(id, honours, ct));
    }

    private static async Task<Ok<CampaignDto>> CloseAsync(Guid id, HonoursServices honours, CancellationToken ct)
    {
        await honours.Campaigns.CloseAsync(id, ct);
        return TypedResults.Ok(await DetailAsync(id, honours, ct));
    }

    private static async Task<Ok<CampaignDto>> ReplaceQuotasAsync(
        Guid id, IReadOnlyList<QuotaRequest>? request, HonoursServices honours, CancellationToken ct)
    {
        await honours.Campaigns.ReplaceQuotasAsync(id, Quotas(request ?? throw ApiProblemException.BadRequest("Send the quotas as a JSON array. 请提交名额列表。")), ct);
        return TypedResults.Ok(await DetailAsync(id, honours, ct));
    }

    private static async Task<Ok<CampaignDto>> ReplaceRulesAsync(
        Guid id, IReadOnlyList<CompositionRuleRequest>? request, HonoursServices honours, CancellationToken ct)
    {
        await honours.Campaigns.ReplaceCompositionRulesAsync(id, Rules(request ?? throw ApiProblemException.BadRequest("Send the rules as a JSON array. 请提交结构比例规则列表。")), ct);
        return TypedResults.Ok(await DetailAsync(id, honours, ct));
    }

    /// <summary>
    /// Sets the window, the deadline (报送截止) and optionally the reference date of a draft or open campaign, with the
    /// rules of creation (the window closes after it opens; the deadline is not before the window closes). A closed or
    /// published campaign keeps its dates (422); a change made meanwhile by someone else is a 409.
    /// </summary>
    private static async Task<Ok<CampaignDto>> RescheduleAsync(Guid id, CampaignScheduleRequest? request, HonoursServices honours, CancellationToken ct)
    {
        if (request is null)
        {
            throw ApiProblemException.BadRequest("Send the schedule as a JSON object. 请提交时间安排。");
        }

        var opens = request.WindowOpensAt ?? throw ApiProblemException.BadRequest("'windowOpensAt' is required. 请填写申报开始时间。");
        var closes = request.WindowClosesAt ?? throw ApiProblemException.BadRequest("'windowClosesAt' is required. 请填写申报截止时间。");
        var deadline = request.Deadline ?? throw ApiProblemException.BadRequest("'deadline' is required. 请填写报送截止时间。");
        await using var db = honours.Database.CreateDbContext();
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw ApiProblemException.NotFound($"Campaign {id} does not exist. 评选活动不存在。");
        var problems = new List<string>();
        if (campaign.State is not (CampaignState.Draft or CampaignState.Open))
        {
            problems.Add($"「{campaign.Title}」状态为「{CampaignStates.Zh(campaign.State)}」，时间安排不能再修改。");
        }

        if (closes <= opens)
        {
            problems.Add("申报截止时间须晚于申报开始时间。");
        }

        if (deadline < closes)
        {
            problems.Add("报送截止时间不得早于申报截止时间。");
        }

        HonoursException.ThrowIfAny(problems);
        campaign.WindowOpensAt = opens;
        campaign.WindowClosesAt = closes;
        campaign.Deadline = deadline;
        campaign.ReferenceDate = request.ReferenceDate ?? campaign.ReferenceDate;
        campaign.ConcurrencyStamp = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ApiProblemException(StatusCodes.Status409Conflict, "Conflict", "The campaign was changed meanwhile; read it again. 评选活动已被他人修改，请刷新后重试。");
        }

        return TypedResults.Ok(await DetailAsync(id, honours, ct));
    }

    /// <summary>
    /// Publishes the decision (or answers the one published already) and delivers it to every nominee's process that
    /// waits for it, in one transaction (<see cref="PublishDecision"/>). A retry with the same Idempotency-Key gets the
    /// first answer.
    /// </summary>
    private static async Task<Ok<PublishedDecisionDto>> PublishDecisionAsync(
        Guid id, PublishDecisionRequest? request, HttpRequest http, CurrentActor actor, PublishDecision publish, CancellationToken ct)
    {
        var key = RequestValues.Key(http, actor.UserName, request);
        var published = await publish.AnsweredAsync(key, ct)
            ?? await publish.RunAsync(new PublishDecisionCommand(id, actor.UserName!, RequestValues.Optional(request?.Title), RequestValues.Optional(request?.DocumentNumber)) { Request = key }, ct);
        return TypedResults.Ok(new PublishedDecisionDto(DecisionDto.From(published.Decision, published.Roll), published.InstancesReached));
    }

    private static async Task<CampaignDto> DetailAsync(Guid id, HonoursServices honours, CancellationToken ct)
    {
        var campaign = await honours.Campaigns.FindAsync(id, ct) ?? throw ApiProblemException.NotFound($"Campaign {id} does not exist. 评选活动不存在。");
        var use = await honours.Lists.QuotaUseAsync(id, ct);
        await using var db = honours.Database.CreateDbContext();
        var decision = await db.HonourDecisions.AsNoTracking().FirstOrDefaultAsync(d => d.CampaignId == id, ct);
        DecisionDto? decisionDto = null;
        if (decision is not null)
        {
            var roll = await honours.Decisions.RollAsync(id, ct);
            decisionDto = DecisionDto.From(decision, roll);
        }

        return new CampaignDto(
            CampaignSummaryDto.From(campaign),
            campaign.NoticeText,
            DesignCatalog.ForHonourType(campaign.HonourTypeCode)?.Key,
            campaign.ReferenceDate,
            campaign.VetoYears,
            campaign.UnitNoticeWorkingDays,
            campaign.ProvincialNoticeDays,
            campaign.ProvincialNoticeInWorkingDays,
            campaign.RequiredMaterials.Select(MaterialDto.From).ToList(),
            campaign.Quotas.OrderBy(q => q.AllocationUnitPath, StringComparer.Ordinal).ThenBy(q => q.Categories).Select(QuotaDto.From).ToList(),
            campaign.CompositionRules.OrderBy(r => r.Position).Select(CompositionRuleDto.From).ToList(),
            use.Select(UnitQuotaUseDto.From).ToList(),
            decisionDto);
    }

    private static RequiredMaterial Material(MaterialRequest m) => new()
    {
        Code = m.Code?.Trim() ?? "",
        NameZh = RequestValues.Required(m.Name, "requiredMaterials[].name").Trim(),
        Required = m.Required ?? true,
        OnlyForCategories = Categories(m.OnlyForCategories),
    };

    private static List<QuotaInput> Quotas(IReadOnlyList<QuotaRequest>? quotas) =>
        [.. (quotas ?? []).Select(q => new QuotaInput(
            RequestValues.Required(q.UnitPath, "quotas[].unitPath").Trim(),
            Categories(q.Categories),
            q.Number ?? throw ApiProblemException.BadRequest("'quotas[].number' is required. 请填写名额数。")))];

    private static List<CompositionRuleInput> Rules(IReadOnlyList<CompositionRuleRequest>? rules) =>
        [.. (rules ?? []).Select(r => new CompositionRuleInput(
            r.Name ?? "",
            r.Kind ?? throw ApiProblemException.BadRequest("'compositionRules[].kind' is required: minimumShare, maximumShare, minimumCount or maximumCount."),
            Categories(r.Categories),
            r.Percent,
            r.Count,
            r.Scope ?? CompositionScope.AllocationUnit,
            Categories(r.BaseCategories)))];

    /// <summary>Categories by code (<c>industrialWorker</c>) or Chinese name (产业工人); an unknown one is a 422 naming it.</summary>
    internal static NomineeCategories Categories(IReadOnlyList<string>? names) =>
        names is null or { Count: 0 } ? NomineeCategories.None : NomineeCategoryNames.Parse(names);
}

/// <summary>A campaign's new dates: the filing window, the deadline (报送截止) and optionally the veto reference date.</summary>
public sealed record CampaignScheduleRequest(DateTimeOffset? WindowOpensAt, DateTimeOffset? WindowClosesAt, DateTimeOffset? Deadline, DateOnly? ReferenceDate);
