using System.Text.Json;

namespace Workflows.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class DesignerTests(WebFixture fixture)
{
    [Fact]
    public async Task Administrator_draws_validates_saves_publishes_and_compares_a_process()
    {
        await using var ui = await fixture.NewSessionAsync("designer-flow");
        var page = ui.Page;
        await ui.SignInAsync("admin", "Admin#2026", "/designer");
        var designer = new DesignerPage(page);
        await designer.WaitReadyAsync();
        var key = await designer.ProcessKeyAsync();
        key.Should().StartWith("Process_");
        await Assertions.Expect(page.Locator(".djs-palette").GetByRole(AriaRole.Button, new() { Name = "创建任务" })).ToBeVisibleAsync();
        await ui.ScreenshotAsync("empty-designer");

        // start event → user task (name and candidate role in the properties panel) → end event, with the mouse
        await designer.SelectAsync("StartEvent_1");
        await designer.ContextPadAsync("追加任务");
        await page.Keyboard.PressAsync("Escape"); // leave the label editor that opens on a new task
        await designer.ContextPadAsync("更改元素类型");
        await page.Locator(".djs-popup").GetByText("用户任务", new() { Exact = true }).ClickAsync();
        var panel = page.GetByRole(AriaRole.Complementary, new() { Name = "属性面板" });
        await Assertions.Expect(panel.GetByText("用户任务").First).ToBeVisibleAsync();
        await designer.OpenGroupAsync("常规");
        await panel.GetByLabel("名称", new() { Exact = true }).FillAsync("市级审核");
        await designer.OpenGroupAsync("审批设置");
        await panel.GetByLabel("候选角色").FillAsync("city-reviewer@/gd/gz");
        await panel.GetByLabel("审批方式").SelectOptionAsync(new SelectOptionValue { Label = "会签（按通过比例）" });
        await panel.GetByLabel("审批人列表").FillAsync("${committee}");
        await panel.GetByLabel("通过比例").FillAsync("2/3");
        await panel.GetByLabel("审批意见").SelectOptionAsync(new SelectOptionValue { Label = "仅驳回或退回时必须填写" });
        await panel.GetByLabel("办理期限").FillAsync("P5WD");
        await panel.GetByLabel("办理期限").PressAsync("Tab");
        await page.WaitForTimeoutAsync(500); // the panel writes after its debounce
        var taskId = await designer.SelectedIdAsync();
        await designer.SelectAsync(taskId); // back on the canvas: the panel's field loses the focus first
        await designer.ContextPadAsync("追加结束事件");
        await Assertions.Expect(page.Locator(".djs-element.djs-shape.selected")).Not.ToHaveAttributeAsync("data-element-id", taskId);
        var endId = await designer.SelectedIdAsync();
        await ui.ScreenshotAsync("drawn");
        ui.Errors.Should().BeEmpty();

        await page.GetByRole(AriaRole.Button, new() { Name = "校验" }).ClickAsync();
        await Assertions.Expect(page.GetByText("校验通过，没有发现问题。")).ToBeVisibleAsync();
        await ui.ScreenshotAsync("validated");

        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"已保存草稿：{key}。发布后才能发起新实例。")).ToBeVisibleAsync();
        await ui.ScreenshotAsync("draft-saved");

        await page.GetByRole(AriaRole.Button, new() { Name = "发布" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("确定发布流程“新建流程”");
        await ui.ScreenshotAsync("publish-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确定发布" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"已发布：{key} 第 1 版。")).ToBeVisibleAsync();
        await ui.ScreenshotAsync("published");

        // what the engine has: one published version with our attributes
        var list = await ui.Context.APIRequest.GetAsync($"/api/definitions?key={key}");
        list.Status.Should().Be(200);
        using var definitions = JsonDocument.Parse(await list.TextAsync());
        var published = definitions.RootElement.EnumerateArray().Single(d => d.GetProperty("state").GetString() == "published");
        published.GetProperty("version").GetInt32().Should().Be(1);
        var xml = await (await ui.Context.APIRequest.GetAsync($"/api/definitions/{published.GetProperty("id").GetString()}/xml")).TextAsync();
        xml.Should().Contain($"<bpmn:userTask id=\"{taskId}\" name=\"市级审核\"")
            .And.Contain("camunda:candidateGroups=\"city-reviewer@/gd/gz\"")
            .And.Contain("camunda:dueDate=\"P5WD\"")
            .And.Contain("wf:approvalMethod=\"countersign\"")
            .And.Contain("wf:approvers=\"${committee}\"")
            .And.Contain("wf:passRatio=\"2/3\"")
            .And.Contain("wf:commentRequired=\"reject\"")
            .And.NotContain("wf:rejectAction", "on a vote a rejection is a vote against; the engine refuses a reject rule there")
            .And.Contain($"<bpmn:endEvent id=\"{endId}\"");

        await page.GetByRole(AriaRole.Button, new() { Name = "版本列表" }).ClickAsync();
        var versions = page.GetByRole(AriaRole.Dialog).Locator("[data-testid=versions-table]");
        // the draft saved from the unchanged diagram is the one published: no second draft
        await Assertions.Expect(versions.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(versions.Locator("tbody tr td").Nth(0)).ToHaveTextAsync("1");
        await Assertions.Expect(versions.Locator("tbody tr td").Nth(1)).ToHaveTextAsync("已发布");
        await ui.ScreenshotAsync("versions");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        // a second version differs in the task's name: the comparison marks and lists it
        await designer.SelectAsync(taskId);
        await designer.OpenGroupAsync("常规");
        await panel.GetByLabel("名称", new() { Exact = true }).FillAsync("市级复核");
        await panel.GetByLabel("名称", new() { Exact = true }).PressAsync("Tab");
        // the panel writes after its debounce; the canvas shows the name once the diagram holds it (a busy machine is slow)
        await Assertions.Expect(page.Locator($".djs-element[data-element-id='{taskId}'] .djs-visual text")).ToContainTextAsync("市级复核");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"已保存草稿：{key}。发布后才能发起新实例。").Last).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "版本对比" }).ClickAsync();
        var compare = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(compare.GetByRole(AriaRole.Combobox, new() { Name = "旧版本（左）" })).ToHaveTextAsync("第 1 版 · 已发布");
        await Assertions.Expect(compare.GetByRole(AriaRole.Combobox, new() { Name = "新版本（右）" })).ToContainTextAsync("草稿 · ");
        (await page.EvaluateAsync<string[]>(LanguageScanTests.UnlabelledInputs)).Should().BeEmpty("the version choices are labelled");
        await compare.GetByRole(AriaRole.Button, new() { Name = "对比", Exact = true }).ClickAsync();
        var changes = compare.Locator("[data-testid=changes-table]");
        await Assertions.Expect(changes.Locator("tr.change-changed")).ToContainTextAsync("市级复核");
        await Assertions.Expect(changes.Locator("tr.change-changed")).ToContainTextAsync("名称: 市级审核 → 市级复核");
        await ui.ScreenshotAsync("compare");
        await Assertions.Expect(compare.Locator($".djs-element.wf-diff-changed[data-element-id='{taskId}']")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Administrator_names_who_may_start_a_process_with_roles_at_organisations()
    {
        await using var ui = await fixture.NewSessionAsync("designer-starters");
        var page = ui.Page;
        await ui.SignInAsync("admin", "Admin#2026", "/designer");
        var designer = new DesignerPage(page);
        await designer.WaitReadyAsync();
        var key = await designer.ProcessKeyAsync();

        // the process itself: a click on the empty canvas selects it
        var canvas = page.Locator("[data-testid=designer-canvas]");
        var box = await canvas.BoundingBoxAsync() ?? throw new InvalidOperationException("The canvas is not shown.");
        await canvas.ClickAsync(new() { Position = new() { X = box.Width / 2, Y = box.Height - 60 } });
        var panel = page.GetByRole(AriaRole.Complementary, new() { Name = "属性面板" });
        await designer.OpenGroupAsync("发起权限");
        await Assertions.Expect(panel.GetByText("未设置发起人时，只有管理员可以发起此流程。")).ToBeVisibleAsync();
        var scope = panel.GetByLabel("组织范围");
        await Assertions.Expect(scope.Locator("optgroup[label='相对发起人']")).ToHaveCountAsync(0);
        await panel.GetByLabel("角色", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "企业工会申报人" });
        await scope.SelectOptionAsync(new SelectOptionValue { Value = "/gd" });
        await panel.GetByRole(AriaRole.Button, new() { Name = "添加", Exact = true }).ClickAsync();
        await Assertions.Expect(panel.Locator("li.wf-scope-item[data-group='enterprise-filer@/gd']")).ToContainTextAsync("企业工会申报人（广东省总工会）");
        await ui.ScreenshotAsync("starters");
        ui.Errors.Should().BeEmpty();

        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"已保存草稿：{key}。发布后才能发起新实例。")).ToBeVisibleAsync();
        var list = await ui.Context.APIRequest.GetAsync($"/api/definitions?key={key}");
        using var definitions = JsonDocument.Parse(await list.TextAsync());
        var draft = definitions.RootElement.EnumerateArray().Single();
        var xml = await (await ui.Context.APIRequest.GetAsync($"/api/definitions/{draft.GetProperty("id").GetString()}/xml")).TextAsync();
        xml.Should().Contain("camunda:candidateStarterGroups=\"enterprise-filer@/gd\"");
    }

    [Fact]
    public async Task Validation_marks_the_element_with_the_problem_and_the_activity_catalog_fixes_it()
    {
        await using var ui = await fixture.NewSessionAsync("designer-problems");
        var page = ui.Page;
        await ui.SignInAsync("admin", "Admin#2026", "/designer");
        var designer = new DesignerPage(page);
        await designer.WaitReadyAsync();

        await designer.SelectAsync("StartEvent_1");
        await designer.ContextPadAsync("追加任务");
        await page.Keyboard.PressAsync("Escape");
        await designer.ContextPadAsync("更改元素类型");
        await page.Locator(".djs-popup").GetByText("服务任务", new() { Exact = true }).ClickAsync();
        var taskId = await designer.SelectedIdAsync();
        await designer.ContextPadAsync("追加结束事件");

        await page.GetByRole(AriaRole.Button, new() { Name = "校验" }).ClickAsync();
        var problems = page.Locator("[data-testid=problem-list]");
        await Assertions.Expect(problems).ToContainTextAsync("服务任务未指定活动类型。请在“活动设置”中选择活动类型。");
        await Assertions.Expect(page.Locator($".djs-element.wf-problem[data-element-id='{taskId}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".wf-problem-badge")).ToHaveTextAsync("1");
        await ui.ScreenshotAsync("problem-marked");

        await designer.SelectAsync(taskId);
        await ui.ScreenshotAsync("task-selected");
        ui.Errors.Should().BeEmpty();
        var panel = page.GetByRole(AriaRole.Complementary, new() { Name = "属性面板" });
        await designer.OpenGroupAsync("活动设置");
        var activityType = panel.GetByLabel("活动类型");
        var options = await activityType.Locator("option").AllInnerTextsAsync();
        options.Should().Contain(o => o.Contains("mail.send", StringComparison.Ordinal), "the catalog lists the registered activity types");
        await activityType.SelectOptionAsync("mail.send");
        await Assertions.Expect(panel.Locator("input[id^='bio-properties-panel-wf-input-']").First).ToBeVisibleAsync();
        await ui.ScreenshotAsync("activity-chosen");

        await page.GetByRole(AriaRole.Button, new() { Name = "校验" }).ClickAsync();
        await Assertions.Expect(page.GetByText("校验通过，没有发现问题。")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".djs-element.wf-problem")).ToHaveCountAsync(0);
        await ui.ScreenshotAsync("problem-fixed");
    }

    [Fact]
    public async Task The_publish_dialog_works_from_the_keyboard_and_gives_the_focus_back()
    {
        await using var ui = await fixture.NewSessionAsync("designer-keyboard");
        var page = ui.Page;
        await ui.SignInAsync("admin", "Admin#2026", "/designer");
        await new DesignerPage(page).WaitReadyAsync();

        var publish = page.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true });
        await publish.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await ui.ScreenshotAsync("dialog-open");

        var focused = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            focused.Add(await page.EvaluateAsync<string>(
                "() => (document.activeElement.closest('[role=dialog]') ? 'in:' : 'out:') + (document.activeElement.innerText || document.activeElement.getAttribute('aria-label') || '').trim()"));
        }

        focused.Should().OnlyContain(f => f.StartsWith("in:", StringComparison.Ordinal), "Tab stays in the dialog");
        focused.Should().Contain("in:取消").And.Contain("in:确定发布");

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(publish).ToBeFocusedAsync();
        await ui.ScreenshotAsync("dialog-closed");
    }
    [Fact]
    public async Task A_diagram_is_exported_as_BPMN_and_SVG_and_imported_again()
    {
        await using var ui = await fixture.NewSessionAsync("designer-files");
        var page = ui.Page;
        await ui.SignInAsync("admin", "Admin#2026", "/designer");
        var designer = new DesignerPage(page);
        await designer.WaitReadyAsync();
        var key = await designer.ProcessKeyAsync();
        var folder = Directory.CreateTempSubdirectory("workflows-web-files").FullName;

        var bpmn = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "导出 .bpmn" }).ClickAsync());
        bpmn.SuggestedFilename.Should().Be($"{key}.bpmn");
        var bpmnPath = Path.Combine(folder, bpmn.SuggestedFilename);
        await bpmn.SaveAsAsync(bpmnPath);
        (await File.ReadAllTextAsync(bpmnPath)).Should().Contain($"<bpmn:process id=\"{key}\" name=\"新建流程\" isExecutable=\"true\">");

        var svg = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "导出 SVG" }).ClickAsync());
        svg.SuggestedFilename.Should().Be($"{key}.svg");
        var svgPath = Path.Combine(folder, svg.SuggestedFilename);
        await svg.SaveAsAsync(svgPath);
        (await File.ReadAllTextAsync(svgPath)).Should().StartWith("<?xml").And.Contain("<svg");

        await page.GetByRole(AriaRole.Button, new() { Name = "新建" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=process-key]")).Not.ToHaveTextAsync(key);

        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "导入 .bpmn" }).ClickAsync());
        await chooser.SetFilesAsync(bpmnPath);
        await Assertions.Expect(page.Locator("[data-testid=process-key]")).ToHaveTextAsync(key);
        await Assertions.Expect(page.GetByText($"已导入 {key}.bpmn。")).ToBeVisibleAsync();
        await ui.ScreenshotAsync("imported");

        var broken = Path.Combine(folder, "broken.bpmn");
        await File.WriteAllTextAsync(broken, "<definitions>not a BPMN file");
        chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "导入 .bpmn" }).ClickAsync());
        await chooser.SetFilesAsync(broken);
        await Assertions.Expect(page.GetByText("无法导入：文件不是有效的 BPMN 2.0 XML。")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=process-key]")).ToHaveTextAsync(key, new() { Timeout = 2000 });
        await ui.ScreenshotAsync("import-refused");
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_draft_is_published_from_the_version_list_and_opened_from_the_definitions_page()
    {
        await using var ui = await fixture.NewSessionAsync("designer-versions");
        var page = ui.Page;
        await ui.SignInAsync("admin", "Admin#2026", "/designer");
        var designer = new DesignerPage(page);
        await designer.WaitReadyAsync();
        var key = await designer.ProcessKeyAsync();
        await designer.SelectAsync("StartEvent_1");
        await designer.ContextPadAsync("追加结束事件");

        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"已保存草稿：{key}。发布后才能发起新实例。")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "版本列表" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var row = dialog.Locator("[data-testid=versions-table] tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("草稿");
        await row.GetByRole(AriaRole.Button, new() { Name = "发布" }).ClickAsync();
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("已发布");
        await Assertions.Expect(row.Locator("td").Nth(0)).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByText($"已发布：{key} 第 1 版。")).ToBeVisibleAsync();
        await ui.ScreenshotAsync("published-from-list");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "关闭", Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "主菜单" }).GetByRole(AriaRole.Link, new() { Name = "流程定义" }).ClickAsync();
        await page.GetByLabel("按流程编号或名称筛选").FillAsync(key);
        var definitions = page.Locator("[data-testid=definitions-table] tbody tr");
        await Assertions.Expect(definitions).ToHaveCountAsync(1);
        await Assertions.Expect(definitions).ToContainTextAsync("已发布");
        await ui.ScreenshotAsync("definitions");
        await definitions.GetByRole(AriaRole.Link, new() { Name = "在设计器中打开" }).ClickAsync();
        await new DesignerPage(page).WaitReadyAsync();
        await Assertions.Expect(page.Locator("[data-testid=process-key]")).ToHaveTextAsync(key);
        ui.Errors.Should().BeEmpty();
    }
}

