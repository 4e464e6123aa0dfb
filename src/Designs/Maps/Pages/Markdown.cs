using System.Text;

namespace Workflows.Designs.Maps.Pages;

/// <summary>Writes Markdown with <c>\n</c> line ends: headings, paragraphs and pipe tables with escaped cells.</summary>
internal sealed class Markdown
{
    private readonly StringBuilder _text = new();

    public Markdown Line(string text = "")
    {
        _text.Append(text).Append('\n');
        return this;
    }

    public Markdown Heading(int level, string text) => Line(new string('#', level) + " " + Inline(text)).Line();

    public Markdown Paragraph(string text) => Line(text).Line();

    /// <summary>A table; every cell is already Markdown (use <see cref="Inline"/> and <see cref="Code"/> to build it).</summary>
    public Markdown Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string whenEmpty = "无。")
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return Paragraph(whenEmpty);
        }

        Line("| " + string.Join(" | ", headers) + " |");
        Line("|" + string.Concat(headers.Select(_ => "---|")));
        foreach (var row in list)
        {
            Line("| " + string.Join(" | ", row.Select(c => c.Length == 0 ? " " : c)) + " |");
        }

        return Line();
    }

    public override string ToString() => _text.ToString();

    /// <summary>Plain text made safe for a table cell or a heading: pipes, markup characters and line breaks escaped.</summary>
    public static string Inline(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text.Replace("\r\n", "\n", StringComparison.Ordinal))
        {
            switch (c)
            {
                case '\n' or '\r':
                    builder.Append("<br>");
                    break;
                case '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#':
                    builder.Append('\\').Append(c);
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>A code span that survives backticks and pipes inside (a pipe in a table cell must be escaped even in code).</summary>
    public static string Code(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var flat = text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ').Replace("|", "\\|", StringComparison.Ordinal);
        var fence = flat.Contains('`', StringComparison.Ordinal) ? "``" : "`";
        var pad = flat.StartsWith('`') || flat.EndsWith('`') ? " " : "";
        return fence + pad + flat + pad + fence;
    }
}
