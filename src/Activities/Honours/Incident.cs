using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflows.Activities.Honours;

/// <summary>What happened (a veto, 一票否决).</summary>
public enum IncidentKind
{
    /// <summary>安全生产事故: bars for the campaign's veto years after it happened.</summary>
    SafetyAccident,

    /// <summary>严重职业病危害: bars for the veto years.</summary>
    OccupationalDisease,

    /// <summary>群体性事件: bars for the veto years.</summary>
    MassIncident,

    /// <summary>拖欠工资: bars while not settled.</summary>
    WageArrears,

    /// <summary>欠缴社会保险费: bars while not settled.</summary>
    UnpaidSocialInsurance,

    /// <summary>严重环境污染: bars while not remedied.</summary>
    SeriousPollution,
}

/// <summary>
/// A recorded incident that vetoes nominations (安全事故, 职业病, 群体性事件, 欠薪 …): of an organisation (by path; it
/// bars that organisation, the teams and units under it, and its head) and/or of a nominee. The time-barred kinds
/// bar for <see cref="Campaign.VetoYears"/> years after <see cref="OccurredOn"/>; the others while not
/// <see cref="ResolvedOn"/>. Table <c>incidents</c>.
/// </summary>
public sealed class Incident
{
    public Guid Id { get; set; }

    public IncidentKind Kind { get; set; }

    /// <summary>The organisation it happened in (<c>/gd/gz/th/ent-002</c>); empty when it concerns a nominee only.</summary>
    public string OrganisationPath { get; set; } = "";

    public Guid? NomineeId { get; set; }

    public DateOnly OccurredOn { get; set; }

    /// <summary>When arrears were paid or the matter was settled (null: not yet).</summary>
    public DateOnly? ResolvedOn { get; set; }

    public string Description { get; set; } = "";

    public string RecordedBy { get; set; } = "";

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>True for the kinds that bar for a number of years after they happened.</summary>
    public static bool IsTimeBarred(IncidentKind kind) =>
        kind is IncidentKind.SafetyAccident or IncidentKind.OccupationalDisease or IncidentKind.MassIncident;

    /// <summary>The Chinese name of a kind: 安全生产事故 …</summary>
    public static string KindZh(IncidentKind kind) => kind switch
    {
        IncidentKind.SafetyAccident => "安全生产事故",
        IncidentKind.OccupationalDisease => "严重职业病危害事件",
        IncidentKind.MassIncident => "群体性事件",
        IncidentKind.WageArrears => "拖欠职工工资",
        IncidentKind.UnpaidSocialInsurance => "欠缴社会保险费",
        IncidentKind.SeriousPollution => "严重环境污染",
        _ => kind.ToString(),
    };
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("incidents");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(HonoursLimits.EnumLength);
        builder.Property(x => x.OrganisationPath).HasMaxLength(HonoursLimits.PathLength);
        builder.Property(x => x.Description).HasMaxLength(HonoursLimits.ReasonLength);
        builder.Property(x => x.RecordedBy).HasMaxLength(HonoursLimits.UserLength);
        builder.HasOne<Nominee>().WithMany().HasForeignKey(x => x.NomineeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.OrganisationPath);
        builder.HasIndex(x => x.NomineeId);
    }
}
