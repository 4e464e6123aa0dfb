using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using Workflows.Host.Web.Account;
using Workflows.Host.Web.Components;
using Workflows.Host.Web.Designer;
using Workflows.Host.Web.Localization;
using Workflows.Host.Web.Notice;
using Workflows.Host.Web.Work;

// In the namespace of the other start-up extensions, so that Program.cs calls them without a new using.
namespace Workflows.Host.Configuration;

/// <summary>
/// The web UI: Blazor components rendered on the server (interactive over a circuit; the sign-in page as a plain
/// static page), MudBlazor, Simplified Chinese by default with English by cookie, the cookie sign-in form, the
/// designer's activity catalog and the work pages' API client. Pages that need a sign-in send the browser to <c>/login</c>; <c>/api</c> keeps
/// answering 401/403 problem details.
/// </summary>
public static class WebServices
{
    /// <summary>Where the sign-in page is.</summary>
    public const string LoginPath = "/login";

    /// <summary>The page shown for an address that matches nothing.</summary>
    public const string NotFoundPath = "/not-found";

    /// <summary>Where a signed-in user without the right role is sent.</summary>
    public const string ForbiddenPath = "/forbidden";

    public static WebApplicationBuilder AddWorkflowWeb(this WebApplicationBuilder builder)
    {
        // The host runs from the repository root (dotnet run) or any folder (tests): take the static files of the
        // build (wwwroot, MudBlazor's, the framework's) from the manifest in every environment, not only Development.
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        // The work pages receive the API's answers over the circuit (lists, histories): more than SignalR's 32 KB default.
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(options => options.MaximumReceiveMessageSize = 1024 * 1024);
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddTransient<MudBlazor.MudLocalizer, ChineseMudLocalizer>();
        services.AddLocalization();
        services.AddScoped<WorkApi>();
        services.AddScoped<WorkNames>();
        // Chinese text is sent as text, not as &#x…; entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, RedirectPagesToLogin);
        return builder;
    }

    public static WebApplication MapWorkflowWeb(this WebApplication app)
    {
        // Pages take the language from the culture cookie (Chinese by default); the API is left as it is.
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api"),
            branch => branch.UseRequestLocalization(UiCulture.LocalizationOptions()));
        // A page address that matches nothing shows the "page not found" page with status 404 (the API keeps its
        // problem details).
        app.Use(ShowNotFoundPage);
        app.UseAntiforgery();

        // Style sheets and scripts are public: the sign-in page needs them before anyone is signed in.
        app.MapStaticAssets().AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapActivityCatalogApi();
        app.MapScopeCatalogApi();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .AllowAnonymousCircuits(); // the public notice page (/notice) works signed out (Web/Notice/PublicCircuit.cs)
        return app;
    }

    /// <summary>
    /// After the rest of the pipeline: a GET of a page address that no endpoint answered renders the page at
    /// <see cref="NotFoundPath"/> (routing ran before this point, so its endpoint is looked up and run here).
    /// </summary>
    private static async Task ShowNotFoundPage(HttpContext context, RequestDelegate next)
    {
        await next(context);
        if (context.Response.StatusCode != StatusCodes.Status404NotFound || context.Response.HasStarted
            || context.GetEndpoint() is not null || !HttpMethods.IsGet(context.Request.Method)
            || context.Request.Path.StartsWithSegments("/api"))
        {
            return;
        }

        var page = context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .FirstOrDefault(e => e.RoutePattern.RawText == NotFoundPath);
        if (page?.RequestDelegate is null)
        {
            return;
        }

        // Rendered with status 404, Blazor leaves the body to the status code pages (the API's problem details):
        // render it as a normal page and send 404 with its headers.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.OnStarting(() =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        context.SetEndpoint(page);
        await page.RequestDelegate(context);
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
