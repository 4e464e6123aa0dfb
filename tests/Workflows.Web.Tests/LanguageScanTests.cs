using System.Text.RegularExpressions;

namespace Workflows.Web.Tests;

/// <summary>
/// Every page reachable from the navigation of each demo role, in the Chinese UI: no English word may be left in the
/// visible text, button labels, aria-labels, titles or placeholders (only identifiers such as process ids, user
/// names, BPMN and SVG, and the text of <c>code</c> elements, which hold identifiers such as paths and role keys),
/// and every input has an accessible label.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class LanguageScanTests(WebFixture fixture)
{
    public static TheoryData<string, string> DemoUsers => new()
    {
        { "admin", "Admin#2026" },
        { "filer", "Demo#2026" },
        { "district-reviewer", "Demo#2026" },
        { "city-reviewer", "Demo#2026" },
        { "province-reviewer", "Demo#2026" },
        { "dept-reviewer", "Demo#2026" },
        { "committee1", "Demo#2026" },
    };

    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "BPMN", "SVG", "bpmn", "ID", "GUID",
        "admin", "filer", "district-reviewer", "city-reviewer", "province-reviewer", "dept-reviewer", "xcb-reviewer",
        "committee1", "committee2", "committee3", "committee4", "committee5",

        // Process keys of the shipped honour designs (ids, shown next to their Chinese names in the definitions list).
        "labour-certificate", "labour-medal", "model-worker", "nanyue-best-worker", "nanyue-craftsman", "pioneer-team",
    };

    /// <summary>Identifiers that may appear: element and process ids the designer makes (Process_x7k2, StartEvent_1).</summary>
    [GeneratedRegex(@"^(Process|StartEvent|Activity|Event|Gateway|Flow|Definitions)_[A-Za-z0-9]+$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9_\-]*")]
    private static partial Regex AsciiWord();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex GuidText();

    private const string CollectTexts = """
        () => {
          const visible = e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
          // <code> holds identifiers (organisation paths, user names, role keys): not words to translate.
          let body = document.body.innerText;
          for (const c of document.querySelectorAll('code')) if (c.innerText) body = body.replace(c.innerText, '');
          const texts = [body, document.title];
          for (const e of document.querySelectorAll('button, a, [role=button]')) if (visible(e)) texts.push(e.innerText);
          for (const e of document.querySelectorAll('[aria-label]')) texts.push(e.getAttribute('aria-label'));
          for (const e of document.querySelectorAll('[placeholder]')) texts.push(e.getAttribute('placeholder'));
          for (const e of document.querySelectorAll('[title]')) if (!e.closest('.bjs-powered-by')) texts.push(e.getAttribute('title'));
          return texts.filter(t => t).join('\n');
        }
        """;

    internal const string UnlabelledInputs = """
        () => [...document.querySelectorAll('input, select, textarea')]
          .filter(e => e.type !== 'hidden' && (e.offsetWidth || e.offsetHeight))
          .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby') && !e.closest('label'))
          .map(e => e.outerHTML.slice(0, 160))
        """;

    [Theory]
    [MemberData(nameof(DemoUsers))]
    public async Task Every_page_of_the_role_is_Chinese_and_every_input_is_labelled(string userName, string password)
    {
        await using var ui = await fixture.NewSessionAsync($"scan-{userName}");
        await ui.Page.GotoAsync("/login");
        await CheckPageAsync(ui, "/login");
        await ui.SignInAsync(userName, password);

        var links = await ui.Page.GetByRole(AriaRole.Navigation, new() { Name = "主菜单" }).Locator("a[href]").EvaluateAllAsync<string[]>(
            "links => links.map(a => new URL(a.href).pathname)");
        links.Should().Contain("/");
        foreach (var path in links.Distinct())
        {
            await ui.Page.GotoAsync(path);
            await ui.WaitInteractiveAsync();
            if (path == "/designer")
            {
                await new DesignerPage(ui.Page).WaitReadyAsync();
            }

            await CheckPageAsync(ui, path);
        }
    }

    /// <summary>
    /// Code in the help texts of the task settings: expressions, role keys, durations, form keys; the activity type
    /// mail.send with its parameter names; Liquid, the template language's name in the activity's Chinese texts.
    /// </summary>
    private static readonly HashSet<string> CodeExamples = new(StringComparer.Ordinal)
    {
        "initiator", "initiatorOrg", "cityOf", "committee", "approved", "gd", "gz", "P5WD", "WD", "P1WD", "P1D",
        "forms", "nomination-review", "mail", "send", "to", "subject", "body", "template", "Liquid",

        // The honours activity types (shown as code next to their Chinese names in the activity list).
        "honours", "checkComposition", "checkEligibility", "checkQuota", "closeNotice", "noticePeriod", "notify", "openNotice",
        "publishDecision", "recordObjection", "registerHonours", "requestOpinions", "passOn", "updateNomination", "formCommittee",
    };

    [Fact]
    public async Task The_properties_of_user_and_service_tasks_are_Chinese_and_labelled()
    {
        await using var ui = await fixture.NewSessionAsync("scan-properties");
        await ui.SignInAsync("admin", "Admin#2026", "/designer");
        var designer = new DesignerPage(ui.Page);
        await designer.WaitReadyAsync();

        foreach (var (type, group, shot) in new[] { ("用户任务", "审批设置", "user-task"), ("服务任务", "活动设置", "service-task") })
        {
            await designer.SelectAsync("StartEvent_1");
            await designer.ContextPadAsync("追加任务");
            await ui.Page.Keyboard.PressAsync("Escape");
            await designer.ContextPadAsync("更改元素类型");
            await ui.Page.Locator(".djs-popup").GetByText(type, new() { Exact = true }).ClickAsync();
            await designer.OpenGroupAsync("常规");
            await designer.OpenGroupAsync(group);
            if (type == "服务任务")
            {
                await ui.Page.GetByLabel("活动类型").SelectOptionAsync("mail.send"); // its inputs appear
            }

            await CheckPageAsync(ui, $"/designer ({type})", CodeExamples, $"designer-{shot}");
        }
    }

    /// <summary>
    /// The work pages that the navigation does not link: a task page with each of its operation dialogs and a refused
    /// operation's problem, the vote page with its tally and dialog, the instance page with the initiator's dialogs,
    /// and the lists with rows in them.
    /// </summary>
    [Fact]
    public async Task The_task_vote_and_instance_pages_and_their_dialogs_are_Chinese_and_labelled()
    {
        var nomination = await Nomination.AtCityReviewAsync(fixture.Host, "inbox-scan");
        await using (var city = await fixture.NewSessionAsync("scan-work-city"))
        {
            await city.SignInAsync("city-reviewer", "Demo#2026", "/inbox");
            await InboxTests.TodoRowAsync(city.Page, nomination.BusinessKey);
            await CheckPageAsync(city, "/inbox (rows)", shot: "work-todo");
            using var cityApi = await ApiUser.SignInAsync(fixture.Host, "city-reviewer");
            var taskId = await cityApi.MyTaskAsync(nomination.InstanceId);
            await OpenWorkPageAsync(city, $"/tasks/{taskId}", "[data-testid=operations]");
            await CheckPageAsync(city, "/tasks/{id}", shot: "work-task");
            await CheckDialogsAsync(city, "/tasks/{id}", city.Page.GetByRole(AriaRole.Toolbar, new() { Name = "办理操作" }).GetByRole(AriaRole.Button));

            // A refusal of the API in the dialog is Chinese too.
            await city.Page.GetByRole(AriaRole.Button, new() { Name = "驳回", Exact = true }).ClickAsync();
            var dialog = city.Page.GetByRole(AriaRole.Dialog);
            await dialog.Locator("#operation-submit").ClickAsync();
            await Assertions.Expect(dialog.Locator("[data-testid=operation-problem]")).ToBeVisibleAsync();
            await CheckPageAsync(city, "/tasks/{id} (refused)", shot: "work-task-refused");
            await city.Page.Keyboard.PressAsync("Escape");
        }

        await using (var filer = await fixture.NewSessionAsync("scan-work-filer"))
        {
            await filer.SignInAsync("filer", "Demo#2026", "/inbox/started");
            await Assertions.Expect(filer.Page.Locator("[data-testid=started-table] tbody tr", new() { HasText = nomination.BusinessKey })).ToHaveCountAsync(1);
            await CheckPageAsync(filer, "/inbox/started (rows)", shot: "work-started");
            await OpenWorkPageAsync(filer, $"/instances/{nomination.InstanceId}", "[data-testid=open-tasks]");
            await CheckPageAsync(filer, "/instances/{id}", shot: "work-instance");
            await CheckDialogsAsync(filer, "/instances/{id}", filer.Page.Locator("#instance-withdraw, #instance-urge"));
        }

        await nomination.ApproveAtCityAsync(fixture.Host);
        using (var member = await ApiUser.SignInAsync(fixture.Host, "committee5"))
        {
            await member.PostAsync($"/api/tasks/{await member.MyTaskAsync(nomination.InstanceId)}/vote", new { vote = "against", comment = "事迹不够突出" });
        }

        await using var committee = await fixture.NewSessionAsync("scan-work-vote");
        await committee.SignInAsync("committee1", "Demo#2026", "/inbox");
        await InboxTests.TodoRowAsync(committee.Page, nomination.BusinessKey);
        using var committeeApi = await ApiUser.SignInAsync(fixture.Host, "committee1");
        await OpenWorkPageAsync(committee, $"/tasks/{await committeeApi.MyTaskAsync(nomination.InstanceId)}", "[data-testid=tally-for]");
        await CheckPageAsync(committee, "/tasks/{id} (vote)", shot: "work-vote");
        await CheckDialogsAsync(committee, "/tasks/{id} (vote)", committee.Page.GetByRole(AriaRole.Toolbar, new() { Name = "办理操作" }).GetByRole(AriaRole.Button));
        committee.Errors.Should().BeEmpty();
    }

    /// <summary>The public notice page signed out, with a nominee under notice and the objection form open.</summary>
    [Fact]
    public async Task The_public_notice_page_and_its_objection_form_are_Chinese_and_labelled_signed_out()
    {
        var notice = await NoticeUnderWay.OpenAsync(fixture.Host, "扫描人");
        await using var visitor = await fixture.NewSessionAsync("scan-notice");
        await PublicNoticeTests.OpenFormAsync(visitor, notice.NomineeName);
        await CheckPageAsync(visitor, "/notice (signed out)", shot: "notice");
    }

    private static async Task OpenWorkPageAsync(UiSession ui, string path, string readySelector)
    {
        await ui.Page.GotoAsync(path);
        await ui.WaitInteractiveAsync();
        await Assertions.Expect(ui.Page.Locator(readySelector).First).ToBeVisibleAsync();
        await Assertions.Expect(ui.Page.Locator("[data-testid=history]")).ToBeVisibleAsync();
        await Assertions.Expect(ui.Page.Locator("[data-testid=current-steps]")).ToBeVisibleAsync();
    }

    /// <summary>Opens the dialog of every button, checks it and closes it with Escape.</summary>
    private static async Task CheckDialogsAsync(UiSession ui, string path, ILocator buttons)
    {
        var names = (await buttons.AllInnerTextsAsync()).Select(n => n.Trim()).ToList();
        names.Should().NotBeEmpty();
        for (var i = 0; i < names.Count; i++)
        {
            await buttons.Nth(i).ClickAsync();
            var dialog = ui.Page.GetByRole(AriaRole.Dialog);
            await Assertions.Expect(dialog).ToBeVisibleAsync();
            await CheckPageAsync(ui, $"{path}: {names[i]}", shot: $"work-dialog-{i + 1}");
            await ui.Page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(dialog).ToHaveCountAsync(0);
        }
    }

    private static async Task CheckPageAsync(UiSession ui, string path, IReadOnlySet<string>? alsoAllowed = null, string? shot = null)
    {
        var text = GuidText().Replace(await ui.Page.EvaluateAsync<string>(CollectTexts), " "); // nominations' business keys are their ids
        var english = AsciiWord().Matches(text)
            .Select(m => m.Value)
            .Where(w => !Allowed.Contains(w) && !Identifier().IsMatch(w) && !(alsoAllowed?.Contains(w) ?? false))
            .Distinct()
            .ToList();
        english.Should().BeEmpty($"the Chinese page {path} shows only Chinese texts, but it shows: {string.Join(", ", english)}");

        var unlabelled = await ui.Page.EvaluateAsync<string[]>(UnlabelledInputs);
        unlabelled.Should().BeEmpty($"every input of {path} has a label");
        await ui.ScreenshotAsync(shot ?? (path == "/" ? "home" : path.Trim('/').Replace('/', '-')));
    }
}
