using System.Text.RegularExpressions;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Honours;
using Workflows.Activities.Honours.Notices;
using Workflows.Activities.Honours.UseCases;
using Workflows.Activities.Organisations;
using Workflows.Activities.Persistence;
using Workflows.Engine;
using Workflows.Engine.Runtime;
using Workflows.Host.Errors;

namespace Workflows.Host.Api;

/// <summary>
/// The public side of a campaign (no sign-in): the nominees under notice (公示) with public fields only — name,
/// kind, gender, unit, position, the notice's dates — never an ID number, birth date or contact; and objections (异议)
/// with a real name and a contact, limited per client address. An objection is also delivered to the nomination's
/// process as the message <c>objection</c> (correlation key: the nomination id), which holds the nominee until the
/// investigation ends.
/// </summary>
public static class PublicNoticeApi
{
    /// <summary>The rate-limiter policy of <c>POST /api/public/objections</c>.</summary>
    public const string ObjectionPolicy = "public-objections";

    /// <summary>Objections one client address may send per hour (<c>Workflows:Public:ObjectionsPerHour</c>).</summary>
    public const int DefaultObjectionsPerHour = 10;

    public static IServiceCollection AddPublicNotice(this IServiceCollection services, IConfiguration configuration)
    {
        var perHour = configuration.GetValue("Workflows:Public:ObjectionsPerHour", DefaultObjectionsPerHour);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"At most {perHour} objections per hour from one address. 提交过于频繁，请一小时后再试。",
                    },
                });
            };
            options.AddPolicy(ObjectionPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
        });
    }

    public static IEndpointRouteBuilder MapPublicNoticeApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/public").WithTags("Public notice").AllowAnonymous();
        group.MapGet("/notices", CampaignsAsync)
            .WithName("PublicNoticeCampaigns")
            .WithSummary("公示: the campaigns with a notice open now, with their notice period and number of nominees (no sign-in)");
        group.MapGet("/notices/{campaignId:guid}", NoticesAsync)
            .WithName("PublicNotices")
            .WithSummary("公示: the nominees of a campaign under notice now, with public fields only (no sign-in)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/objections", ObjectAsync)
            .WithName("PublicObjection")
            .WithSummary("异议: an objection against a nominee under notice, with a real name and a contact (no sign-in; limited per address)")
            .RequireRateLimiting(ObjectionPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return routes;
    }

    /// <summary>The shortest objection text the public page and the API accept (characters).</summary>
    public const int MinimumObjectionLength = 4;

    private static async Task<Ok<List<PublicNoticeCampaignDto>>> CampaignsAsync(HonoursDatabase database, TimeProvider time, CancellationToken ct)
    {
        await using var db = database.CreateDbContext();
        var now = time.GetUtcNow();
        var notices = (await db.PublicNotices.AsNoTracking().Where(n => n.State == NoticeState.Open).ToListAsync(ct))
            .Where(n => n.ClosesAt > now).ToList();
        var campaignIds = notices.Select(n => n.CampaignId).Distinct().ToList();
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => campaignIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var ids = notices.SelectMany(n => n.Entries.Select(e => e.NominationId)).Distinct().ToList();
        var shown = (await db.Nominations.AsNoTracking()
            .Where(n => ids.Contains(n.Id) && n.State != NominationState.Rejected && n.State != NominationState.Withdrawn)
            .Select(n => n.Id).ToListAsync(ct)).ToHashSet();
        return TypedResults.Ok(notices.Where(n => campaigns.ContainsKey(n.CampaignId)).GroupBy(n => n.CampaignId)
            .Select(g => new PublicNoticeCampaignDto(
                g.Key, campaigns[g.Key].Title, campaigns[g.Key].Year, g.Count(),
                g.SelectMany(n => n.Entries).Select(e => e.NominationId).Distinct().Count(shown.Contains),
                g.Min(n => n.StartsOn), g.Max(n => n.EndsOn)))
            .Where(c => c.Nominees > 0)
            .OrderByDescending(c => c.Year).ThenBy(c => c.Title, StringComparer.Ordinal).ToList());
    }

    private static async Task<Ok<List<PublicNoticeDto>>> NoticesAsync(Guid campaignId, HonoursDatabase database, OrganisationDirectory directory, TimeProvider time, CancellationToken ct)
    {
        await using var db = database.CreateDbContext();
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct)
            ?? throw ApiProblemException.NotFound($"Campaign {campaignId} does not exist. 评选活动不存在。");
        var now = time.GetUtcNow();
        var notices = (await db.PublicNotices.AsNoTracking()
            .Where(n => n.CampaignId == campaignId && n.State == NoticeState.Open)
            .ToListAsync(ct)).Where(n => n.ClosesAt > now).OrderBy(n => n.StartsOn).ThenBy(n => n.Title, StringComparer.Ordinal).ToList();
        var ids = notices.SelectMany(n => n.Entries.Select(e => e.NominationId)).Distinct().ToList();
        var nominations = await db.Nominations.AsNoTracking().Include(n => n.Nominee)
            .Where(n => ids.Contains(n.Id) && n.State != NominationState.Rejected && n.State != NominationState.Withdrawn)
            .ToDictionaryAsync(n => n.Id, ct);
        // Each nominee's process opens a notice of its own; the notices published together (same level, publisher,
        // title and days) are one list to the public. Each nominee keeps the id of its own notice for objections.
        return TypedResults.Ok(notices
            .GroupBy(n => (n.Level, n.OrganisationPath, n.Title, n.StartsOn, n.EndsOn, n.Days, n.InWorkingDays))
            .Select(g => new PublicNoticeDto(
                g.First().Id, campaign.Title, g.Key.Title, g.Key.Level.ToString().ToLowerInvariant(), g.Key.StartsOn, g.Key.EndsOn, g.Key.Days, g.Key.InWorkingDays,
                [.. g.SelectMany(n => n.Entries.Select(e => (Notice: n.Id, e.NominationId)))
                    .Where(e => nominations.ContainsKey(e.NominationId))
                    .Select(e => Public(nominations[e.NominationId], e.Notice, directory))
                    .OrderBy(m => m.Unit, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal)]))
            .Where(n => n.Nominees.Count > 0)
            .ToList());
    }

    /// <summary>A nominee as the public sees it; control characters of names stored before they were refused are left out.</summary>
    private static PublicNomineeDto Public(Nomination m, Guid noticeId, OrganisationDirectory directory) => new(
        m.Id, TextRules.WithoutControlCharacters(m.Nominee!.Name), m.Nominee.Kind.ToString().ToLowerInvariant(),
        m.Nominee.Gender switch { Gender.Male => "男", Gender.Female => "女", _ => null },
        directory.Find(m.Nominee.OrganisationPath)?.Name is { } unit ? TextRules.WithoutControlCharacters(unit) : null,
        m.Nominee.Position is { } position ? TextRules.WithoutControlCharacters(position) : null, noticeId);

    /// <summary>
    /// Files the objection and tells the nominee's process, in one transaction (<see cref="FileObjection"/>). A repeated
    /// click (the same Idempotency-Key) answers the first receipt.
    /// </summary>
    private static async Task<Created<ObjectionReceiptDto>> ObjectAsync(PublicObjectionRequest request, HttpRequest http, FileObjection file, CancellationToken ct)
    {
        var key = RequestValues.Key(http, FileObjection.PublicActor, request);
        var objection = await file.AnsweredAsync(key, ct);
        if (objection is null)
        {
            var content = ObjectionContent(request);
            objection = await file.RunAsync(new FileObjectionCommand(new ObjectionInput
            {
                NoticeId = request.NoticeId ?? throw ApiProblemException.BadRequest("'noticeId' is required. 请选择公示。"),
                NominationId = request.NominationId ?? throw ApiProblemException.BadRequest("'nominationId' is required. 请选择异议对象。"),
                ObjectorName = request.Name ?? "",
                ObjectorContact = request.Contact ?? "",
                Content = content,
                SourceKey = key is null ? null : "public:" + key.Id, // a repeated click answers the first receipt
            }) { Request = key }, ct);
        }

        return TypedResults.Created($"/api/public/objections/{objection.ObjectionId}", new ObjectionReceiptDto(
            objection.ObjectionId, objection.ReceivedAt, "异议已受理，调查核实期间该人选暂停公示流程。", ReferenceOf(objection.ObjectionId, objection.ReceivedAt)));
    }

    /// <summary>
    /// The objection's text: its content (at least <see cref="MinimumObjectionLength"/> characters), the evidence
    /// (佐证) appended when given; the contact must be a phone number or an e-mail address. The remaining checks (real
    /// name, notice open, nominee on the list) are the notice service's.
    /// </summary>
    private static string ObjectionContent(PublicObjectionRequest request)
    {
        var contact = request.Contact?.Trim() ?? "";
        if (contact.Length > 0 && !ObjectionContact.IsValid(contact))
        {
            throw ApiProblemException.BadRequest("'contact' must be a phone number or an e-mail address. 联系方式须为电话号码或电子邮箱。");
        }

        var content = request.Content?.Trim() ?? "";
        if (content.Length is > 0 and < MinimumObjectionLength)
        {
            throw ApiProblemException.BadRequest($"'content' must have at least {MinimumObjectionLength} characters. 异议内容不少于 {MinimumObjectionLength} 个字，请写明具体事实。");
        }

        var evidence = request.Evidence?.Trim();
        return string.IsNullOrEmpty(evidence) || content.Length == 0 ? content : $"{content}\n佐证材料：{evidence}";
    }

    /// <summary>The reference number (受理编号) of an objection: YY, the day of receipt in China, the id's last eight hex digits.</summary>
    public static string ReferenceOf(Guid id, DateTimeOffset receivedAt) =>
        $"YY{receivedAt.ToOffset(TimeSpan.FromHours(8)):yyyyMMdd}-{id.ToString("N")[^8..].ToUpperInvariant()}";
}

