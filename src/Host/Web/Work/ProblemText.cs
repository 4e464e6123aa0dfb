using System.Text.Json;
using System.Text.RegularExpressions;
using Workflows.Host.Web.Localization;

namespace Workflows.Host.Web.Work;

/// <summary>
/// The text of an API problem (RFC 7807) in the UI's language. The host writes its details bilingual, either
/// "English. 中文。" (the engine and the API) or "中文 / English" (the sign-in and role answers): the Chinese UI shows
/// the Chinese part, the English UI the English one. A detail without Chinese is replaced by a Chinese text for its
/// status (or for the missing field), so that no English is left in the Chinese UI.
/// </summary>
public static partial class ProblemText
{
    /// <summary>The problem's text from a status and the answer's body (problem JSON or anything else).</summary>
    public static string Of(int status, string? body) => Detail(status, DetailOf(body));

    /// <summary>The problem's text from a status and its detail.</summary>
    public static string Detail(int status, string? detail)
    {
        var (english, chinese) = Split(detail);
        if (!UiCulture.IsChinese)
        {
            return english ?? chinese ?? UiText.Problems.ByStatus(status);
        }

        if (chinese is not null)
        {
            return chinese;
        }

        return english is not null && RequiredField().Match(english) is { Success: true } required
            ? UiText.Format(UiText.Problems.Required, UiText.Problems.Field(required.Groups[1].Value))
            : UiText.Problems.ByStatus(status);
    }

    /// <summary>The English and the Chinese part of a detail (either may be null).</summary>
    internal static (string? English, string? Chinese) Split(string? detail)
    {
        if (string.IsNullOrWhiteSpace(detail))
        {
            return (null, null);
        }

        var text = detail.Trim();
        var slash = text.IndexOf(" / ", StringComparison.Ordinal);
        if (slash > 0 && HasChinese(text[..slash]))
        {
            return (Optional(text[(slash + 3)..]), Optional(text[..slash]));
        }

        var start = ChineseStart(text);
        return start < 0 ? (text, null) : (Optional(text[..start]), Optional(text[start..]));
    }

    /// <summary>
    /// Where the Chinese sentences begin: the first Chinese character at the start of the text or after the end of an
    /// English sentence (". ", "! ", "? ", ": "); a Chinese name quoted inside the English part does not count.
    /// </summary>
    private static int ChineseStart(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsChinese(text[i]))
            {
                continue;
            }

            if (i == 0 || (i >= 2 && text[i - 1] == ' ' && text[i - 2] is '.' or '!' or '?' or ':' or ')'))
            {
                return i;
            }
        }

        return -1;
    }

    private static string? DetailOf(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String
                ? detail.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool HasChinese(string text) => text.Any(IsChinese);

    private static bool IsChinese(char c) => c is >= '\u4e00' and <= '\u9fff';

    private static string? Optional(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex(@"^'(\w+)' is required")]
    private static partial Regex RequiredField();
}
