namespace Workflows.Host.Web.Localization;

// The texts of the dashboards page (数据看板).
public static partial class UiText
{
    /// <summary>The four boards: quota use, stages, overdue tasks, craftsmen.</summary>
    public static class Dashboards
    {
        public static string Title => T("数据看板", "Dashboards");
        public static string Campaign => T("评选活动", "Campaign");
        public static string ShowTable => T("显示数据表", "Show the data");
        public static string HideTable => T("隐藏数据表", "Hide the data");
        public static string LoadFailed => T("无法读取看板：{0}", "The board could not be read: {0}");
        public static string QuotaTitle => T("各地市名额使用情况", "Quota use by unit");
        public static string QuotaX => T("分配单位", "Unit");
        public static string QuotaY => T("人数", "People");
        public static string Quota => T("名额", "Quota");
        public static string Used => T("已报送", "Passed on");
        public static string Held => T("待报送", "Held");
        public static string StagesTitle => T("推荐对象所处环节", "Nominations by stage");
        public static string StagesX => T("环节", "Stage");
        public static string StagesY => T("推荐数", "Nominations");
        public static string OverdueTitle => T("超期未办任务", "Overdue open tasks");
        public static string OverdueByOrganisation => T("按组织", "By organisation");
        public static string OverdueByProcess => T("按流程", "By process");
        public static string OverdueX => T("组织或流程", "Organisation or process");
        public static string OverdueY => T("超期任务数", "Overdue tasks");
        public static string CraftsmenTitle => T("南粤工匠培养进度（{0}年目标 {1} 人）", "Nanyue craftsmen against the {0} target of {1}");
        public static string CraftsmenX => T("年度", "Year");
        public static string CraftsmenY => T("累计人数", "Total");
        public static string Cumulative => T("累计认定", "Named so far");
        public static string Added => T("当年认定", "Named that year");
        public static string Target => T("目标进度", "Target line");
        public static string Describe => T("{0}：{1}", "{0}: {1}");
        public static string NoData => T("暂无数据", "No data");
    }
}
