namespace Workflows.Host.Errors;

/// <summary>A request the API refuses itself (before the engine sees it); answered as problem details with <see cref="StatusCode"/>.</summary>
public sealed class ApiProblemException(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;
    public string Title { get; } = title;

    public static ApiProblemException BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "The request is not valid", detail);

    public static ApiProblemException NotFound(string detail) => new(StatusCodes.Status404NotFound, "Not found", detail);
}
