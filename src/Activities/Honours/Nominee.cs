using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflows.Activities.Honours;

/// <summary>A person's gender as on the ID card.</summary>
public enum Gender
{
    Male,
    Female,
}

/// <summary>
/// Who is nominated: a person, a unit or a team, kept once and referred to by every nomination and honour of theirs
/// (so "one nomination per person per campaign" and "holds the medal already" are look-ups by <see cref="Id"/>).
/// The ID number (居民身份证号码) or unified social credit code (统一社会信用代码) is never stored in the clear: a keyed
/// hash (<see cref="IdentifierHash"/>, for finding the same nominee again and "already nominated"), a masked form for
/// display, and the value sealed with the data-protection key ring (<see cref="IdentifierSealed"/>) for those who may
/// see it in full (<c>PersonalDataService</c>). Table <c>nominees</c>.
/// </summary>
public sealed class Nominee
{
    /// <summary>The ethnicity that is not a minority (汉族).</summary>
    public const string HanEthnicity = "汉族";

    public Guid Id { get; set; }

    public NomineeKind Kind { get; set; }

    /// <summary>The person's, unit's or team's name (张三, 广州珠江精密电气有限公司, 数控车间精密加工班组).</summary>
    public string Name { get; set; } = "";

    /// <summary>HMAC-SHA-256 of the normalised identifier (see <see cref="NomineeIdentity"/>), lowercase hex; unique per kind.</summary>
    public string IdentifierHash { get; set; } = "";

    /// <summary>The identifier as shown: <c>4401**********003X</c>.</summary>
    public string IdentifierMasked { get; set; } = "";

    /// <summary>
    /// The normalised identifier sealed by <c>PersonalDataProtector</c> (<c>pd1:…</c>); null for nominees registered
    /// before it was kept (their identifier exists only as hash and mask until they are filed again).
    /// </summary>
    public string? IdentifierSealed { get; set; }

    public Gender? Gender { get; set; }

    /// <summary>民族, e.g. 汉族, 壮族.</summary>
    public string Ethnicity { get; set; } = "";

    public DateOnly? BirthDate { get; set; }

    /// <summary>The person's employer, the unit itself, or the team's organisation (<c>/gd/gz/th/ent-002</c>).</summary>
    public string OrganisationPath { get; set; } = "";

    /// <summary>职务/职称 of a person (高级技师, 总经理).</summary>
    public string Position { get; set; } = "";

    /// <summary>The categories given when filing; women and ethnic minorities are added from gender and ethnicity by <see cref="AllCategories"/>.</summary>
    public NomineeCategories Categories { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary><see cref="Categories"/> with 女性 from <see cref="Gender"/> and 少数民族 from <see cref="Ethnicity"/>.</summary>
    public NomineeCategories AllCategories
    {
        get
        {
            var all = Categories;
            if (Gender == Honours.Gender.Female)
            {
                all |= NomineeCategories.Women;
            }

            if (Ethnicity.Length > 0 && Ethnicity != HanEthnicity)
            {
                all |= NomineeCategories.EthnicMinority;
            }

            return all;
        }
    }

    /// <summary>True when a veto of the nominee's organisation bars the nominee too: a unit, a team, or an enterprise head.</summary>
    public bool AnswersForOrganisation =>
        Kind != NomineeKind.Individual || Categories.HasFlag(NomineeCategories.EnterpriseHead);
}

internal sealed class NomineeConfiguration : IEntityTypeConfiguration<Nominee>
{
    public void Configure(EntityTypeBuilder<Nominee> builder)
    {
        builder.ToTable("nominees");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(HonoursLimits.EnumLength);
        builder.Property(x => x.Name).HasMaxLength(HonoursLimits.NameLength);
        builder.Property(x => x.IdentifierHash).HasMaxLength(HonoursLimits.HashLength);
        builder.Property(x => x.IdentifierMasked).HasMaxLength(HonoursLimits.MaskedLength);
        builder.Property(x => x.IdentifierSealed).HasMaxLength(Privacy.PersonalDataProtector.SealedLength);
        builder.Property(x => x.Gender).HasConversion<string>().HasMaxLength(HonoursLimits.EnumLength);
        builder.Property(x => x.Ethnicity).HasMaxLength(HonoursLimits.EthnicityLength);
        builder.Property(x => x.OrganisationPath).HasMaxLength(HonoursLimits.PathLength);
        builder.Property(x => x.Position).HasMaxLength(HonoursLimits.NameLength);
        builder.Ignore(x => x.AllCategories);
        builder.Ignore(x => x.AnswersForOrganisation);
        builder.HasIndex(x => new { x.Kind, x.IdentifierHash }).IsUnique();
        builder.HasIndex(x => x.OrganisationPath);
    }
}
