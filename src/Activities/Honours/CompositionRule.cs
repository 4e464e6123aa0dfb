using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflows.Activities.Honours;

/// <summary>What a composition rule requires of the counted category.</summary>
public enum CompositionRuleKind
{
    /// <summary>At least <see cref="CompositionRule.Percent"/> % of the list (产业工人 ≥ 35%).</summary>
    MinimumShare,

    /// <summary>At most <see cref="CompositionRule.Percent"/> % of the list (企业负责人 ≤ 20%).</summary>
    MaximumShare,

    /// <summary>At least <see cref="CompositionRule.Count"/> persons (女性 ≥ 2).</summary>
    MinimumCount,

    /// <summary>At most <see cref="CompositionRule.Count"/> persons.</summary>
    MaximumCount,
}

/// <summary>Which list a composition rule is checked on.</summary>
public enum CompositionScope
{
    /// <summary>The list an allocation unit (city or industry union) passes on, checked when it submits.</summary>
    AllocationUnit,

    /// <summary>The whole campaign's list at the province.</summary>
    Overall,

    /// <summary>The list a district passes on to its city (差额推荐: e.g. at least 3 产业工人), checked when it submits.</summary>
    District,
}

/// <summary>
/// A composition rule (结构比例): "category X is at least / at most P% (or N) of list L". <see cref="Categories"/> is X
/// (a nominee with any of the flags counts); <see cref="BaseCategories"/> narrows L (None: the whole list; e.g. 农民工
/// ≥ 25% of the 农民工 + 产业工人 group). A refusal names the rule by <see cref="NameZh"/>. Table <c>composition_rules</c>.
/// </summary>
public sealed class CompositionRule
{
    public Guid Id { get; set; }

    public Guid CampaignId { get; set; }

    /// <summary>产业工人不少于35%.</summary>
    public string NameZh { get; set; } = "";

    public CompositionRuleKind Kind { get; set; }

    public CompositionScope Scope { get; set; }

    /// <summary>The counted category (X).</summary>
    public NomineeCategories Categories { get; set; }

    /// <summary>The part of the list the share is taken of; None: the whole list.</summary>
    public NomineeCategories BaseCategories { get; set; }

    /// <summary>The share in percent for the share kinds (35 for 35%).</summary>
    public decimal? Percent { get; set; }

    /// <summary>The number of persons for the count kinds.</summary>
    public int? Count { get; set; }

    /// <summary>Display order among the campaign's rules.</summary>
    public int Position { get; set; }
}

internal sealed class CompositionRuleConfiguration : IEntityTypeConfiguration<CompositionRule>
{
    public void Configure(EntityTypeBuilder<CompositionRule> builder)
    {
        builder.ToTable("composition_rules");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.NameZh).HasMaxLength(HonoursLimits.NameLength);
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(HonoursLimits.EnumLength);
        builder.Property(x => x.Scope).HasConversion<string>().HasMaxLength(HonoursLimits.EnumLength);
        builder.Property(x => x.Percent).HasPrecision(5, 2);
        builder.HasIndex(x => x.CampaignId);
    }
}
