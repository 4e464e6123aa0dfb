namespace Workflows.Engine.Runtime;

/// <summary>
/// Characters refused in names and keys: control characters (NUL, CR, LF, tab, escape, DEL, C1) and the invisible
/// line, paragraph and direction marks that change how a text reads on a page (U+2028/2029, U+202A–202E, U+2066–2069).
/// </summary>
public static class TextRules
{
    /// <summary>Whether <paramref name="text"/> contains a refused character.</summary>
    public static bool HasControlCharacters(string? text)
    {
        if (text is null)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (IsRefused(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><paramref name="text"/> without its refused characters (for showing text stored before they were refused).</summary>
    public static string WithoutControlCharacters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return HasControlCharacters(text) ? string.Concat(text.Where(c => !IsRefused(c))) : text;
    }

    private static bool IsRefused(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
