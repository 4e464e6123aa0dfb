using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflows.Activities.Honours;

/// <summary>
/// An entry of the honours registry (荣誉库): who received which honour in which year, with its certificate number
/// (unique), the campaign and nomination it came from, and its revocation (撤销, e.g. a 工人先锋号 under 动态管理).
/// A nominee holds an honour type at most once per year. Table <c>honour_records</c>.
/// </summary>
public sealed class HonourRecord
{
    public Guid Id { get; set; }

    public Guid NomineeId { get; set; }

    /// <summary>The name at the time of the award.</summary>
    public string NomineeName { get; set; } = "";

    public NomineeKind NomineeKind { get; set; }

    public string OrganisationPath { get; set; } = "";

    public string HonourTypeCode { get; set; } = "";

    public int Year { get; set; }

    /// <summary>The certificate number (证书编号), unique across the registry: <c>GDLM-2026-0001</c>.</summary>
    public string CertificateNumber { get; set; } = "";

    public Guid? CampaignId { get; set; }

    public Guid? NominationId { get; set; }

    public DateOnly AwardedOn { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    public string RegisteredBy { get; set; } = "";

    /// <summary>When the honour was revoked; null while it stands.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevocationReason { get; set; }

    public string? RevokedBy { get; set; }

    public bool IsRevoked => RevokedAt is not null;
}

internal sealed class HonourRecordConfiguration : IEntityTypeConfiguration<HonourRecord>
{
    public void Configure(EntityTypeBuilder<HonourRecord> builder)
    {
        builder.ToTable("honour_records");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.NomineeName).HasMaxLength(HonoursLimits.NameLength);
        builder.Property(x => x.NomineeKind).HasConversion<string>().HasMaxLength(HonoursLimits.EnumLength);
        builder.Property(x => x.OrganisationPath).HasMaxLength(HonoursLimits.PathLength);
        builder.Property(x => x.HonourTypeCode).HasMaxLength(HonoursLimits.CodeLength);
        builder.Property(x => x.CertificateNumber).HasMaxLength(HonoursLimits.CertificateLength);
        builder.Property(x => x.RegisteredBy).HasMaxLength(HonoursLimits.UserLength);
        builder.Property(x => x.RevocationReason).HasMaxLength(HonoursLimits.ReasonLength);
        builder.Property(x => x.RevokedBy).HasMaxLength(HonoursLimits.UserLength);
        builder.Ignore(x => x.IsRevoked);
        builder.HasOne<Nominee>().WithMany().HasForeignKey(x => x.NomineeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<HonourType>().WithMany().HasForeignKey(x => x.HonourTypeCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.CertificateNumber).IsUnique();
        builder.HasIndex(x => new { x.NomineeId, x.HonourTypeCode, x.Year }).IsUnique();
        builder.HasIndex(x => new { x.HonourTypeCode, x.Year });
        builder.HasIndex(x => x.CampaignId);
    }
}
