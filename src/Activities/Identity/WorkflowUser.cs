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

    /// <summary>
    /// When an administrator disabled the account (停用); null while it may sign in. A disabled account is also locked
    /// out for good and its security stamp is renewed, so that its sign-ins end.
    /// </summary>
    public DateTimeOffset? DisabledAt { get; set; }
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
