namespace Workflows.Host.Web.Localization;

// The texts of the administrators' monitor (流程监控) and its instance page.
public static partial class UiText
{
    /// <summary>The monitor pages.</summary>
    public static class Monitor
    {
        public static string Title => T("流程监控", "Process monitor");
        public static string Summary => T("按流程与状态统计", "Instances by process and status");
        public static string Process => T("流程", "Process");
        public static string Version => T("版本", "Version");
        public static string VersionNumber => T("第{0}版", "v{0}");
        public static string Active => T("运行中", "Running");
        public static string Completed => T("已完成", "Completed");
        public static string Terminated => T("已终止", "Terminated");
        public static string Cancelled => T("已取消", "Cancelled");
        public static string WithIncidents => T("有异常", "With incidents");
        public static string IncidentsTotal => T("异常总数：{0}", "Incidents in all: {0}");
        public static string NoProcesses => T("暂无流程。", "No processes.");
        public static string Instances => T("流程实例", "Instances");
        public static string Filters => T("筛选", "Filters");
        public static string AllProcesses => T("全部流程", "All processes");
        public static string Status => T("状态", "Status");
        public static string AllStatuses => T("全部状态", "All");
        public static string Campaign => T("评选活动编号", "Campaign code");
        public static string BusinessKey => T("业务编号", "Reference");
        public static string ClearFilters => T("清除筛选", "Clear filters");
        public static string StartedBy => T("发起人", "Started by");
        public static string StartedAt => T("发起时间", "Started");
        public static string EndedAt => T("结束时间", "Ended");
        public static string Incidents => T("异常", "Incidents");
        public static string Actions => T("操作", "Actions");
        public static string Open => T("查看", "Open");
        public static string OpenInstance => T("查看实例“{0}”", "Open the instance “{0}”");
        public static string NoInstances => T("没有符合条件的流程实例。", "No instance matches.");
        public static string LoadFailed => T("无法读取：{0}", "Could not be read: {0}");
        public static string ShowCount => T("查看{0}的{1}实例", "Show the {1} instances of {0}");

        public static string InstanceTitle => T("实例监控", "Instance");
        public static string BackToMonitor => T("返回流程监控", "Back to the monitor");
        public static string InstanceGone => T("该流程实例不存在。", "The instance does not exist.");
        public static string Facts => T("基本信息", "Facts");
        public static string Picture => T("流程图与令牌", "Picture and tokens");
        public static string PictureHelp => T("蓝色为当前环节，数字为等待中的令牌数；绿色为已完成，红色为驳回或退回。", "Blue: current steps, the number is the tokens waiting there; green: finished; red: rejected or returned.");
        public static string Tokens => T("令牌：{0}", "Tokens: {0}");
        public static string NoTokens => T("无", "none");
        public static string PictureFailed => T("无法显示流程图：{0}", "The picture cannot be shown: {0}");
        public static string PictureNoDiagram => T("该流程没有可显示的流程图。", "The process has no diagram to show.");
        public static string Variables => T("流程变量", "Variables");
        public static string VariableName => T("名称", "Name");
        public static string VariableType => T("类型", "Type");
        public static string VariableValue => T("值", "Value");
        public static string ShowAll => T("展开全部", "Show all");
        public static string NoVariables => T("暂无变量。", "No variables.");
        public static string IncidentList => T("异常（失败的作业）", "Incidents (failed jobs)");
        public static string NoIncidents => T("暂无异常。", "No incidents.");
        public static string Element => T("环节", "Step");
        public static string JobKind => T("作业类型", "Job");
        public static string Attempts => T("失败次数", "Attempts");
        public static string LastError => T("最近错误", "Last error");

        public static string ErrorDetails => T("技术详情", "Technical details");

        public static string ErrorUnknown => T("作业执行失败，未记录原因。", "The job failed; no reason was recorded.");

        public static string ErrorExpression => T("表达式计算失败：流程变量缺失或取值有误。", "An expression failed: a process variable is missing or wrong.");

        public static string ErrorExpressionOf => T("表达式「{0}」计算失败：流程变量缺失或取值有误。", "The expression '{0}' failed: a process variable is missing or wrong.");

        public static string ErrorDatabase => T("数据库暂时不可用，稍后将自动重试。", "The database was not available; the job is retried.");

        public static string ErrorJob => T("作业执行失败，请查看技术详情。", "The job failed; see the technical details.");
        public static string LastErrorAt => T("出错时间", "Failed at");
        public static string Retry => T("重试", "Retry");
        public static string RetryOf => T("立即重试环节“{0}”", "Retry “{0}” now");
        public static string Retried => T("已安排立即重试。", "The retry is scheduled now.");
        public static string RetryFailed => T("重试失败：{0}", "The retry failed: {0}");
        public static string FailedMails => T("发送失败的邮件", "Mails that failed");
        public static string NoFailedMails => T("暂无发送失败的邮件。", "No failed mails.");
        public static string MailKind => T("类别", "Kind");
        public static string FailedAt => T("失败时间", "Failed at");
        public static string CancelInstance => T("取消流程", "Cancel the instance");
        public static string CancelTitle => T("取消流程实例", "Cancel the instance");
        public static string CancelHelp => T("取消后流程停止，所有待办一并撤销，且无法恢复。请在意见中写明取消原因。", "The instance stops and its open tasks are withdrawn; this cannot be undone. Write the reason in the comment.");
        public static string CancelSubmit => T("确认取消", "Cancel it");
        public static string CancelledDone => T("流程已取消。", "The instance was cancelled.");

        /// <summary>The kind of a job row.</summary>
        public static string Kind(string kind) => kind switch
        {
            "timer" => T("定时器", "Timer"),
            "task-reminder" => T("办理提醒", "Reminder"),
            "task-timeout" => T("超时处理", "Timeout"),
            _ => T("其他作业", "Other job"),
        };

        /// <summary>The status of an instance as the monitor names it.</summary>
        public static string StatusName(string status) => status.ToLowerInvariant() switch
        {
            "active" => Active,
            "completed" => Completed,
            "terminated" => Terminated,
            "cancelled" => Cancelled,
            "incident" => WithIncidents,
            _ => T("未知", "Unknown"),
        };

        /// <summary>The type of a variable's JSON value.</summary>
        public static string ValueType(System.Text.Json.JsonValueKind kind) => kind switch
        {
            System.Text.Json.JsonValueKind.String => T("文本", "Text"),
            System.Text.Json.JsonValueKind.Number => T("数字", "Number"),
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => T("是否", "Yes/no"),
            System.Text.Json.JsonValueKind.Object => T("对象", "Object"),
            System.Text.Json.JsonValueKind.Array => T("列表", "List"),
            _ => T("空", "Empty"),
        };
    }
}
