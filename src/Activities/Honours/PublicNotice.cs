using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflows.Activities.Honours;

/// <summary>Which notice (公示) it is.</summary>
public enum NoticeLevel
{
    /// <summary>单位公示, by the filing unit, at least 5 working days.</summary>
    Unit,

    /// <summary>省级公示, by the province, 5 working days or 7 calendar days as the campaign says.</summary>
    Provincial,
}

/// <summary>Whether a notice is running.</summary>
public enum NoticeState
{
    Open,
    Closed,
}

/// <summary>
/// A public notice (公示) of nominations: who publishes it, from which day to which day (counted in working days on the
/// official calendar, or calendar days), and its outcome when closed (公示无异议, or the objections upheld).
/// <see cref="SourceKey"/> makes opening idempotent for a process step (<c>instance:element</c>). Table <c>public_notices</c>.
/// </summary>
public sealed class PublicNotice
{
    public Guid Id { get; set; }

    public Guid CampaignId { get; set; }

    public NoticeLevel Level { get; set; }

    /// <summary>The organisation that publishes it.</summary>
    public string OrganisationPath { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>The first day of the notice.</summary>
    public DateOnly StartsOn { get; set; }

    /// <summary>The last day of the notice (included).</summary>
    public DateOnly EndsOn { get; set; }

    /// <summary>The length in days (working days when <see cref="InWorkingDays"/>).</summary>
    public int Days { get; set; }

    public bool InWorkingDays { get; set; }

    /// <summary>The moment the notice is over: midnight (China Standard Time) after <see cref="EndsOn"/>.</summary>
    public DateTimeOffset ClosesAt { get; set; }

    public NoticeState State { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public string OpenedBy { get; set; } = "";

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The closing report (公示结果): 公示期满，无异议 …</summary>
    public string? Report { get; set; }

    /// <summary>What opened it, for idempotency (<c>{instanceId}:{elementId}</c>); null when opened by hand.</summary>
    public string? SourceKey { get; set; }

    public List<PublicNoticeEntry> Entries { get; set; } = [];
}

/// <summary>A nomination listed in a notice.</summary>
public sealed class PublicNoticeEntry
{
    public Guid NoticeId { get; set; }

    public Guid NominationId { get; set; }
}

internal sealed class PublicNoticeConfiguration : IEntityTypeConfiguration<PublicNotice>
{
    public void Configure(EntityTypeBuilder<PublicNotice> builder)
    {
        builder.ToTable("public_notices");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Level).HasConversion<string>().HasMaxLength(HonoursLimits.EnumLength);
        builder.Property(x => x.State).HasConversion<string>().HasMaxLength(HonoursLimits.EnumLength);
        builder.Property(x => x.OrganisationPath).HasMaxLength(HonoursLimits.PathLength);
        builder.Property(x => x.Title).HasMaxLength(HonoursLimits.TitleLength);
        builder.Property(x => x.OpenedBy).HasMaxLength(HonoursLimits.UserLength);
        builder.Property(x => x.Report).HasMaxLength(HonoursLimits.ReasonLength);
        builder.Property(x => x.SourceKey).HasMaxLength(HonoursLimits.SourceKeyLength);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.Entries).WithOne().HasForeignKey(x => x.NoticeId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(x => x.Entries).AutoInclude();
        builder.HasIndex(x => x.SourceKey).IsUnique();
        builder.HasIndex(x => new { x.CampaignId, x.State });
    }
}

internal sealed class PublicNoticeEntryConfiguration : IEntityTypeConfiguration<PublicNoticeEntry>
{
    public void Configure(EntityTypeBuilder<PublicNoticeEntry> builder)
    {
        builder.ToTable("public_notice_entries");
        builder.HasKey(x => new { x.NoticeId, x.NominationId });
        builder.HasOne<Nomination>().WithMany().HasForeignKey(x => x.NominationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.NominationId);
    }
}
