using Microsoft.AspNetCore.Identity;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Identity;

/// <summary>What a password change or reset came to.</summary>
public enum PasswordChangeStatus
{
    Changed,

    /// <summary>The current password is wrong.</summary>
    WrongPassword,

    /// <summary>The new password breaks a rule (<see cref="PasswordChangeResult.Errors"/>).</summary>
    Refused,

    /// <summary>No such user.</summary>
    NotFound,
}

/// <summary>The answer of <see cref="PasswordChanges"/>; <see cref="Errors"/> are Chinese / English sentences.</summary>
public sealed record PasswordChangeResult(PasswordChangeStatus Status, IReadOnlyList<string> Errors, int SessionsEnded = 0)
{
    /// <summary>Identity's error codes of the broken rules (<see cref="CommonPasswordValidator.CommonCode"/> …).</summary>
    public IReadOnlyList<string> Codes { get; init; } = [];

    public static PasswordChangeResult Of(PasswordChangeStatus status) => new(status, []);

    internal static PasswordChangeResult Refused(IdentityResult result) =>
        new(PasswordChangeStatus.Refused, [.. result.Errors.Select(PasswordRules.Describe)]) { Codes = [.. result.Errors.Select(e => e.Code)] };
}

/// <summary>
/// A user changes their own password, or an administrator sets one (which the user must change at the next sign-in).
/// In one transaction: the new hash, a new security stamp, the <see cref="PasswordState"/> and the end of every
/// session of the user (<see cref="SessionRevocation"/>). The rules are Identity's (length ≥
/// <see cref="CommonPasswordValidator.MinLength"/>, digit, upper and lower case, symbol) and
/// <see cref="CommonPasswordValidator"/>.
/// </summary>
public sealed class PasswordChanges(UserManager<WorkflowUser> users, HonoursDbContext db, SessionRevocation sessions)
{
    /// <summary>The user's own change; <paramref name="currentPassword"/> must be right.</summary>
    public async Task<PasswordChangeResult> ChangeAsync(WorkflowUser user, string currentPassword, string newPassword, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? PasswordChangeResult.Of(PasswordChangeStatus.WrongPassword)
                : PasswordChangeResult.Refused(result);
        }

        return await FinishAsync(tx, user, PasswordState.Own, SessionEndReasons.PasswordChanged, ct).ConfigureAwait(false);
    }

    /// <summary>An administrator sets <paramref name="newPassword"/>; the user must change it at the next sign-in.</summary>
    public async Task<PasswordChangeResult> ResetAsync(string userName, string newPassword, CancellationToken ct = default)
    {
        var user = await users.FindByNameAsync(userName).ConfigureAwait(false);
        if (user is null)
        {
            return PasswordChangeResult.Of(PasswordChangeStatus.NotFound);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, newPassword).ConfigureAwait(false);
            if (!check.Succeeded)
            {
                return PasswordChangeResult.Refused(check);
            }
        }

        user.PasswordHash = users.PasswordHasher.HashPassword(user, newPassword);
        await users.UpdateSecurityStampAsync(user).ConfigureAwait(false); // saves the hash too
        return await FinishAsync(tx, user, PasswordState.Reset, SessionEndReasons.PasswordReset, ct).ConfigureAwait(false);
    }

    private async Task<PasswordChangeResult> FinishAsync(
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, WorkflowUser user, PasswordState state, string reason, CancellationToken ct)
    {
        user.PasswordState = state;
        user.AccessFailedCount = 0;
        var update = await users.UpdateAsync(user).ConfigureAwait(false);
        if (!update.Succeeded)
        {
            return PasswordChangeResult.Refused(update);
        }

        var ended = await sessions.RevokeAllAsync(db, user.Id, reason, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return new PasswordChangeResult(PasswordChangeStatus.Changed, [], ended);
    }
}

/// <summary>Identity's password errors as Chinese / English sentences.</summary>
public static class PasswordRules
{
    public static string Describe(IdentityError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code switch
        {
            nameof(IdentityErrorDescriber.PasswordTooShort) => $"密码至少需要 {CommonPasswordValidator.MinLength} 个字符。 / The password needs at least {CommonPasswordValidator.MinLength} characters.",
            nameof(IdentityErrorDescriber.PasswordRequiresDigit) => "密码需要包含数字。 / The password needs a digit.",
            nameof(IdentityErrorDescriber.PasswordRequiresLower) => "密码需要包含小写字母。 / The password needs a lower-case letter.",
            nameof(IdentityErrorDescriber.PasswordRequiresUpper) => "密码需要包含大写字母。 / The password needs an upper-case letter.",
            nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => "密码需要包含符号（如 #、!）。 / The password needs a symbol (such as # or !).",
            nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => "密码中不同的字符太少。 / The password needs more different characters.",
            _ => error.Description,
        };
    }
}
