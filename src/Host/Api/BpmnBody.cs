using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Workflows.Host.Configuration;
using Workflows.Host.Errors;

namespace Workflows.Host.Api;

/// <summary>
/// Reads a BPMN document from a request body as text, refusing (413) a body larger than the limits before or
/// while reading it, so an oversized upload is never held in memory.
/// </summary>
internal static class BpmnBody
{
    public static readonly string[] ContentTypes = ["application/xml", "text/xml", "application/octet-stream"];

    public static async Task<string> ReadAsync(HttpRequest request, WorkflowsSettings settings, CancellationToken ct)
    {
        var maxCharacters = settings.Bpmn.MaxDocumentCharacters;
        var maxBytes = settings.MaxRequestBodyBytes;
        var encoding = CheckContentType(request);

        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxCharacters);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        using var reader = new StreamReader(request.Body, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var text = new StringBuilder();
        var buffer = new char[16 * 1024];
        int read;
        while ((read = await reader.ReadAsync(buffer, ct)) > 0)
        {
            if (text.Length + read > maxCharacters)
            {
                throw TooLarge(maxCharacters);
            }

            text.Append(buffer, 0, read);
        }

        if (text.Length == 0)
        {
            throw ApiProblemException.BadRequest("The request body is empty; send the BPMN 2.0 XML file as the body (Content-Type: application/xml).");
        }

        return text.ToString();
    }

    private static ApiProblemException TooLarge(long maxCharacters) => new(
        StatusCodes.Status413PayloadTooLarge,
        "The BPMN file is too large",
        $"A BPMN file may have at most {maxCharacters:N0} characters (Workflows:Bpmn:MaxDocumentCharacters). Split the model into smaller processes.");

    /// <summary>Accepts XML (and octet-stream, as sent by file uploads); the charset parameter, if any, gives the text encoding (UTF-8 by default).</summary>
    private static Encoding CheckContentType(HttpRequest request)
    {
        if (string.IsNullOrEmpty(request.ContentType))
        {
            return Encoding.UTF8;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType))
        {
            throw Unsupported(request.ContentType);
        }

        var type = mediaType.MediaType.Value ?? "";
        var accepted = ContentTypes.Any(t => string.Equals(t, type, StringComparison.OrdinalIgnoreCase))
            || type.EndsWith("+xml", StringComparison.OrdinalIgnoreCase);
        if (!accepted)
        {
            throw Unsupported(request.ContentType);
        }

        var charset = mediaType.Charset.Value;
        if (string.IsNullOrEmpty(charset))
        {
            return Encoding.UTF8;
        }

        try
        {
            return Encoding.GetEncoding(charset.Trim('"'));
        }
        catch (ArgumentException)
        {
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"The charset '{charset}' is not supported; send the file as UTF-8.");
        }
    }

    private static ApiProblemException Unsupported(string contentType) => new(
        StatusCodes.Status415UnsupportedMediaType,
        "Unsupported media type",
        $"The body has the content type '{contentType}'; send the BPMN XML as application/xml, text/xml or application/octet-stream.");
}
