using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflows.Activities.Honours;

/// <summary>
/// A quota (名额) of a campaign: how many nominees an allocation unit (a city union or an industry union, by its
/// organisation path) may pass on to the province, in total (<see cref="Categories"/> = None) or in a category
/// (产业工人 7; 其他一线职工和专业技术人员 4 — a nominee with any of the flags counts). Table <c>quotas</c>.
/// </summary>
public sealed class Quota
{
    public Guid Id { get; set; }

    public Guid CampaignId { get; set; }

    /// <summary>The allocation unit (<c>/gd/gz</c>).</summary>
    public string AllocationUnitPath { get; set; } = "";

    /// <summary>The categories counted; None: the unit's total.</summary>
    public NomineeCategories Categories { get; set; }

    /// <summary>The most nominees the unit may pass on in this quota.</summary>
    public int Number { get; set; }

    /// <summary>The quota's name in messages: 总名额 or 「产业工人」名额.</summary>
    public string NameZh => Categories == NomineeCategories.None ? "总名额" : $"「{NomineeCategoryNames.Zh(Categories)}」名额";
}

internal sealed class QuotaConfiguration : IEntityTypeConfiguration<Quota>
{
    public void Configure(EntityTypeBuilder<Quota> builder)
    {
        builder.ToTable("quotas");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.AllocationUnitPath).HasMaxLength(HonoursLimits.PathLength);
        builder.Ignore(x => x.NameZh);
        builder.HasIndex(x => new { x.CampaignId, x.AllocationUnitPath, x.Categories }).IsUnique();
    }
}
