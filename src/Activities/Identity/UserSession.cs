using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflows.Activities.Identity;

/// <summary>
/// One sign-in (table <c>user_sessions</c>): every bearer token, refresh token and cookie carries its
/// <see cref="Id"/> (claim <c>sid</c>), and every request checks the row in the database, so that a revoked session
/// ends on every node at once. The refresh tokens of a session are one family: <see cref="RefreshGeneration"/> counts
/// them, a refresh token is good only for the current generation, and a used one presented again revokes the session.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    /// <summary>How the session was opened: <c>bearer</c> or <c>cookie</c>.</summary>
    public string Kind { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this the session is over, whatever its tokens say.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The generation of the one refresh token that may still be used (0: the one of the sign-in).</summary>
    public int RefreshGeneration { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Why it ended (<see cref="SessionEndReasons"/>).</summary>
    public string? RevokedReason { get; set; }
}

/// <summary>The reasons recorded in <see cref="UserSession.RevokedReason"/>.</summary>
public static class SessionEndReasons
{
    public const string Logout = "logout";
    public const string RefreshReuse = "refresh-reuse";
    public const string PasswordChanged = "password-changed";
    public const string PasswordReset = "password-reset";
    public const string Administrator = "administrator";
    public const string Disabled = "disabled";
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("user_sessions");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Kind).HasMaxLength(16);
        builder.Property(x => x.RevokedReason).HasMaxLength(32);
        builder.HasIndex(x => x.UserId);
        builder.HasOne<WorkflowUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
