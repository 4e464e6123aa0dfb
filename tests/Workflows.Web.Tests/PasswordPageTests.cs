namespace Workflows.Web.Tests;

/// <summary>
/// Issue 11 finding 8 in the browser: a signed-in user opens 修改密码 from the app bar, a wrong current password and a
/// common new one are refused with Chinese messages, the change signs the browser in again with a new session, and
/// the new password is the one that works afterwards.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class PasswordPageTests(WebFixture fixture)
{
    [Fact]
    public async Task A_user_changes_the_password_on_the_password_page()
    {
        await using var ui = await fixture.NewSessionAsync("password-change");
        await ui.SignInAsync("leader", "Demo#2026");
        await ui.Page.GetByRole(AriaRole.Link, new() { Name = "修改密码" }).ClickAsync();
        await ui.Page.WaitForURLAsync(url => url.Contains("/account/password", StringComparison.Ordinal));
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "修改密码" })).ToBeVisibleAsync();
        await Assertions.Expect(ui.Page.GetByLabel("用户名")).ToHaveCountAsync(0);

        async Task SubmitAsync(string current, string next, string confirm)
        {
            await ui.Page.GetByLabel("当前密码").FillAsync(current);
            await ui.Page.GetByLabel("新密码", new() { Exact = true }).FillAsync(next);
            await ui.Page.GetByLabel("确认新密码").FillAsync(confirm);
            await ui.Page.GetByRole(AriaRole.Button, new() { Name = "修改密码" }).ClickAsync();
        }

        await SubmitAsync("Wrong#Pass2026", "Zheng-Factory#2026", "Zheng-Factory#2026");
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("用户名或当前密码错误。");
        await SubmitAsync("Demo#2026", "Password@2026", "Password@2026");
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("这个密码太常见，容易被猜中，请换一个。");
        await SubmitAsync("Demo#2026", "Zheng-Factory#2026", "Zheng-Factory#2027");
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("两次输入的新密码不一致。");
        await ui.ScreenshotAsync("refused");

        await SubmitAsync("Demo#2026", "Zheng-Factory#2026", "Zheng-Factory#2026");
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("密码已修改，其他登录已全部退出。");
        await ui.ScreenshotAsync("changed");

        await ui.Page.GotoAsync("/");
        await Assertions.Expect(ui.Page.GetByText("当前用户：郑厂长")).ToBeVisibleAsync(); // signed in again with a new session
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await ui.Page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));

        await ui.Page.GetByLabel("用户名").FillAsync("leader");
        await ui.Page.GetByLabel("密码").FillAsync("Demo#2026");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("用户名或密码错误。");
        await ui.SignInAsync("leader", "Zheng-Factory#2026");
        await Assertions.Expect(ui.Page.GetByText("当前用户：郑厂长")).ToBeVisibleAsync();
    }
}
