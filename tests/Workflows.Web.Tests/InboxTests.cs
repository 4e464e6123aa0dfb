namespace Workflows.Web.Tests;

/// <summary>
/// The must-show journey of the inbox through the browser: the filer's nomination (started through the API) reaches
/// the city reviewer's 待办; the reviewer sees the picture with the current step marked and returns it to the
/// initiator through the dialog (a missing comment shows the Chinese problem); the filer finds it in 待办, uploads a
/// file and resubmits; the reviewer approves; the five committee members vote on their vote page with the tally
/// shown (4 for, 1 against); the instance page shows the path taken.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class InboxTests(WebFixture fixture)
{
    private const string ReturnComment = "事迹材料超过500字，请精简后重新提交";

    [Fact]
    public async Task A_nomination_is_returned_resubmitted_approved_and_voted_4_to_1_through_the_inbox()
    {
        var nomination = await Nomination.AtCityReviewAsync(fixture.Host, "inbox-journey");

        // 1. The city reviewer opens 待办 and the task: the picture marks the current step; the buttons are the API's operations.
        await using (var city = await fixture.NewSessionAsync("journey-city-return"))
        {
            var page = city.Page;
            await city.SignInAsync("city-reviewer", "Demo#2026", "/inbox");
            var row = await TodoRowAsync(page, nomination.BusinessKey);
            await Assertions.Expect(row).ToContainTextAsync("市总工会审核");
            await Assertions.Expect(row).ToContainTextAsync("劳动奖章推荐（测试）");
            await Assertions.Expect(row).ToContainTextAsync("陈申报");
            await Assertions.Expect(row).ToContainTextAsync("待认领");
            await city.ScreenshotAsync("city-todo");

            await row.GetByRole(AriaRole.Link).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "市总工会审核", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".djs-element.wf-mark-active[data-element-id='cityReview']")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator(".djs-element.wf-mark-completed[data-element-id='fill']")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("[data-testid=current-steps]")).ToHaveTextAsync("当前步骤：市总工会审核");
            await Assertions.Expect(page.Locator("[data-testid=form-table] tr[data-variable=nominee]")).ToContainTextAsync("推荐对象");
            await Assertions.Expect(page.Locator("[data-testid=form-table] tr[data-variable=nominee]")).ToContainTextAsync("张三");
            await Assertions.Expect(page.Locator("[data-testid=form-table] tr[data-variable=initiatorOrg]")).Not.ToContainTextAsync("/gd");
            await Assertions.Expect(page.Locator("[data-testid=history]")).ToContainTextAsync("提交推荐材料");

            using var cityApi = await ApiUser.SignInAsync(fixture.Host, "city-reviewer");
            var taskId = await cityApi.MyTaskAsync(nomination.InstanceId);
            var detail = await cityApi.GetAsync($"/api/tasks/{taskId}/detail");
            var expected = detail.GetProperty("operations").EnumerateArray().Select(o => Label(o.GetString()!)).ToList();
            var shown = await page.GetByRole(AriaRole.Toolbar, new() { Name = "办理操作" }).GetByRole(AriaRole.Button).AllInnerTextsAsync();
            shown.Select(s => s.Trim()).Should().BeEquivalentTo(expected, "the page offers exactly the operations the API allows now");
            shown.Select(s => s.Trim()).Should().Contain(["同意", "驳回", "退回", "转办", "委派", "加签", "抄送", "催办"]).And.NotContain("表决");
            await city.ScreenshotAsync("city-task");

            // 2. 退回 without the required comment: the API's Chinese problem is shown in the dialog, which stays open.
            await page.GetByRole(AriaRole.Button, new() { Name = "退回", Exact = true }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Assertions.Expect(dialog).ToBeVisibleAsync();
            await dialog.GetByRole(AriaRole.Combobox, new() { Name = "退回到" }).ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "发起人（退回补正）" }).ClickAsync();
            await Assertions.Expect(dialog.GetByRole(AriaRole.Combobox, new() { Name = "退回到" })).ToContainTextAsync("发起人（退回补正）");
            await dialog.Locator("#operation-submit").ClickAsync();
            await Assertions.Expect(dialog.Locator("[data-testid=operation-problem]")).ToHaveTextAsync("审批意见必填。");
            await city.ScreenshotAsync("return-without-comment");
            (await cityApi.MyTaskAsync(nomination.InstanceId)).Should().Be(taskId, "a refused return changes nothing");

            await dialog.GetByLabel("审批意见（必填）").FillAsync(ReturnComment);
            await dialog.Locator("#operation-submit").ClickAsync();
            await Assertions.Expect(dialog).ToHaveCountAsync(0);
            await page.WaitForURLAsync(url => url.EndsWith("/inbox", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
            await Assertions.Expect(page.GetByText("已退回。")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=todo-table] tbody tr", new() { HasText = nomination.BusinessKey })).ToHaveCountAsync(0);
            await city.ScreenshotAsync("returned");
            city.Errors.Should().OnlyContain(e => e.Contains("status of 400", StringComparison.Ordinal) && e.Contains($"/api/tasks/{taskId}/return", StringComparison.Ordinal),
                "the only failed request is the refused return");
        }

        // 3. The filer finds it in 待办, sees the return in the history, uploads a file and resubmits.
        await using (var filer = await fixture.NewSessionAsync("journey-filer-resubmit"))
        {
            var page = filer.Page;
            await filer.SignInAsync("filer", "Demo#2026", "/inbox");
            var row = await TodoRowAsync(page, nomination.BusinessKey);
            await Assertions.Expect(row).ToContainTextAsync("填写推荐表");
            await filer.ScreenshotAsync("filer-todo");
            await row.GetByRole(AriaRole.Link).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "填写推荐表", Level = 1 })).ToBeVisibleAsync();
            var returned = page.Locator("[data-testid=history] li[data-type=TaskReturned]");
            await Assertions.Expect(returned).ToContainTextAsync("黄市审");
            await Assertions.Expect(returned).ToContainTextAsync(ReturnComment);
            await Assertions.Expect(page.Locator(".djs-element.wf-mark-rejected[data-element-id='cityReview']")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator(".djs-element.wf-mark-active[data-element-id='fill']")).ToHaveCountAsync(1);

            var folder = Directory.CreateTempSubdirectory("workflows-web-upload").FullName;
            var file = Path.Combine(folder, "推荐表.pdf");
            await File.WriteAllTextAsync(file, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
            var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "上传材料" }).ClickAsync());
            await chooser.SetFilesAsync(file);
            var materials = page.Locator("[data-testid=materials-table]");
            await Assertions.Expect(materials).ToContainTextAsync("推荐表.pdf");
            await Assertions.Expect(materials).ToContainTextAsync("陈申报");
            var download = await page.RunAndWaitForDownloadAsync(() => materials.GetByRole(AriaRole.Link, new() { Name = "下载 推荐表.pdf" }).ClickAsync());
            var saved = Path.Combine(folder, "downloaded.pdf");
            await download.SaveAsAsync(saved);
            (await File.ReadAllTextAsync(saved)).Should().StartWith("%PDF-1.4");
            Directory.Delete(folder, recursive: true);
            await filer.ScreenshotAsync("filer-uploaded");

            await page.GetByLabel("审批意见", new() { Exact = true }).FillAsync("已按要求精简事迹");
            await page.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Assertions.Expect(dialog.GetByLabel("审批意见")).ToHaveValueAsync("已按要求精简事迹");
            await filer.ScreenshotAsync("resubmit-dialog");
            await dialog.Locator("#operation-submit").ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith("/inbox", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
            await Assertions.Expect(page.GetByText("已同意。")).ToBeVisibleAsync();
            filer.Errors.Should().BeEmpty();
        }

        // 4. The city reviewer approves.
        await using (var city = await fixture.NewSessionAsync("journey-city-approve"))
        {
            var page = city.Page;
            await city.SignInAsync("city-reviewer", "Demo#2026", "/inbox");
            await (await TodoRowAsync(page, nomination.BusinessKey)).GetByRole(AriaRole.Link).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=history] li[data-type=TaskCompleted]").Last).ToContainTextAsync("已按要求精简事迹");
            await Assertions.Expect(page.Locator("[data-testid=materials-table]")).ToContainTextAsync("推荐表.pdf");
            await page.GetByRole(AriaRole.Button, new() { Name = "同意", Exact = true }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("审批意见").FillAsync("同意推荐");
            await city.ScreenshotAsync("approve-dialog");
            await dialog.Locator("#operation-submit").ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith("/inbox", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
            await Assertions.Expect(page.GetByText("已同意。")).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Tab, new() { Name = "已办" }).ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith("/inbox/done", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
            var done = page.Locator("[data-testid=done-table] tbody tr", new() { HasText = nomination.BusinessKey });
            await Assertions.Expect(done).ToHaveCountAsync(2);
            await Assertions.Expect(done.Filter(new() { HasText = "退回" })).ToContainTextAsync(ReturnComment);
            await Assertions.Expect(done.Filter(new() { HasText = "同意推荐" })).ToContainTextAsync("办理完成");
            await city.ScreenshotAsync("city-done");
            city.Errors.Should().BeEmpty();
        }

        // 5. The committee votes on the vote page, which shows the tally: 1 against first, then 4 for.
        (string Member, string Vote, string Comment)[] votes =
        [
            ("committee5", "反对", "事迹不够突出"), ("committee1", "同意", "同意"), ("committee2", "同意", "同意"),
            ("committee3", "同意", "同意"), ("committee4", "同意", "同意"),
        ];
        var cast = (For: 0, Against: 0);
        foreach (var (member, vote, comment) in votes)
        {
            await using var session = await fixture.NewSessionAsync($"journey-vote-{member}");
            var page = session.Page;
            await session.SignInAsync(member, "Demo#2026", "/inbox");
            await (await TodoRowAsync(page, nomination.BusinessKey)).GetByRole(AriaRole.Link).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "评审委员会表决", Level = 1 })).ToBeVisibleAsync();
            var tally = page.Locator("[data-testid=vote-tally]");
            if (cast == (0, 0))
            {
                await Assertions.Expect(tally.Locator("[data-testid=tally-none]")).ToHaveTextAsync("尚无人投票：第一票投出后在此显示计票。");
            }
            else
            {
                await Assertions.Expect(tally.Locator("[data-testid=tally-for]")).ToHaveTextAsync(cast.For.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await Assertions.Expect(tally.Locator("[data-testid=tally-against]")).ToHaveTextAsync(cast.Against.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await Assertions.Expect(tally.Locator("[data-testid=tally-voted]")).ToHaveTextAsync((cast.For + cast.Against).ToString(System.Globalization.CultureInfo.InvariantCulture));
                await Assertions.Expect(tally.Locator("[data-testid=tally-total]")).ToHaveTextAsync("5");
                await Assertions.Expect(tally.Locator("[data-testid=tally-needed]")).ToHaveTextAsync("4");
            }

            await Assertions.Expect(page.Locator(".djs-element.wf-mark-active[data-element-id='vote']")).ToHaveCountAsync(1);
            await session.ScreenshotAsync("vote-page");

            await page.GetByRole(AriaRole.Button, new() { Name = "表决", Exact = true }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByRole(AriaRole.Radio, new() { Name = vote }).CheckAsync();
            await dialog.GetByLabel("审批意见").FillAsync(comment);
            await session.ScreenshotAsync("vote-dialog");
            await dialog.Locator("#operation-submit").ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith("/inbox", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
            await Assertions.Expect(page.GetByText("已表决。")).ToBeVisibleAsync();
            cast = vote == "同意" ? (cast.For + 1, cast.Against) : (cast.For, cast.Against + 1);
            session.Errors.Should().BeEmpty();
        }

        // 6. The filer's instance page: finished, the path taken marked, the tally 4–1, every step in the history.
        await using (var filer = await fixture.NewSessionAsync("journey-instance"))
        {
            var page = filer.Page;
            await filer.SignInAsync("filer", "Demo#2026", "/inbox/started");
            var row = page.Locator("[data-testid=started-table] tbody tr", new() { HasText = nomination.BusinessKey });
            await Assertions.Expect(row).ToContainTextAsync("已结束");
            await filer.ScreenshotAsync("started-list");
            await row.GetByRole(AriaRole.Link, new() { Name = "查看流程“劳动奖章推荐（测试）”" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "劳动奖章推荐（测试）", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=instance-status]")).ToHaveTextAsync("已结束");
            foreach (var finished in new[] { "start", "fill", "cityReview", "cityPassed", "vote", "votePassed", "endApproved", "f1", "f2", "f4", "f7" })
            {
                await Assertions.Expect(page.Locator($".djs-element[data-element-id='{finished}']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("wf-mark-completed"));
            }

            foreach (var untouched in new[] { "endRejected", "endCityRejected", "f5", "f8" })
            {
                await Assertions.Expect(page.Locator($".djs-element[data-element-id='{untouched}']")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("wf-mark-"));
            }

            await Assertions.Expect(page.Locator(".djs-element.wf-mark-rejected[data-element-id='cityReview']")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator(".djs-element.wf-mark-active")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid=current-steps]")).ToHaveTextAsync("当前步骤：无");
            await Assertions.Expect(page.Locator("[data-testid=tally-for]")).ToHaveTextAsync("4");
            await Assertions.Expect(page.Locator("[data-testid=tally-against]")).ToHaveTextAsync("1");
            var history = page.Locator("[data-testid=history]");
            await Assertions.Expect(history.Locator("li[data-type=TaskCompleted]", new() { HasText = "事迹不够突出" })).ToContainTextAsync("表决：反对");
            await Assertions.Expect(history.Locator("li[data-type=TaskCompleted]", new() { HasText = "表决：同意" })).ToHaveCountAsync(4);
            await Assertions.Expect(history.Locator("li[data-type=InstanceCompleted]")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "撤回" })).ToHaveCountAsync(0);
            await filer.ScreenshotAsync("instance-finished");
            filer.Errors.Should().BeEmpty();
        }

        using var api = await ApiUser.SignInAsync(fixture.Host, "filer");
        var variables = (await api.GetAsync($"/api/instances/{nomination.InstanceId}")).GetProperty("variables");
        variables.GetProperty("committeeApproved").GetBoolean().Should().BeTrue();
        variables.GetProperty("voteTally").GetProperty("for").GetInt32().Should().Be(4);
    }

    /// <summary>The row of the business key in 待办 (the list reads the API after the page is up).</summary>
    internal static async Task<ILocator> TodoRowAsync(IPage page, string businessKey)
    {
        var row = page.Locator("[data-testid=todo-table] tbody tr", new() { HasText = businessKey });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        return row;
    }

    /// <summary>The button text of an operation, as the task page writes it in Chinese.</summary>
    private static string Label(string operation) => operation switch
    {
        "claim" => "认领",
        "release" => "释放",
        "approve" => "同意",
        "reject" => "驳回",
        "vote" => "表决",
        "return" => "退回",
        "transfer" => "转办",
        "delegate" => "委派",
        "resolve" => "办理完成并交回",
        "add-signer" => "加签",
        "remove-signer" => "减签",
        "copy" => "抄送",
        "urge" => "催办",
        "comment" => "添加意见",
        _ => throw new ArgumentException($"unknown operation {operation}", nameof(operation)),
    };

}
