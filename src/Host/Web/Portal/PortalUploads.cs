using System.Text.Json;
using Microsoft.JSInterop;
using Workflows.Host.Api;
using Workflows.Host.Web.Localization;
using Workflows.Host.Web.Work;

namespace Workflows.Host.Web.Portal;

/// <summary>
/// The portal's calls that the inbox module does not make (ClientApp/src/portal.js): a file uploaded to a nomination
/// with XMLHttpRequest, reporting its progress, and JSON requests with other methods (PUT). Like <see cref="WorkApi"/>,
/// the browser calls the API with the user's cookie, and the API decides. One per component that needs it.
/// </summary>
public sealed class PortalUploads(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;

    /// <summary>
    /// Uploads the file chosen in the file input <paramref name="inputId"/> to the nomination as
    /// <paramref name="materialCode"/>; <paramref name="progress"/> hears whole percents. Null when no file is chosen.
    /// </summary>
    public async Task<ApiResult<AttachmentDto>?> UploadAsync(string inputId, Guid nominationId, string? materialCode, IProgress<int> progress)
    {
        var module = await ModuleAsync();
        using var listener = DotNetObjectReference.Create(new ProgressListener(progress));
        var answer = await module.InvokeAsync<UploadAnswer>("uploadChosen", TimeSpan.FromMinutes(10), inputId, nominationId, materialCode, listener);
        return answer.Cancelled ? null : Read<AttachmentDto>(answer.Ok, answer.Status, answer.Text);
    }

    /// <summary>
    /// Sends <paramref name="body"/> as JSON with <paramref name="method"/>; a refusal comes with the list of its
    /// sentences (the problem's <c>problems</c>, each naming its field), empty when it has none.
    /// </summary>
    public async Task<(ApiResult<T> Result, IReadOnlyList<string> Problems)> SendAsync<T>(string path, string method, object body)
    {
        var module = await ModuleAsync();
        var answer = await module.InvokeAsync<ApiAnswer>("sendJson", path, method, JsonSerializer.Serialize(body, WorkApi.Json));
        return (Read<T>(answer.Ok, answer.Status, answer.Text), answer.Ok ? [] : ProblemsOf(answer.Text));
    }

    /// <summary>The <c>problems</c> sentences of a problem answer (texts only).</summary>
    public static IReadOnlyList<string> ProblemsOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.TrimStart()[0] != '{')
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.TryGetProperty("problems", out var problems) && problems.ValueKind == JsonValueKind.Array
                ? [.. problems.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!)]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The API's answer as a result: the value, or the problem's text in the UI's language.</summary>
    public static ApiResult<T> Read<T>(bool ok, int status, string? text)
    {
        if (!ok)
        {
            return ApiResult<T>.Failure(status, status == 0 ? UiText.Problems.ByStatus(StatusCodes.Status503ServiceUnavailable) : ProblemText.Of(status, text));
        }

        try
        {
            return ApiResult<T>.Success(status, string.IsNullOrWhiteSpace(text) ? default : JsonSerializer.Deserialize<T>(text, WorkApi.Json));
        }
        catch (JsonException)
        {
            return ApiResult<T>.Failure(StatusCodes.Status500InternalServerError, UiText.Problems.ByStatus(StatusCodes.Status500InternalServerError));
        }
    }

    private async Task<IJSObjectReference> ModuleAsync() =>
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./dist/portal.js");

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // the circuit is gone: nothing to release in the browser
        }
    }

    /// <summary>Receives the upload's progress from the browser.</summary>
    public sealed class ProgressListener(IProgress<int> progress)
    {
        [JSInvokable]
        public void Progress(int percent) => progress.Report(percent);
    }
}
