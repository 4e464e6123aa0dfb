namespace Workflows.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class SignInTests(WebFixture fixture)
{
    [Fact]
    public async Task A_page_without_a_sign_in_sends_the_browser_to_the_sign_in_page()
    {
        await using var ui = await fixture.NewSessionAsync("redirect-to-login");
        await ui.Page.GotoAsync("/designer");

        ui.Page.Url.Should().Contain("/login").And.Contain("designer");
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "登录广东工会荣誉评选系统" })).ToBeVisibleAsync();
        await ui.ScreenshotAsync("login-page");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_Chinese_message()
    {
        await using var ui = await fixture.NewSessionAsync("login-failure");
        await ui.Page.GotoAsync("/login");
        await ui.Page.GetByLabel("用户名").FillAsync("city-reviewer");
        await ui.Page.GetByLabel("密码").FillAsync("Wrong#2026");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("用户名或密码错误。");
        ui.Page.Url.Should().Contain("/login");
        (await ui.Page.GetByLabel("用户名").InputValueAsync()).Should().Be("city-reviewer", "the user name is kept, the password is not");
        (await ui.Page.GetByLabel("密码").InputValueAsync()).Should().BeEmpty();
        await Assertions.Expect(ui.Page.GetByLabel("密码")).ToBeFocusedAsync();
        await ui.ScreenshotAsync("wrong-password");
    }

    [Fact]
    public async Task Administrator_signs_in_sees_the_administration_menu_and_signs_out()
    {
        await using var ui = await fixture.NewSessionAsync("admin-sign-in");
        await ui.SignInAsync("admin", "Admin#2026", "/designer");

        ui.Page.Url.Should().EndWith("/designer", "the sign-in returns to the page asked for");
        var menu = ui.Page.GetByRole(AriaRole.Navigation, new() { Name = "主菜单" });
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "流程设计" })).ToBeVisibleAsync();
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "流程定义" })).ToBeVisibleAsync();
        await Assertions.Expect(ui.Page.GetByText("当前用户：省总工会管理员")).ToBeVisibleAsync();
        await ui.ScreenshotAsync("signed-in");

        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await ui.Page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("您已退出登录。");
        await ui.Page.GotoAsync("/");
        ui.Page.Url.Should().Contain("/login", "the cookie is gone");
        await ui.ScreenshotAsync("signed-out");
    }

    [Fact]
    public async Task A_filer_sees_the_filer_menu_and_may_not_open_the_designer()
    {
        await using var ui = await fixture.NewSessionAsync("filer-forbidden");
        await ui.SignInAsync("filer", "Demo#2026");

        var menu = ui.Page.GetByRole(AriaRole.Navigation, new() { Name = "主菜单" });
        await Assertions.Expect(menu.GetByText("我的推荐")).ToBeVisibleAsync();
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "流程设计" })).ToHaveCountAsync(0);
        await Assertions.Expect(ui.Page.GetByText("企业工会申报人 · 广州天河智联软件有限公司工会")).ToBeVisibleAsync();

        await ui.Page.GotoAsync("/designer");
        await Assertions.Expect(ui.Page.GetByText("您的角色不能打开此页面。如需访问，请联系省总工会管理员。")).ToBeVisibleAsync();
        await ui.ScreenshotAsync("designer-forbidden");
    }

    [Fact]
    public async Task An_unknown_address_shows_the_Chinese_page_not_found()
    {
        await using var ui = await fixture.NewSessionAsync("not-found");
        await ui.SignInAsync("city-reviewer", "Demo#2026");
        var response = await ui.Page.GotoAsync("/no-such-page");

        response!.Status.Should().Be(404);
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "页面不存在" })).ToBeVisibleAsync();
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Link, new() { Name = "返回首页" })).ToBeVisibleAsync();
        await ui.ScreenshotAsync("not-found");
    }

    [Fact]
    public async Task The_language_switches_to_English_and_back_to_Chinese()
    {
        await using var ui = await fixture.NewSessionAsync("language-switch");
        await ui.SignInAsync("admin", "Admin#2026");
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "欢迎，省总工会管理员" })).ToBeVisibleAsync();
        (await ui.Page.GetAttributeAsync("html", "lang")).Should().Be("zh-CN");

        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "切换为英文" }).ClickAsync();
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, 省总工会管理员" })).ToBeVisibleAsync();
        await ui.WaitInteractiveAsync();
        (await ui.Page.GetAttributeAsync("html", "lang")).Should().Be("en-US");
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main menu" }).GetByRole(AriaRole.Link, new() { Name = "Process designer" })).ToBeVisibleAsync();
        await ui.ScreenshotAsync("english");

        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "切换为中文" }).ClickAsync();
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "欢迎，省总工会管理员" })).ToBeVisibleAsync();
        (await ui.Page.GetAttributeAsync("html", "lang")).Should().Be("zh-CN");
        await ui.ScreenshotAsync("chinese-again");
    }
}
