namespace Workflows.Host.Web.Localization;

// The texts of the administration pages (组织管理, 用户管理, 批量导入, 操作日志).
public static partial class UiText
{
    /// <summary>The administration of organisations, accounts, the import and the audit log.</summary>
    public static class Admin
    {
        public static string OrganisationsNav => T("组织管理", "Organisations");
        public static string UsersNav => T("用户管理", "Accounts");
        public static string ImportNav => T("批量导入", "Bulk import");
        public static string AuditNav => T("操作日志", "Audit log");

        public static string Name => T("名称", "Name");
        public static string Code => T("代码", "Code");
        public static string Kind => T("类型", "Kind");
        public static string State => T("状态", "State");
        public static string Actions => T("操作", "Actions");
        public static string Children => T("下级数", "Children");
        public static string OpenState => T("正常", "Open");
        public static string ClosedState => T("已撤销", "Closed");
        public static string Enter => T("进入", "Open");
        public static string Rename => T("重命名", "Rename");
        public static string Move => T("移动", "Move");
        public static string CloseOrganisation => T("撤销", "Close");
        public static string NewName => T("新名称", "New name");
        public static string NewParentPath => T("新上级组织路径（如 /gd/sz）", "New parent path (e.g. /gd/sz)");
        public static string Save => T("保存", "Save");
        public static string AddChild => T("新增下级组织", "Add an organisation below");
        public static string Add => T("新增", "Add");
        public static string NoChildren => T("暂无下级组织。", "No organisations below.");
        public static string Saved => T("已保存。", "Saved.");
        public static string Failed => T("操作未成功：{0}", "Not done: {0}");
        public static string ConfirmClose => T("撤销后不能再在该组织下新增下级、人员或角色。确定撤销「{0}」吗？", "Nothing can be added to it afterwards. Close '{0}'?");
        public static string Current => T("当前组织", "Current organisation");

        public static string Search => T("搜索用户名或姓名", "Search user or display name");
        public static string SearchButton => T("搜索", "Search");
        public static string SearchHint => T("请输入用户名或姓名后搜索。", "Enter a user or display name and search.");
        public static string UserName => T("用户名", "User name");
        public static string DisplayName => T("姓名", "Display name");
        public static string Organisation => T("所属组织", "Organisation");
        public static string OrganisationPath => T("所属组织路径（如 /gd/gz/th）", "Organisation path (e.g. /gd/gz/th)");
        public static string Email => T("邮箱（可不填）", "E-mail (optional)");
        public static string Password => T("初始密码（可不填）", "Initial password (optional)");
        public static string Roles => T("角色", "Roles");
        public static string NewUser => T("新建账号", "New account");
        public static string Create => T("创建", "Create");
        public static string Disable => T("停用", "Disable");
        public static string Enable => T("启用", "Enable");
        public static string Disabled => T("已停用", "Disabled");
        public static string Active => T("正常", "Active");
        public static string NoUsers => T("没有找到账号。", "No accounts found.");
        public static string RolesOf => T("角色：{0}", "Roles of {0}");
        public static string Role => T("角色", "Role");
        public static string RolePath => T("角色所在组织路径", "Organisation path of the role");
        public static string Grant => T("授予", "Give");
        public static string Revoke => T("收回", "Take away");
        public static string ManageRoles => T("角色", "Roles");
        public static string Total => T("共 {0} 个", "{0} in all");

        public static string ImportIntro => T(
            "按模板填写「组织」和「人员」两个工作表后上传。整个文件全部正确才导入；有错误时不导入任何内容，并列出每个错误的行号、列和原因，改正后重新上传即可。",
            "Fill in the sheets of the template and upload it. The file is imported only when every row is right; otherwise nothing is imported and each bad row is listed.");
        public static string Template => T("下载导入模板", "Download the template");
        public static string ChooseFile => T("选择电子表格文件", "Choose an Excel file");
        public static string Upload => T("上传并导入", "Upload and import");
        public static string Uploading => T("正在上传 {0}%", "Uploading {0}%");
        public static string Importing => T("正在校验并导入…", "Checking and importing…");
        public static string NoFile => T("请先选择文件。", "Choose a file first.");
        public static string Imported => T("导入完成：新增组织 {0} 个、账号 {1} 个、角色 {2} 个，用时 {3} 毫秒。", "Imported {0} organisations, {1} accounts and {2} roles in {3} ms.");
        public static string ImportFailed => T("文件有 {0} 个错误，未导入任何内容。请改正后重新上传。", "The file has {0} problems; nothing was imported.");
        public static string Sheet => T("工作表", "Sheet");
        public static string Row => T("行号", "Row");
        public static string Column => T("列", "Column");
        public static string Reason => T("原因", "Reason");

        public static string Subject => T("对象（组织路径或用户名）", "Subject (path or user name)");
        public static string Actor => T("操作人", "Actor");
        public static string Filter => T("查询", "Filter");
        public static string Time => T("时间", "Time");
        public static string Action => T("操作", "Action");
        public static string SubjectColumn => T("对象", "Subject");
        public static string Details => T("变更内容", "Details");
        public static string NoEntries => T("暂无操作记录。", "No entries.");
        public static string Previous => T("上一页", "Previous");
        public static string Next => T("下一页", "Next");

        /// <summary>The name of an audit action.</summary>
        public static string ActionName(string action) => action switch
        {
            "organisation.add" => T("新增组织", "Organisation added"),
            "organisation.rename" => T("组织重命名", "Organisation renamed"),
            "organisation.move" => T("组织移动", "Organisation moved"),
            "organisation.close" => T("组织撤销", "Organisation closed"),
            "organisation.import" => T("导入组织", "Organisation imported"),
            "user.create" => T("新建账号", "Account created"),
            "user.import" => T("导入账号", "Account imported"),
            "user.disable" => T("停用账号", "Account disabled"),
            "user.enable" => T("启用账号", "Account enabled"),
            "role.grant" => T("授予角色", "Role given"),
            "role.revoke" => T("收回角色", "Role taken away"),
            "directory.import" => T("批量导入", "Bulk import"),
            _ => action,
        };

        /// <summary>The name of a kind of organisation.</summary>
        public static string KindName(Workflows.Activities.Organisations.OrganisationKind kind) => UiCulture.IsChinese
            ? Workflows.Activities.Organisations.Administration.OrganisationRules.ChineseName(kind)
            : kind.ToString();
    }
}
