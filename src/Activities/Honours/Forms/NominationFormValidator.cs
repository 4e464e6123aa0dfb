using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Workflows.Activities.Honours.Forms;

/// <summary>A problem of a nomination form: the field's key and label, and a Chinese sentence that names the field and says what to change.</summary>
public sealed record FormProblem(string Field, string LabelZh, string MessageZh);

/// <summary>
/// Checks the form data of a nomination (a JSON object) against the form of its honour type
/// (<see cref="HonourType.FormFields"/>): required fields present, texts within their length in characters (a 汉字
/// counts one; so does an emoji or any other user-perceived character), dates, numbers and choices of the right kind,
/// and no field the form does not have. Every problem is reported, each naming its field: 「事迹摘要」不得超过 500 字 …
/// </summary>
public static class NominationFormValidator
{
    /// <summary>The largest form data accepted, in UTF-8 bytes (the deeds' limits keep real forms far below it).</summary>
    public const int MaxFormBytes = 64 * 1024;

    /// <summary>Every problem of <paramref name="formJson"/> for <paramref name="type"/>; empty when the form is fine.</summary>
    public static IReadOnlyList<FormProblem> Validate(HonourType type, string? formJson)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (string.IsNullOrWhiteSpace(formJson))
        {
            formJson = "{}";
        }

        if (Encoding.UTF8.GetByteCount(formJson) > MaxFormBytes)
        {
            return [new FormProblem("", "申报表", $"申报表数据过大（超过 {MaxFormBytes / 1024} KB），请精简后再提交。")];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(formJson, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            return [new FormProblem("", "申报表", "申报表数据不是有效的 JSON。")];
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [new FormProblem("", "申报表", "申报表数据须为 JSON 对象（字段名: 值）。")];
            }

            return Validate(type, document.RootElement);
        }
    }

    /// <summary>Throws one <see cref="HonoursException"/> listing every problem, when there are any.</summary>
    /// <exception cref="HonoursException">The form has problems.</exception>
    public static void ThrowIfInvalid(HonourType type, string? formJson)
    {
        var problems = Validate(type, formJson);
        HonoursException.ThrowIfAny([.. problems.Select(p => p.MessageZh)]);
    }

    /// <summary>The length of a text as users count it (user-perceived characters).</summary>
    public static int CharacterCount(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new StringInfo(text).LengthInTextElements;
    }

    private static List<FormProblem> Validate(HonourType type, JsonElement form)
    {
        var problems = new List<FormProblem>();
        var fields = type.FormFields.ToDictionary(f => f.Key, StringComparer.Ordinal);
        foreach (var property in form.EnumerateObject())
        {
            if (!fields.ContainsKey(property.Name))
            {
                problems.Add(new FormProblem(property.Name, property.Name,
                    $"「{property.Name}」不是「{type.NameZh}」申报表的字段（可填写：{string.Join("、", type.FormFields.Select(f => f.LabelZh))}）。"));
            }
        }

        foreach (var field in type.FormFields)
        {
            var present = form.TryGetProperty(field.Key, out var value) && !IsEmpty(value);
            if (!present)
            {
                if (field.Required)
                {
                    problems.Add(new FormProblem(field.Key, field.LabelZh, $"「{field.LabelZh}」为必填项，请填写。"));
                }

                continue;
            }

            if (CheckValue(field, value) is { } message)
            {
                problems.Add(new FormProblem(field.Key, field.LabelZh, message));
            }
        }

        return problems;
    }

    private static bool IsEmpty(JsonElement value) =>
        value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
        || (value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString()));

    private static string? CheckValue(HonourFormField field, JsonElement value)
    {
        var label = field.LabelZh;
        switch (field.Kind)
        {
            case FormFieldKind.Text:
            {
                if (value.ValueKind != JsonValueKind.String)
                {
                    return $"「{label}」须为文字。";
                }

                var length = CharacterCount(value.GetString()!);
                return field.MaxLength is { } max && length > max
                    ? $"「{label}」不得超过 {max} 字，现为 {length} 字，请删减 {length - max} 字。"
                    : null;
            }

            case FormFieldKind.Date:
                return value.ValueKind == JsonValueKind.String
                    && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                    ? null
                    : $"「{label}」须为日期，格式如 2026-04-30。";

            case FormFieldKind.Number:
                return value.ValueKind == JsonValueKind.Number
                    || (value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out _))
                    ? null
                    : $"「{label}」须为数字。";

            case FormFieldKind.Choice:
                return value.ValueKind == JsonValueKind.String && field.Options.Contains(value.GetString()!.Trim())
                    ? null
                    : $"「{label}」须为以下之一：{string.Join("、", field.Options)}。";

            default:
                return null;
        }
    }
}
