using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflows.Activities.Organisations;

/// <summary>
/// A path an organisation had before it was moved (table <c>organisation_former_paths</c>). Open items keep the paths
/// they were started with (instance and task rows, candidate groups <c>role@oldPath</c>); the directory and the group
/// keys of the organisation's members still answer for the former path, so those items finish where they were
/// started, with the reviewers of the old place. A former path is never given to another organisation.
/// </summary>
public sealed class OrganisationFormerPath
{
    /// <summary>The former path (unique).</summary>
    public string Path { get; set; } = "";

    public Guid OrganisationId { get; set; }

    public DateTimeOffset MovedAt { get; set; }
}

internal sealed class OrganisationFormerPathConfiguration : IEntityTypeConfiguration<OrganisationFormerPath>
{
    public void Configure(EntityTypeBuilder<OrganisationFormerPath> builder)
    {
        builder.ToTable("organisation_former_paths");
        builder.HasKey(x => x.Path);
        builder.Property(x => x.Path).HasMaxLength(OrganisationLimits.PathLength);
        builder.HasIndex(x => x.OrganisationId);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
