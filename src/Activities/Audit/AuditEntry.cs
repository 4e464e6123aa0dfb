using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflows.Activities.Audit;

/// <summary>
/// One change in the audit log (操作日志, table <c>audit_entries</c>): who did what to which subject, when, and the
/// details (JSON, usually <c>{"before": …, "after": …}</c>). Rows are only ever added.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; }

    /// <summary>When the change was made (UTC).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The user name of whoever made the change (<c>system</c> for the host itself).</summary>
    public string Actor { get; set; } = "";

    /// <summary>What was done, a dotted code (<c>organisation.move</c>, <c>user.disable</c>, <c>role.grant</c> …).</summary>
    public string Action { get; set; } = "";

    /// <summary>What it was done to: an organisation path, a user name, a group key (<c>city-reviewer@/gd/gz</c>) …</summary>
    public string Subject { get; set; } = "";

    /// <summary>The details as JSON (before/after, counts of an import …); <c>{}</c> when none.</summary>
    public string Details { get; set; } = "{}";
}

/// <summary>Column sizes of <see cref="AuditEntry"/>.</summary>
public static class AuditLimits
{
    public const int ActorLength = 256;
    public const int ActionLength = 64;
    public const int SubjectLength = 600;
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Actor).HasMaxLength(AuditLimits.ActorLength);
        builder.Property(x => x.Action).HasMaxLength(AuditLimits.ActionLength);
        builder.Property(x => x.Subject).HasMaxLength(AuditLimits.SubjectLength);
        builder.HasIndex(x => x.At);
        builder.HasIndex(x => new { x.Subject, x.At });
        builder.HasIndex(x => new { x.Actor, x.At });
    }
}
