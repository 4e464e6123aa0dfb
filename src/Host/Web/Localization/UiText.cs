using Workflows.Activities.Organisations;
using Workflows.Host.Web.Designer;

namespace Workflows.Host.Web.Localization;

/// <summary>
/// Every text of the web UI, in Simplified Chinese and English, picked by the current UI culture
/// (<see cref="UiCulture"/>). A typed table rather than resource files: a missing translation is a compile error.
/// </summary>
public static partial class UiText
{
    private static string T(string chinese, string english) => UiCulture.IsChinese ? chinese : english;

    /// <summary>Texts on every page.</summary>
    public static class Common
    {
        public static string AppTitle => T("广东工会荣誉评选系统", "Guangdong Union Honours");
        public static string AppShortTitle => T("荣誉评选", "Honours");
        public static string SignOut => T("退出登录", "Sign out");
        public static string SwitchLanguage => T("切换为英文", "切换为中文");
        public static string LanguageButton => T("英文", "中文");
        public static string Loading => T("加载中…", "Loading…");
        public static string Cancel => T("取消", "Cancel");
        public static string Close => T("关闭", "Close");
        public static string Open => T("打开", "Open");
        public static string ToggleMenu => T("展开或收起菜单", "Show or hide the menu");
        public static string MainMenu => T("主菜单", "Main menu");
        public static string SignedInAs => T("当前用户", "Signed in as");
        public static string SignedInAsName => T("当前用户：{0}", "Signed in as {0}");
        public static string Forbidden => T("无权访问", "Not allowed");
        public static string ForbiddenText => T("您的角色不能打开此页面。如需访问，请联系省总工会管理员。", "Your role cannot open this page. Ask a provincial administrator if you need it.");
        public static string NotFound => T("页面不存在", "Page not found");
        public static string NotFoundText => T("您要打开的页面不存在，请从左侧菜单选择。", "The page does not exist; choose one from the menu.");
        public static string BackHome => T("返回首页", "Back to the home page");
        public static string ErrorText => T("页面出现错误，请刷新后重试。", "Something went wrong; reload the page.");
        public static string Reload => T("刷新", "Reload");
        public static string ComingSoon => T("即将推出", "Coming soon");
    }

    /// <summary>The navigation.</summary>
    public static class Nav
    {
        public static string Home => T("首页", "Home");
        public static string Designer => T("流程设计", "Process designer");
        public static string Definitions => T("流程定义", "Process definitions");
        public static string Monitor => T("流程监控", "Process monitor");
        public static string Dashboards => T("数据看板", "Dashboards");
        public static string Inbox => T("待办", "To do");
        public static string Done => T("已办", "Done");
        public static string Copies => T("抄送我的", "Copied to me");
        public static string Started => T("我发起的", "Started by me");
        public static string MyNominations => T("我的推荐", "My nominations");
        public static string PublicNotice => T("公示", "Public notice");
    }

    /// <summary>The sign-in page.</summary>
    public static class Login
    {
        public static string Title => T("登录", "Sign in");
        public static string Heading => T("登录广东工会荣誉评选系统", "Sign in to Guangdong Union Honours");
        public static string UserName => T("用户名", "User name");
        public static string Password => T("密码", "Password");
        public static string Submit => T("登录", "Sign in");
        public static string Missing => T("请填写用户名和密码。", "Enter the user name and the password.");
        public static string Invalid => T("用户名或密码错误。", "The user name or the password is wrong.");
        public static string Locked => T("密码错误次数过多，请于 {0}（北京时间）后重试。", "Too many failed sign-ins: try again after {0} (Beijing time).");
        public static string LockedNoTime => T("账户已被锁定，请联系管理员。", "The account is locked; ask an administrator.");
        public static string SignedOut => T("您已退出登录。", "You have signed out.");
    }