/// <summary>A notice as the public sees it: the nominees published together, whose processes each opened a notice.</summary>
public sealed record PublicNoticeDto(Guid Id, string Campaign, string Title, string Level, DateOnly StartsOn, DateOnly EndsOn, int Days, bool InWorkingDays, IReadOnlyList<PublicNomineeDto> Nominees);

/// <summary>A nominee under notice: public fields only, and the notice an objection against the nominee names.</summary>
public sealed record PublicNomineeDto(Guid NominationId, string Name, string Kind, string? Gender, string? Unit, string? Position, Guid NoticeId);

/// <summary>An objection: the notice, the nominee, the objector's real name and contact, and what is wrong.</summary>
public sealed record PublicObjectionRequest(Guid? NoticeId, Guid? NominationId, string? Name, string? Contact, string? Content, string? Evidence = null);

/// <summary>The receipt of an objection.</summary>
public sealed record ObjectionReceiptDto(Guid Id, DateTimeOffset ReceivedAt, string Message, string Reference);

/// <summary>A campaign with notices open now: how many notices and nominees, and the span of their periods.</summary>
public sealed record PublicNoticeCampaignDto(Guid CampaignId, string Title, int Year, int Notices, int Nominees, DateOnly StartsOn, DateOnly EndsOn);

/// <summary>What counts as an objector's contact: a phone number (7 to 15 digits, with +, spaces, dashes or brackets) or an e-mail address.</summary>
public static partial class ObjectionContact
{
    public static bool IsValid(string? contact) =>
        contact is { Length: > 0 and <= 100 } && (Phone().IsMatch(contact.Trim()) || Email().IsMatch(contact.Trim()));

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{5,20}[0-9]$")]
    private static partial Regex Phone();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();
}
