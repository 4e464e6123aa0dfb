namespace Workflows.Web.Tests;

/// <summary>
/// 委派, 加签 and 转办 through the task page's dialogs: the city reviewer delegates to the provincial reviewer, who gives
/// it back with an opinion; then adds the provincial reviewer as a signer before him, who signs first; then transfers
/// the task to the provincial reviewer, who holds it from then on. Each step is checked in the history and in who
/// has the task to do.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class TaskHandOverTests(WebFixture fixture)
{
    [Fact]
    public async Task The_city_reviewer_delegates_adds_a_signer_and_transfers_through_the_dialogs()
    {
        var nomination = await Nomination.AtCityReviewAsync(fixture.Host, "hand-over");
        using var cityApi = await ApiUser.SignInAsync(fixture.Host, "city-reviewer");
        using var provinceApi = await ApiUser.SignInAsync(fixture.Host, "province-reviewer");
        var taskId = await cityApi.MyTaskAsync(nomination.InstanceId);
        await using var city = await fixture.NewSessionAsync("hand-over-city");
        await city.SignInAsync("city-reviewer", "Demo#2026", $"/tasks/{taskId}");
        await using var province = await fixture.NewSessionAsync("hand-over-province");
        await province.SignInAsync("province-reviewer", "Demo#2026", "/inbox");

        // 1. 委派 to the provincial reviewer, who gives it back with an opinion (办理完成并交回).
        await OperateAsync(city, "委派", ("委派给（用户名）", "province-reviewer"), "请省总工会协助核实事迹材料", "已委派。");
        (await provinceApi.MyTaskAsync(nomination.InstanceId)).Should().Be(taskId, "the delegate holds the same task");
        await province.Page.GotoAsync($"/tasks/{taskId}");
        var toolbar = province.Page.GetByRole(AriaRole.Toolbar, new() { Name = "办理操作" });
        await Assertions.Expect(toolbar.GetByRole(AriaRole.Button, new() { Name = "办理完成并交回" })).ToBeVisibleAsync();
        await Assertions.Expect(toolbar.GetByRole(AriaRole.Button, new() { Name = "同意", Exact = true })).ToHaveCountAsync(0);
        await province.ScreenshotAsync("delegated-task");
        await OperateAsync(province, "办理完成并交回", null, "经核实，事迹材料属实", "已交回委派人。");
        (await cityApi.MyTaskAsync(nomination.InstanceId)).Should().Be(taskId, "the task is back with the city reviewer");

        // 2. 加签 before: the provincial reviewer signs first, then it comes back to the city reviewer.
        await city.Page.GotoAsync($"/tasks/{taskId}");
        await OperateAsync(city, "加签", ("加签人（用户名）", "province-reviewer"), "请省总工会先行审核", "已加签。",
            dialog => dialog.GetByRole(AriaRole.Radio, new() { Name = "前加签（加签人办理后回到您）" }).CheckAsync());
        (await provinceApi.MyTaskAsync(nomination.InstanceId)).Should().Be(taskId, "the signer holds the task first");
        await province.Page.GotoAsync($"/tasks/{taskId}");
        await OperateAsync(province, "同意", null, "同意推荐", "已同意。");
        var back = await cityApi.MyTaskAsync(nomination.InstanceId);
        back.Should().Be(taskId, "the token did not move: after the signer's opinion the task is the city reviewer's again");

        // 3. 转办 to the provincial reviewer: the city reviewer has nothing left to do on it.
        await city.Page.GotoAsync($"/tasks/{back}");
        await OperateAsync(city, "转办", ("转办给（用户名）", "province-reviewer"), "由省总工会直接审核", "已转办。");
        (await provinceApi.MyTaskAsync(nomination.InstanceId)).Should().Be(back);
        var todo = await cityApi.GetAsync("/api/me/todo?take=1000");
        todo.GetProperty("items").EnumerateArray().Should().NotContain(t => t.GetProperty("instanceId").GetString() == nomination.InstanceId);

        await province.Page.GotoAsync($"/instances/{nomination.InstanceId}");
        var history = province.Page.Locator("[data-testid=history]");
        foreach (var (type, comment) in new[]
        {
            ("TaskDelegated", "请省总工会协助核实事迹材料"), ("TaskResolved", "经核实，事迹材料属实"), ("SignerAdded", "请省总工会先行审核"),
            ("SignerCompleted", "同意推荐"), ("TaskTransferred", "由省总工会直接审核"),
        })
        {
            await Assertions.Expect(history.Locator($"li[data-type={type}]").First).ToContainTextAsync(comment);
        }

        await province.ScreenshotAsync("history-after-hand-over");
        city.Errors.Should().BeEmpty();
        province.Errors.Should().BeEmpty();
    }

    /// <summary>Opens the operation's dialog from the toolbar, fills it and submits; the page then shows <paramref name="done"/>.</summary>
    private static async Task OperateAsync(UiSession ui, string operation, (string Label, string Value)? field, string comment, string done,
        Func<ILocator, Task>? more = null)
    {
        var page = ui.Page;
        await page.GetByRole(AriaRole.Toolbar, new() { Name = "办理操作" }).GetByRole(AriaRole.Button, new() { Name = operation, Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        if (field is { } f)
        {
            await dialog.GetByLabel(f.Label).FillAsync(f.Value);
        }

        if (more is not null)
        {
            await more(dialog);
        }

        await dialog.Locator("#dialog-comment").FillAsync(comment);
        await ui.ScreenshotAsync("dialog-" + operation switch
        {
            "委派" => "delegate", "办理完成并交回" => "resolve", "加签" => "add-signer", "转办" => "transfer", _ => "approve",
        });
        await dialog.Locator("#operation-submit").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText(done)).ToBeVisibleAsync();
    }
}