    /// <summary>The password page (<c>/account/password</c>).</summary>
    public static class Password
    {
        public static string Link => T("修改密码", "Change password");
        public static string Title => T("修改密码", "Change password");
        public static string UserName => T("用户名", "User name");
        public static string Current => T("当前密码", "Current password");
        public static string New => T("新密码", "New password");
        public static string Confirm => T("确认新密码", "Confirm the new password");
        public static string Submit => T("修改密码", "Change password");
        public static string Rules => T("新密码至少 12 个字符，包含大写字母、小写字母、数字和符号，不能是常见密码。修改后其他设备上的登录都将退出。",
            "At least 12 characters with upper and lower case letters, a digit and a symbol; not a common password. Changing it signs you out everywhere else.");
        public static string Required => T("首次登录或管理员重置后，请先修改密码。", "Change your password before you continue (first sign-in, or it was reset by an administrator).");
        public static string Changed => T("密码已修改，其他登录已全部退出。", "Your password has been changed; every other sign-in has ended.");
        public static string Missing => T("请填写所有字段。", "Fill in every field.");
        public static string Mismatch => T("两次输入的新密码不一致。", "The two new passwords differ.");
        public static string Invalid => T("用户名或当前密码错误。", "The user name or the current password is wrong.");
        public static string Locked => T("密码错误次数过多，请于 {0}（北京时间）后重试。", "Too many failed attempts: try again after {0} (Beijing time).");
        public static string LockedNoTime => T("账户已被锁定，请联系管理员。", "The account is locked; ask an administrator.");
        public static string Common => T("这个密码太常见，容易被猜中，请换一个。", "This password is too common; choose another one.");
        public static string BrokenRules => T("新密码不符合要求：至少 12 个字符，包含大写字母、小写字母、数字和符号。", "The new password breaks the rules: at least 12 characters with upper and lower case letters, a digit and a symbol.");
        public static string BackHome => T("返回首页", "Back to the home page");
    }

    /// <summary>The home page.</summary>
    public static class Home
    {
        public static string Title => T("首页", "Home");
        public static string Welcome => T("欢迎，{0}", "Welcome, {0}");
        public static string Organisation => T("所属组织", "Organisation");
        public static string Roles => T("角色", "Roles");
        public static string NoOrganisation => T("无", "None");
        public static string QuickLinks => T("常用功能", "Shortcuts");
        public static string Nothing => T("您的角色暂无可用功能。", "Nothing is available to your role yet.");
    }

    /// <summary>Role names.</summary>
    public static string Role(string role) => role switch
    {
        Roles.Admin => T("管理员", "Administrator"),
        Roles.EnterpriseFiler => T("企业工会申报人", "Enterprise filer"),
        Roles.DistrictReviewer => T("区县审核人", "District reviewer"),
        Roles.CityReviewer => T("市级审核人", "City reviewer"),
        Roles.IndustryReviewer => T("产业工会审核人", "Industry union reviewer"),
        Roles.ProvinceReviewer => T("省级审核人", "Provincial reviewer"),
        Roles.DepartmentReviewer => T("联审部门", "Joint-review department"),
        Roles.CommitteeMember => T("评审委员", "Committee member"),
        _ => role,
    };

    /// <summary>The process definitions page.</summary>
    public static class Definitions
    {
        public static string Title => T("流程定义", "Process definitions");
        public static string Key => T("流程编号", "Key");
        public static string Name => T("名称", "Name");
        public static string Version => T("版本", "Version");
        public static string State => T("状态", "State");
        public static string CreatedAt => T("创建时间", "Created");
        public static string PublishedAt => T("发布时间", "Published");
        public static string Actions => T("操作", "Actions");
        public static string OpenInDesigner => T("在设计器中打开", "Open in the designer");
        public static string Empty => T("还没有流程定义。请在流程设计中保存草稿。", "No definitions yet. Save a draft in the designer.");
        public static string Search => T("按流程编号或名称筛选", "Filter by key or name");
        public static string Draft => T("草稿", "Draft");
        public static string Published => T("已发布", "Published");
        public static string Retired => T("已停用", "Retired");
        public static string VersionNumber => T("第 {0} 版", "Version {0}");
        public static string LoadFailed => T("无法读取流程定义：{0}", "The definitions could not be read: {0}");
        public static string RowsPerPage => T("每页行数：", "Rows per page:");
        public static string PagerInfo => T("第 {first_item}-{last_item} 条，共 {all_items} 条", "{first_item}-{last_item} of {all_items}");

        public static string StateName(string state) => state.ToLowerInvariant() switch
        {
            "draft" => Draft,
            "published" => Published,
            "retired" => Retired,
            _ => state,
        };
    }

