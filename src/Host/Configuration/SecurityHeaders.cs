namespace Workflows.Host.Configuration;

/// <summary>
/// Response headers against sniffing, framing and injected scripts, on every answer (also error pages):
/// <c>X-Content-Type-Options: nosniff</c>, <c>Referrer-Policy: same-origin</c>, <c>X-Frame-Options: DENY</c> and a
/// Content-Security-Policy. The pages (Blazor on the server, MudBlazor, the bpmn-js and ECharts bundles of
/// <c>wwwroot/dist</c>) load scripts only from this site and need no inline script or eval; styles must allow inline
/// (MudBlazor and bpmn-js write <c>style</c> attributes, which hashes or nonces cannot cover); the circuit's web socket
/// goes to this site ('self'); images and fonts may also be data: or blob: URLs (icons, the diagram's font, SVG
/// exports). The Hangfire dashboard (administrators on this machine) and the API reference page run inline scripts of
/// their own and get only <c>frame-ancestors 'none'</c>.
/// </summary>
public static class SecurityHeaders
{
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string ToolPolicy = "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var response = context.Response;
        response.OnStarting(() =>
        {
            var headers = response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            var path = context.Request.Path;
            headers.ContentSecurityPolicy = path.StartsWithSegments("/hangfire") || path.StartsWithSegments("/scalar")
                ? ToolPolicy
                : PagePolicy;
            return Task.CompletedTask;
        });
        return next(context);
    });
}
