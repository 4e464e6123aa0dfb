namespace Workflows.Web.Tests;

/// <summary>
/// The candidate role picker of a user task: a role and an organisation scope (relative to the initiator, or a union of
/// the tree) are added as <c>role@scope</c>, shown in words, and removed again; the diagram keeps what was picked.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class DesignerScopePickerTests(WebFixture fixture)
{
    [Fact]
    public async Task A_candidate_role_is_picked_with_its_organisation_scope_and_removed_again()
    {
        await using var ui = await fixture.NewSessionAsync("designer-scope");
        var page = ui.Page;
        await ui.SignInAsync("admin", "Admin#2026", "/designer");
        var designer = new DesignerPage(page);
        await designer.WaitReadyAsync();
        await designer.SelectAsync("StartEvent_1");
        await designer.ContextPadAsync("追加任务");
        await page.Keyboard.PressAsync("Escape");
        await designer.ContextPadAsync("更改元素类型");
        await page.Locator(".djs-popup").GetByText("用户任务", new() { Exact = true }).ClickAsync();
        await designer.OpenGroupAsync("审批设置");
        var panel = page.GetByRole(AriaRole.Complementary, new() { Name = "属性面板" });
        var groups = panel.GetByLabel("候选角色", new() { Exact = true });
        await Assertions.Expect(panel.GetByText("尚未设置")).ToBeVisibleAsync();

        // The city union above the filer, then the 广州 union itself; both are listed in words.
        await panel.GetByLabel("角色", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "市总工会审核人" });
        await panel.GetByLabel("组织范围", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "发起人所在市总工会" });
        await panel.GetByRole(AriaRole.Button, new() { Name = "添加", Exact = true }).ClickAsync();
        await Assertions.Expect(groups).ToHaveValueAsync("city-reviewer@${cityOf(initiatorOrg)}");
        await panel.GetByLabel("角色", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "联审部门审核人" });
        await panel.GetByLabel("组织范围", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "中共广东省委宣传部" });
        await panel.GetByRole(AriaRole.Button, new() { Name = "添加", Exact = true }).ClickAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "添加", Exact = true }).ClickAsync(); // the same twice is kept once
        await Assertions.Expect(groups).ToHaveValueAsync("city-reviewer@${cityOf(initiatorOrg)}, department-reviewer@/gd/dept-xcb");
        var listed = panel.Locator(".wf-scope-item");
        await Assertions.Expect(listed).ToHaveTextAsync(["市总工会审核人（发起人所在市总工会）×", "联审部门审核人（中共广东省委宣传部）×"]);
        (await page.EvaluateAsync<string[]>(LanguageScanTests.UnlabelledInputs)).Should().BeEmpty("the picker's choices are labelled");
        await ui.ScreenshotAsync("scope-picker");

        // Removed from the keyboard; a value typed by hand stays as it is, shown as code.
        var remove = panel.GetByRole(AriaRole.Button, new() { Name = "移除 市总工会审核人（发起人所在市总工会）" });
        await remove.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(groups).ToHaveValueAsync("department-reviewer@/gd/dept-xcb");
        await groups.FillAsync("department-reviewer@/gd/dept-xcb, ${reviewGroup}");
        await Assertions.Expect(listed.Nth(1)).ToHaveTextAsync("${reviewGroup}×");
    }
}