    /// <summary>The designer page.</summary>
    public static class Designer
    {
        public static string Title => T("流程设计", "Process designer");
        public static string Toolbar => T("设计器工具栏", "Designer toolbar");
        public static string New => T("新建", "New");
        public static string Import => T("导入 .bpmn", "Import .bpmn");
        public static string ChooseFile => T("选择 BPMN 文件", "Choose a BPMN file");
        public static string ExportBpmn => T("导出 .bpmn", "Export .bpmn");
        public static string ExportSvg => T("导出 SVG", "Export SVG");
        public static string Validate => T("校验", "Validate");
        public static string SaveDraft => T("保存草稿", "Save draft");
        public static string Publish => T("发布", "Publish");
        public static string Versions => T("版本列表", "Versions");
        public static string Compare => T("版本对比", "Compare versions");
        public static string Canvas => T("流程画布", "Process canvas");
        public static string Properties => T("属性面板", "Properties");
        public static string ProcessKey => T("流程编号", "Process key");
        public static string ProcessName => T("流程名称", "Process name");
        public static string Unnamed => T("（未命名）", "(unnamed)");
        public static string Problems => T("校验问题", "Problems");
        public static string NoProblems => T("校验通过，没有发现问题。", "Valid: no problems found.");
        public static string ProblemsFound => T("发现 {0} 个问题，已在图中标出。", "{0} problems found and marked on the diagram.");
        public static string ProblemLine => T("第 {0} 行", "line {0}");
        public static string ShowElement => T("定位元素 {0}", "Show element {0}");
        public static string Imported => T("已导入 {0}。", "{0} imported.");
        public static string ImportFailed => T("无法导入：文件不是有效的 BPMN 2.0 XML。", "Cannot import: the file is not valid BPMN 2.0 XML.");
        public static string Exported => T("已导出 {0}。", "{0} exported.");
        public static string NewCreated => T("已新建流程。", "New process created.");
        public static string Saved => T("已保存草稿：{0}。发布后才能发起新实例。", "Draft saved: {0}. Publish it to start new instances.");
        public static string SaveFailed => T("保存失败：{0}", "Saving failed: {0}");
        public static string ValidationFailedRequest => T("校验请求失败：{0}", "The validation request failed: {0}");
        public static string PublishTitle => T("发布流程", "Publish the process");
        public static string PublishQuestion => T("发布后，新发起的实例将使用此版本，正在运行的实例保持原版本。确定发布流程“{0}”（{1}）吗？", "New instances will start on this version; running ones keep theirs. Publish “{0}” ({1})?");
        public static string PublishConfirm => T("确定发布", "Publish");
        public static string Published => T("已发布：{0} 第 {1} 版。", "Published: {0} version {1}.");
        public static string PublishFailed => T("发布失败：{0}", "Publishing failed: {0}");
        public static string NotReady => T("设计器尚未加载完成，请稍候。", "The designer is still loading.");
        public static string ScriptsMissing => T("设计器脚本未能加载（构建时可能跳过了前端构建）。", "The designer scripts could not be loaded (the front-end build may have been skipped).");
        public static string VersionsTitle => T("版本列表：{0}", "Versions of {0}");
        public static string NoVersions => T("此流程还没有保存过版本。", "This process has no saved versions yet.");
        public static string Opened => T("已打开 {0}。", "{0} opened.");
        public static string CompareTitle => T("版本对比：{0}", "Compare versions of {0}");
        public static string CompareNeedsTwo => T("至少需要两个已保存的版本才能对比。", "At least two saved versions are needed to compare.");
        public static string LeftVersion => T("旧版本（左）", "Older version (left)");
        public static string RightVersion => T("新版本（右）", "Newer version (right)");
        public static string RunCompare => T("对比", "Compare");
        public static string Changes => T("变更", "Changes");
        public static string NoChanges => T("两个版本没有差异。", "The two versions are the same.");
        public static string Element => T("元素", "Element");
        public static string ElementType => T("类型", "Type");
        public static string Change => T("变更类型", "Change");
        public static string Details => T("详情", "Details");
        public static string Added => T("新增", "Added");
        public static string Removed => T("删除", "Removed");
        public static string Changed => T("修改", "Changed");
        public static string Moved => T("移动", "Moved");
        public static string Legend => T("图例：绿色为新增，红色为删除，橙色为修改，蓝色虚线为移动。", "Legend: green added, red removed, orange changed, dashed blue moved.");
        public static string CompareFailed => T("对比失败：{0}", "Comparing failed: {0}");
        public static string Label(DefinitionView d) => d.Version is { } v
            ? Format(Definitions.VersionNumber, v) + " · " + Definitions.StateName(d.State)
            : Definitions.Draft + " · " + d.CreatedAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

        public static string ChangeName(string kind) => kind switch
        {
            "added" => Added,
            "removed" => Removed,
            "changed" => Changed,
            _ => Moved,
        };
    }

    /// <summary>Formats a text of this table with arguments in the current culture.</summary>
    public static string Format(string text, params object?[] args) =>
        string.Format(System.Globalization.CultureInfo.CurrentCulture, text, args);
}
