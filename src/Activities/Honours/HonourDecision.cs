using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflows.Activities.Honours;

/// <summary>
/// The published decision of a campaign (表彰决定): its title and document number; the honour roll is the campaign's
/// nominations in state <see cref="NominationState.Published"/>. One per campaign. Table <c>honour_decisions</c>.
/// </summary>
public sealed class HonourDecision
{
    public Guid Id { get; set; }

    public Guid CampaignId { get; set; }

    /// <summary>关于表彰2026年广东省五一劳动奖章获得者的决定.</summary>
    public string Title { get; set; } = "";

    /// <summary>The document number (文号), e.g. 粤工总〔2026〕12号.</summary>
    public string DocumentNumber { get; set; } = "";

    public DateTimeOffset PublishedAt { get; set; }

    public string PublishedBy { get; set; } = "";

    /// <summary>How many were honoured.</summary>
    public int HonourCount { get; set; }
}

internal sealed class HonourDecisionConfiguration : IEntityTypeConfiguration<HonourDecision>
{
    public void Configure(EntityTypeBuilder<HonourDecision> builder)
    {
        builder.ToTable("honour_decisions");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Title).HasMaxLength(HonoursLimits.TitleLength);
        builder.Property(x => x.DocumentNumber).HasMaxLength(HonoursLimits.CodeLength);
        builder.Property(x => x.PublishedBy).HasMaxLength(HonoursLimits.UserLength);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.CampaignId).IsUnique();
    }
}
