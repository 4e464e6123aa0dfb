using System.Text.Json;

namespace Workflows.Web.Tests;

/// <summary>
/// The administrators' monitor in the browser: counts and filters, one instance with its tokens, variables and
/// history, the retry of an incident after its cause was fixed, and cancelling through the keyboard-usable dialog.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class MonitorTests(WebFixture fixture)
{
    /// <summary>
    /// start → fork: a one-second timer → 计算 (<c>${amount * 2}</c>, fails while <c>amount</c> is missing) → 复核;
    /// and 补正 (the message <c>fix</c> brings <c>amount</c>) → end. With a diagram, so that the badges can be drawn.
    /// </summary>
    private static string FlakyXml(string key) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                     xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                     xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                     xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                     targetNamespace="urn:test">
          <message id="m" name="fix" />
          <process id="{{key}}" name="监控演示流程" isExecutable="true" camunda:candidateStarterGroups="enterprise-filer@/gd">
            <startEvent id="start" name="发起" />
            <parallelGateway id="fork" name="分支" />
            <intermediateCatchEvent id="wait" name="等待一秒"><timerEventDefinition><timeDuration>PT1S</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <serviceTask id="calc" name="计算金额" camunda:expression="${amount * 2}" camunda:resultVariable="doubled" />
            <userTask id="check" name="复核" camunda:assignee="admin" />
            <endEvent id="end1" name="结束" />
            <intermediateCatchEvent id="fixed" name="等待补正"><messageEventDefinition messageRef="m" /></intermediateCatchEvent>
            <endEvent id="end2" name="补正完成" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
            <sequenceFlow id="f2" sourceRef="fork" targetRef="wait" />
            <sequenceFlow id="f3" sourceRef="wait" targetRef="calc" />
            <sequenceFlow id="f4" sourceRef="calc" targetRef="check" />
            <sequenceFlow id="f5" sourceRef="check" targetRef="end1" />
            <sequenceFlow id="f6" sourceRef="fork" targetRef="fixed" />
            <sequenceFlow id="f7" sourceRef="fixed" targetRef="end2" />
          </process>
          <bpmndi:BPMNDiagram id="d1">
            <bpmndi:BPMNPlane id="p1" bpmnElement="{{key}}">
              <bpmndi:BPMNShape id="s_start" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s_fork" bpmnElement="fork"><dc:Bounds x="180" y="93" width="50" height="50" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s_wait" bpmnElement="wait"><dc:Bounds x="280" y="100" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s_calc" bpmnElement="calc"><dc:Bounds x="360" y="78" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s_check" bpmnElement="check"><dc:Bounds x="510" y="78" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s_end1" bpmnElement="end1"><dc:Bounds x="660" y="100" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s_fixed" bpmnElement="fixed"><dc:Bounds x="280" y="220" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="s_end2" bpmnElement="end2"><dc:Bounds x="380" y="220" width="36" height="36" /></bpmndi:BPMNShape>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </definitions>
        """;

    [Fact]
    public async Task The_administrator_filters_opens_an_instance_retries_its_incident_and_cancels_another()
    {
        var key = ApprovalProcess.NewKey("monitor");
        var failing = ApprovalProcess.NewBusinessKey();
        var toCancel = ApprovalProcess.NewBusinessKey();
        string failingId;
        string cancelId;
        using (var admin = await ApiUser.SignInAsync(fixture.Host, "admin", "Admin#2026"))
        {
            await admin.DeployAndPublishAsync(FlakyXml(key));
            failingId = await admin.StartAsync(key, failing);
            cancelId = await admin.StartAsync(key, toCancel);
            await WaitIncidentAsync(admin, failingId);
            await WaitIncidentAsync(admin, cancelId);
        }

        await using var ui = await fixture.NewSessionAsync("monitor");
        var page = ui.Page;
        await ui.SignInAsync("admin", "Admin#2026", "/monitor");
        var summaryRow = page.Locator($"[data-testid=monitor-summary] tr[data-key={key}]");
        await Assertions.Expect(summaryRow).ToContainTextAsync("监控演示流程");
        await ui.ScreenshotAsync("summary");

        // The count "with incidents" of the process filters the list by process and status.
        await summaryRow.Locator("td").Nth(6).Locator("a").ClickAsync();
        var rows = page.Locator("[data-testid=monitor-instances] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "状态", Exact = true })).ToContainTextAsync("有异常");
        await WorkPagesTests.ChooseAsync(page, "状态", "已完成");
        await Assertions.Expect(page.GetByText("没有符合条件的流程实例。")).ToBeVisibleAsync();
        await WorkPagesTests.ChooseAsync(page, "状态", "运行中");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await page.GetByLabel("业务编号").FillAsync(failing);
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First.Locator("[data-testid=row-incidents]")).ToHaveTextAsync("1");
        await ui.ScreenshotAsync("filtered");

        await rows.First.Locator("a[href^='/monitor/instances/']").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/monitor/instances/{failingId}", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("[data-testid=token-list]")).ToContainTextAsync("等待一秒 × 1");
        await Assertions.Expect(page.Locator("[data-testid=token-list]")).ToContainTextAsync("等待补正 × 1");
        await Assertions.Expect(page.Locator(".wf-token-badge")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=variables] tr[data-variable=initiator]")).ToContainTextAsync("\"admin\"");
        await Assertions.Expect(page.Locator("[data-testid=incidents] tbody tr.incident-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=incident-summary]")).ToHaveTextAsync("表达式「amount * 2」计算失败：流程变量缺失或取值有误。");
        await Assertions.Expect(page.Locator("[data-testid=incidents] code.monitor-error")).Not.ToBeVisibleAsync(); // the recorded text waits under 技术详情
        await Assertions.Expect(page.Locator("[data-testid=incidents]")).ToContainTextAsync("定时器");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "办理记录" })).ToBeVisibleAsync();
        await ui.ScreenshotAsync("instance-with-incident");

        // The cause is fixed (the message brings the variable), then the administrator retries.
        using (var admin = await ApiUser.SignInAsync(fixture.Host, "admin", "Admin#2026"))
        {
            await admin.PostAsync("/api/messages", new { name = "fix", correlationKey = failing, variables = new { amount = 21 } });
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "立即重试环节“等待一秒”" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=no-incidents]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-testid=token-list]")).ToContainTextAsync("复核 × 1");
        await Assertions.Expect(page.Locator("[data-testid=variables] tr[data-variable=doubled]")).ToContainTextAsync("42");
        await ui.ScreenshotAsync("retried");

        // Cancelling the other instance from the keyboard: the dialog takes the reason, Enter sends it.
        await page.GotoAsync($"/monitor/instances/{cancelId}");
        await ui.WaitInteractiveAsync();
        var cancel = page.Locator("#monitor-cancel");
        await cancel.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await page.Locator("#dialog-comment").FocusAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(cancel).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await page.Locator("#dialog-comment").FocusAsync();
        await page.Keyboard.TypeAsync("重复发起，取消");
        await ui.ScreenshotAsync("cancel-dialog");
        await page.Locator("#operation-submit").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-status=cancelled]").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#monitor-back")).ToBeFocusedAsync();
        await ui.ScreenshotAsync("cancelled");
        (await page.EvaluateAsync<string[]>(LanguageScanTests.UnlabelledInputs)).Should().BeEmpty();
        ui.Errors.Should().BeEmpty();
    }

    private static async Task WaitIncidentAsync(ApiUser admin, string instanceId)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            var incidents = await admin.GetAsync($"/api/monitor/incidents?instanceId={instanceId}");
            if (incidents.ValueKind == JsonValueKind.Array && incidents.GetArrayLength() > 0)
            {
                return;
            }

            await Task.Delay(300);
        }

        throw new TimeoutException($"No incident for {instanceId}.");
    }
}
