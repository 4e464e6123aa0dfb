using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using Workflows.Host.Web.Account;
using Workflows.Host.Web.Components;
using Workflows.Host.Web.Designer;
using Workflows.Host.Web.Localization;

using Workflows.Host.Web;

// In the namespace of the other start-up extensions, so that Program.cs calls them without a new using.
namespace Workflows.Host.Configuration;

/// <summary>
/// The web UI: Blazor components rendered on the server (interactive over a circuit; the sign-in page as a plain
/// static page), MudBlazor, Simplified Chinese by default with English by cookie, the cookie sign-in form and the
/// designer's activity catalog. Pages that need a sign-in send the browser to <c>/login</c>; <c>/api</c> keeps
/// answering 401/403 problem details.
/// </summary>
public static class WebServices
{
    /// <summary>Where the sign-in page is.</summary>
    public const string LoginPath = "/login";

    /// <summary>Where a signed-in user without the right role is sent.</summary>
    public const string ForbiddenPath = "/forbidden";

    public static WebApplicationBuilder AddWorkflowWeb(this WebApplicationBuilder builder)
    {
        // The host runs from the repository root (dotnet run) or any folder (tests): take the static files of the
        // build (wwwroot, MudBlazor's, the framework's) from the manifest in every environment, not only Development.
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddTransient<MudBlazor.MudLocalizer, ChineseMudLocalizer>();
        services.AddLocalization();
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, RedirectPagesToLogin);
        return builder;
    }

    public static WebApplication MapWorkflowWeb(this WebApplication app)
    {
        // Pages take the language from the culture cookie (Chinese by default); the API is left as it is.
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api"),
            branch => branch.UseRequestLocalization(UiCulture.LocalizationOptions()));
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapAccountEndpoints();
        app.MapActivityCatalogApi();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>
    /// Pages (not <c>/api</c>) that need a sign-in redirect to <see cref="LoginPath"/>, and to <see cref="ForbiddenPath"/>
    /// when the role is missing; whatever the identity set-up does for <c>/api</c> (401/403) stays.
    /// </summary>
    private static void RedirectPagesToLogin(CookieAuthenticationOptions options)
    {
        options.LoginPath = LoginPath;
        options.AccessDeniedPath = ForbiddenPath;
        var toLogin = options.Events.OnRedirectToLogin;
        var toForbidden = options.Events.OnRedirectToAccessDenied;
        options.Events.OnRedirectToLogin = context => IsPage(context.Request) ? Redirect(context) : toLogin(context);
        options.Events.OnRedirectToAccessDenied = context => IsPage(context.Request) ? Redirect(context) : toForbidden(context);
    }

    private static bool IsPage(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api")
        && !request.Path.StartsWithSegments("/_blazor")
        && HttpMethods.IsGet(request.Method);

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
