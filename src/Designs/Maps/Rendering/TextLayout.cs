using System.Globalization;
using System.Text;

namespace Workflows.Designs.Maps.Rendering;

/// <summary>
/// Wraps names to a width without measuring fonts (so the output is the same on every machine): each character
/// has an estimated advance in ems — a full em for CJK and full-width forms, less for Latin letters, digits and
/// punctuation. Latin words break at spaces, CJK text between any two characters (never before closing
/// punctuation such as ，。）), and a word wider than the line is cut.
/// </summary>
public static class TextLayout
{
    /// <summary>The height of one line as a multiple of the font size.</summary>
    public const double LineHeight = 1.2;

    /// <summary>The estimated width of <paramref name="text"/> at <paramref name="fontSize"/>.</summary>
    public static double Width(string text, double fontSize)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ems = 0.0;
        foreach (var rune in text.EnumerateRunes())
        {
            ems += Advance(rune);
        }

        return ems * fontSize;
    }

    /// <summary>Breaks <paramref name="text"/> into lines no wider than <paramref name="maxWidth"/> (explicit line breaks kept).</summary>
    public static IReadOnlyList<string> Wrap(string? text, double maxWidth, double fontSize)
    {
        var lines = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return lines;
        }

        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n'))
        {
            WrapParagraph(paragraph.Trim(), Math.Max(maxWidth, fontSize * 2), fontSize, lines);
        }

        return lines;
    }

    private static void WrapParagraph(string paragraph, double maxWidth, double fontSize, List<string> lines)
    {
        if (paragraph.Length == 0)
        {
            return;
        }

        var line = new StringBuilder();
        var lineWidth = 0.0;
        foreach (var token in Tokens(paragraph))
        {
            var gap = line.Length > 0 && token.SpaceBefore ? Width(" ", fontSize) : 0;
            var width = Width(token.Text, fontSize);
            if (line.Length > 0 && lineWidth + gap + width > maxWidth && !token.IsClosingPunctuation)
            {
                lines.Add(line.ToString());
                line.Clear();
                lineWidth = 0;
                gap = 0;
            }

            if (line.Length == 0 && width > maxWidth)
            {
                // A single word wider than the line: cut it character by character.
                foreach (var rune in token.Text.EnumerateRunes())
                {
                    var runeWidth = Advance(rune) * fontSize;
                    if (line.Length > 0 && lineWidth + runeWidth > maxWidth)
                    {
                        lines.Add(line.ToString());
                        line.Clear();
                        lineWidth = 0;
                    }

                    line.Append(rune.ToString());
                    lineWidth += runeWidth;
                }

                continue;
            }

            if (gap > 0)
            {
                line.Append(' ');
            }

            line.Append(token.Text);
            lineWidth += gap + width;
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }
    }

    private readonly record struct Token(string Text, bool SpaceBefore, bool IsClosingPunctuation);

    /// <summary>Latin words (runs without spaces and without CJK), and each CJK character on its own.</summary>
    private static IEnumerable<Token> Tokens(string paragraph)
    {
        var word = new StringBuilder();
        var spaceBefore = false;
        var pendingSpace = false;
        foreach (var rune in paragraph.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                if (word.Length > 0)
                {
                    yield return new Token(word.ToString(), spaceBefore, false);
                    word.Clear();
                }

                pendingSpace = true;
                continue;
            }

            if (IsWide(rune))
            {
                if (word.Length > 0)
                {
                    yield return new Token(word.ToString(), spaceBefore, false);
                    word.Clear();
                    pendingSpace = false;
                }

                yield return new Token(rune.ToString(), pendingSpace, IsClosing(rune));
                pendingSpace = false;
                continue;
            }

            if (word.Length == 0)
            {
                spaceBefore = pendingSpace;
                pendingSpace = false;
            }

            word.Append(rune.ToString());
        }

        if (word.Length > 0)
        {
            yield return new Token(word.ToString(), spaceBefore, false);
        }
    }

    private static bool IsClosing(Rune rune) => rune.Value is '，' or '。' or '、' or '；' or '：' or '！' or '？' or '）' or '」' or '』' or '】' or '》' or '〉' or '”' or '’';

    /// <summary>CJK ideographs, kana, hangul, CJK punctuation and full-width forms take a full em.</summary>
    private static bool IsWide(Rune rune)
    {
        var v = rune.Value;
        return v is (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0x303E) or (>= 0x3041 and <= 0x33FF)
            or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xA000 and <= 0xA4CF)
            or (>= 0xAC00 and <= 0xD7A3) or (>= 0xF900 and <= 0xFAFF) or (>= 0xFE30 and <= 0xFE4F)
            or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6) or (>= 0x20000 and <= 0x3FFFD)
            || v is '“' or '”' or '‘' or '’' or '…' or '—';
    }

    private static double Advance(Rune rune)
    {
        if (IsWide(rune))
        {
            return 1.0;
        }

        var v = rune.Value;
        if (v > 0x7F)
        {
            return Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark ? 0 : 0.6;
        }

        var c = (char)v;
        return c switch
        {
            ' ' => 0.28,
            'i' or 'j' or 'l' or '.' or ',' or ':' or ';' or '\'' or '|' or '!' => 0.25,
            'f' or 't' or 'r' or 'I' or '(' or ')' or '[' or ']' or '-' or '/' => 0.34,
            'm' or 'w' => 0.83,
            'M' or 'W' => 0.9,
            >= 'A' and <= 'Z' => 0.68,
            >= 'a' and <= 'z' => 0.53,
            >= '0' and <= '9' => 0.56,
            _ => 0.58,
        };
    }
}
