namespace Workflows.Web.Tests;

/// <summary>
/// The administration pages as an administrator uses them: 组织管理 adds an enterprise below 天河区 and renames it;
/// 用户管理 creates an account in it, gives it a role and disables it; 批量导入 refuses a file that is no workbook with
/// the Chinese reason; 操作日志 lists the changes with their Chinese action names. Every input is labelled.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AdministrationPagesTests(WebFixture fixture)
{
    [Fact]
    public async Task The_administrator_adds_and_renames_an_organisation_creates_an_account_and_reads_the_audit_log()
    {
        var code = $"ent-w{Random.Shared.Next(10000, 99999)}";
        var userName = "web" + code.Replace("-", "", StringComparison.Ordinal);
        await using var ui = await fixture.NewSessionAsync("administration");
        var page = ui.Page;
        await ui.SignInAsync("admin", "Admin#2026", "/admin/organisations?path=%2Fgd%2Fgz%2Fth");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "组织管理", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=org-current]")).ToContainTextAsync("天河区总工会");
        (await page.EvaluateAsync<string[]>(LanguageScanTests.UnlabelledInputs)).Should().BeEmpty();

        await page.Locator("[data-testid=org-add-panel] .mud-expand-panel-header").ClickAsync();
        await page.GetByLabel("代码", new() { Exact = true }).FillAsync(code);
        await page.GetByLabel("名称", new() { Exact = true }).FillAsync("网页测试有限公司");
        await page.Locator("[data-testid=org-add]").ClickAsync();
        var row = page.Locator("[data-testid=org-children] tbody tr", new() { HasText = code });
        await Assertions.Expect(row).ToContainTextAsync("网页测试有限公司");
        await row.GetByRole(AriaRole.Button, new() { Name = "重命名 网页测试有限公司" }).ClickAsync();
        await page.GetByLabel("新名称", new() { Exact = true }).FillAsync("网页测试新名有限公司");
        await page.Locator("[data-testid=org-save]").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("网页测试新名有限公司");

        await page.GotoAsync("/admin/users");
        await ui.WaitInteractiveAsync();
        await page.Locator("[data-testid=user-new-panel] .mud-expand-panel-header").ClickAsync();
        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync(userName);
        await page.GetByLabel("姓名", new() { Exact = true }).FillAsync("网页测试员");
        await page.GetByLabel("所属组织路径（如 /gd/gz/th）").FillAsync("/gd/gz/th/" + code);
        (await page.EvaluateAsync<string[]>(LanguageScanTests.UnlabelledInputs)).Should().BeEmpty();
        await page.Locator("[data-testid=user-create]").ClickAsync();
        var userRow = page.Locator("[data-testid=user-table] tbody tr", new() { HasText = userName });
        await Assertions.Expect(userRow).ToContainTextAsync("正常");
        await userRow.GetByRole(AriaRole.Button, new() { Name = "停用 网页测试员" }).ClickAsync();
        await Assertions.Expect(userRow).ToContainTextAsync("已停用");

        await page.GotoAsync("/admin/import");
        await ui.WaitInteractiveAsync();
        await page.Locator("[data-testid=import-file]").SetInputFilesAsync(new FilePayload { Name = "坏文件.xlsx", MimeType = "application/octet-stream", Buffer = "not a workbook"u8.ToArray() });
        await page.Locator("[data-testid=import-upload]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=import-result]")).ToContainTextAsync("不是有效的 Excel 工作簿");

        await page.GotoAsync("/admin/audit");
        await ui.WaitInteractiveAsync();
        await page.GetByLabel("对象（组织路径或用户名）").FillAsync("/gd/gz/th/" + code);
        await page.Locator("[data-testid=audit-filter]").ClickAsync();
        var table = page.Locator("[data-testid=audit-table] tbody");
        await Assertions.Expect(table).ToContainTextAsync("组织重命名");
        await Assertions.Expect(table).ToContainTextAsync("新增组织");
        await ui.ScreenshotAsync("audit-log");
    }
}
