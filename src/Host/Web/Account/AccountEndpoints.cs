using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Workflows.Activities.Identity;
using Workflows.Host.Web.Localization;

namespace Workflows.Host.Web.Account;

/// <summary>
/// The browser's sign-in and language switch: <c>POST /account/login</c> (the form of <c>/login</c>, signs in with the
/// Identity cookie), <c>POST /account/logout</c> and <c>GET /culture?culture=&amp;returnUrl=</c> (sets the culture cookie).
/// Forms carry an antiforgery token.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").ExcludeFromDescription();
        group.MapPost("/account/login", LoginAsync).AllowAnonymous();
        group.MapPost("/account/logout", LogoutAsync).AllowAnonymous();
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
        SignInManager<WorkflowUser> signInManager)
    {
        var target = SafeReturnUrl(returnUrl);
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return Results.Redirect(LoginPage("missing", userName, target));
        }

        signInManager.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        var result = await signInManager.PasswordSignInAsync(userName.Trim(), password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return Results.LocalRedirect(target);
        }

        if (result.IsLockedOut)
        {
            var user = await signInManager.UserManager.FindByNameAsync(userName.Trim());
            return Results.Redirect(LoginPage("locked", userName, target, user?.LockoutEnd));
        }

        return Results.Redirect(LoginPage("invalid", userName, target));
    }

    private static async Task<IResult> LogoutAsync(IFormCollection form, SignInManager<WorkflowUser> signInManager)
    {
        _ = form; // a form body: the antiforgery token is checked
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

    /// <summary>Only a path of this site (no scheme, no host, no <c>//</c>): an open redirect is refused.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
