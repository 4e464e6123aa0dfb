using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Activities.Honours;

namespace Workflows.Activities.Privacy;

/// <summary>What was done with personal data.</summary>
public enum PersonalDataAction
{
    /// <summary>Shown in full on an explicit "show in full" (显示完整信息).</summary>
    Reveal,

    /// <summary>Written out in full to an export.</summary>
    Export,

    /// <summary>Deleted when its retention ran out.</summary>
    Erase,
}

/// <summary>Whose personal data.</summary>
public enum PersonalDataSubject
{
    /// <summary>A nominee's ID number or credit code (subject id: the nomination).</summary>
    Nominee,

    /// <summary>An objector's real name and contact (subject id: the objection).</summary>
    Objector,
}

/// <summary>
/// One access to personal data in full (个人信息访问记录): who (user name), when, what (the subject, the record and
/// the fields), why (the reason given). Written in the same transaction as nothing else: a reveal is refused when its
/// record cannot be written. Table <c>personal_data_access</c>, listed by <c>GET /api/admin/personal-data-access</c>.
/// </summary>
public sealed class PersonalDataAccess
{
    public Guid Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The user name of who saw or exported it (<c>system</c> for the retention sweep).</summary>
    public string Actor { get; set; } = "";

    public PersonalDataAction Action { get; set; }

    public PersonalDataSubject Subject { get; set; }

    /// <summary>The record: the nomination for a nominee, the objection for an objector.</summary>
    public Guid SubjectId { get; set; }

    /// <summary>The fields, comma-separated (<c>identifier</c>; <c>objectorName,objectorContact</c>).</summary>
    public string Fields { get; set; } = "";

    /// <summary>Why, in the user's words (may be empty).</summary>
    public string Reason { get; set; } = "";
}

internal sealed class PersonalDataAccessConfiguration : IEntityTypeConfiguration<PersonalDataAccess>
{
    public void Configure(EntityTypeBuilder<PersonalDataAccess> builder)
    {
        builder.ToTable("personal_data_access");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Actor).HasMaxLength(HonoursLimits.UserLength);
        builder.Property(x => x.Action).HasConversion<string>().HasMaxLength(HonoursLimits.EnumLength);
        builder.Property(x => x.Subject).HasConversion<string>().HasMaxLength(HonoursLimits.EnumLength);
        builder.Property(x => x.Fields).HasMaxLength(HonoursLimits.NameLength);
        builder.Property(x => x.Reason).HasMaxLength(HonoursLimits.NameLength);
        builder.HasIndex(x => x.At);
        builder.HasIndex(x => new { x.Subject, x.SubjectId });
    }
}
