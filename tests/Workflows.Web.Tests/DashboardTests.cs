using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workflows.Web.Tests;

/// <summary>
/// The dashboards page (/dashboards): four ECharts boards drawn as SVG with Chinese titles and text alternatives, and
/// each board's data table showing the figures of its <c>/api/dashboards/…</c> answer.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class DashboardTests(WebFixture fixture)
{
    private static readonly (string Id, string Title)[] Boards =
    [
        ("chart-quota", "各地市名额使用情况"),
        ("chart-stages", "推荐对象所处环节"),
        ("chart-overdue", "超期未办任务"),
        ("chart-craftsmen", "南粤工匠培养进度"),
    ];

    [Fact]
    public async Task The_four_boards_draw_their_charts_and_their_tables_show_the_APIs_figures()
    {
        // Overdue tasks of a named process and of a process without a name (shown as 未命名流程, not by its key).
        var named = ApprovalProcess.NewKey("board-named");
        var unnamed = ApprovalProcess.NewKey("board-unnamed");
        using var admin = await ApiUser.SignInAsync(fixture.Host, "admin", "Admin#2026");
        await admin.DeployAndPublishAsync(DeadlineProcess.Xml(named, "看板超期流程"));
        await admin.DeployAndPublishAsync(DeadlineProcess.Xml(unnamed, ""));
        using (var filer = await ApiUser.SignInAsync(fixture.Host, "filer"))
        {
            await filer.StartAsync(named, ApprovalProcess.NewBusinessKey(), new { due = "2020-01-06T09:00:00+08:00" });
            await filer.StartAsync(named, ApprovalProcess.NewBusinessKey(), new { due = "2020-02-06T09:00:00+08:00" });
            await filer.StartAsync(unnamed, ApprovalProcess.NewBusinessKey(), new { due = "2020-03-06T09:00:00+08:00" });
        }

        var demo = (await admin.GetAsync("/api/campaigns")).EnumerateArray().First(c => c.GetProperty("title").GetString()!.EndsWith("（演示）", StringComparison.Ordinal));
        var campaignId = demo.GetProperty("id").GetString();

        await using var ui = await fixture.NewSessionAsync("dashboards");
        var page = ui.Page;
        await ui.SignInAsync("admin", "Admin#2026", "/dashboards");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "数据看板", Level = 1 })).ToBeVisibleAsync();
        await WorkPagesTests.ChooseAsync(page, "评选活动", demo.GetProperty("title").GetString()!);
        foreach (var (id, title) in Boards)
        {
            var chart = page.Locator($"[data-chart={id}]");
            await Assertions.Expect(chart.Locator("svg").First).ToBeVisibleAsync();
            await Assertions.Expect(chart.Locator("svg text", new() { HasText = title }).First).ToBeVisibleAsync();
            await Assertions.Expect(chart).ToHaveAttributeAsync("aria-label", new Regex($"^{Regex.Escape(title)}.*。"));
            await Assertions.Expect(chart).ToHaveAttributeAsync("role", "img");
        }

        await ui.ScreenshotAsync("boards");

        var quota = await admin.GetAsync($"/api/dashboards/quota-use?campaignId={campaignId}");
        var quotaRows = Rows(quota.GetProperty("units"), u => [Text(u, "unitName"), Number(u, "quota"), Number(u, "used"), Number(u, "held")]);
        quotaRows.Should().Contain(r => r[0] == "广州市总工会" && r[1] == "19", "the demo campaign gives 广州 19 places");
        (await TableAsync(page, "chart-quota", ["分配单位", "名额", "已报送", "待报送"])).Should().Equal(quotaRows, SameRow);

        var stages = await admin.GetAsync($"/api/dashboards/stages?campaignId={campaignId}");
        var stageRows = Rows(stages.GetProperty("stages"), s => [Text(s, "name"), Number(s, "count")]);
        stageRows.Select(r => r[0]).Should().Equal("单位推荐", "区县审核", "市级审核", "省级审核", "评审委员会", "公示", "已审定", "已表彰", "未通过");
        (await TableAsync(page, "chart-stages", ["环节", "推荐数"])).Should().Equal(stageRows, SameRow);

        var overdue = await admin.GetAsync("/api/dashboards/overdue");
        var overdueRows = Rows(overdue.GetProperty("byOrganisation"), o => ["按组织·" + Text(o, "name"), Number(o, "count")])
            .Concat(Rows(overdue.GetProperty("byProcess"), p => ["按流程·" + Text(p, "name"), Number(p, "count")])).ToList();
        overdueRows.Should().Contain(r => r[0] == "按流程·看板超期流程" && r[1] == "2").And.Contain(r => r[0] == "按流程·未命名流程");
        var overdueTable = await TableAsync(page, "chart-overdue", ["组织或流程", "超期任务数"]);
        overdueTable.Should().Equal(overdueRows, SameRow);
        string.Join(" ", overdueTable.SelectMany(r => r)).Should().NotContain("Process_", "a process is named, never shown by its key");

        var craftsmen = await admin.GetAsync("/api/dashboards/craftsmen");
        craftsmen.GetProperty("targetYear").GetInt32().Should().Be(2029);
        var craftsmanRows = Rows(craftsmen.GetProperty("years"), y => [Number(y, "year"), Number(y, "cumulative"), Number(y, "added"), Number(y, "target")]);
        (craftsmanRows[^1][0], craftsmanRows[^1][3]).Should().Be(("2029", Number(craftsmen, "target")), "the target line reaches the target in 2029");
        (await TableAsync(page, "chart-craftsmen", ["年度", "累计认定", "当年认定", "目标进度"])).Should().Equal(craftsmanRows, SameRow);

        (await page.EvaluateAsync<string[]>(LanguageScanTests.UnlabelledInputs)).Should().BeEmpty("the campaign choice has a label");
        await ui.ScreenshotAsync("tables");

        // The toggle hides the table again.
        var quotaCard = page.Locator("[data-testid=chart-quota]");
        await quotaCard.GetByRole(AriaRole.Button, new() { Name = "隐藏数据表" }).ClickAsync();
        await Assertions.Expect(quotaCard.Locator("[data-testid=chart-table]")).ToHaveCountAsync(0);
        await Assertions.Expect(quotaCard.GetByRole(AriaRole.Button, new() { Name = "显示数据表" })).ToHaveAttributeAsync("aria-expanded", "false");
        ui.Errors.Should().BeEmpty();
    }

    /// <summary>Shows the board's data table and answers its header check and its rows (cell texts).</summary>
    private static async Task<List<string[]>> TableAsync(IPage page, string board, string[] header)
    {
        var card = page.Locator($"[data-testid={board}]");
        await card.GetByRole(AriaRole.Button, new() { Name = "显示数据表" }).ClickAsync();
        var table = card.Locator("[data-testid=chart-table]");
        await Assertions.Expect(table).ToBeVisibleAsync();
        await Assertions.Expect(card.GetByRole(AriaRole.Button, new() { Name = "隐藏数据表" })).ToHaveAttributeAsync("aria-expanded", "true");
        (await table.Locator("thead th").AllInnerTextsAsync()).Select(t => t.Trim()).Should().Equal(header);
        var rows = await table.Locator("tbody tr").EvaluateAllAsync<string[][]>("rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))");
        return [.. rows];
    }

    private static List<string[]> Rows(JsonElement array, Func<JsonElement, string[]> row) => [.. array.EnumerateArray().Select(row)];

    private static string Text(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    private static string Number(JsonElement e, string name) => e.GetProperty(name).GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool SameRow(string[] shown, string[] expected) => shown.SequenceEqual(expected);
}
