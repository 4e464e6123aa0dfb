using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflows.Activities.Identity;

/// <summary>
/// Failed sign-ins of one user name from one source address (table <c>sign_in_throttles</c>, in the database so that
/// every node sees the same count). See <see cref="SignInThrottling"/>.
/// </summary>
public sealed class SignInThrottle
{
    /// <summary>The normalized user name as typed (also for names that do not exist: the answer must not differ).</summary>
    public string UserKey { get; set; } = "";

    /// <summary>The client's address (<c>HttpContext.Connection.RemoteIpAddress</c>).</summary>
    public string Source { get; set; } = "";

    public int Failures { get; set; }

    public DateTimeOffset LastFailureAt { get; set; }

    /// <summary>Until then sign-ins of this user from this source are refused (429) without looking at the password.</summary>
    public DateTimeOffset? BlockedUntil { get; set; }
}

internal sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottle>
{
    public void Configure(EntityTypeBuilder<SignInThrottle> builder)
    {
        builder.ToTable("sign_in_throttles");
        builder.HasKey(x => new { x.UserKey, x.Source });
        builder.Property(x => x.UserKey).HasMaxLength(256);
        builder.Property(x => x.Source).HasMaxLength(64);
    }
}
