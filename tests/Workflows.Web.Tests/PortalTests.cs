using System.Text.RegularExpressions;

namespace Workflows.Web.Tests;

/// <summary>
/// The nomination portal beyond the journey: the page's own checks (required fields, the ID number's shape, the
/// deeds' length) and the API's refusal shown in Chinese; a file the server refuses by its content; another
/// enterprise cannot open the nomination; a reviewer does not see 我的推荐 in the menu.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class PortalTests(WebFixture fixture)
{
    [Fact]
    public async Task The_form_checks_what_it_can_shows_the_APIs_refusal_and_a_refused_file_in_Chinese()
    {
        using var filerApi = await ApiUser.SignInAsync(fixture.Host, "filer");
        var (campaignId, _) = await PortalJourney.CampaignAsync(filerApi);
        await using var ui = await fixture.NewSessionAsync("portal-checks");
        var page = ui.Page;
        await ui.SignInAsync("filer", "Demo#2026", $"/nominations/new?campaign={campaignId}");
        await Assertions.Expect(page.Locator("[data-testid=required-materials]")).ToContainTextAsync("推荐审批表");
        (await page.EvaluateAsync<string[]>(LanguageScanTests.UnlabelledInputs)).Should().BeEmpty("every input of the form is labelled");

        // Nothing filled in: the page names every required field and sends nothing.
        await page.Locator("#file-nomination").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=file-refused]")).ToHaveTextAsync("请先修改标红的项目。");
        await Assertions.Expect(page.GetByText("姓名为必填项")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("事迹摘要为必填项")).ToBeVisibleAsync();
        await ui.ScreenshotAsync("required");

        // A malformed ID number and deeds over 500 characters are caught on the page, with the live count.
        var name = PortalJourney.Name("周");
        await page.Locator("#nominee-name").FillAsync(name);
        await page.Locator("#nominee-identifier").FillAsync("44010619800101");
        await page.Locator("#form-position").FillAsync("技师");
        await page.Locator("#form-deedsSummary").FillAsync(new string('干', 501));
        await Assertions.Expect(page.GetByText("501 / 500 字")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("事迹摘要不得超过 500 字，现为 501 字")).ToBeVisibleAsync();
        await page.Locator("#form-deeds").FillAsync("长期扎根生产一线。");
        await page.Locator("#file-nomination").ClickAsync();
        await Assertions.Expect(page.GetByText("居民身份证号码应为18位，最后一位可为数字或X")).ToBeVisibleAsync();
        await ui.ScreenshotAsync("page-checks");

        // Right shape, wrong check character: only the API knows; its Chinese sentence is shown.
        var valid = PortalJourney.IdNumber();
        var wrong = valid[..17] + (valid[17] == '0' ? '1' : '0');
        await page.Locator("#nominee-identifier").FillAsync(wrong);
        await page.Locator("#form-deedsSummary").FillAsync("爱岗敬业");
        await page.Locator("#file-nomination").ClickAsync();
        var refused = page.Locator("[data-testid=file-refused]");
        await Assertions.Expect(refused).ToContainTextAsync("未能提交");
        await Assertions.Expect(refused).ToContainTextAsync("身份证");
        (await refused.InnerTextAsync()).Should().NotMatchRegex("[A-Za-z]{3,}", "the refusal is shown in Chinese");
        await ui.ScreenshotAsync("api-refusal");

        // Filed with a valid number; a text file named .pdf is refused by its content.
        await page.Locator("#nominee-identifier").FillAsync(valid);
        await page.Locator("#file-nomination").ClickAsync();
        await page.WaitForURLAsync(new Regex("/nominations/[0-9a-f-]{36}$"), new() { WaitUntil = WaitUntilState.Commit });
        var nominationId = page.Url[^36..];
        await page.Locator("#upload-file").SetInputFilesAsync(new FilePayload { Name = "伪装.pdf", MimeType = "application/pdf", Buffer = "这不是PDF文件"u8.ToArray() });
        await page.Locator("#upload-button").ClickAsync();
        var error = page.Locator("[data-testid=upload-error]");
        await Assertions.Expect(error).ToContainTextAsync("文件未能上传");
        await Assertions.Expect(error).ToContainTextAsync("按文件内容识别类型");
        (await error.InnerTextAsync()).Should().NotMatchRegex("[a-z]{4,}", "the refusal is shown in Chinese (format names aside)");
        await Assertions.Expect(page.Locator("[data-testid=uploaded-files]")).ToHaveCountAsync(0);
        await ui.ScreenshotAsync("file-refused");

        // Without a chosen file the page says so.
        await page.Locator("#upload-button").ClickAsync();
        await Assertions.Expect(error).ToHaveTextAsync("请先选择文件。");

        // The list shows it with its state chip and the filing date.
        await page.GotoAsync("/nominations");
        var row = page.Locator("[data-testid=nomination-row]", new() { HasText = name });
        await Assertions.Expect(row.Locator("[data-testid=nomination-state]")).ToHaveTextAsync("草稿");
        await Assertions.Expect(row).ToContainTextAsync(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture));
        await ui.ScreenshotAsync("list");
        ui.Errors.Should().OnlyContain(e => e.Contains("status of 422", StringComparison.Ordinal) || e.Contains("status of 415", StringComparison.Ordinal)
            || e.Contains("status of 400", StringComparison.Ordinal), "the only failed requests are the refused ones");

        // Another enterprise's filer cannot open it.
        await using var other = await fixture.NewSessionAsync("portal-other");
        await other.SignInAsync("filer2", "Demo#2026", $"/nominations/{nominationId}");
        await Assertions.Expect(other.Page.Locator("[data-testid=nomination-gone]")).ToHaveTextAsync("推荐不存在，或您无权查看。");
    }

    [Fact]
    public async Task Only_enterprise_filers_have_my_nominations_in_the_menu()
    {
        await using var filer = await fixture.NewSessionAsync("portal-menu-filer");
        await filer.SignInAsync("filer", "Demo#2026", "/");
        var menu = filer.Page.GetByRole(AriaRole.Navigation, new() { Name = "主菜单" });
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "我的推荐" })).ToBeVisibleAsync();
        await menu.GetByRole(AriaRole.Link, new() { Name = "我的推荐" }).ClickAsync();
        await Assertions.Expect(filer.Page.GetByRole(AriaRole.Heading, new() { Name = "我的推荐", Level = 1 })).ToBeVisibleAsync();

        await using var reviewer = await fixture.NewSessionAsync("portal-menu-reviewer");
        await reviewer.SignInAsync("city-reviewer", "Demo#2026", "/");
        await Assertions.Expect(reviewer.Page.GetByRole(AriaRole.Navigation, new() { Name = "主菜单" }).GetByRole(AriaRole.Link, new() { Name = "我的推荐" })).ToHaveCountAsync(0);
    }
}
