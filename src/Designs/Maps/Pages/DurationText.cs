using System.Globalization;
using System.Text.RegularExpressions;

namespace Workflows.Designs.Maps.Pages;

/// <summary>
/// Says an ISO-8601 date, duration or cycle in plain Chinese: <c>P5WD</c> → 5 个工作日, <c>PT4H</c> → 4 小时,
/// <c>R3/P1D</c> → 每 1 天，共 3 次. Expressions and texts it cannot read are returned as they are (in code).
/// </summary>
public static partial class DurationText
{
    /// <summary>A duration (<c>P5WD</c>, <c>P1DT12H</c>) or a due date (<c>2026-04-30T17:00:00+08:00</c>).</summary>
    public static string Describe(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var t = text.Trim();
        if (IsExpression(t))
        {
            return "表达式 " + Markdown.Code(t);
        }

        if (t.StartsWith('R'))
        {
            return Cycle(t);
        }

        if (t.StartsWith('P'))
        {
            return Duration(t) ?? Markdown.Code(t);
        }

        return "截止于 " + Markdown.Code(t);
    }

    /// <summary>A timer: exactly one of date, duration or cycle.</summary>
    public static string Timer(string? date, string? duration, string? cycle)
    {
        if (date is not null)
        {
            return IsExpression(date) ? "于表达式 " + Markdown.Code(date) + " 给出的时刻" : "于 " + Markdown.Code(date);
        }

        if (duration is not null)
        {
            return IsExpression(duration) ? "等待表达式 " + Markdown.Code(duration) + " 给出的时长" : "等待 " + (Duration(duration.Trim()) ?? Markdown.Code(duration));
        }

        return cycle is null ? "" : IsExpression(cycle) ? "按表达式 " + Markdown.Code(cycle) + " 给出的周期" : Cycle(cycle.Trim());
    }

    /// <summary>Just the length of a duration, or null when <paramref name="text"/> is not one.</summary>
    public static string? Duration(string text)
    {
        var workingDays = WorkingDays().Match(text);
        if (workingDays.Success)
        {
            return Number(workingDays.Groups[1].Value) + " 个工作日";
        }

        var match = Iso().Match(text);
        if (!match.Success || match.Length <= 1 || text.EndsWith('T'))
        {
            return null;
        }

        var parts = new List<string>();
        void Add(string group, string unit)
        {
            if (match.Groups[group].Success)
            {
                parts.Add(Number(match.Groups[group].Value) + " " + unit);
            }
        }

        Add("y", "年");
        Add("mo", "个月");
        Add("w", "周");
        Add("d", "天");
        Add("h", "小时");
        Add("mi", "分钟");
        Add("s", "秒");
        return parts.Count == 0 ? null : string.Join(" ", parts);
    }

    private static string Cycle(string text)
    {
        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || !parts[0].StartsWith('R'))
        {
            return Markdown.Code(text);
        }

        var period = Duration(parts[^1]);
        if (period is null)
        {
            return Markdown.Code(text);
        }

        var count = parts[0].Length == 1 ? "不限次数" : "共 " + Number(parts[0][1..]) + " 次";
        var from = parts.Length == 3 ? "自 " + Markdown.Code(parts[1]) + " 起" : "";
        return $"{from}每 {period}，{count}";
    }

    private static bool IsExpression(string text) => text.StartsWith("${", StringComparison.Ordinal) || text.StartsWith("#{", StringComparison.Ordinal);

    /// <summary>Digits as written, without leading zeros; ISO decimal commas become points.</summary>
    private static string Number(string digits) =>
        decimal.TryParse(digits.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value.ToString("0.###", CultureInfo.InvariantCulture)
            : digits;

    [GeneratedRegex(@"^P(\d{1,5})WD$", RegexOptions.CultureInvariant)]
    private static partial Regex WorkingDays();

    [GeneratedRegex(@"^P(?:(?<y>\d+(?:[.,]\d+)?)Y)?(?:(?<mo>\d+(?:[.,]\d+)?)M)?(?:(?<w>\d+(?:[.,]\d+)?)W)?(?:(?<d>\d+(?:[.,]\d+)?)D)?(?:T(?:(?<h>\d+(?:[.,]\d+)?)H)?(?:(?<mi>\d+(?:[.,]\d+)?)M)?(?:(?<s>\d+(?:[.,]\d+)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();
}
