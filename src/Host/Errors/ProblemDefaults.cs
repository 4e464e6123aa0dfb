using Workflows.Host.Identity;

namespace Workflows.Host.Errors;

/// <summary>
/// Fills in a detail for problems written without one (status code pages: not signed in, not allowed, unknown route,
/// wrong method, body too large).
/// </summary>
public static class ProblemDefaults
{
    public static void Complete(ProblemDetailsContext context)
    {
        if (!string.IsNullOrEmpty(context.ProblemDetails.Detail))
        {
            return;
        }

        var request = context.HttpContext.Request;
        var target = $"{request.Method} {request.Path}";
        context.ProblemDetails.Detail = context.ProblemDetails.Status switch
        {
            StatusCodes.Status401Unauthorized =>
                "请先登录（POST /api/auth/login），再携带令牌（Authorization: Bearer …）或 Cookie 访问。 / Sign in first (POST /api/auth/login) and send the bearer token or the cookie.",
            StatusCodes.Status403Forbidden => Forbidden(ForbiddenRoles.Of(context.HttpContext)),
            StatusCodes.Status404NotFound => $"Nothing answers {target}. See /scalar for the endpoints.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not accept {request.Method}. See /scalar for the endpoints.",
            StatusCodes.Status413PayloadTooLarge => "The request body is larger than the server accepts. BPMN files are limited by Workflows:Bpmn:MaxDocumentCharacters.",
            StatusCodes.Status415UnsupportedMediaType => "The body has a content type this endpoint does not read: send JSON as application/json and BPMN files as application/xml.",
            StatusCodes.Status400BadRequest => "The request is not valid.",
            _ => null,
        };
    }

    private static string Forbidden(IReadOnlyList<string> roles) => roles.Count == 0
        ? "您已登录，但无权执行此操作。 / You are signed in but may not do this."
        : $"您已登录，但此操作需要以下角色之一：{string.Join("、", roles)}。 / You are signed in but this needs one of the roles {string.Join(", ", roles)}.";
}
