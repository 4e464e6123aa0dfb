using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Workflows.Host.Configuration;
using Workflows.Host.Web.Localization;
using Workflows.Host.Web.Work;

namespace Workflows.Host.Web.Campaigns;

/// <summary>
/// The REST API as the campaign and dashboard pages call it: from the browser (ClientApp/src/inbox.js's <c>send</c>)
/// with the user's cookie, like <see cref="WorkApi"/>, with PUT for the quota, rule and schedule replacements. The API
/// decides who may do what and words the refusals; the pages show them. Created by the page that uses it.
/// </summary>
public sealed class AdminApi(IJSRuntime js, NavigationManager navigation) : IAsyncDisposable
{
    private IJSObjectReference? _module;

    public Task<ApiResult<T>> GetAsync<T>(string path) => SendAsync<T>(path, "GET", null);

    public Task<ApiResult<T>> PostAsync<T>(string path, object? body) => SendAsync<T>(path, "POST", body ?? new { });

    public Task<ApiResult<T>> PutAsync<T>(string path, object body) => SendAsync<T>(path, "PUT", body);

    private async Task<ApiResult<T>> SendAsync<T>(string path, string method, object? body)
    {
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./dist/inbox.js");
        var answer = await _module.InvokeAsync<ApiAnswer>("send", path, method, body is null ? null : JsonSerializer.Serialize(body, WorkApi.Json), null);
        if (answer.Status == StatusCodes.Status401Unauthorized)
        {
            var returnUrl = "/" + navigation.ToBaseRelativePath(navigation.Uri);
            navigation.NavigateTo($"{WebServices.LoginPath}?returnUrl={Uri.EscapeDataString(returnUrl)}", forceLoad: true);
            return ApiResult<T>.Failure(answer.Status, UiText.Problems.ByStatus(answer.Status));
        }

        if (!answer.Ok)
        {
            return ApiResult<T>.Failure(answer.Status, ProblemsOf(answer.Status, answer.Text));
        }

        try
        {
            return ApiResult<T>.Success(answer.Status, string.IsNullOrWhiteSpace(answer.Text) ? default : JsonSerializer.Deserialize<T>(answer.Text, WorkApi.Json));
        }
        catch (JsonException)
        {
            return ApiResult<T>.Failure(StatusCodes.Status500InternalServerError, UiText.Problems.ByStatus(StatusCodes.Status500InternalServerError));
        }
    }

    /// <summary>
    /// The problem's text. A refusal of the honours rules lists its Chinese sentences in <c>problems</c>: all of them are
    /// shown, with the allocation units' paths (<c>/gd/gz</c>) replaced by their names.
    /// </summary>
    private static string ProblemsOf(int status, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("problems", out var problems) && problems.ValueKind == JsonValueKind.Array)
            {
                var sentences = problems.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()).OfType<string>().ToList();
                if (sentences.Count > 0)
                {
                    return CampaignForm.Readable(string.Join(" ", sentences));
                }
            }
        }
        catch (JsonException)
        {
            // not problem JSON: the status text is enough
        }

        return ProblemText.Of(status, body);
    }

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
            // the circuit is gone
        }
    }
}
