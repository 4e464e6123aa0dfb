namespace Workflows.Web.Tests;

/// <summary>One host process and one Chromium for every UI test (each test opens its own browser context).</summary>
public sealed class WebFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium (scripts/test.sh installs it); WORKFLOWS_TEST_CHROMIUM overrides.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("WORKFLOWS_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private IPlaywright? _playwright;

    public WebHost Host { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public string ScreenshotDirectory { get; } = Path.Combine(WebHost.RepositoryRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // Generous waits: the suite shares two cores with the other test assemblies of the solution.
        Assertions.SetDefaultExpectTimeout(15_000);
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run scripts/test.sh (it installs Debian's chromium) or set WORKFLOWS_TEST_CHROMIUM.");
        }

        if (Directory.Exists(ScreenshotDirectory))
        {
            Directory.Delete(ScreenshotDirectory, recursive: true); // only this run's pictures
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        Host = await WebHost.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context (no cookies) on the host, with a desktop-sized window.</summary>
    public async Task<UiSession> NewSessionAsync(string testName)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            Locale = "en-US", // the UI must be Chinese by default whatever the browser asks for
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        return new UiSession(this, context, page, testName);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
