using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Workflows.Host.Api;
using Workflows.Host.Configuration;
using Workflows.Host.Web.Localization;

namespace Workflows.Host.Web.Work;

/// <summary>
/// The REST API as the inbox, task and instance pages call it: from the browser (ClientApp/src/inbox.js), with the
/// user's sign-in cookie, like any other client. The API is the one place that decides who may read a task or an
/// instance, which operations a node allows now and what a refusal says; the pages show its answers and add nothing
/// of their own to those rules. Files go from the browser to the API directly, not through the page's connection.
/// One per circuit (scoped).
/// </summary>
public sealed class WorkApi(IJSRuntime js, NavigationManager navigation) : IAsyncDisposable
{
    /// <summary>The API's JSON: camelCase names, enums as camelCase strings.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private IJSObjectReference? _module;

    public Task<ApiResult<T>> GetAsync<T>(string path) => SendAsync<T>(path, "GET", null, null);

    /// <summary>A command: <paramref name="requestId"/> is sent as Idempotency-Key, so that a repeated click is answered, not applied twice.</summary>
    public Task<ApiResult<T>> PostAsync<T>(string path, object? body, string? requestId = null) =>
        SendAsync<T>(path, "POST", body is null ? "{}" : JsonSerializer.Serialize(body, Json), requestId);

    /// <summary>Lets the user choose a file and uploads it to the instance; null when no file was chosen.</summary>
    public async Task<ApiResult<AttachmentDto>?> UploadAsync(Guid instanceId, Guid? taskId, string label)
    {
        var module = await ModuleAsync();
        var answer = await module.InvokeAsync<UploadAnswer>("chooseAndUpload", instanceId, taskId, label);
        return answer.Cancelled ? null : Read<AttachmentDto>(new ApiAnswer(answer.Ok, answer.Status, answer.Text));
    }

    /// <summary>Puts the keyboard focus back on an element (the button that opened a dialog).</summary>
    public async Task FocusAsync(string elementId)
    {
        var module = await ModuleAsync();
        await module.InvokeVoidAsync("focusById", elementId);
    }

    private async Task<ApiResult<T>> SendAsync<T>(string path, string method, string? body, string? requestId)
    {
        var module = await ModuleAsync();
        var answer = await module.InvokeAsync<ApiAnswer>("send", path, method, body, requestId);
        return Read<T>(answer);
    }

    private ApiResult<T> Read<T>(ApiAnswer answer)
    {
        if (answer.Status == StatusCodes.Status401Unauthorized)
        {
            // The sign-in expired while the page was open: sign in again and come back here.
            var returnUrl = "/" + navigation.ToBaseRelativePath(navigation.Uri);
            navigation.NavigateTo($"{WebServices.LoginPath}?returnUrl={Uri.EscapeDataString(returnUrl)}", forceLoad: true);
            return ApiResult<T>.Failure(answer.Status, UiText.Problems.ByStatus(answer.Status));
        }

        if (!answer.Ok)
        {
            return ApiResult<T>.Failure(answer.Status, ProblemText.Of(answer.Status, answer.Text));
        }

        try
        {
            var value = string.IsNullOrWhiteSpace(answer.Text) ? default : JsonSerializer.Deserialize<T>(answer.Text, Json);
            return ApiResult<T>.Success(answer.Status, value);
        }
        catch (JsonException)
        {
            return ApiResult<T>.Failure(StatusCodes.Status500InternalServerError, UiText.Problems.ByStatus(StatusCodes.Status500InternalServerError));
        }
    }

    private async Task<IJSObjectReference> ModuleAsync() =>
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./dist/inbox.js");

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
}
