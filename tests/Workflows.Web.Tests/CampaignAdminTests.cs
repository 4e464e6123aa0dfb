using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workflows.Web.Tests;

/// <summary>
/// The campaign administration pages (/campaigns, /campaigns/{id}) as the administrator uses them: a draft campaign
/// created from the form and opened (发布通知); its quota table and composition rules edited, saved and still there
/// after a reload; a refused quota shown with the API's Chinese problem and nothing changed; the confirm dialog of
/// 截止申报 and 发布表彰决定 from the keyboard.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class CampaignAdminTests(WebFixture fixture)
{
    [Fact]
    public async Task The_administrator_creates_and_opens_a_campaign_then_edits_quotas_and_rules_that_stay_after_a_reload()
    {
        var title = $"2027年广东省工人先锋号评选（测试{Random.Shared.Next(100000, 999999)}）";
        await using var ui = await fixture.NewSessionAsync("campaign-edit");
        var page = ui.Page;
        await ui.SignInAsync("admin", "Admin#2026", "/campaigns");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "评选活动管理", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=campaign-table] tbody tr", new() { HasText = "（演示）" })).ToContainTextAsync("申报中");
        (await page.EvaluateAsync<string[]>(LanguageScanTests.UnlabelledInputs)).Should().BeEmpty("every input of the list has a label");

        // The new campaign's form.
        await page.Locator("[data-testid=new-campaign] .mud-expand-panel-header").ClickAsync();
        await WorkPagesTests.ChooseAsync(page, "表彰项目", "广东省工人先锋号");
        await Field(page, "年度").FillAsync("2027");
        await Field(page, "通知标题").FillAsync(title);
        await Field(page, "申报开始日期").FillAsync("2027-03-01");
        await Field(page, "申报截止日期").FillAsync("2027-04-30");
        await Field(page, "报送截止日期").FillAsync("2027-05-15");
        await Field(page, "通知正文").FillAsync("各地级以上市总工会：现开展广东省工人先锋号推荐评选工作。（测试）");
        (await page.EvaluateAsync<string[]>(LanguageScanTests.UnlabelledInputs)).Should().BeEmpty("every input of the new campaign's form has a label");
        await ui.ScreenshotAsync("new-campaign-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();

        await page.WaitForURLAsync(CampaignUrl(), new() { WaitUntil = WaitUntilState.Commit });
        var id = CampaignUrl().Match(page.Url).Groups[1].Value;
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=campaign-state]")).ToHaveTextAsync("筹备中");
        await Assertions.Expect(Field(page, "申报开始日期")).ToHaveValueAsync("2027-03-01");
        await Assertions.Expect(Field(page, "报送截止日期")).ToHaveValueAsync("2027-05-15");

        // 发布通知: the draft opens for filing.
        await page.GetByRole(AriaRole.Button, new() { Name = "发布通知" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=campaign-state]")).ToHaveTextAsync("申报中");
        await Assertions.Expect(page.GetByText("通知已发布，开始申报。")).ToBeVisibleAsync();

        // Two quota rows and one rule, saved.
        await page.Locator("[data-testid=add-quota]").ClickAsync();
        await Field(page, "名额表第 1 行的名额").FillAsync("6");
        await page.Locator("[data-testid=add-quota]").ClickAsync();
        await WorkPagesTests.ChooseAsync(page, "名额表第 2 行的分配单位", "深圳市总工会");
        await Field(page, "名额表第 2 行的名额").FillAsync("4");
        await Field(page, "名额表第 2 行的名额").PressAsync("Tab");
        await page.Locator("[data-testid=save-quotas]").ClickAsync();
        await Assertions.Expect(page.GetByText("名额已保存。")).ToBeVisibleAsync();

        await page.Locator("[data-testid=add-rule]").ClickAsync();
        await Field(page, "第 1 条规则的规则名称").FillAsync("一线职工不少于六成");
        await Field(page, "第 1 条规则的比例（%）").FillAsync("60");
        await Field(page, "第 1 条规则的比例（%）").PressAsync("Tab");
        (await page.EvaluateAsync<string[]>(LanguageScanTests.UnlabelledInputs)).Should().BeEmpty("every cell of the quota and rule tables has a label");
        await page.Locator("[data-testid=save-rules]").ClickAsync();
        await Assertions.Expect(page.GetByText("规则已保存。")).ToBeVisibleAsync();
        ui.Errors.Should().BeEmpty();

        // After a reload: a cell and the rule are edited and saved again.
        await page.ReloadAsync();
        await ui.WaitInteractiveAsync();
        await Assertions.Expect(Field(page, "名额表第 1 行的名额")).ToHaveValueAsync("6");
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "名额表第 2 行的分配单位", Exact = true })).ToContainTextAsync("深圳市总工会");
        await Assertions.Expect(Field(page, "第 1 条规则的规则名称")).ToHaveValueAsync("一线职工不少于六成");
        await Field(page, "名额表第 1 行的名额").FillAsync("7");
        await Field(page, "名额表第 1 行的名额").PressAsync("Tab");
        await page.Locator("[data-testid=save-quotas]").ClickAsync();
        await Assertions.Expect(page.GetByText("名额已保存。")).ToBeVisibleAsync();
        await WorkPagesTests.ChooseAsync(page, "第 1 条规则的类型", "不少于人数");
        await Field(page, "第 1 条规则的人数").FillAsync("3");
        await Field(page, "第 1 条规则的人数").PressAsync("Tab");
        await page.Locator("[data-testid=save-rules]").ClickAsync();
        await Assertions.Expect(page.GetByText("规则已保存。")).ToBeVisibleAsync();

        await page.ReloadAsync();
        await ui.WaitInteractiveAsync();
        await Assertions.Expect(Field(page, "名额表第 1 行的名额")).ToHaveValueAsync("7");
        await Assertions.Expect(Field(page, "名额表第 2 行的名额")).ToHaveValueAsync("4");
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "第 1 条规则的类型", Exact = true })).ToContainTextAsync("不少于人数");
        await Assertions.Expect(Field(page, "第 1 条规则的人数")).ToHaveValueAsync("3");
        await Assertions.Expect(page.Locator("[data-testid=campaign-state]")).ToHaveTextAsync("申报中");
        (await EnglishWordsAsync(page)).Should().BeEmpty("the campaign's page (not linked from the navigation, so not in the language scan) is Chinese");
        await ui.ScreenshotAsync("campaign-saved");

        // What the API holds is what the page shows.
        using var admin = await ApiUser.SignInAsync(fixture.Host, "admin", "Admin#2026");
        var campaign = await admin.GetAsync($"/api/campaigns/{id}");
        campaign.GetProperty("campaign").GetProperty("honourType").GetString().Should().Be("pioneer-team");
        campaign.GetProperty("campaign").GetProperty("year").GetInt32().Should().Be(2027);
        campaign.GetProperty("campaign").GetProperty("state").GetString().Should().Be("open");
        campaign.GetProperty("quotas").EnumerateArray().Select(q => (q.GetProperty("unitPath").GetString(), q.GetProperty("categories").GetArrayLength(), q.GetProperty("number").GetInt32()))
            .Should().BeEquivalentTo([("/gd/gz", 0, 7), ("/gd/sz", 0, 4)]);
        var rule = campaign.GetProperty("compositionRules").EnumerateArray().Should().ContainSingle().Subject;
        (rule.GetProperty("name").GetString(), rule.GetProperty("kind").GetString(), rule.GetProperty("count").GetInt32()).Should().Be(("一线职工不少于六成", "minimumCount", 3));
        rule.GetProperty("percent").ValueKind.Should().Be(JsonValueKind.Null);

        // Back on the list, the campaign is open.
        await page.GetByRole(AriaRole.Link, new() { Name = "返回列表" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=campaign-table] tbody tr", new() { HasText = title })).ToContainTextAsync("申报中");
        await ui.ScreenshotAsync("campaign-list");
        ui.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_refused_quota_shows_the_APIs_Chinese_problem_and_changes_nothing()
    {
        var id = await CreateCampaignAsync(open: false);
        await using var ui = await fixture.NewSessionAsync("campaign-refused");
        var page = ui.Page;
        await ui.SignInAsync("admin", "Admin#2026", $"/campaigns/{id}");
        var number = Field(page, "名额表第 1 行的名额");
        await Assertions.Expect(number).ToHaveValueAsync("5");

        await number.FillAsync("-3");
        await number.PressAsync("Tab");
        await page.Locator("[data-testid=save-quotas]").ClickAsync();
        var problem = page.Locator("[data-testid=campaign-error]");
        await Assertions.Expect(problem).ToHaveTextAsync("未能保存：广州市总工会 的「全部」名额须为 0 至 100000 之间的整数。");
        AsciiWord().IsMatch(await problem.InnerTextAsync()).Should().BeFalse("the problem names the unit, not its path");
        await ui.ScreenshotAsync("quota-refused");

        await page.ReloadAsync();
        await ui.WaitInteractiveAsync();
        await Assertions.Expect(Field(page, "名额表第 1 行的名额")).ToHaveValueAsync("5");
        await Assertions.Expect(page.Locator("[data-testid=campaign-error]")).ToHaveCountAsync(0);
        using var admin = await ApiUser.SignInAsync(fixture.Host, "admin", "Admin#2026");
        var quotas = (await admin.GetAsync($"/api/campaigns/{id}")).GetProperty("quotas");
        quotas.EnumerateArray().Select(q => (q.GetProperty("unitPath").GetString(), q.GetProperty("number").GetInt32())).Should().Equal(("/gd/gz", 5));
        ui.Errors.Should().OnlyContain(e => e.Contains("status of 422", StringComparison.Ordinal), "the browser logs the refused request, and nothing else goes wrong");
    }

    [Fact]
    public async Task The_close_and_decision_dialog_works_from_the_keyboard_and_gives_the_focus_back()
    {
        var id = await CreateCampaignAsync(open: true);
        await using var ui = await fixture.NewSessionAsync("campaign-keyboard");
        var page = ui.Page;
        await ui.SignInAsync("admin", "Admin#2026", $"/campaigns/{id}");
        var state = page.Locator("[data-testid=campaign-state]");
        await Assertions.Expect(state).ToHaveTextAsync("申报中");
        var close = page.Locator("#close-campaign");
        var dialog = page.GetByRole(AriaRole.Dialog);

        // Enter opens the dialog with the focus on 确定; Esc closes it and changes nothing.
        await close.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("截止后各单位不能再申报。确定截止申报吗？");
        await Assertions.Expect(page.Locator("#campaign-confirm-submit")).ToBeFocusedAsync();
        await ui.ScreenshotAsync("close-dialog");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(close).ToBeFocusedAsync();
        await Assertions.Expect(state).ToHaveTextAsync("申报中");

        // Enter opens it again and Enter confirms: filing is closed and the focus is on the next step's button.
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#campaign-confirm-submit")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(state).ToHaveTextAsync("申报已截止");
        await Assertions.Expect(page.GetByText("已截止申报。")).ToBeVisibleAsync();
        var decision = page.Locator("#publish-decision");
        await Assertions.Expect(decision).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("[data-testid=save-quotas]")).ToBeDisabledAsync();

        // The decision's dialog asks for the title (focused) and the number; Esc gives the focus back.
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.GetByLabel("决定标题")).ToBeFocusedAsync();
        (await page.EvaluateAsync<string[]>(LanguageScanTests.UnlabelledInputs)).Should().BeEmpty("every input of the dialog has a label");
        (await EnglishWordsAsync(page)).Should().BeEmpty("the dialog is Chinese");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(decision).ToBeFocusedAsync();

        // Typed and sent with Enter: the API refuses (no approved nomination) in Chinese, the campaign stays closed.
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(dialog.GetByLabel("决定标题")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("关于表彰广东省工人先锋号的决定");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("粤工总〔2027〕1号");
        await ui.ScreenshotAsync("decision-dialog");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=campaign-error]")).ToContainTextAsync("没有已审定的推荐，不能发布表彰决定。");
        await Assertions.Expect(state).ToHaveTextAsync("申报已截止");
        await Assertions.Expect(decision).ToBeFocusedAsync();
        await ui.ScreenshotAsync("decision-refused");
        ui.Errors.Should().OnlyContain(e => e.Contains("status of 422", StringComparison.Ordinal), "the browser logs the refused decision, and nothing else goes wrong");
    }

    /// <summary>A draft (or open) campaign made through the API, with one quota of 5 for 广州; answers its id.</summary>
    private async Task<string> CreateCampaignAsync(bool open)
    {
        using var admin = await ApiUser.SignInAsync(fixture.Host, "admin", "Admin#2026");
        var created = await admin.PostCreatedAsync("/api/campaigns", new
        {
            honourType = "labour-certificate",
            year = 2027,
            title = $"2027年广东省五一劳动奖状评选（测试{Random.Shared.Next(100000, 999999)}）",
            windowOpensAt = "2027-03-01T09:00:00+08:00",
            windowClosesAt = "2027-04-30T17:00:00+08:00",
            deadline = "2027-05-15T17:00:00+08:00",
            quotas = new[] { new { unitPath = "/gd/gz", number = 5 } },
        });
        var id = created.GetProperty("campaign").GetProperty("id").GetString()!;
        if (open)
        {
            await admin.PostAsync($"/api/campaigns/{id}/open");
        }

        return id;
    }

    /// <summary>Words of Latin letters in the page's text, its aria-labels and titles.</summary>
    private static async Task<string[]> EnglishWordsAsync(IPage page) => await page.EvaluateAsync<string[]>("""
        () => [document.body.innerText,
               ...[...document.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label')),
               ...[...document.querySelectorAll('[title]')].map(e => e.getAttribute('title'))]
          .join('\n').match(/[A-Za-z][A-Za-z0-9_\-]*/g) || []
        """);

    /// <summary>The input labelled exactly so.</summary>
    private static ILocator Field(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    [GeneratedRegex(@"/campaigns/([0-9a-f\-]{36})$")]
    private static partial Regex CampaignUrl();

    [GeneratedRegex("[A-Za-z]")]
    private static partial Regex AsciiWord();
}
