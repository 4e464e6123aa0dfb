using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Honours.Attachments;

/// <summary>What an upload is for and who makes it; the bytes come as a stream.</summary>
public sealed record AttachmentUpload
{
    /// <summary>The name the user's file had (shown; the type is taken from the bytes).</summary>
    public required string FileName { get; init; }

    public required string UploadedBy { get; init; }

    /// <summary>The organisation the uploader acts for.</summary>
    public required string OrganisationPath { get; init; }

    public Guid? NominationId { get; init; }

    public Guid? InstanceId { get; init; }

    public Guid? TaskId { get; init; }

    /// <summary>The required material it provides (<see cref="RequiredMaterial.Code"/>), if any.</summary>
    public string? MaterialCode { get; init; }
}

/// <summary>
/// Stores uploaded files in the database after <see cref="AttachmentInspector"/> accepted their bytes: the metadata in
/// <c>attachments</c>, the bytes in <c>attachment_contents</c>, with a SHA-256. Reads at most 20 MB + 1 byte of a stream,
/// so an oversized upload is refused without being read whole. Thread-safe (a short-lived context per call).
/// </summary>
public sealed class AttachmentService(HonoursDatabase database, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Checks and stores a file.</summary>
    /// <exception cref="HonoursException">The file is refused (type, size, empty), the name is missing, the nomination unknown, or no owner is given.</exception>
    public async Task<Attachment> UploadAsync(AttachmentUpload upload, Stream content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(content);
        var fileName = CleanFileName(upload.FileName);
        if (upload.NominationId is null && upload.InstanceId is null && upload.TaskId is null)
        {
            throw new HonoursException("附件须属于一项推荐、一个流程或一个任务。");
        }

        var bytes = await ReadLimitedAsync(content, fileName, ct).ConfigureAwait(false);
        var inspection = AttachmentInspector.Inspect(bytes, fileName);
        if (!inspection.Accepted)
        {
            throw new HonoursException(inspection.ProblemZh!);
        }

        await using var db = database.CreateDbContext();
        if (upload.NominationId is { } nominationId && !await db.Nominations.AnyAsync(n => n.Id == nominationId, ct).ConfigureAwait(false))
        {
            throw HonoursException.Missing($"推荐 {nominationId} 不存在，无法上传附件。");
        }

        var attachment = new Attachment
        {
            Id = Guid.CreateVersion7(),
            NominationId = upload.NominationId,
            InstanceId = upload.InstanceId,
            TaskId = upload.TaskId,
            MaterialCode = upload.MaterialCode?.Trim() ?? "",
            FileName = fileName,
            ContentType = inspection.ContentType!,
            Size = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            UploadedBy = upload.UploadedBy,
            UploadedAt = _time.GetUtcNow(),
            OrganisationPath = upload.OrganisationPath,
        };
        db.Attachments.Add(attachment);
        db.AttachmentContents.Add(new AttachmentContent { AttachmentId = attachment.Id, Bytes = bytes });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return attachment;
    }

    /// <summary>The metadata of an attachment, or null.</summary>
    public async Task<Attachment?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        return await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct).ConfigureAwait(false);
    }

    /// <summary>The bytes of an attachment, or null.</summary>
    public async Task<byte[]?> ReadContentAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        return await db.AttachmentContents.AsNoTracking().Where(c => c.AttachmentId == id).Select(c => c.Bytes).FirstOrDefaultAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The attachments of a nomination, oldest first (metadata only).</summary>
    /// <summary>The attachments of a process instance (and of its tasks), oldest first.</summary>
    public async Task<IReadOnlyList<Attachment>> ListForInstanceAsync(Guid instanceId, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        return await db.Attachments.AsNoTracking().Where(a => a.InstanceId == instanceId)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).ToListAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Attachment>> ListForNominationAsync(Guid nominationId, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        return await db.Attachments.AsNoTracking().Where(a => a.NominationId == nominationId).OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).ToListAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The required materials of the nomination's campaign that none of its attachments provides.</summary>
    public async Task<IReadOnlyList<RequiredMaterial>> MissingMaterialsAsync(Guid nominationId, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var nomination = await db.Nominations.AsNoTracking().Include(n => n.Nominee).FirstOrDefaultAsync(n => n.Id == nominationId, ct).ConfigureAwait(false)
            ?? throw HonoursException.Missing($"推荐 {nominationId} 不存在。");
        var campaign = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == nomination.CampaignId, ct).ConfigureAwait(false);
        var provided = await db.Attachments.AsNoTracking().Where(a => a.NominationId == nominationId).Select(a => a.MaterialCode).Distinct().ToListAsync(ct).ConfigureAwait(false);
        var categories = nomination.Nominee!.AllCategories;
        return
        [
            .. campaign.RequiredMaterials.Where(m => m.Required
                && (m.OnlyForCategories == NomineeCategories.None || (categories & m.OnlyForCategories) != 0)
                && !provided.Contains(m.Code)),
        ];
    }

    private static string CleanFileName(string? name)
    {
        if (Workflows.Engine.Runtime.TextRules.HasControlCharacters(name))
        {
            throw new HonoursException("文件名不能含有控制字符（如换行、NUL），请改名后上传。The file name must not contain control characters.");
        }

        var cleaned = Path.GetFileName((name ?? "").Replace('\\', '/')).Trim();
        if (cleaned.Length == 0)
        {
            throw new HonoursException("附件须有文件名。");
        }

        return cleaned.Length > HonoursLimits.FileNameLength ? cleaned[^HonoursLimits.FileNameLength..] : cleaned;
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream content, string fileName, CancellationToken ct)
    {
        var limit = HonoursLimits.MaxAttachmentBytes;
        if (content.CanSeek && content.Length - content.Position > limit)
        {
            throw new HonoursException(AttachmentInspector.TooLarge(fileName, content.Length - content.Position));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new HonoursException(AttachmentInspector.TooLarge(fileName, buffer.Length + read));
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
