using Microsoft.AspNetCore.Identity;
using Workflows.Activities.Identity;
using Workflows.Host.Configuration;

namespace Workflows.Host.Identity;

/// <summary>What a user name and password came to (<see cref="Credentials.CheckAsync"/>).</summary>
public enum CredentialStatus
{
    Valid,

    /// <summary>Wrong name or wrong password (the same answer for both).</summary>
    Invalid,

    /// <summary>Too many failures of this name from this source: wait until <see cref="CredentialResult.RetryAt"/>.</summary>
    Throttled,

    /// <summary>Right password, but an administrator locked or disabled the account.</summary>
    LockedOut,

    /// <summary>Right password, but it must be changed before anything else (<see cref="PasswordStates.ChangeRequired"/>).</summary>
    ChangeRequired,
}

public sealed record CredentialResult(CredentialStatus Status, WorkflowUser? User = null, DateTimeOffset? RetryAt = null);

/// <summary>
/// Checks a user name and password the same way for the API, the sign-in form and the password change: the throttle
/// of the name and source first (<see cref="SignInThrottling"/>), then the password hash — for a name that does not
/// exist a dummy hash, so that an unknown name costs the same time as a wrong password. Identity's own lockout is not
/// used (it let anyone lock any account); a lock or disable set by an administrator still holds.
/// </summary>
public sealed class Credentials(UserManager<WorkflowUser> users, SignInThrottling throttling, WorkflowsSettings settings, TimeProvider time)
{
    private static string? s_dummyHash;

    /// <summary>The source of a request: the client's address.</summary>
    public static string? SourceOf(HttpContext context) => context?.Connection.RemoteIpAddress?.ToString();

    public async Task<CredentialResult> CheckAsync(string userName, string password, string? source, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        if (await throttling.BlockedUntilAsync(userName, source, ct) is { } blocked)
        {
            return new CredentialResult(CredentialStatus.Throttled, RetryAt: blocked);
        }

        var user = await users.FindByNameAsync(userName.Trim());
        bool valid;
        if (user?.PasswordHash is null)
        {
            var dummy = s_dummyHash ??= users.PasswordHasher.HashPassword(new WorkflowUser(), Guid.NewGuid().ToString("N"));
            _ = users.PasswordHasher.VerifyHashedPassword(user ?? new WorkflowUser(), dummy, password);
            valid = false;
        }
        else
        {
            valid = await users.CheckPasswordAsync(user, password);
        }

        if (!valid)
        {
            var until = await throttling.RecordFailureAsync(userName, source, ct);
            return until is null ? new CredentialResult(CredentialStatus.Invalid) : new CredentialResult(CredentialStatus.Throttled, RetryAt: until);
        }

        await throttling.ClearAsync(userName, source, ct);
        if (user!.LockoutEnd is { } lockedUntil && lockedUntil > time.GetUtcNow())
        {
            return new CredentialResult(CredentialStatus.LockedOut, user);
        }

        return PasswordStates.ChangeRequired(user.PasswordState, settings.AllowRemote)
            ? new CredentialResult(CredentialStatus.ChangeRequired, user)
            : new CredentialResult(CredentialStatus.Valid, user);
    }
}
