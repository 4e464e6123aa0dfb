namespace Workflows.Host.Web.Dashboards;

/// <summary>
/// A chart as the page passes it to ClientApp/src/charts.js: title, axis names, categories and series (texts in the UI's
/// language), and the description read by screen readers. The same figures fill the chart's data table.
/// </summary>
public sealed record ChartSpec(string Title, string XName, string YName, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series, bool Horizontal = false)
{
    /// <summary>Every figure in words: "名额：广州市总工会 4，深圳市总工会 3；已报送：…".</summary>
    public string Description => Title + "。" + string.Join("；", Series.Select(s =>
        s.Name + "：" + string.Join("，", Categories.Zip(s.Data, (c, v) => $"{c} {v}"))));
}

/// <summary>A series: its name, <c>bar</c> or <c>line</c>, its values (one per category) and an optional stack.</summary>
public sealed record ChartSeries(string Name, string Kind, IReadOnlyList<int> Data, string? Stack = null);
