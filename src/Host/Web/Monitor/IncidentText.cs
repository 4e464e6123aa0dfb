using System.Text.RegularExpressions;
using Workflows.Host.Web.Localization;

namespace Workflows.Host.Web.Monitor;

/// <summary>
/// What an incident's error means, in the UI's language: the engine records the chain of exceptions as it was thrown
/// (<c>Type: message → Type: message</c>, technical and English); the monitor shows a sentence made from it and keeps the
/// recorded text for the technical details.
/// </summary>
public static partial class IncidentText
{
    /// <summary>A sentence for <paramref name="lastError"/>.</summary>
    public static string Summary(string? lastError)
    {
        if (string.IsNullOrWhiteSpace(lastError))
        {
            return UiText.Monitor.ErrorUnknown;
        }

        if (ChineseSentence().Match(lastError) is { Success: true } chinese)
        {
            return chinese.Value.Trim(); // the honours activities refuse with Chinese sentences
        }

        if (lastError.Contains("ExpressionException", StringComparison.Ordinal) || lastError.Contains("JavaScriptException", StringComparison.Ordinal))
        {
            return Expression().Match(lastError) is { Success: true } found
                ? UiText.Format(UiText.Monitor.ErrorExpressionOf, found.Groups["expression"].Value)
                : UiText.Monitor.ErrorExpression;
        }

        if (lastError.Contains("SqliteException", StringComparison.Ordinal) || lastError.Contains("NpgsqlException", StringComparison.Ordinal)
            || lastError.Contains("DbUpdate", StringComparison.Ordinal) || lastError.Contains("TimeoutException", StringComparison.Ordinal))
        {
            return UiText.Monitor.ErrorDatabase;
        }

        return UiText.Monitor.ErrorJob;
    }

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}][^→]*[。！？]")]
    private static partial Regex ChineseSentence();

    [GeneratedRegex(@"Expression '(?<expression>[^']{1,80})' failed")]
    private static partial Regex Expression();
}
