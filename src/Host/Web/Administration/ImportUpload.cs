using System.Text.Json;
using Microsoft.JSInterop;
using Workflows.Activities.Organisations.Administration;
using Workflows.Host.Web.Portal;
using Workflows.Host.Web.Work;

namespace Workflows.Host.Web.Administration;

/// <summary>What the import page shows after an upload: the report, or the problems of the file.</summary>
public sealed record ImportAnswer(ImportReport? Report, IReadOnlyList<AdminProblem> Problems, string? Failure);

/// <summary>
/// The import page's upload (ClientApp/src/portal.js's <c>uploadChosenTo</c>): the chosen workbook goes from the
/// browser to <c>POST /api/admin/organisations/import</c> with the user's cookie, reporting its progress; the API checks
/// and imports, the page shows its answer.
/// </summary>
public sealed class ImportUpload(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;

    /// <summary>Null when no file is chosen.</summary>
    public async Task<ImportAnswer?> UploadAsync(string inputId, IProgress<int> progress)
    {
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./dist/portal.js");
        using var listener = DotNetObjectReference.Create(new PortalUploads.ProgressListener(progress));
        var answer = await _module.InvokeAsync<UploadAnswer>("uploadChosenTo", TimeSpan.FromMinutes(10), inputId, "/api/admin/organisations/import", listener);
        if (answer.Cancelled)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(answer.Text) ? "{}" : answer.Text);
            if (answer.Ok)
            {
                return new ImportAnswer(document.RootElement.Deserialize<ImportReport>(WorkApi.Json), [], null);
            }

            var problems = document.RootElement.TryGetProperty("problems", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.Deserialize<List<AdminProblem>>(WorkApi.Json) ?? []
                : [];
            var detail = document.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
            return new ImportAnswer(null, problems, detail ?? Localization.UiText.Problems.ByStatus(answer.Status));
        }
        catch (JsonException)
        {
            return new ImportAnswer(null, [], Localization.UiText.Problems.ByStatus(answer.Status));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
            }
        }
    }
}
