using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Activities.Honours;
using Workflows.Activities.Honours.Attachments;
using Workflows.Engine;
using Workflows.Engine.Runtime;
using Workflows.Host.Errors;
using Workflows.Host.Identity;

namespace Workflows.Host.Api;

/// <summary>
/// Attachments (材料) of an instance and its tasks: PDF, DOCX, JPG and PNG up to 20 MB, checked by their bytes, not by
/// their names. Any signed-in user who may read the instance (see <see cref="WorkAccess"/>) lists, uploads and
/// downloads them; a file of an instance the user may not read answers 404.
/// </summary>
public static class AttachmentsApi
{
    public static IEndpointRouteBuilder MapAttachmentsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Attachments").RequireAuthorization(IdentityServices.Policies.SignedIn);

        group.MapPost("/instances/{id:guid}/attachments", UploadAsync)
            .WithName("UploadAttachment")
            .WithSummary("Uploads a file (multipart/form-data: file; optional taskId, materialCode) to an instance")
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(HonoursLimits.MaxAttachmentRequestBytes))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/instances/{id:guid}/attachments", ListAsync)
            .WithName("ListAttachments")
            .WithSummary("Lists the files of an instance, oldest first")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/attachments/{id:guid}", DownloadAsync)
            .WithName("DownloadAttachment")
            .WithSummary("Downloads a file")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<Created<AttachmentDto>> UploadAsync(Guid id, HttpRequest http, CurrentActor actor, WorkflowEngine engine, AttachmentService attachments, CancellationToken ct)
    {
        var instance = await WorkAccess.ReadableInstanceAsync(engine, actor, id, ct);
        var (form, file) = await UploadForm.ReadAsync(http, ct);
        Guid? taskId = null;
        if (RequestValues.Optional(form["taskId"].ToString()) is { } taskText)
        {
            if (!Guid.TryParse(taskText, out var parsed) || await engine.Store.GetTaskAsync(parsed, ct) is not { } task || task.InstanceId != id)
            {
                throw ApiProblemException.BadRequest($"taskId '{taskText}' is not an open task of instance {id}. 任务不属于该流程。");
            }

            taskId = parsed;
        }

        await using var content = file.OpenReadStream();
        var saved = await attachments.UploadAsync(new AttachmentUpload
        {
            FileName = file.FileName,
            UploadedBy = actor.UserName!,
            OrganisationPath = instance.OrganizationPath ?? actor.OrganizationPath ?? "/",
            InstanceId = id,
            TaskId = taskId,
            MaterialCode = RequestValues.Optional(form["materialCode"].ToString()),
        }, content, ct);
        return TypedResults.Created($"/api/attachments/{saved.Id}", AttachmentDto.From(saved));
    }

    private static async Task<Ok<List<AttachmentDto>>> ListAsync(Guid id, CurrentActor actor, WorkflowEngine engine, AttachmentService attachments, CancellationToken ct)
    {
        await WorkAccess.ReadableInstanceAsync(engine, actor, id, ct);
        var list = await attachments.ListForInstanceAsync(id, ct);
        return TypedResults.Ok(list.Select(AttachmentDto.From).ToList());
    }

    private static async Task<FileContentHttpResult> DownloadAsync(Guid id, CurrentActor actor, WorkflowEngine engine, AttachmentService attachments, CancellationToken ct)
    {
        var attachment = await attachments.FindAsync(id, ct);
        var readable = attachment is not null && (attachment.InstanceId is { } instanceId
            ? await CanReadInstanceAsync(engine, actor, instanceId, ct)
            : actor.CanSee(attachment.OrganisationPath));
        if (!readable || await attachments.ReadContentAsync(id, ct) is not { } bytes)
        {
            throw ApiProblemException.NotFound($"Attachment {id} does not exist. 附件不存在。");
        }

        return TypedResults.File(bytes, attachment!.ContentType, attachment.FileName);
    }

    private static async Task<bool> CanReadInstanceAsync(WorkflowEngine engine, CurrentActor actor, Guid instanceId, CancellationToken ct)
    {
        try
        {
            await WorkAccess.ReadableInstanceAsync(engine, actor, instanceId, ct);
            return true;
        }
        catch (WorkflowException)
        {
            return false;
        }
    }
}

/// <summary>A stored file (without its bytes; see <c>GET /api/attachments/{id}</c>).</summary>
public sealed record AttachmentDto(Guid Id, Guid? InstanceId, Guid? TaskId, string MaterialCode, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTimeOffset UploadedAt)
{
    public static AttachmentDto From(Attachment a) =>
        new(a.Id, a.InstanceId, a.TaskId, a.MaterialCode, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAt);
}
