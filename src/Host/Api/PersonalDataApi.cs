using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Workflows.Activities.Honours;
using Workflows.Activities.Identity;
using Workflows.Activities.Privacy;
using Workflows.Host.Errors;
using Workflows.Host.Identity;

namespace Workflows.Host.Api;

/// <summary>
/// Personal data (个人信息保护法): every read answers it masked (4401**********003X, 张*, 138****5678); these endpoints
/// answer it in full to the roles of <see cref="PersonalDataRules"/> on an explicit "show in full" (显示完整信息) and
/// write each answer to the access log, which administrators list at <c>GET /api/admin/personal-data-access</c>.
/// Answers in full are never cached (<c>Cache-Control: no-store</c>). The use cases are
/// <see cref="PersonalDataService"/>'s; this class only maps HTTP.
/// </summary>
public static class PersonalDataApi
{
    public const int DefaultTake = 50;
    public const int MaxTake = 200;

    public static IEndpointRouteBuilder MapPersonalDataApi(this IEndpointRouteBuilder routes)
    {
        var signedIn = routes.MapGroup("/api").WithTags("Personal data").RequireAuthorization(IdentityServices.Policies.SignedIn);
        signedIn.MapPost("/nominations/{id:guid}/personal-data/reveal", RevealNomineeAsync)
            .WithName("RevealNomineePersonalData")
            .WithSummary("显示完整信息: the nominee's ID number or credit code in full, for the filer, the reviewer of the nomination's level or an administrator (logged)")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        signedIn.MapGet("/nominations/{id:guid}/personal-data", NomineeRightAsync)
            .WithName("GetNomineePersonalDataRight")
            .WithSummary("Whether the signed-in user may ask for the nominee's identifier in full (nothing is shown, nothing logged)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        signedIn.MapGet("/nominations/{id:guid}/objections", ObjectionsOfNominationAsync)
            .WithName("ListNominationObjections")
            .WithSummary("异议: the objections raised against a nomination, the objector masked");
        signedIn.MapGet("/objections/{id:guid}", ObjectionAsync)
            .WithName("GetObjection")
            .WithSummary("异议: an objection and its investigation, the objector masked (张*, 138****5678)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        signedIn.MapPost("/objections/{id:guid}/personal-data/reveal", RevealObjectorAsync)
            .WithName("RevealObjectorPersonalData")
            .WithSummary("显示完整信息: the objector's real name and contact in full, for the investigators of the notice or an administrator (logged)")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);

        routes.MapGet("/api/admin/personal-data-access", AccessLogAsync)
            .WithTags("Administration")
            .RequireAuthorization(IdentityServices.Policies.Admin)
            .WithName("ListPersonalDataAccess")
            .WithSummary("个人信息访问记录: every view in full, export and erasure of personal data (who, what, when), newest first")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return routes;
    }

    private static async Task<Ok<PersonalDataDto>> RevealNomineeAsync(
        Guid id, RevealRequest? request, HttpContext http, CurrentActor actor, UserManager<WorkflowUser> users, PersonalDataService personalData, CancellationToken ct) =>
        Answer(http, await personalData.RevealNomineeAsync(id, await ReaderAsync(actor, users), request?.Reason, ct));

    private static async Task<Ok<PersonalDataDto>> RevealObjectorAsync(
        Guid id, RevealRequest? request, HttpContext http, CurrentActor actor, UserManager<WorkflowUser> users, PersonalDataService personalData, CancellationToken ct) =>
        Answer(http, await personalData.RevealObjectorAsync(id, await ReaderAsync(actor, users), request?.Reason, ct));

    private static async Task<Ok<PersonalDataRightDto>> NomineeRightAsync(Guid id, CurrentActor actor, UserManager<WorkflowUser> users, PersonalDataService personalData, CancellationToken ct) =>
        TypedResults.Ok(new PersonalDataRightDto(await personalData.MayRevealNomineeAsync(id, await ReaderAsync(actor, users), ct)
            ?? throw ApiProblemException.NotFound($"Nomination {id} does not exist. 推荐不存在。")));

    private static async Task<Ok<ObjectionDto>> ObjectionAsync(Guid id, CurrentActor actor, UserManager<WorkflowUser> users, PersonalDataService personalData, CancellationToken ct) =>
        TypedResults.Ok(ObjectionDto.From(await personalData.ObjectionAsync(id, await ReaderAsync(actor, users), ct)
            ?? throw ApiProblemException.NotFound($"Objection {id} does not exist. 异议不存在。")));

    private static async Task<Ok<List<ObjectionDto>>> ObjectionsOfNominationAsync(Guid id, CurrentActor actor, UserManager<WorkflowUser> users, PersonalDataService personalData, CancellationToken ct) =>
        TypedResults.Ok((await personalData.ObjectionsOfNominationAsync(id, await ReaderAsync(actor, users), ct)).Select(ObjectionDto.From).ToList());

    private static async Task<Ok<CountedPageDto<PersonalDataAccessDto>>> AccessLogAsync(Guid? subjectId, int? skip, int? take, PersonalDataService personalData, CancellationToken ct)
    {
        if (take is < 1 or > MaxTake || skip is < 0)
        {
            throw ApiProblemException.BadRequest($"'take' must be between 1 and {MaxTake} and 'skip' not negative. 分页参数无效。");
        }

        var (items, total) = await personalData.AccessLogAsync(subjectId, skip ?? 0, take ?? DefaultTake, ct);
        return TypedResults.Ok(new CountedPageDto<PersonalDataAccessDto>([.. items.Select(PersonalDataAccessDto.From)], skip ?? 0, take ?? DefaultTake, total));
    }

    private static Ok<PersonalDataDto> Answer(HttpContext http, PersonalDataReveal reveal) => reveal.Outcome switch
    {
        PersonalDataOutcome.Revealed => NoStore(http, TypedResults.Ok(new PersonalDataDto(reveal.Fields))),
        PersonalDataOutcome.Forbidden => throw new ApiProblemException(StatusCodes.Status403Forbidden, "Forbidden", "You may not see this personal data in full. " + reveal.Problem),
        PersonalDataOutcome.NotKept => throw new ApiProblemException(StatusCodes.Status410Gone, "Gone", "The personal data is not kept in full. " + reveal.Problem),
        _ => throw ApiProblemException.NotFound("The record does not exist. " + reveal.Problem),
    };

    private static Ok<PersonalDataDto> NoStore(HttpContext http, Ok<PersonalDataDto> answer)
    {
        http.Response.Headers.CacheControl = "no-store";
        return answer;
    }

    /// <summary>The reader of personal data: the signed-in user with their account id (a filer sees what they filed).</summary>
    internal static async Task<PersonalDataReader> ReaderAsync(CurrentActor actor, UserManager<WorkflowUser> users)
    {
        var user = actor.UserName is { } name ? await users.FindByNameAsync(name) : null;
        return new PersonalDataReader(actor.UserName ?? "", user?.Id, actor.IsAdmin, actor.Groups, actor.Scopes);
    }
}

/// <summary>Why personal data is shown in full (kept in the access log).</summary>
public sealed record RevealRequest(string? Reason);

/// <summary>Personal data in full: field name → value (<c>identifier</c>; <c>objectorName</c>, <c>objectorContact</c>).</summary>
public sealed record PersonalDataDto(IReadOnlyDictionary<string, string> Fields);

/// <summary>Whether the signed-in user may ask for the personal data of a record in full.</summary>
public sealed record PersonalDataRightDto(bool MayReveal);

/// <summary>An objection with the objector masked; <c>MayReveal</c>: the reader may ask for the objector in full.</summary>
public sealed record ObjectionDto(
    Guid Id, Guid NoticeId, Guid NominationId, string ObjectorName, string ObjectorContact, bool ByUnit, string Content,
    DateTimeOffset ReceivedAt, string State, string? Findings, DateTimeOffset? ConcludedAt, bool Erased, bool MayReveal, string Reference)
{
    public static ObjectionDto From(ObjectionView o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Id, o.NoticeId, o.NominationId, o.ObjectorName, o.ObjectorContact, o.ByUnit, o.Content, o.ReceivedAt,
            o.State.ToString().ToLowerInvariant(), o.Findings, o.ConcludedAt, o.Erased, o.MayReveal, PublicNoticeApi.ReferenceOf(o.Id, o.ReceivedAt));
    }
}

/// <summary>One entry of the personal data access log.</summary>
public sealed record PersonalDataAccessDto(Guid Id, DateTimeOffset At, string Actor, string Action, string Subject, Guid SubjectId, string Fields, string Reason)
{
    public static PersonalDataAccessDto From(PersonalDataAccess a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.At, a.Actor, a.Action.ToString().ToLowerInvariant(), a.Subject.ToString().ToLowerInvariant(), a.SubjectId, a.Fields, a.Reason);
    }
}
