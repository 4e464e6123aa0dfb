namespace Workflows.Host.Web.Localization;

// The texts of the campaign administration pages (评选活动管理).
public static partial class UiText
{
    /// <summary>The campaign list, the new-campaign form and a campaign's page.</summary>
    public static class Campaigns
    {
        public static string Nav => T("评选活动管理", "Campaigns");
        public static string Title => T("评选活动管理", "Campaigns");
        public static string New => T("新建评选活动", "New campaign");
        public static string HonourType => T("表彰项目", "Honour");
        public static string Year => T("年度", "Year");
        public static string CampaignTitle => T("通知标题", "Notice title");
        public static string NoticeText => T("通知正文", "Notice text");
        public static string WindowOpens => T("申报开始日期", "Filing opens");
        public static string WindowCloses => T("申报截止日期", "Filing closes");
        public static string Deadline => T("报送截止日期", "Lists due");
        public static string ReferenceDate => T("评选基准日", "Reference date");
        public static string Materials => T("申报材料（每行一项）", "Required materials (one a line)");
        public static string State => T("状态", "State");
        public static string Window => T("申报时间", "Filing window");
        public static string Actions => T("操作", "Actions");
        public static string Manage => T("管理", "Manage");
        public static string Create => T("保存草稿", "Save draft");
        public static string Created => T("已保存草稿。", "Draft saved.");
        public static string Open => T("发布通知", "Publish notice");
        public static string Opened => T("通知已发布，开始申报。", "Notice published: filing is open.");
        public static string Close => T("截止申报", "Close filing");
        public static string Closed => T("已截止申报。", "Filing closed.");
        public static string Decision => T("发布表彰决定", "Publish decision");
        public static string DecisionTitle => T("决定标题", "Decision title");
        public static string DocumentNumber => T("文号", "Document number");
        public static string DecisionPublished => T("表彰决定已发布。", "Decision published.");
        public static string ConfirmTitle => T("请确认", "Please confirm");
        public static string ConfirmClose => T("截止后各单位不能再申报。确定截止申报吗？", "Units can no longer file afterwards. Close filing?");
        public static string ConfirmDecision => T("发布后将为全部已审定的推荐对象登记荣誉，且不能撤回。确定发布表彰决定吗？", "Every approved nominee is registered and this cannot be undone. Publish the decision?");
        public static string Confirm => T("确定", "Confirm");
        public static string None => T("暂无评选活动。", "No campaigns yet.");
        public static string LoadFailed => T("无法读取：{0}", "Could not read: {0}");
        public static string Failed => T("未能保存：{0}", "Not saved: {0}");
        public static string Quotas => T("名额分配", "Quotas");
        public static string Unit => T("分配单位", "Unit");
        public static string Categories => T("人员类别", "Categories");
        public static string Number => T("名额", "Number");
        public static string Used => T("已报送", "Passed on");
        public static string AddRow => T("添加一行", "Add a row");
        public static string AddAllUnits => T("补齐全部地市和产业工会", "Add every city and industry union");
        public static string Total => T("总名额", "Total");
        public static string SaveQuotas => T("保存名额", "Save quotas");
        public static string QuotasSaved => T("名额已保存。", "Quotas saved.");
        public static string Rules => T("结构比例规则", "Composition rules");
        public static string RuleName => T("规则名称", "Rule");
        public static string Kind => T("类型", "Kind");
        public static string Scope => T("适用范围", "Scope");
        public static string Percent => T("比例（%）", "Percent");
        public static string Count => T("人数", "Count");
        public static string SaveRules => T("保存规则", "Save rules");
        public static string RulesSaved => T("规则已保存。", "Rules saved.");
        public static string MinimumShare => T("不少于比例", "At least percent");
        public static string MaximumShare => T("不超过比例", "At most percent");
        public static string MinimumCount => T("不少于人数", "At least count");
        public static string MaximumCount => T("不超过人数", "At most count");
        public static string ScopeUnit => T("各分配单位", "Each allocation unit");
        public static string ScopeDistrict => T("各县（区）", "Each district");
        public static string ScopeOverall => T("全省总体", "Whole province");
        public static string Schedule => T("时间安排", "Schedule");
        public static string SaveSchedule => T("保存时间", "Save schedule");
        public static string ScheduleSaved => T("时间安排已保存。", "Schedule saved.");
        public static string Locked => T("本活动已截止申报，名额、规则和时间不能再修改。", "Filing is closed: quotas, rules and dates can no longer change.");
        public static string Back => T("返回列表", "Back to the list");
        public static string NotFound => T("评选活动不存在。", "The campaign does not exist.");
        public static string QuotaCellOf => T("名额表第 {0} 行的{1}", "{1} of quota row {0}");
        public static string RuleCellOf => T("第 {0} 条规则的{1}", "{1} of rule {0}");
        public static string RemoveQuotaRow => T("删除名额表第 {0} 行", "Remove quota row {0}");
        public static string RemoveRule => T("删除第 {0} 条规则", "Remove rule {0}");
    }
}
