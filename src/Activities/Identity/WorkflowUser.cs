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

    /// <summary>Who set the password: the user, the demo seed, or an administrator (see <see cref="PasswordStates.ChangeRequired"/>).</summary>
    public PasswordState PasswordState { get; set; }

    /// <summary>
    /// When an administrator disabled the account (停用); null while it may sign in. A disabled account is also locked
    /// out for good and its security stamp is renewed, so that its sign-ins end.
    /// </summary>
    public DateTimeOffset? DisabledAt { get; set; }
}

/// <summary>Who set a user's password; a password someone else set must be changed before anything else works.</summary>
public enum PasswordState
{
    /// <summary>The user chose it (or it predates this column).</summary>
    Own = 0,

    /// <summary>A published demo password (<see cref="DemoSeed"/>): changed at first sign-in when the host allows remote clients.</summary>
    Demo = 1,

    /// <summary>Set by an administrator: changed at the next sign-in.</summary>
    Reset = 2,
}

/// <summary>When a password has to be changed before the user may do anything else.</summary>
public static class PasswordStates
{
    /// <summary>
    /// True for a password an administrator set, and for a demo password when the host accepts remote clients
    /// (<c>Workflows:AllowRemote</c>); on loopback the demo passwords of the README keep working.
    /// </summary>
    public static bool ChangeRequired(PasswordState state, bool allowRemote) =>
        state == PasswordState.Reset || (state == PasswordState.Demo && allowRemote);
}

internal sealed class WorkflowUserConfiguration : IEntityTypeConfiguration<WorkflowUser>
{
    public void Configure(EntityTypeBuilder<WorkflowUser> builder)
    {
        builder.ToTable("users");
        builder.Property(x => x.DisplayName).HasMaxLength(OrganisationLimits.NameLength);
        builder.HasIndex(x => x.OrganisationId);
        builder.Property(x => x.PasswordState).HasConversion<string>().HasMaxLength(16).HasDefaultValue(PasswordState.Own).HasSentinel((PasswordState)(-1));
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.SetNull);
    }
}
