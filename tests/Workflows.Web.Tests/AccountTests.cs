namespace Workflows.Web.Tests;

/// <summary>The sign-in form's throttle, the language switch's redirect rule and who may read the activity catalog.</summary>
[Collection(WebCollection.Name)]
public sealed class AccountTests(WebFixture fixture)
{
    [Fact]
    public async Task Five_wrong_passwords_from_one_address_make_it_wait_with_a_Chinese_message()
    {
        await using var ui = await fixture.NewSessionAsync("lockout");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await ui.Page.GotoAsync("/login");
            await ui.Page.GetByLabel("用户名").FillAsync("committee5");
            await ui.Page.GetByLabel("密码").FillAsync($"Wrong#{attempt}");
            await ui.Page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await Assertions.Expect(ui.Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        }

        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("密码错误次数过多，请于");
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("（北京时间）后重试。");
        await ui.ScreenshotAsync("locked");

        // even the right password is refused from this address while the wait lasts (another address signs in: SignInThrottleTests)
        await ui.Page.GetByLabel("密码").FillAsync("Demo#2026");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("密码错误次数过多");
        ui.Page.Url.Should().Contain("/login");
    }

    [Theory]
    [InlineData("//evil.example/steal", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("/login?returnUrl=%2Fdefinitions", "/login?returnUrl=%2Fdefinitions")]
    public async Task The_language_switch_only_returns_to_pages_of_this_site(string returnUrl, string expectedLocation)
    {
        await using var ui = await fixture.NewSessionAsync("culture-redirect");
        var response = await ui.Context.APIRequest.GetAsync(
            $"/culture?culture=en-US&returnUrl={Uri.EscapeDataString(returnUrl)}", new() { MaxRedirects = 0 });

        response.Status.Should().Be(302);
        response.Headers["location"].Should().Be(expectedLocation, $"{returnUrl} may not lead off the site");
        response.Headers["set-cookie"].Should().Contain(".AspNetCore.Culture=c%3Den-US%7Cuic%3Den-US");
    }

    [Fact]
    public async Task The_activity_catalog_is_for_administrators_and_the_API_answers_401_not_a_redirect()
    {
        await using var anonymous = await fixture.NewSessionAsync("catalog-anonymous");
        var refused = await anonymous.Context.APIRequest.GetAsync("/api/designer/activities", new() { MaxRedirects = 0 });
        refused.Status.Should().Be(401);

        await using var filer = await fixture.NewSessionAsync("catalog-filer");
        await filer.SignInAsync("filer", "Demo#2026");
        var forbidden = await filer.Context.APIRequest.GetAsync("/api/designer/activities", new() { MaxRedirects = 0 });
        forbidden.Status.Should().Be(403);

        await using var admin = await fixture.NewSessionAsync("catalog-admin");
        await admin.SignInAsync("admin", "Admin#2026");
        var catalog = await admin.Context.APIRequest.GetAsync("/api/designer/activities");
        catalog.Status.Should().Be(200);
        var json = await catalog.TextAsync();
        json.Should().Contain("\"type\":\"mail.send\"").And.Contain("\"inputs\":[");
    }
}
