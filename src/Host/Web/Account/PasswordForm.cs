using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Workflows.Activities.Identity;
using Workflows.Host.Identity;

namespace Workflows.Host.Web.Account;

/// <summary>
/// <c>POST /account/change-password</c>, the form of the page <c>/account/password</c>: a signed-in user changes their
/// password, or a user whose password must be changed first (demo password on a remote host, set by an administrator)
/// does so with user name and current password. Every session of the user ends; the browser is signed in again with
/// a new session. A refusal goes back to the form with its reason (never a password in the address).
/// </summary>
public static class PasswordForm
{
    /// <summary>The form's target.</summary>
    public const string Path = "/account/change-password";

    /// <summary>The page with the form (Components/Pages/ChangePassword.razor).</summary>
    public const string PagePath = "/account/password";

    internal static async Task<IResult> ChangeAsync(
        [FromForm] string? userName,
        [FromForm] string? currentPassword,
        [FromForm] string? newPassword,
        [FromForm] string? confirmPassword,
        [FromForm] string? returnUrl,
        HttpContext httpContext,
        Credentials credentials,
        SignInThrottling throttling,
        SignInManager<WorkflowUser> signInManager,
        PasswordChanges changes)
    {
        var target = AccountEndpoints.SafeReturnUrl(returnUrl);
        var ct = httpContext.RequestAborted;
        var signedIn = httpContext.User.Identity?.IsAuthenticated == true;
        if (string.IsNullOrEmpty(currentPassword) || string.IsNullOrEmpty(newPassword) || (!signedIn && string.IsNullOrWhiteSpace(userName)))
        {
            return Back("missing");
        }

        if (!string.Equals(newPassword, confirmPassword, StringComparison.Ordinal))
        {
            return Back("mismatch");
        }

        var source = Credentials.SourceOf(httpContext);
        WorkflowUser user;
        if (signedIn && await signInManager.UserManager.GetUserAsync(httpContext.User) is { } current)
        {
            user = current;
            if (await throttling.BlockedUntilAsync(user.UserName!, source, ct) is { } blocked)
            {
                return Back("locked", blocked);
            }
        }
        else
        {
            var check = await credentials.CheckAsync(userName!.Trim(), currentPassword, source, ct);
            switch (check.Status)
            {
                case CredentialStatus.Valid or CredentialStatus.ChangeRequired:
                    user = check.User!;
                    break;
                case CredentialStatus.Throttled:
                    return Back("locked", check.RetryAt);
                case CredentialStatus.LockedOut:
                    return Back("locked");
                default:
                    return Back("invalid");
            }
        }

        var result = await changes.ChangeAsync(user, currentPassword, newPassword, ct);
        switch (result.Status)
        {
            case PasswordChangeStatus.Changed:
                signInManager.AuthenticationScheme = IdentityConstants.ApplicationScheme;
                await signInManager.SignInAsync(user, isPersistent: false); // a new session: the old ones have ended
                return Results.LocalRedirect(AccountEndpoints.PasswordPage("changed", null, target));
            case PasswordChangeStatus.WrongPassword:
                var until = await throttling.RecordFailureAsync(user.UserName!, source, ct);
                return Back(until is null ? "invalid" : "locked", until);
            default:
                return Back(RuleCode(result));
        }

        IResult Back(string error, DateTimeOffset? until = null) =>
            Results.Redirect(AccountEndpoints.PasswordPage(error, signedIn ? null : userName?.Trim(), target, until));
    }

    /// <summary>The first rule broken, as a short code for the page (<c>UiText.Password</c>).</summary>
    private static string RuleCode(PasswordChangeResult result) =>
        result.Codes.Contains(CommonPasswordValidator.CommonCode) ? "common"
        : "rules";
}
