using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workflows.Host.Api;
using Workflows.Host.Web.Localization;

namespace Workflows.Host.Web.Portal;

/// <summary>
/// The portal's checks of a nomination form before it is sent (required fields, lengths counted as users count them,
/// numbers, ID numbers and credit codes by their shape), and the API's refusals put back next to their fields. The
/// API checks everything again; these checks only save a round trip.
/// </summary>
public static partial class PortalForm
{
    /// <summary>The length of a text as users count it (a 汉字 or an emoji is one).</summary>
    public static int Count(string? text) => string.IsNullOrEmpty(text) ? 0 : new StringInfo(text).LengthInTextElements;

    /// <summary>A field's label, marked with * when it is required.</summary>
    public static string Label(string label, bool required) => required ? label + " *" : label;

    /// <summary>The problem of one field's value, or null.</summary>
    public static string? Check(FormFieldDto field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return field.Required ? UiText.Format(UiText.Portal.Required, field.Label) : null;
        }

        return field.Kind switch
        {
            "text" when field.MaxLength is { } max && Count(value) > max => UiText.Format(UiText.Portal.TooLong, field.Label, max, Count(value)),
            "number" when !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _) => UiText.Format(UiText.Portal.BadNumber, field.Label),
            _ => null,
        };
    }

    /// <summary>Every field's problem, by key.</summary>
    public static Dictionary<string, string> CheckAll(IEnumerable<FormFieldDto> fields, IReadOnlyDictionary<string, string?> values)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (Check(field, values.GetValueOrDefault(field.Key)) is { } problem)
            {
                problems[field.Key] = problem;
            }
        }

        return problems;
    }

    /// <summary>The problem of an ID number (18 characters, the last a digit or X), or null.</summary>
    public static string? CheckIdNumber(string? value) =>
        value is not null && IdNumber().IsMatch(value.Trim()) ? null : UiText.Portal.BadIdNumber;

    /// <summary>The problem of a unified social credit code (18 digits or capital letters), or null.</summary>
    public static string? CheckCreditCode(string? value) =>
        value is not null && CreditCode().IsMatch(value.Trim()) ? null : UiText.Portal.BadCreditCode;

    /// <summary>The form data as the API takes it: a JSON object of the filled fields (numbers as numbers).</summary>
    public static JsonObject Data(IEnumerable<FormFieldDto> fields, IReadOnlyDictionary<string, string?> values)
    {
        var data = new JsonObject();
        foreach (var field in fields)
        {
            if (values.GetValueOrDefault(field.Key) is not { } value || string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            data[field.Key] = field.Kind == "number" && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                ? JsonValue.Create(number)
                : JsonValue.Create(value.Trim());
        }

        return data;
    }

    /// <summary>
    /// The API's refusal spread over the fields it names (its sentences quote the field's label: 「事迹摘要」不得超过 500 字);
    /// the sentences that name no field are answered as the rest.
    /// </summary>
    public static (Dictionary<string, string> ByField, List<string> Others) Spread(IEnumerable<FormFieldDto> fields, IEnumerable<string> sentences)
    {
        var byField = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = new List<string>();
        var list = fields.ToList();
        foreach (var sentence in sentences)
        {
            var field = list.FirstOrDefault(f => sentence.Contains($"「{f.Label}」", StringComparison.Ordinal));
            if (field is null)
            {
                rest.Add(sentence);
            }
            else
            {
                byField[field.Key] = byField.TryGetValue(field.Key, out var before) ? before + " " + sentence : sentence;
            }
        }

        return (byField, rest);
    }

    [GeneratedRegex(@"^\d{17}[\dXx]$")]
    private static partial Regex IdNumber();

    [GeneratedRegex(@"^[0-9A-Z]{18}$")]
    private static partial Regex CreditCode();
}
