using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflows.Activities.Honours;

/// <summary>Where an objection stands.</summary>
public enum ObjectionState
{
    /// <summary>Received, under investigation (调查核实中).</summary>
    Investigating,

    /// <summary>Found true: the nomination is rejected (异议成立).</summary>
    Upheld,

    /// <summary>Found without ground (异议不成立).</summary>
    Dismissed,
}

/// <summary>
/// An objection (异议) raised against a nomination during a public notice: by a named person with a contact, or by a
/// unit with its seal (an attachment showing the sealed letter), and the outcome of its investigation. The objector's
/// name and contact are personal data: stored sealed (<c>PersonalDataProtector</c>), shown masked, in full only to the
/// investigators (<c>PersonalDataService</c>), and erased when their retention after the notice runs out
/// (<see cref="PersonalDataErasedAt"/>). Table <c>objections</c>.
/// </summary>
public sealed class Objection
{
    public Guid Id { get; set; }

    public Guid NoticeId { get; set; }

    public Guid NominationId { get; set; }

    /// <summary>The objector's real name, or the unit's name, sealed (<c>pd1:…</c>); empty once erased.</summary>
    public string ObjectorName { get; set; } = "";

    /// <summary>A telephone number or e-mail address to reach the objector, sealed (<c>pd1:…</c>); empty once erased.</summary>
    public string ObjectorContact { get; set; } = "";

    /// <summary>The name as shown by default: 张* (a unit's name in full); empty once erased.</summary>
    public string ObjectorNameMasked { get; set; } = "";

    /// <summary>The contact as shown by default: 138****5678; empty once erased.</summary>
    public string ObjectorContactMasked { get; set; } = "";

    /// <summary>When the name and contact were erased (retention after the notice closed); null while kept.</summary>
    public DateTimeOffset? PersonalDataErasedAt { get; set; }

    /// <summary>True when a unit raised it (it then carries <see cref="SealAttachmentId"/>).</summary>
    public bool ByUnit { get; set; }

    public Guid? SealAttachmentId { get; set; }

    public string Content { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }

    public ObjectionState State { get; set; }

    /// <summary>What the investigation found (调查核实情况).</summary>
    public string? Findings { get; set; }

    public DateTimeOffset? ConcludedAt { get; set; }

    public string? ConcludedBy { get; set; }

    /// <summary>What recorded it, for idempotency (<c>{instanceId}:{elementId}</c>); null when recorded by hand.</summary>
    public string? SourceKey { get; set; }
}

internal sealed class ObjectionConfiguration : IEntityTypeConfiguration<Objection>
{
    public void Configure(EntityTypeBuilder<Objection> builder)
    {
        builder.ToTable("objections");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.ObjectorName).HasMaxLength(Privacy.PersonalDataProtector.SealedLength);
        builder.Property(x => x.ObjectorContact).HasMaxLength(Privacy.PersonalDataProtector.SealedLength);
        builder.Property(x => x.ObjectorNameMasked).HasMaxLength(HonoursLimits.NameLength);
        builder.Property(x => x.ObjectorContactMasked).HasMaxLength(HonoursLimits.ContactLength);
        builder.Property(x => x.Content).HasMaxLength(HonoursLimits.ReasonLength);
        builder.Property(x => x.State).HasConversion<string>().HasMaxLength(HonoursLimits.EnumLength);
        builder.Property(x => x.Findings).HasMaxLength(HonoursLimits.ReasonLength);
        builder.Property(x => x.ConcludedBy).HasMaxLength(HonoursLimits.UserLength);
        builder.Property(x => x.SourceKey).HasMaxLength(HonoursLimits.SourceKeyLength);
        builder.HasOne<PublicNotice>().WithMany().HasForeignKey(x => x.NoticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Nomination>().WithMany().HasForeignKey(x => x.NominationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.NoticeId);
        builder.HasIndex(x => x.NominationId);
        builder.HasIndex(x => x.SourceKey).IsUnique();
    }
}
