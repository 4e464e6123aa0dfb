using System.Text.RegularExpressions;

namespace Workflows.Web.Tests;

/// <summary>
/// Every page reachable from the navigation of each demo role, in the Chinese UI: no English word may be left in the
/// visible text, button labels, aria-labels, titles or placeholders (only identifiers such as process ids, user
/// names, BPMN and SVG), and every input has an accessible label.
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

    private const string CollectTexts = """
        () => {
          const visible = e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
          const texts = [document.body.innerText, document.title];
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
        "publishDecision", "recordObjection", "registerHonours", "requestOpinions", "passOn", "updateNomination",
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

    private static async Task CheckPageAsync(UiSession ui, string path, IReadOnlySet<string>? alsoAllowed = null, string? shot = null)
    {
        var text = await ui.Page.EvaluateAsync<string>(CollectTexts);
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
