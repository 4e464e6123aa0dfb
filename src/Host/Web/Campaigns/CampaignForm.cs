using Workflows.Activities.Honours;

namespace Workflows.Host.Web.Campaigns;

/// <summary>
/// What the campaign pages edit: a new campaign's fields, a quota row, a rule row and the schedule, with their
/// conversion to the API's requests. Dates are China dates (yyyy-MM-dd, as a date input gives them): filing opens at
/// 09:00 and closes, like the deadline, at 17:00 China time.
/// </summary>
public static partial class CampaignForm
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>The honour types a campaign can be opened for, with their Chinese names.</summary>
    public static IReadOnlyList<(string Code, string Name)> HonourTypes { get; } = [.. HonourCatalog.Defaults().Select(t => (t.Code, t.NameZh))];

    /// <summary>The 21 city unions and the industry unions, by path and name (the allocation units).</summary>
    public static IReadOnlyList<(string Path, string Name)> AllocationUnits { get; } =
        [.. Workflows.Activities.Identity.DemoSeed.CityUnions.Concat(Workflows.Activities.Identity.DemoSeed.IndustryUnions)
            .Select(u => (Workflows.Activities.Identity.DemoSeed.ProvincePath + "/" + u.Code, u.Name))];

    private static readonly Dictionary<string, string> UnitNames = AllocationUnits.ToDictionary(u => u.Path, u => u.Name, StringComparer.Ordinal);

    /// <summary>Every single category, by code and Chinese name.</summary>
    public static IReadOnlyList<(string Code, string Name)> Categories { get; } =
        [.. NomineeCategoryNames.All.Select(c => (NomineeCategoryNames.Codes(c)[0], NomineeCategoryNames.Zh(c)))];

    /// <summary>A text with every allocation unit's path (<c>/gd/gz</c>) replaced by the unit's name (广州市总工会).</summary>
    public static string Readable(string text) =>
        UnitPath().Replace(text, m => UnitNames.TryGetValue(m.Value, out var name) ? name : m.Value);

    public static DateTimeOffset? Opening(string? date) => At(date, 9);

    public static DateTimeOffset? Closing(string? date) => At(date, 17);

    /// <summary>The China date of a time, as a date input shows it.</summary>
    public static string Date(DateTimeOffset time) => time.ToOffset(China).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [System.Text.RegularExpressions.GeneratedRegex(@"/[A-Za-z0-9_\-]+(/[A-Za-z0-9_\-]+)*")]
    private static partial System.Text.RegularExpressions.Regex UnitPath();

    private static DateTimeOffset? At(string? date, int hour) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), China)
            : null;
}

/// <summary>A new campaign being filled in.</summary>
public sealed class NewCampaign
{
    public string HonourType { get; set; } = HonourCatalog.LabourMedal;
    public int Year { get; set; } = DateTime.Today.Year;
    public string Title { get; set; } = "";
    public string NoticeText { get; set; } = "";
    public string? WindowOpens { get; set; }
    public string? WindowCloses { get; set; }
    public string? Deadline { get; set; }
    public string Materials { get; set; } = "推荐审批表\n事迹材料（500字和2000字版本）\n职工（代表）大会民主推荐会议纪要\n单位公示照片及公示无异议报告";

    /// <summary>The API's request; materials get codes m1, m2 … by line.</summary>
    public object Request() => new
    {
        honourType = HonourType,
        year = Year,
        title = Title,
        noticeText = NoticeText,
        windowOpensAt = CampaignForm.Opening(WindowOpens),
        windowClosesAt = CampaignForm.Closing(WindowCloses),
        deadline = CampaignForm.Closing(Deadline),
        requiredMaterials = Materials.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((name, i) => new { code = $"m{i + 1}", name }).ToArray(),
    };
}

/// <summary>A row of the quota table: unit path, one category (empty: the total), number.</summary>
public sealed class QuotaRow
{
    public string UnitPath { get; set; } = "";
    public string Category { get; set; } = "";
    public int Number { get; set; }
    public int Used { get; set; }

    public object Request() => new { unitPath = UnitPath, categories = Category.Length == 0 ? Array.Empty<string>() : [Category], number = Number };
}

/// <summary>A row of the rule editor.</summary>
public sealed class RuleRow
{
    public string Name { get; set; } = "";
    public CompositionRuleKind Kind { get; set; } = CompositionRuleKind.MinimumShare;
    public CompositionScope Scope { get; set; } = CompositionScope.AllocationUnit;
    public string Category { get; set; } = "industrialWorker";
    public decimal? Percent { get; set; }
    public int? Count { get; set; }

    public bool IsShare => Kind is CompositionRuleKind.MinimumShare or CompositionRuleKind.MaximumShare;

    public object Request() => new { name = Name, kind = Kind, scope = Scope, categories = new[] { Category }, percent = IsShare ? Percent : null, count = IsShare ? null : Count };
}