/// <summary>The designer page's canvas as a test drives it.</summary>
internal sealed class DesignerPage(IPage page)
{
    public async Task WaitReadyAsync()
    {
        await Assertions.Expect(page.Locator(".djs-element[data-element-id='StartEvent_1']")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "校验" })).ToBeEnabledAsync();
    }

    public async Task<string> ProcessKeyAsync() => (await page.Locator("[data-testid=process-key]").InnerTextAsync()).Trim();

    /// <summary>Clicks an empty spot of the canvas, then the element: it is selected with its context pad open.</summary>
    public async Task SelectAsync(string elementId)
    {
        var canvas = page.Locator("[data-testid=designer-canvas]");
        var box = await canvas.BoundingBoxAsync() ?? throw new InvalidOperationException("The canvas is not shown.");
        await canvas.ClickAsync(new() { Position = new() { X = box.Width / 2, Y = box.Height - 60 } });
        await page.Locator($".djs-element.djs-shape[data-element-id='{elementId}'] .djs-hit").First.ClickAsync();
        await Assertions.Expect(page.Locator($".djs-element.djs-shape.selected[data-element-id='{elementId}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".djs-context-pad.open")).ToBeVisibleAsync();
    }

    public Task ContextPadAsync(string title) => page.Locator($".djs-context-pad.open [title='{title}']").ClickAsync();

    /// <summary>Opens a group of the properties panel (a click on an open group would close it).</summary>
    public async Task OpenGroupAsync(string label)
    {
        var header = page.Locator(".bio-properties-panel-group-header", new() { HasText = label });
        if (!(await header.GetAttributeAsync("class") ?? "").Contains("open", StringComparison.Ordinal))
        {
            await header.ClickAsync();
        }

        await Assertions.Expect(header).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bopen\\b"));
    }

    public Task<string> SelectedIdAsync() =>
        page.Locator(".djs-element.djs-shape.selected").First.GetAttributeAsync("data-element-id")!;
}
