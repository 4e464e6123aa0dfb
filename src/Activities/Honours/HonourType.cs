using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflows.Activities.Honours;

/// <summary>Who an honour is awarded to.</summary>
public enum NomineeKind
{
    /// <summary>A person (五一劳动奖章, 劳动模范, 南粤工匠 …).</summary>
    Individual,

    /// <summary>A unit: an enterprise, 事业单位, organ or social organisation (五一劳动奖状, 先进集体).</summary>
    Unit,

    /// <summary>A team, department or sub-unit (工人先锋号).</summary>
    Team,
}

/// <summary>How often an honour is awarded.</summary>
public enum HonourCycle
{
    Yearly,

    /// <summary>Every five years (劳动模范和先进工作者).</summary>
    FiveYearly,
}

/// <summary>The kind of value a nomination form field holds.</summary>
public enum FormFieldKind
{
    /// <summary>Text; <see cref="HonourFormField.MaxLength"/> counts characters (汉字 count one each).</summary>
    Text,

    /// <summary>A date, <c>yyyy-MM-dd</c>.</summary>
    Date,

    /// <summary>A number.</summary>
    Number,

    /// <summary>One of <see cref="HonourFormField.Options"/>.</summary>
    Choice,
}

/// <summary>One field of the nomination form of an honour type (推荐审批表), stored as JSON in the honour type's row.</summary>
public sealed record HonourFormField
{
    /// <summary>The key in the form data JSON (<c>deedsSummary</c>).</summary>
    public required string Key { get; init; }

    /// <summary>The label shown to users and named in messages (事迹摘要).</summary>
    public required string LabelZh { get; init; }

    public FormFieldKind Kind { get; init; } = FormFieldKind.Text;

    public bool Required { get; init; }

    /// <summary>Most characters of a text (null: no limit beyond the form's size).</summary>
    public int? MaxLength { get; init; }

    /// <summary>The allowed values of a choice.</summary>
    public List<string> Options { get; init; } = [];
}

/// <summary>
/// An honour (表彰项目): 五一劳动奖章, 五一劳动奖状, 工人先锋号, 劳动模范, 南粤工匠, 南粤最美职工 … with who receives it, how often,
/// which honours a nominee must already hold (<see cref="PrerequisiteHonourCodes"/>, e.g. 南粤最美职工 is chosen from medal
/// holders) and its nomination form. Table <c>honour_types</c>; the defaults are in <see cref="HonourCatalog"/>.
/// </summary>
public sealed class HonourType
{
    /// <summary>The key: <c>labour-medal</c>, <c>labour-certificate</c>, <c>pioneer-team</c>, <c>model-worker</c>, <c>craftsman</c>, <c>loveliest-worker</c>.</summary>
    public string Code { get; set; } = "";

    /// <summary>广东省五一劳动奖章.</summary>
    public string NameZh { get; set; } = "";

    /// <summary>Guangdong May Day Labour Medal.</summary>
    public string NameEn { get; set; } = "";

    public NomineeKind NomineeKind { get; set; }

    public HonourCycle Cycle { get; set; }

    /// <summary>The nominee must hold one of these honours (not revoked); empty: no prerequisite.</summary>
    public List<string> PrerequisiteHonourCodes { get; set; } = [];

    /// <summary>
    /// How recent the prerequisite honour must be, in years before the campaign's year (0: the same year; null: any
    /// year).
    /// </summary>
    public int? PrerequisiteWithinYears { get; set; }

    /// <summary>The prefix of certificate numbers (<c>GDLM</c> → <c>GDLM-2026-0001</c>).</summary>
    public string CertificatePrefix { get; set; } = "";

    /// <summary>The fields of the nomination form; the form data of a nomination is checked against them.</summary>
    public List<HonourFormField> FormFields { get; set; } = [];
}

internal sealed class HonourTypeConfiguration : IEntityTypeConfiguration<HonourType>
{
    public void Configure(EntityTypeBuilder<HonourType> builder)
    {
        builder.ToTable("honour_types");
        builder.HasKey(x => x.Code);
        builder.Property(x => x.Code).HasMaxLength(HonoursLimits.CodeLength);
        builder.Property(x => x.NameZh).HasMaxLength(HonoursLimits.NameLength);
        builder.Property(x => x.NameEn).HasMaxLength(HonoursLimits.NameLength);
        builder.Property(x => x.NomineeKind).HasConversion<string>().HasMaxLength(HonoursLimits.EnumLength);
        builder.Property(x => x.Cycle).HasConversion<string>().HasMaxLength(HonoursLimits.EnumLength);
        builder.Property(x => x.CertificatePrefix).HasMaxLength(HonoursLimits.CodeLength);
        builder.PrimitiveCollection(x => x.PrerequisiteHonourCodes);
        builder.Property(x => x.FormFields).HasConversion(HonoursJson.ListConverter<HonourFormField>(), HonoursJson.ListComparer<HonourFormField>());
    }
}
