using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Activities.Organisations;

namespace Workflows.Activities.Identity;

/// <summary>A person who signs in (ASP.NET Core Identity user, table <c>users</c>): display name, organisation, e-mail.</summary>
public sealed class WorkflowUser : IdentityUser
{
    /// <summary>The name shown in the UI, in Chinese (张三).</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The organisation the user belongs to (null: none yet).</summary>
    public Guid? OrganisationId { get; set; }
}

internal sealed class WorkflowUserConfiguration : IEntityTypeConfiguration<WorkflowUser>
{
    public void Configure(EntityTypeBuilder<WorkflowUser> builder)
    {
        builder.ToTable("users");
        builder.Property(x => x.DisplayName).HasMaxLength(OrganisationLimits.NameLength);
        builder.HasIndex(x => x.OrganisationId);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.SetNull);
    }
}
