using System.Text.RegularExpressions;

namespace Workflows.Web.Tests;

/// <summary>
/// The must-show journey in the browser: an administrator draws a small process in the designer and publishes it; an
/// enterprise filer files a labour-medal nomination in the portal and uploads its materials (the progress bar reaches
/// 100%); the city reviewer returns it with a comment from the task page; the filer reads the comment, corrects the
/// form in the portal and resubmits; the reviewer approves; a committee member votes on the vote page with its tally;
/// the nomination's picture marks the path taken. The district's batches, the province's review and the other votes
/// go through the API. Every step leaves a screenshot in artifacts/screenshots.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class MustShowJourneyTests(WebFixture fixture)
{
    private const string ReturnComment = "事迹摘要过于笼统，请补充具体技术成果";
    private const string CorrectedSummary = "主持数控机床智能化改造，年节约成本三百万元，带徒二十名";

    [Fact]
    public async Task A_nomination_is_filed_in_the_portal_returned_corrected_resubmitted_approved_voted_and_its_path_is_marked()
    {
        try
        {
            await JourneyAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"{ex.Message}{Environment.NewLine}The host said:{Environment.NewLine}{fixture.Host.Output}", ex);
        }
    }

    private async Task JourneyAsync()
    {
        // 1. The administrator draws start → 用户任务 → end in the designer and publishes it.
        await using (var admin = await fixture.NewSessionAsync("must-designer"))
        {
            var page = admin.Page;
            await admin.SignInAsync("admin", "Admin#2026", "/designer");
            var designer = new DesignerPage(page);
            await designer.WaitReadyAsync();
            var key = await designer.ProcessKeyAsync();
            await designer.SelectAsync("StartEvent_1");
            await designer.ContextPadAsync("追加任务");
            await page.Keyboard.PressAsync("Escape");
            await designer.ContextPadAsync("更改元素类型");
            await page.Locator(".djs-popup").GetByText("用户任务", new() { Exact = true }).ClickAsync();
            var panel = page.GetByRole(AriaRole.Complementary, new() { Name = "属性面板" });
            await designer.OpenGroupAsync("常规");
            await panel.GetByLabel("名称", new() { Exact = true }).FillAsync("企业工会审核");
            await designer.OpenGroupAsync("审批设置");
            await panel.GetByLabel("候选角色").FillAsync("city-reviewer@/gd/gz");
            await panel.GetByLabel("候选角色").PressAsync("Tab");
            await page.WaitForTimeoutAsync(500);
            var taskId = await designer.SelectedIdAsync();
            await designer.SelectAsync(taskId);
            await designer.ContextPadAsync("追加结束事件");
            await admin.ScreenshotAsync("drawn");
            await page.GetByRole(AriaRole.Button, new() { Name = "发布" }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "确定发布" }).ClickAsync();
            await Assertions.Expect(page.GetByText($"已发布：{key} 第 1 版。")).ToBeVisibleAsync();
            await admin.ScreenshotAsync("published");
            admin.Errors.Should().BeEmpty();
        }

        await PortalJourney.ShortUnitNoticeAsync(fixture.Host);
        using var filerApi = await ApiUser.SignInAsync(fixture.Host, "filer");
        var (campaignId, campaignTitle) = await PortalJourney.CampaignAsync(filerApi);
        var nomineeName = PortalJourney.Name("林");
        string nominationId;

        // 2. The filer files in the portal: the open campaign, the form with its live counter, then the materials with the progress bar.
        await using (var filer = await fixture.NewSessionAsync("must-filer-files"))
        {
            var page = filer.Page;
            await filer.SignInAsync("filer", "Demo#2026", "/nominations");
            var card = page.Locator("[data-testid=campaign-card]", new() { HasText = campaignTitle });
            await Assertions.Expect(card).ToContainTextAsync("职工（代表）大会民主推荐会议纪要");
            await filer.ScreenshotAsync("portal");
            await card.Locator("[data-testid=new-nomination]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=new-campaign]")).ToContainTextAsync(campaignTitle);
            await page.Locator("#nominee-name").FillAsync(nomineeName);
            await page.Locator("#nominee-identifier").FillAsync(PortalJourney.IdNumber());
            await page.GetByRole(AriaRole.Checkbox, new() { Name = "产业工人", Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Checkbox, new() { Name = "农民工", Exact = true }).CheckAsync();
            await page.Locator("#form-position").FillAsync("高级技师");
            await page.Locator("#form-deedsSummary").FillAsync("爱岗敬业，技术革新");
            await Assertions.Expect(page.GetByText("9 / 500 字")).ToBeVisibleAsync();
            await page.Locator("#form-deeds").FillAsync(string.Concat(Enumerable.Repeat("扎根一线二十年，攻克关键工艺难题。", 20)));
            await Assertions.Expect(page.GetByText("340 / 2000 字")).ToBeVisibleAsync();
            await filer.ScreenshotAsync("form");
            await page.Locator("#file-nomination").ClickAsync();
            await page.WaitForURLAsync(new Regex("/nominations/[0-9a-f-]{36}$"), new() { WaitUntil = WaitUntilState.Commit });
            nominationId = page.Url[^36..];
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = nomineeName, Level = 1 })).ToBeVisibleAsync();

            foreach (var (material, file) in new[] { ("推荐审批表", "推荐审批表.pdf"), ("单位公示照片及公示无异议报告", "公示无异议报告.pdf") })
            {
                await page.GetByRole(AriaRole.Combobox, new() { Name = "材料类型" }).ClickAsync();
                await page.GetByRole(AriaRole.Option, new() { Name = material, Exact = true }).ClickAsync();
                await page.Locator("#upload-file").SetInputFilesAsync(new FilePayload { Name = file, MimeType = "application/pdf", Buffer = PortalJourney.Pdf(4 * 1024 * 1024) });
                await page.Locator("#upload-button").ClickAsync();
                await Assertions.Expect(page.Locator("[data-testid=upload-progress]")).ToHaveAttributeAsync("data-percent", "100");
                await Assertions.Expect(page.Locator("[data-testid=uploaded-files]")).ToContainTextAsync(file);
                await filer.ScreenshotAsync("uploaded-100");
            }

            await Assertions.Expect(page.Locator("[data-testid=missing-materials]")).Not.ToContainTextAsync("推荐审批表");
            filer.Errors.Should().BeEmpty();
        }

        // 3. Through the API: 民主推荐, the unit notice (seconds here), the submission, and 天河区's batch to 广州.
        var nomination = await filerApi.GetAsync($"/api/nominations/{nominationId}");
        var instanceId = nomination.GetProperty("instanceId").GetString()!;
        await filerApi.PostAsync($"/api/tasks/{await PortalJourney.TaskAtAsync(filerApi, instanceId, "unitRecommendation")}/approve", new { comment = "职工代表大会民主推荐通过" });
        await filerApi.PostAsync($"/api/tasks/{await PortalJourney.TaskAtAsync(filerApi, instanceId, "submitNomination")}/approve", new { comment = "提交推荐材料" });
        using var district = await ApiUser.SignInAsync(fixture.Host, "district-reviewer");
        await PortalJourney.SubmitLevelAsync(district, campaignId, "/gd/gz/th", nominationId);
        using var cityApi = await ApiUser.SignInAsync(fixture.Host, "city-reviewer");
        await PortalJourney.TaskAtAsync(cityApi, instanceId, "cityReview");

        // 4. The city reviewer returns it to the filer with a comment from the task page's dialog.
        await using (var city = await fixture.NewSessionAsync("must-city-returns"))
        {
            var page = city.Page;
            await city.SignInAsync("city-reviewer", "Demo#2026", "/inbox");
            await (await InboxTests.TodoRowAsync(page, nominationId)).GetByRole(AriaRole.Link).ClickAsync();
            await Assertions.Expect(page.Locator(".djs-element.wf-mark-active[data-element-id='cityReview']")).ToHaveCountAsync(1);
            await page.GetByRole(AriaRole.Button, new() { Name = "退回", Exact = true }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByRole(AriaRole.Combobox, new() { Name = "退回到" }).ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "发起人（退回补正）" }).ClickAsync();
            await dialog.GetByLabel("审批意见", new() { Exact = false }).First.FillAsync(ReturnComment);
            await city.ScreenshotAsync("return-dialog");
            await dialog.Locator("#operation-submit").ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith("/inbox", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
            await Assertions.Expect(page.GetByText("已退回。")).ToBeVisibleAsync();
            await city.ScreenshotAsync("returned");
        }

        // 5. The filer sees the comment in the portal, corrects the deeds and resubmits.
        await using (var filer = await fixture.NewSessionAsync("must-filer-corrects"))
        {
            var page = filer.Page;
            await filer.SignInAsync("filer", "Demo#2026", "/nominations");
            var row = page.Locator("[data-testid=nomination-row]", new() { HasText = nomineeName });
            await row.GetByRole(AriaRole.Link).ClickAsync();
            var banner = page.Locator("[data-testid=returned-banner]");
            await Assertions.Expect(banner).ToContainTextAsync(ReturnComment);
            await Assertions.Expect(banner).ToContainTextAsync("黄市审");
            await filer.ScreenshotAsync("returned-with-comment");
            await page.Locator("#form-deedsSummary").FillAsync(CorrectedSummary);
            await page.Locator("#resubmit-comment").FillAsync("已补充具体技术成果");
            await filer.ScreenshotAsync("corrected");
            await page.Locator("#resubmit").ClickAsync();
            await Assertions.Expect(page.GetByText("已重新提交。")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=returned-banner]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid=nomination-state]")).ToHaveTextAsync("已报送");
            await Assertions.Expect(page.Locator("[data-testid=form-values]")).ToContainTextAsync(CorrectedSummary);
            await filer.ScreenshotAsync("resubmitted");
            filer.Errors.Should().BeEmpty();
        }

        // 6. 天河区 passes it on again (API); the city reviewer approves on the task page.
        await PortalJourney.SubmitLevelAsync(district, campaignId, "/gd/gz/th", nominationId);
        await PortalJourney.TaskAtAsync(cityApi, instanceId, "cityReview");
        await using (var city = await fixture.NewSessionAsync("must-city-approves"))
        {
            var page = city.Page;
            await city.SignInAsync("city-reviewer", "Demo#2026", "/inbox");
            await (await InboxTests.TodoRowAsync(page, nominationId)).GetByRole(AriaRole.Link).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=history]")).ToContainTextAsync("已补充具体技术成果");
            await page.GetByRole(AriaRole.Button, new() { Name = "同意", Exact = true }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("审批意见", new() { Exact = false }).First.FillAsync("同意推荐");
            await city.ScreenshotAsync("approve-dialog");
            await dialog.Locator("#operation-submit").ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith("/inbox", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
            await Assertions.Expect(page.GetByText("已同意。")).ToBeVisibleAsync();
        }

        // 7. The province reviews (API); committee1 votes on the vote page with its tally; three more vote through the API.
        using (var province = await ApiUser.SignInAsync(fixture.Host, "province-reviewer"))
        {
            await province.PostAsync($"/api/tasks/{await PortalJourney.TaskAtAsync(province, instanceId, "provinceReview")}/approve", new { comment = "材料齐全" });
        }

        await using (var member = await fixture.NewSessionAsync("must-committee-votes"))
        {
            var page = member.Page;
            await member.SignInAsync("committee1", "Demo#2026", "/inbox");
            await (await InboxTests.TodoRowAsync(page, nominationId)).GetByRole(AriaRole.Link).ClickAsync();
            var tally = page.Locator("[data-testid=vote-tally]");
            await Assertions.Expect(tally).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".djs-element.wf-mark-active[data-element-id='committeeVote']")).ToHaveCountAsync(1);
            await member.ScreenshotAsync("vote-page");
            await page.GetByRole(AriaRole.Button, new() { Name = "表决", Exact = true }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByRole(AriaRole.Radio, new() { Name = "同意" }).CheckAsync();
            await dialog.GetByLabel("审批意见").FillAsync("事迹突出，同意");
            await member.ScreenshotAsync("vote-dialog");
            await dialog.Locator("#operation-submit").ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith("/inbox", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
            await Assertions.Expect(page.GetByText("已表决。")).ToBeVisibleAsync();
            member.Errors.Should().BeEmpty();
        }

        foreach (var name in new[] { "committee2", "committee3", "committee4" })
        {
            using var voter = await ApiUser.SignInAsync(fixture.Host, name);
            await voter.PostAsync($"/api/tasks/{await PortalJourney.TaskAtAsync(voter, instanceId, "committeeVote")}/vote", new { vote = "for", comment = "同意" });
        }

        // 8. The picture on the filer's nomination page marks the path taken: the finished steps and flows, the
        //    return at the city, and none of the branches not taken.
        await using (var filer = await fixture.NewSessionAsync("must-path"))
        {
            var page = filer.Page;
            await filer.SignInAsync("filer", "Demo#2026", $"/nominations/{nominationId}");
            var picture = page.Locator("[data-testid=process-picture]");
            await Assertions.Expect(picture.Locator(".djs-element[data-element-id='committeeVote']")).ToHaveClassAsync(new Regex("wf-mark-completed"));
            foreach (var finished in new[]
            {
                "start", "unitRecommendation", "submitNomination", "districtReview", "cityReview", "provinceReview", "committeeVote",
                "Flow_start_unitRecommendation", "districtResult_approved", "cityResult_approved",
            })
            {
                await Assertions.Expect(picture.Locator($".djs-element[data-element-id='{finished}']")).ToHaveClassAsync(new Regex("wf-mark-completed"));
            }

            await Assertions.Expect(picture.Locator(".djs-element.wf-mark-rejected[data-element-id='cityReview']")).ToHaveCountAsync(1);
            foreach (var untouched in new[] { "markReturned", "cityResult_rejected", "endCityRejected", "endVoteRejected" })
            {
                await Assertions.Expect(picture.Locator($".djs-element[data-element-id='{untouched}']")).Not.ToHaveClassAsync(new Regex("wf-mark-"));
            }

            await Assertions.Expect(page.Locator("[data-testid=history] li[data-type=TaskReturned]")).ToContainTextAsync(ReturnComment);
            await filer.ScreenshotAsync("path-taken");
            filer.Errors.Should().BeEmpty();
        }
    }
}
