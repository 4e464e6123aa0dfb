using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Workflows.Activities.Identity;
using Workflows.Host.Identity;
using Workflows.Host.Web.Localization;

namespace Workflows.Host.Web.Account;

/// <summary>
/// The browser's sign-in and language switch: <c>POST /account/login</c> (the form of <c>/login</c>, signs in with the
/// Identity cookie), <c>POST /account/logout</c> (ends the session), <c>POST /account/change-password</c> (<see cref="PasswordForm"/>) and <c>GET /culture?culture=&amp;returnUrl=</c> (sets the culture cookie).
/// Forms carry an antiforgery token.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").ExcludeFromDescription();
        group.MapPost("/account/login", LoginAsync).AllowAnonymous();
        group.MapPost("/account/logout", LogoutAsync).AllowAnonymous();
        group.MapPost(PasswordForm.Path, PasswordForm.ChangeAsync).AllowAnonymous(); // signed in, or the credentials of a required change
        group.MapGet("/culture", SetCulture).AllowAnonymous();
        return routes;
    }

    /// <summary>Where a failed sign-in goes back to: the form again with the reason (no password in it).</summary>
    internal static string LoginPage(string? error, string? userName, string? returnUrl, DateTimeOffset? lockedUntil = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["error"] = error,
            ["userName"] = userName,
            ["returnUrl"] = returnUrl,
            ["until"] = lockedUntil?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
            Workflows.Host.Configuration.WebServices.LoginPath, query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    private static async Task<IResult> LoginAsync(
        [FromForm] string? userName,
        [FromForm] string? password,
        [FromForm] string? returnUrl,
        Credentials credentials,
        SignInManager<WorkflowUser> signInManager,
        HttpContext httpContext)
    {
        var target = SafeReturnUrl(returnUrl);
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return Results.Redirect(LoginPage("missing", userName, target));
        }

        var result = await credentials.CheckAsync(userName.Trim(), password, Credentials.SourceOf(httpContext), httpContext.RequestAborted);
        switch (result.Status)
        {
            case CredentialStatus.Valid:
                signInManager.AuthenticationScheme = IdentityConstants.ApplicationScheme;
                await signInManager.SignInAsync(result.User!, isPersistent: false);
                return Results.LocalRedirect(target);
            case CredentialStatus.Throttled:
                return Results.Redirect(LoginPage("locked", userName, target, result.RetryAt));
            case CredentialStatus.LockedOut:
                return Results.Redirect(LoginPage("locked", userName, target));
            case CredentialStatus.ChangeRequired:
                return Results.Redirect(PasswordPage("required", userName.Trim(), target));
            default:
                return Results.Redirect(LoginPage("invalid", userName, target));
        }
    }

    private static async Task<IResult> LogoutAsync(IFormCollection form, HttpContext httpContext, SignInManager<WorkflowUser> signInManager, SessionRevocation sessions)
    {
        _ = form; // a form body: the antiforgery token is checked
        if (SessionClaims.SessionOf(httpContext.User) is { } session)
        {
            await sessions.RevokeAsync(session, SessionEndReasons.Logout, httpContext.RequestAborted);
        }

        await signInManager.SignOutAsync();
        return Results.Redirect(Workflows.Host.Configuration.WebServices.LoginPath + "?signedOut=1");
    }

    private static IResult SetCulture(string? culture, string? returnUrl, HttpContext context)
    {
        if (UiCulture.Match(culture) is { } chosen)
        {
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = false });
        }

        return Results.LocalRedirect(SafeReturnUrl(returnUrl));
    }

    /// <summary>The password page with a reason (<c>required</c>, or an error code of <see cref="PasswordForm"/>).</summary>
    internal static string PasswordPage(string? error, string? userName, string? returnUrl, DateTimeOffset? until = null) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(PasswordForm.PagePath, new Dictionary<string, string?>
        {
            ["error"] = error,
            ["userName"] = userName,
            ["returnUrl"] = returnUrl,
            ["until"] = until?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrEmpty(p.Value)));

    /// <summary>Only a path of this site (no scheme, no host, no <c>//</c>): an open redirect is refused.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
