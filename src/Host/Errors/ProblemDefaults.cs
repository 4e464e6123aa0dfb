namespace Workflows.Host.Errors;

/// <summary>Fills in a detail for problems written without one (status code pages: unknown route, wrong method, body too large).</summary>
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
            StatusCodes.Status404NotFound => $"Nothing answers {target}. See /scalar for the endpoints.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not accept {request.Method}. See /scalar for the endpoints.",
            StatusCodes.Status413PayloadTooLarge => "The request body is larger than the server accepts. BPMN files are limited by Workflows:Bpmn:MaxDocumentCharacters.",
            StatusCodes.Status415UnsupportedMediaType => "The body has a content type this endpoint does not read: send JSON as application/json and BPMN files as application/xml.",
            StatusCodes.Status400BadRequest => "The request is not valid.",
            _ => null,
        };
    }
}
