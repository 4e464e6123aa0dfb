using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Workflows.Engine.Expressions;

/// <summary>
/// Text with expressions in it, such as <c>city-reviewer@${cityOf(initiatorOrg)}</c>: the literal parts stay, each
/// <c>${...}</c> is replaced by its value as text. A text that is one whole <c>${...}</c> is an expression, not a
/// template, and keeps its typed value (see <see cref="ExpressionEvaluator.IsExpression"/>).
/// </summary>
public static class ExpressionTemplate
{
    /// <summary>One piece of a template: literal text, or an expression with its <c>${</c> and <c>}</c>.</summary>
    public readonly record struct Part(bool IsExpression, string Text);

    /// <summary>True when the text has a <c>${</c> somewhere (cheap; whether it closes is checked by <see cref="TryParse"/>).</summary>
    public static bool ContainsExpression(string text) => text.Contains("${", StringComparison.Ordinal);

    /// <summary>Splits a template into literal and expression parts; false when a <c>${</c> is never closed.</summary>
    public static bool TryParse(string text, out List<Part> parts)
    {
        ArgumentNullException.ThrowIfNull(text);
        parts = [];
        var literalStart = 0;
        var i = 0;
        while (i < text.Length - 1)
        {
            if (text[i] == '$' && text[i + 1] == '{')
            {
                var close = ExpressionEvaluator.FindClosingBrace(text, i + 2);
                if (close < 0)
                {
                    return false;
                }

                if (i > literalStart)
                {
                    parts.Add(new Part(false, text[literalStart..i]));
                }

                parts.Add(new Part(true, text[i..(close + 1)]));
                i = close + 1;
                literalStart = i;
                continue;
            }

            i++;
        }

        if (literalStart < text.Length)
        {
            parts.Add(new Part(false, text[literalStart..]));
        }

        return true;
    }

    /// <summary>
    /// Splits a comma-separated list (candidate users or groups); a comma inside a <c>${...}</c> (between the
    /// arguments of a function) does not split. Entries are trimmed, empty ones dropped.
    /// </summary>
    public static IReadOnlyList<string> SplitList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<string>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            if ((text[i] == '$' || text[i] == '#') && i + 1 < text.Length && text[i + 1] == '{')
            {
                var close = ExpressionEvaluator.FindClosingBrace(text, i + 2);
                if (close > 0)
                {
                    i = close + 1;
                    continue;
                }
            }

            if (text[i] == ',')
            {
                Add(text[start..i]);
                start = i + 1;
            }

            i++;
        }

        Add(text[start..]);
        return result;

        void Add(string entry)
        {
            entry = entry.Trim();
            if (entry.Length > 0)
            {
                result.Add(entry);
            }
        }
    }

    /// <summary>
    /// A value as it appears in a template: text as it is, null as nothing, numbers and dates invariant (ISO-8601),
    /// booleans as <c>true</c>/<c>false</c>, lists joined by commas, objects as JSON.
    /// </summary>
    public static string ToText(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        DateTimeOffset at => at.ToString("O", CultureInfo.InvariantCulture),
        IDictionary<string, object?> map => JsonSerializer.Serialize(map),
        IEnumerable<object?> list => string.Join(",", list.Select(ToText)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Renders parts, asking <paramref name="evaluate"/> for the value of each expression.</summary>
    internal static string Render(List<Part> parts, Func<string, object?> evaluate)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(part.IsExpression ? ToText(evaluate(part.Text)) : part.Text);
        }

        return text.ToString();
    }
}
