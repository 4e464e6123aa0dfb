using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflows.Activities.Honours;

/// <summary>
/// A batch a level (a district, a city or industry union) passed on to the next level in a campaign: who, when, which
/// nominations. Written by <c>LevelSubmissionService</c> in the same transaction that moves the nominations up.
/// Table <c>level_submissions</c>.
/// </summary>
public sealed class LevelSubmission
{
    public Guid Id { get; set; }

    public Guid CampaignId { get; set; }

    /// <summary>The level that submitted (<c>/gd/gz</c>).</summary>
    public string UnitPath { get; set; } = "";

    /// <summary>The level it went to (<c>/gd</c>).</summary>
    public string NextLevelPath { get; set; } = "";

    public string SubmittedBy { get; set; } = "";

    public DateTimeOffset SubmittedAt { get; set; }

    public List<Guid> NominationIds { get; set; } = [];
}

/// <summary>
/// One row per campaign and submitting level: the lock that makes two submissions of one level run one after the
/// other (the quota is checked over everything the level passed on), with a count of its batches.
/// Table <c>level_lists</c>.
/// </summary>
public sealed class LevelList
{
    public Guid CampaignId { get; set; }

    public string UnitPath { get; set; } = "";

    public int Batches { get; set; }

    public DateTimeOffset? LastSubmittedAt { get; set; }
}

internal sealed class LevelSubmissionConfiguration : IEntityTypeConfiguration<LevelSubmission>
{
    public void Configure(EntityTypeBuilder<LevelSubmission> builder)
    {
        builder.ToTable("level_submissions");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.UnitPath).HasMaxLength(HonoursLimits.PathLength);
        builder.Property(x => x.NextLevelPath).HasMaxLength(HonoursLimits.PathLength);
        builder.Property(x => x.SubmittedBy).HasMaxLength(HonoursLimits.UserLength);
        builder.PrimitiveCollection(x => x.NominationIds);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.CampaignId, x.UnitPath });
    }
}

internal sealed class LevelListConfiguration : IEntityTypeConfiguration<LevelList>
{
    public void Configure(EntityTypeBuilder<LevelList> builder)
    {
        builder.ToTable("level_lists");
        builder.HasKey(x => new { x.CampaignId, x.UnitPath });
        builder.Property(x => x.UnitPath).HasMaxLength(HonoursLimits.PathLength);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}
