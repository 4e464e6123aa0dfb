using System.Globalization;
using System.Text;

namespace Workflows.Activities.Privacy;

/// <summary>
/// How personal data is shown by default (脱敏): a name keeps its first character (张*, 欧阳**), a phone its first three
/// and last four digits (138****5678), an e-mail address its first character and domain (z***@example.com), an
/// ID number its first four and last four characters (4401**********003X, see <c>NomineeIdentity.Mask</c>).
/// </summary>
public static class PersonalDataMask
{
    /// <summary>A person's name: the first character, then one * for each further character (at least one).</summary>
    public static string Name(string? name)
    {
        var text = (name ?? "").Trim();
        if (text.Length == 0)
        {
            return "";
        }

        var elements = StringInfo.GetTextElementEnumerator(text);
        elements.MoveNext();
        var first = (string)elements.Current;
        var rest = new StringInfo(text).LengthInTextElements - 1;
        return first + new string('*', Math.Max(1, rest));
    }

    /// <summary>A contact: an e-mail address or a phone number masked as such; anything else fully masked but its last two characters.</summary>
    public static string Contact(string? contact)
    {
        var text = (contact ?? "").Trim();
        if (text.Length == 0)
        {
            return "";
        }

        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            return text[..1] + "***" + text[at..];
        }

        var digits = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
        }

        if (digits.Length >= 7)
        {
            var d = digits.ToString();
            return d[..3] + new string('*', d.Length - 7) + d[^4..];
        }

        return text.Length <= 2 ? new string('*', text.Length) : new string('*', text.Length - 2) + text[^2..];
    }
}
