using Microsoft.AspNetCore.Mvc;

namespace Workflows.Host.Identity;

/// <summary>
/// Cross-site request forgery guard for cookie sign-ins: a state-changing request (POST, PUT, PATCH, DELETE) that
/// carries the sign-in cookie and no bearer token must come from this site, told by its <c>Origin</c> header (or,
/// without one, its <c>Referer</c>) naming the request's own host. Another origin, or <c>Origin: null</c>, answers 403
/// before anything runs. Browsers send <c>Origin</c> with every cross-origin POST; a request with neither header
/// (a script or tool, not a page of another site) passes. Bearer-token requests need no check: a browser never adds
/// the token by itself.
/// </summary>
public static class CookieOriginCheck
{
    public static IApplicationBuilder UseCookieOriginCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (Refuses(context.Request) is { } origin)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Cross-site request refused",
                Detail = $"A request signed in with the cookie must come from this site; it came from '{origin}'. 跨站请求已拒绝，请从本系统页面操作。",
            }).ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    /// <summary>The foreign origin of a request to refuse, or null when it may pass.</summary>
    internal static string? Refuses(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method)
            || !request.Cookies.ContainsKey(IdentityServices.CookieName)
            || request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            origin = request.Headers.Referer.ToString();
            if (string.IsNullOrEmpty(origin))
            {
                return null;
            }
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            ? null
            : origin;
    }
}
