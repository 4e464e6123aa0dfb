using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Honours;
using Workflows.Activities.Honours.Attachments;
using Workflows.Activities.Honours.Nominations;
using Workflows.Activities.Honours.UseCases;
using Workflows.Activities.Identity;
using Workflows.Activities.Organisations;
using Workflows.Activities.Persistence;
using Workflows.Designs;
using Workflows.Engine;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Host.Errors;
using Workflows.Host.Identity;

namespace Workflows.Host.Api;

/// <summary>
/// <c>/api/nominations</c>: an enterprise filer files a nomination for a nominee of their own enterprise (the nominee
/// registered, the form checked against the honour type, the nominee's eligibility checked) and its process starts:
/// the design of the campaign's honour type, one instance per nomination (business key and <c>objection</c>
/// correlation key: the nomination id). Lists and reads are scoped like the processes: the filer sees their
/// enterprise's nominations, a reviewer those filed within the organisation of their role, an administrator all; a
/// nomination the user may not see answers 404. Files (材料) are uploaded to the nomination with their material code.
/// </summary>
public static class HonoursNominationsApi
{
    public static IEndpointRouteBuilder MapHonoursNominationsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/nominations").WithTags("Nominations").RequireAuthorization(IdentityServices.Policies.SignedIn);

        group.MapPost("/", FileAsync).WithName("FileNomination")
            .WithSummary("推荐申报: an enterprise filer files a nomination (nominee, form) and its process starts")
            .WithDescription("Send an Idempotency-Key header to make a retried request safe: a repeat answers with the nomination filed first.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", ListAsync).WithName("ListNominations")
            .WithSummary("The nominations I may see, filtered by campaign, state and the level that holds them")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetNomination")
            .WithSummary("A nomination with its nominee, form, state, open tasks, files, missing materials and registry entries")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/attachments", UploadAsync).WithName("UploadNominationAttachment")
            .WithSummary("Uploads a material of the nomination (multipart/form-data: file, materialCode), checked by its bytes")
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(HonoursLimits.MaxAttachmentRequestBytes))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id:guid}/attachments", ListAttachmentsAsync).WithName("ListNominationAttachments")
            .WithSummary("The files of a nomination, oldest first")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/form", FormAsync).WithName("GetNominationForm")
            .WithSummary("The nomination form of a campaign: the honour type's fields with their limits, and the required materials")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateNomination")
            .WithSummary("补正: the filer corrects the form of a nomination returned to them (only while it is returned)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return routes;
    }

    private static async Task<Created<NominationDto>> FileAsync(
        FileNominationRequest request, HttpRequest http, CurrentActor actor, HonoursServices honours, OrganisationDirectory directory,
        UserManager<WorkflowUser> users, WorkflowEngine engine, FileNomination fileNomination, TimeProvider time, CancellationToken ct)
    {
        request.RefuseUnknownFields();

        // A retry (same user, same key, same request) is answered with the first filing before anything else is read.
        var key = RequestValues.Key(http, actor.UserName, request);
        if (await fileNomination.AnsweredAsync(key, ct) is { } first)
        {
            return TypedResults.Created($"/api/nominations/{first.NominationId}", await DetailAsync(first.NominationId, actor, honours, directory, engine, time, ct));
        }

        var filedBy = FilingOrganisation(actor, request.FiledBy);
        var campaignId = request.CampaignId ?? throw ApiProblemException.BadRequest("'campaignId' is required. 请选择评选活动。");
        var nomineeRequest = request.Nominee ?? throw ApiProblemException.BadRequest("'nominee' is required. 请填写被推荐对象。");
        var form = request.Form is { ValueKind: JsonValueKind.Object } f ? f.GetRawText()
            : request.Form is null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } ? "{}"
            : throw ApiProblemException.BadRequest("'form' must be a JSON object (field: value). 申报表须为 JSON 对象。");

        // The nominee belongs to the filer's enterprise: the enterprise itself by default, or a part of it.
        var enterprise = directory.AncestorOfKind(filedBy, OrganisationKind.Enterprise)?.Path ?? filedBy;
        var organisation = OrganisationDirectory.Normalize(RequestValues.Optional(nomineeRequest.OrganisationPath)) ?? enterprise;
        if (directory.Find(organisation) is null || !actor.CanSee(organisation))
        {
            throw ApiProblemException.NotFound($"Organisation '{nomineeRequest.OrganisationPath}' does not exist. 组织不存在。");
        }

        var user = await users.FindByNameAsync(actor.UserName!) ?? throw ApiProblemException.NotFound("The signed-in user does not exist any more. 用户不存在。");
        var filed = await fileNomination.RunAsync(new FileNominationCommand
        {
            CampaignId = campaignId,
            Nominee = new NomineeInput
            {
                Kind = nomineeRequest.Kind ?? throw ApiProblemException.BadRequest("'nominee.kind' is required: individual, unit or team. 请选择推荐对象类型。"),
                Name = nomineeRequest.Name ?? "",
                Identifier = nomineeRequest.Identifier,
                OrganisationPath = organisation,
                Gender = nomineeRequest.Gender,
                Ethnicity = nomineeRequest.Ethnicity,
                Position = nomineeRequest.Position,
                Categories = HonoursCampaignsApi.Categories(nomineeRequest.Categories),
            },
            FiledBy = filedBy,
            UserName = actor.UserName!,
            UserId = user.Id,
            FormData = form,
            Request = key,
        }, ct);
        return TypedResults.Created($"/api/nominations/{filed.NominationId}", await DetailAsync(filed.NominationId, actor, honours, directory, engine, time, ct));
    }

    private static async Task<Ok<CountedPageDto<NominationSummaryDto>>> ListAsync(
        Guid? campaignId, string? state, string? levelPath, int? skip, int? take, CurrentActor actor, HonoursDatabase database, CancellationToken ct)
    {
        var (s, t) = RequestValues.Page(skip, take);
        NominationState? wanted = null;
        if (RequestValues.Optional(state) is { } text)
        {
            wanted = Enum.TryParse<NominationState>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw ApiProblemException.BadRequest($"state '{text}' is not one of {string.Join(", ", Enum.GetNames<NominationState>())}.");
        }

        await using var db = database.CreateDbContext();
        var query = db.Nominations.AsNoTracking().Include(n => n.Nominee).Where(Visible(actor));
        if (campaignId is { } campaign)
        {
            query = query.Where(n => n.CampaignId == campaign);
        }

        if (wanted is { } w)
        {
            query = query.Where(n => n.State == w);
        }

        if (OrganisationDirectory.Normalize(RequestValues.Optional(levelPath)) is { } level)
        {
            query = query.Where(n => n.LevelPath == level);
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Skip(s).Take(t).ToListAsync(ct);
        return TypedResults.Ok(new CountedPageDto<NominationSummaryDto>(items.Select(NominationSummaryDto.From).ToList(), s, t, total));
    }

    private static async Task<Ok<NominationDto>> GetAsync(Guid id, CurrentActor actor, HonoursServices honours, OrganisationDirectory directory, WorkflowEngine engine, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await DetailAsync(id, actor, honours, directory, engine, time, ct));

    private static async Task<Created<AttachmentDto>> UploadAsync(Guid id, HttpRequest http, CurrentActor actor, HonoursServices honours, WorkflowEngine engine, CancellationToken ct)
    {
        var nomination = await ReadableAsync(id, actor, honours, engine, ct);
        var (form, file) = await UploadForm.ReadAsync(http, ct);
        await using var content = file.OpenReadStream();
        var saved = await honours.Attachments.UploadAsync(new AttachmentUpload
        {
            FileName = file.FileName,
            UploadedBy = actor.UserName!,
            OrganisationPath = nomination.FiledByOrganisationPath,
            NominationId = nomination.Id,
            InstanceId = nomination.ProcessInstanceId,
            MaterialCode = RequestValues.Optional(form["materialCode"].ToString()),
        }, content, ct);
        return TypedResults.Created($"/api/attachments/{saved.Id}", AttachmentDto.From(saved));
    }

    private static async Task<Ok<List<AttachmentDto>>> ListAttachmentsAsync(Guid id, CurrentActor actor, HonoursServices honours, WorkflowEngine engine, CancellationToken ct)
    {
        await ReadableAsync(id, actor, honours, engine, ct);
        return TypedResults.Ok((await honours.Attachments.ListForNominationAsync(id, ct)).Select(AttachmentDto.From).ToList());
    }

    private static async Task<Ok<NominationFormDto>> FormAsync(Guid? campaignId, HonoursServices honours, CancellationToken ct)
    {
        var id = campaignId ?? throw ApiProblemException.BadRequest("'campaignId' is required. 请选择评选活动。");
        var campaign = await honours.Campaigns.FindAsync(id, ct) ?? throw ApiProblemException.NotFound($"Campaign {id} does not exist. 评选活动不存在。");
        var type = campaign.HonourType ?? throw ApiProblemException.NotFound($"Honour type '{campaign.HonourTypeCode}' does not exist. 表彰项目不存在。");
        return TypedResults.Ok(new NominationFormDto(
            campaign.Id, campaign.Title, type.Code, type.NameZh, type.NomineeKind, campaign.WindowOpensAt, campaign.WindowClosesAt, campaign.Deadline,
            type.FormFields.Select(FormFieldDto.From).ToList(), campaign.RequiredMaterials.Select(MaterialDto.From).ToList()));
    }

    /// <summary>
    /// The filer's correction of a returned nomination: only the enterprise that filed it, and only while it is returned
    /// to them — its state is 退回补正, or a reviewer returned its process to the initiator (退回发起人) and the filer's
    /// task there is open. A nomination returned that way is marked 退回补正 first, so that resubmitting passes it on again.
    /// </summary>
    private static async Task<Ok<NominationDto>> UpdateAsync(
        Guid id, UpdateNominationRequest? request, CurrentActor actor, HonoursServices honours, OrganisationDirectory directory, WorkflowEngine engine, TimeProvider time, CancellationToken ct)
    {
        var nomination = await ReadableAsync(id, actor, honours, engine, ct);
        var prefix = Roles.EnterpriseFiler + "@";
        if (!actor.Groups.Contains(prefix + nomination.FiledByOrganisationPath, StringComparer.Ordinal))
        {
            throw new ApiProblemException(StatusCodes.Status403Forbidden, "Forbidden",
                "只有填报单位的申报人可以修改推荐。 / Only the filer of the nomination's enterprise may correct it.");
        }

        var form = request?.Form is { ValueKind: JsonValueKind.Object } f ? f.GetRawText()
            : throw ApiProblemException.BadRequest("'form' must be a JSON object (field: value). 申报表须为 JSON 对象。");
        if (nomination.State != NominationState.Returned)
        {
            if (!await ReturnedToFilerAsync(nomination, actor, engine, ct))
            {
                throw new ApiProblemException(StatusCodes.Status409Conflict, "Conflict",
                    $"The nomination is not returned for correction. 推荐状态为「{NominationStates.Zh(nomination.State)}」，未退回补正，不能修改。");
            }

            await honours.Nominations.MoveAsync(id, NominationState.Returned, "退回发起人补正", ct);
        }

        await honours.Nominations.UpdateFormAsync(id, form, ct);
        return TypedResults.Ok(await DetailAsync(id, actor, honours, directory, engine, time, ct));
    }

    /// <summary>True when a reviewer returned the nomination's process to its initiator and that task is open for the user.</summary>
    private static async Task<bool> ReturnedToFilerAsync(Nomination nomination, CurrentActor actor, WorkflowEngine engine, CancellationToken ct)
    {
        if (nomination.ProcessInstanceId is not { } instanceId)
        {
            return false;
        }

        var tasks = await engine.Store.GetTasksOfInstanceAsync(instanceId, ct);
        var mine = tasks.Where(t => t.Assignee == actor.UserName).ToList();
        if (mine.Count == 0)
        {
            return false;
        }

        // Returned, and not resubmitted since: the last return comes after the user's last completed task.
        var history = await engine.Store.GetHistoryAsync(instanceId, ct);
        var returned = history.LastOrDefault(h => h.Type == HistoryTypes.TaskReturned)?.Id;
        var done = history.LastOrDefault(h => h.Type == HistoryTypes.TaskCompleted && h.Actor == actor.UserName)?.Id;
        return returned is { } r && (done is null || r > done);
    }

    private static async Task<NominationDto> DetailAsync(Guid id, CurrentActor actor, HonoursServices honours, OrganisationDirectory directory, WorkflowEngine engine, TimeProvider time, CancellationToken ct)
    {
        var nomination = await ReadableAsync(id, actor, honours, engine, ct);
        var campaign = await honours.Campaigns.FindAsync(nomination.CampaignId, ct) ?? throw NotFound(id);
        IReadOnlyList<TaskRecord> tasks = [];
        string? status = null;
        if (nomination.ProcessInstanceId is { } instanceId && await engine.Store.GetInstanceAsync(instanceId, ct) is { } instance)
        {
            status = instance.Status.ToString().ToLowerInvariant();
            tasks = await engine.Store.GetTasksOfInstanceAsync(instanceId, ct);
        }

        var now = time.GetUtcNow();
        using var form = JsonDocument.Parse(nomination.FormData);
        await using var db = honours.Database.CreateDbContext();
        var records = await db.HonourRecords.AsNoTracking().Where(r => r.NominationId == id).OrderBy(r => r.Year).ToListAsync(ct);
        return new NominationDto(
            nomination.Id,
            campaign.Id,
            campaign.Title,
            campaign.HonourTypeCode,
            NomineeDto.From(nomination.Nominee!, directory.Find(nomination.Nominee!.OrganisationPath)?.Name),
            form.RootElement.Clone(),
            nomination.FiledByOrganisationPath,
            nomination.State,
            NominationStates.Zh(nomination.State),
            nomination.StateReason,
            nomination.LevelPath,
            directory.Find(nomination.LevelPath)?.Name,
            nomination.ProcessInstanceId,
            status,
            tasks.OrderBy(t => t.CreatedAt).Select(t => WorkTaskDto.From(t, now)).ToList(),
            (await honours.Attachments.ListForNominationAsync(id, ct)).Select(AttachmentDto.From).ToList(),
            (await honours.Attachments.MissingMaterialsAsync(id, ct)).Select(MaterialDto.From).ToList(),
            records.Select(HonourRecordDto.From).ToList(),
            nomination.CreatedAt,
            nomination.UpdatedAt,
            nomination.SubmittedAt);
    }

    /// <summary>
    /// The nomination, when the user may see it: filed within the organisation scope of their roles, or its process is
    /// one they may read (a committee member voting on it, a department giving its opinion); else a 404.
    /// </summary>
    private static async Task<Nomination> ReadableAsync(Guid id, CurrentActor actor, HonoursServices honours, WorkflowEngine engine, CancellationToken ct)
    {
        var nomination = await honours.Nominations.FindAsync(id, ct);
        if (nomination is null)
        {
            throw NotFound(id);
        }

        if (actor.CanSee(nomination.FiledByOrganisationPath))
        {
            return nomination;
        }

        if (nomination.ProcessInstanceId is { } instanceId)
        {
            try
            {
                await WorkAccess.ReadableInstanceAsync(engine, actor, instanceId, ct);
                return nomination;
            }
            catch (WorkflowException ex) when (ex.Kind == WorkflowErrorKind.NotFound)
            {
            }
        }

        throw NotFound(id);
    }

    /// <summary>The organisation the filer files for: their enterprise union (the one named when they file for several).</summary>
    private static string FilingOrganisation(CurrentActor actor, string? wanted)
    {
        var prefix = Roles.EnterpriseFiler + "@";
        var unions = actor.Groups.Where(g => g.StartsWith(prefix, StringComparison.Ordinal)).Select(g => g[prefix.Length..]).ToList();
        if (unions.Count == 0)
        {
            throw new ApiProblemException(StatusCodes.Status403Forbidden, "Forbidden",
                "只有企业工会申报人可以申报推荐。 / Only enterprise filers (enterprise-filer) file nominations.");
        }

        if (OrganisationDirectory.Normalize(RequestValues.Optional(wanted)) is { } named)
        {
            return unions.Contains(named, StringComparer.Ordinal)
                ? named
                : throw ApiProblemException.NotFound($"Organisation '{named}' does not exist. 组织不存在。");
        }

        return unions.Count == 1 ? unions[0]
            : unions.FirstOrDefault(u => u == actor.OrganizationPath)
            ?? throw ApiProblemException.BadRequest($"You file for several organisations ({string.Join(", ", unions)}): name one in 'filedBy'. 请在 filedBy 中注明申报单位。");
    }

    /// <summary>Nominations filed within one of the user's scopes (everything for administrators), as a query filter.</summary>
    private static Expression<Func<Nomination, bool>> Visible(CurrentActor actor)
    {
        if (actor.Scopes is null)
        {
            return n => true;
        }

        Expression<Func<Nomination, bool>> none = n => false;
        var parameter = none.Parameters[0];
        Expression body = none.Body;
        var filedBy = Expression.Property(parameter, nameof(Nomination.FiledByOrganisationPath));
        foreach (var scope in actor.Scopes)
        {
            var equals = Expression.Equal(filedBy, Expression.Constant(scope));
            var below = Expression.Call(filedBy, typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!, Expression.Constant(scope + "/"));
            body = Expression.OrElse(body, Expression.OrElse(equals, below));
        }

        return Expression.Lambda<Func<Nomination, bool>>(body, parameter);
    }

    private static ApiProblemException NotFound(Guid id) => ApiProblemException.NotFound($"Nomination {id} does not exist. 推荐不存在。");
}
