using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflows.Activities.Honours;

/// <summary>
/// An uploaded file (事迹材料, 职代会会议纪要, 公示照片 …) of a nomination, or of a process instance or task. Its type is
/// the one found in its bytes (PDF, DOCX, JPEG, PNG), never the one its name suggests. The bytes are in
/// <see cref="AttachmentContent"/> (a table of their own, so lists never load them). Table <c>attachments</c>.
/// </summary>
public sealed class Attachment
{
    public Guid Id { get; set; }

    public Guid? NominationId { get; set; }

    public Guid? InstanceId { get; set; }

    public Guid? TaskId { get; set; }

    /// <summary>The required material it provides (<see cref="RequiredMaterial.Code"/>), or empty.</summary>
    public string MaterialCode { get; set; } = "";

    /// <summary>The name the uploader gave (shown, never trusted).</summary>
    public string FileName { get; set; } = "";

    /// <summary>The media type found in the bytes (<c>application/pdf</c> …).</summary>
    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    /// <summary>SHA-256 of the bytes, lowercase hex.</summary>
    public string Sha256 { get; set; } = "";

    public string UploadedBy { get; set; } = "";

    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>The organisation the uploader acted for (who may see it).</summary>
    public string OrganisationPath { get; set; } = "";
}

/// <summary>The bytes of an <see cref="Attachment"/>. Table <c>attachment_contents</c>.</summary>
public sealed class AttachmentContent
{
    public Guid AttachmentId { get; set; }

    public byte[] Bytes { get; set; } = [];
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.ToTable("attachments");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.MaterialCode).HasMaxLength(HonoursLimits.CodeLength);
        builder.Property(x => x.FileName).HasMaxLength(HonoursLimits.FileNameLength);
        builder.Property(x => x.ContentType).HasMaxLength(HonoursLimits.ContentTypeLength);
        builder.Property(x => x.Sha256).HasMaxLength(HonoursLimits.HashLength);
        builder.Property(x => x.UploadedBy).HasMaxLength(HonoursLimits.UserLength);
        builder.Property(x => x.OrganisationPath).HasMaxLength(HonoursLimits.PathLength);
        builder.HasOne<Nomination>().WithMany().HasForeignKey(x => x.NominationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.NominationId);
        builder.HasIndex(x => x.InstanceId);
        builder.HasIndex(x => x.TaskId);
    }
}

internal sealed class AttachmentContentConfiguration : IEntityTypeConfiguration<AttachmentContent>
{
    public void Configure(EntityTypeBuilder<AttachmentContent> builder)
    {
        builder.ToTable("attachment_contents");
        builder.HasKey(x => x.AttachmentId);
        builder.HasOne<Attachment>().WithOne().HasForeignKey<AttachmentContent>(x => x.AttachmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
