namespace Workflows.Host.Web.Localization;

// The texts of the public notice page (公示) and its objection form (异议).
public static partial class UiText
{
    /// <summary>The public notice page, open without a sign-in.</summary>
    public static class Notice
    {
        public static string Title => T("公示查询", "Public notice");
        public static string Heading => T("评选公示", "Nominees under public notice");
        public static string Intro => T(
            "以下人选正在公示。对公示人选有异议的，请在公示期内实名提出，并写明具体事实和联系方式；匿名异议不予受理。",
            "The nominees below are under public notice. Objections must be made within the notice period under a real name, with concrete facts and a contact; anonymous objections are not accepted.");
        public static string SignIn => T("登录系统", "Sign in");
        public static string Loading => T("正在读取公示…", "Loading the notices…");
        public static string None => T("当前没有正在公示的评选活动。", "No campaign is under public notice now.");
        public static string LoadFailed => T("无法读取公示：{0}", "The notices could not be read: {0}");
        public static string Campaigns => T("正在公示的评选活动", "Campaigns under notice");
        public static string CampaignSummary => T("{0}年 · 公示人选 {1} 名 · 公示期 {2} 至 {3}", "{0} · {1} nominee(s) · from {2} to {3}");
        public static string Period => T("公示期：{0} 至 {1}（{2}）", "Notice period: {0} to {1} ({2})");
        public static string WorkingDays => T("{0}个工作日", "{0} working days");
        public static string CalendarDays => T("{0}天", "{0} days");
        public static string Level(string level) => level switch
        {
            "unit" => T("单位公示", "Unit notice"),
            "provincial" => T("省级公示", "Provincial notice"),
            _ => T("公示", "Notice"),
        };

        public static string Name => T("姓名", "Name");
        public static string Kind => T("类别", "Kind");
        public static string Gender => T("性别", "Gender");
        public static string Unit => T("工作单位", "Unit");
        public static string Position => T("职务（岗位）", "Position");
        public static string Actions => T("操作", "Actions");
        public static string Object => T("提出异议", "Object");
        public static string ObjectTo => T("对“{0}”提出异议", "Object to “{0}”");
        public static string NomineeKind(string kind) => kind switch
        {
            "individual" => T("个人", "Person"),
            "unit" => T("单位", "Unit"),
            "team" => T("集体（班组）", "Team"),
            _ => T("其他", "Other"),
        };

        public static string FormTitle => T("实名提出异议", "Object under your real name");
        public static string Nominee => T("异议对象", "Nominee");
        public static string ObjectorName => T("真实姓名或单位名称", "Real name or unit");
        public static string Contact => T("联系电话或电子邮箱", "Phone or e-mail");
        public static string Content => T("异议内容（写明具体事实）", "Objection (concrete facts)");
        public static string Evidence => T("佐证材料说明（选填）", "Evidence (optional)");
        public static string EvidenceHelp => T("可写明证明材料的名称、来源或知情人等", "Name the documents, their source or witnesses");
        public static string Submit => T("提交异议", "Submit");
        public static string Submitting => T("正在提交…", "Submitting…");
        public static string Cancel => T("取消", "Cancel");
        public static string Close => T("关闭", "Close");
        public static string NomineeRequired => T("请选择异议对象。", "Choose the nominee.");
        public static string NameRequired => T("异议须实名提出，请填写真实姓名或单位名称。", "Objections need a real name.");
        public static string ContactRequired => T("请填写联系电话或电子邮箱，以便核实情况。", "Give a phone number or an e-mail address.");
        public static string ContactInvalid => T("联系方式须为电话号码或电子邮箱。", "The contact must be a phone number or an e-mail address.");
        public static string ContentRequired => T("请填写异议内容。", "Write the objection.");
        public static string ContentTooShort => T("异议内容不少于{0}个字，请写明具体事实。", "The objection needs at least {0} characters of concrete facts.");
        public static string TooLong => T("不得超过{0}个字。", "At most {0} characters.");
        public static string TooMany => T("提交过于频繁，请一小时后再试。", "Too many objections from this address: try again in an hour.");
        public static string ReceiptTitle => T("异议已受理", "Objection received");
        public static string ReceiptNumber => T("受理编号：{0}", "Reference number: {0}");
        public static string ReceiptTime => T("受理时间：{0}", "Received: {0}");
        public static string ReceiptKeep => T("请保存受理编号，以便查询处理结果。", "Keep the reference number to ask about the outcome.");
    }
}
