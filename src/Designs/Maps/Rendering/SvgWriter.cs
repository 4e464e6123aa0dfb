using System.Globalization;
using System.Text;

namespace Workflows.Designs.Maps.Rendering;

/// <summary>
/// Writes SVG markup deterministically: attributes in the order given, numbers in the invariant culture with at
/// most two decimals, one element per line, <c>\n</c> line ends, text and attribute values escaped.
/// </summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    /// <summary>An attribute; a null value leaves the attribute out.</summary>
    public readonly record struct Attr(string Name, string? Value)
    {
        public static implicit operator Attr((string Name, string? Value) pair) => new(pair.Name, pair.Value);

        public static Attr FromValueTuple((string Name, string? Value) pair) => new(pair.Name, pair.Value);
    }

    /// <summary>Formats a coordinate or length: invariant culture, at most two decimals, no negative zero.</summary>
    public static string N(double value)
    {
        var rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        if (rounded == 0)
        {
            return "0";
        }

        return rounded.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>Escapes text for element content or a double-quoted attribute (tabs and line breaks become spaces), dropping characters XML cannot hold.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\t' or '\n' or '\r': builder.Append(' '); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append(c).Append(text[i + 1]);
                        i++;
                    }
                    else if (c >= 0x20 && !char.IsSurrogate(c) && c != '\uFFFE' && c != '\uFFFF')
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    public void Raw(string line)
    {
        Indent();
        _text.Append(line).Append('\n');
    }

    public void Open(string name, params Attr[] attributes)
    {
        Indent();
        _text.Append('<').Append(name);
        Append(attributes);
        _text.Append(">\n");
        _depth++;
    }

    public void Close(string name)
    {
        _depth--;
        Indent();
        _text.Append("</").Append(name).Append(">\n");
    }

    public void Empty(string name, params Attr[] attributes)
    {
        Indent();
        _text.Append('<').Append(name);
        Append(attributes);
        _text.Append("/>\n");
    }

    /// <summary>An element holding only text.</summary>
    public void Text(string name, string content, params Attr[] attributes)
    {
        Indent();
        _text.Append('<').Append(name);
        Append(attributes);
        _text.Append('>').Append(Escape(content)).Append("</").Append(name).Append(">\n");
    }

    public override string ToString() => _text.ToString();

    private void Append(Attr[] attributes)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.Value is null)
            {
                continue;
            }

            _text.Append(' ').Append(attribute.Name).Append("=\"").Append(Escape(attribute.Value)).Append('"');
        }
    }

    private void Indent() => _text.Append(' ', _depth * 2);
}
