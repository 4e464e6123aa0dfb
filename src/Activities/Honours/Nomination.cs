using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflows.Activities.Honours;

/// <summary>Where a nomination stands.</summary>
public enum NominationState
{
    /// <summary>Being filled in by the filing unit.</summary>
    Draft,

    /// <summary>Passed on to a reviewing level (<see cref="Nomination.LevelPath"/> holds it).</summary>
    Submitted,

    /// <summary>Sent back to the filer for correction (退回补正).</summary>
    Returned,

    /// <summary>Under review at the province (初审、评审、公示).</summary>
    UnderReview,

    /// <summary>Approved (审定); awaits the published decision.</summary>
    Approved,

    /// <summary>Not selected, or refused by a veto, an opinion or an upheld objection.</summary>
    Rejected,

    /// <summary>Taken back by the filer (撤回).</summary>
    Withdrawn,

    /// <summary>In the published decision (表彰决定).</summary>
    Published,
}

/// <summary>
/// A nomination (推荐/申报): a nominee put forward in a campaign by a filing organisation, with the form data of the
/// honour type (JSON, checked by <c>NominationFormValidator</c>), its state, the level that holds it now
/// (<see cref="LevelPath"/>: the district, then the city, then the province), and the process instance that carries it.
/// A nominee has at most one nomination per campaign that is not withdrawn (a unique index). Table <c>nominations</c>.
/// </summary>
public sealed class Nomination
{
    public Guid Id { get; set; }

    public Guid CampaignId { get; set; }

    public Guid NomineeId { get; set; }

    public Nominee? Nominee { get; set; }

    /// <summary>The organisation that filed it (an enterprise union: <c>/gd/gz/th/ent-001/union</c>).</summary>
    public string FiledByOrganisationPath { get; set; } = "";

    /// <summary>The user who filed it.</summary>
    public string FiledByUserId { get; set; } = "";

    /// <summary>The form data (JSON object), checked against the honour type's form.</summary>
    public string FormData { get; set; } = "{}";

    public NominationState State { get; set; }

    /// <summary>The organisation that holds the nomination now (the filer while a draft; then each reviewing level).</summary>
    public string LevelPath { get; set; } = "";

    /// <summary>The step of the process it is at (free text of the design, e.g. <c>city-review</c>).</summary>
    public string Stage { get; set; } = "";

    /// <summary>The process instance that carries it (null until started).</summary>
    public Guid? ProcessInstanceId { get; set; }

    /// <summary>Why it was returned or rejected (the reviewer's words).</summary>
    public string? StateReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When it was last passed on to a higher level.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>Optimistic concurrency: changed by every update.</summary>
    public Guid ConcurrencyStamp { get; set; }
}

internal sealed class NominationConfiguration : IEntityTypeConfiguration<Nomination>
{
    public void Configure(EntityTypeBuilder<Nomination> builder)
    {
        builder.ToTable("nominations");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.FiledByOrganisationPath).HasMaxLength(HonoursLimits.PathLength);
        builder.Property(x => x.FiledByUserId).HasMaxLength(HonoursLimits.UserLength);
        builder.Property(x => x.State).HasConversion<string>().HasMaxLength(HonoursLimits.EnumLength);
        builder.Property(x => x.LevelPath).HasMaxLength(HonoursLimits.PathLength);
        builder.Property(x => x.Stage).HasMaxLength(HonoursLimits.StageLength);
        builder.Property(x => x.StateReason).HasMaxLength(HonoursLimits.ReasonLength);
        builder.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(x => x.Nominee).WithMany().HasForeignKey(x => x.NomineeId).OnDelete(DeleteBehavior.Restrict);

        // One nomination per nominee per campaign; a withdrawn one does not count (the unit may file again).
        builder.HasIndex(x => new { x.CampaignId, x.NomineeId }).IsUnique().HasFilter("state <> 'Withdrawn'");
        builder.HasIndex(x => new { x.CampaignId, x.LevelPath, x.State });
        builder.HasIndex(x => new { x.CampaignId, x.FiledByOrganisationPath });
        builder.HasIndex(x => x.ProcessInstanceId);
    }
}
