using System.Text.RegularExpressions;

namespace Workflows.Web.Tests;

/// <summary>A browser context and page of one test, with sign-in and screenshot helpers.</summary>
public sealed partial class UiSession : IAsyncDisposable
{
    private readonly string _testName;
    private readonly List<string> _errors = [];
    private int _step;

    public UiSession(WebFixture fixture, IBrowserContext context, IPage page, string testName)
    {
        Fixture = fixture;
        Context = context;
        Page = page;
        _testName = testName;
        page.PageError += (_, error) => { lock (_errors) { _errors.Add(error); } };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors) { _errors.Add($"{message.Text} ({message.Location})"); }
            }
        };
    }

    /// <summary>Script errors and console errors of the page so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get { lock (_errors) { return [.. _errors]; } }
    }

    public IPage Page { get; }

    public IBrowserContext Context { get; }

    public WebFixture Fixture { get; }

    /// <summary>Saves a full-page screenshot as artifacts/screenshots/{test}-{nn}-{step}.png.</summary>
    public async Task ScreenshotAsync(string step)
    {
        _step++;
        var name = $"{_testName}-{_step:00}-{SafeName().Replace(step, "-")}.png";
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Fixture.ScreenshotDirectory, name), FullPage = true });
    }

    /// <summary>Signs in through the sign-in form and waits for the interactive page.</summary>
    public async Task SignInAsync(string userName, string password, string path = "/")
    {
        await Page.GotoAsync($"/login?returnUrl={Uri.EscapeDataString(path)}");
        await Page.GetByLabel("用户名").FillAsync(userName);
        await Page.GetByLabel("密码").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await WaitInteractiveAsync();
    }

    /// <summary>Waits until Blazor's circuit is up (the layout's language button answers clicks only then).</summary>
    public async Task WaitInteractiveAsync()
    {
        await Page.WaitForFunctionAsync("() => window.Blazor && document.querySelector('.mud-layout') !== null");
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public ValueTask DisposeAsync() => Context.DisposeAsync();

    [GeneratedRegex("[^A-Za-z0-9\\-]+")]
    private static partial Regex SafeName();
}
