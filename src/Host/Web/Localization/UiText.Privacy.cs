namespace Workflows.Host.Web.Localization;

// The texts of personal data shown masked and in full (个人信息保护).
public static partial class UiText
{
    /// <summary>Masked personal data, the 显示完整信息 button and the objections of a nomination.</summary>
    public static class Privacy
    {
        public static string Reveal => T("显示完整信息", "Show in full");
        public static string Hide => T("隐藏", "Hide");
        public static string Revealing => T("正在读取…", "Reading…");
        public static string Logged => T("本次查看已记录（查看人、时间、内容）。", "This view is logged (who, when, what).");
        public static string RevealFailed => T("无法显示完整信息：{0}", "Could not show in full: {0}");
        public static string Objections => T("公示异议", "Objections");
        public static string NoObjections => T("暂无异议。", "No objections.");
        public static string Objector => T("异议人", "Objector");
        public static string Contact => T("联系方式", "Contact");
        public static string Received => T("受理时间", "Received");
        public static string Reference => T("受理编号", "Reference");
        public static string Content => T("异议内容", "Objection");
        public static string Findings => T("调查核实情况", "Findings");
        public static string Erased => T("（异议人信息已按保存期限删除）", "(the objector's data was erased after its retention period)");
        public static string ObjectionState(string state) => state switch
        {
            "investigating" => T("调查核实中", "Under investigation"),
            "upheld" => T("异议成立", "Upheld"),
            "dismissed" => T("异议不成立", "Dismissed"),
            _ => state,
        };
    }
}
