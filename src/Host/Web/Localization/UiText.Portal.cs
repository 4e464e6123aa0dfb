namespace Workflows.Host.Web.Localization;

// The texts of the nomination portal (我的推荐, 新建推荐, the nomination page, uploads and corrections).
public static partial class UiText
{
    /// <summary>The enterprise unions' nomination portal.</summary>
    public static class Portal
    {
        public static string Title => T("我的推荐", "My nominations");
        public static string NewNomination => T("新建推荐", "New nomination");
        public static string OpenCampaigns => T("可申报的评选活动", "Campaigns open to me");
        public static string NoOpenCampaigns => T("目前没有可申报的评选活动。", "No campaign is open for filing now.");
        public static string MyList => T("已提交的推荐", "My nominations");
        public static string NoNominations => T("您还没有提交推荐。", "You have filed no nomination yet.");
        public static string Campaign => T("评选活动", "Campaign");
        public static string HonourType => T("表彰项目", "Honour");
        public static string Window => T("申报时间", "Filing window");
        public static string Deadline => T("截止时间", "Deadline");
        public static string Materials => T("所需材料", "Required materials");
        public static string FileHere => T("申报", "File");
        public static string FileFor => T("申报“{0}”", "File for “{0}”");
        public static string Nominee => T("推荐对象", "Nominee");
        public static string State => T("状态", "State");
        public static string Stage => T("所在层级", "Held by");
        public static string FiledAt => T("申报日期", "Filed");
        public static string Actions => T("操作", "Actions");
        public static string View => T("查看", "View");
        public static string ViewNomination => T("查看“{0}”的推荐", "View the nomination of “{0}”");
        public static string LoadFailed => T("无法读取：{0}", "Could not read: {0}");
        public static string WaitingForYou => T("待您处理", "Waiting for you");

        public static string NewTitle => T("新建推荐", "New nomination");
        public static string ChooseCampaign => T("请先从“我的推荐”中选择评选活动。", "Choose a campaign under “My nominations” first.");
        public static string CampaignClosed => T("该评选活动不在申报时间内，不能申报。", "The campaign is not open for filing.");
        public static string NomineeSection => T("推荐对象", "Nominee");
        public static string FormSection => T("申报表", "Nomination form");
        public static string MaterialsSection => T("推荐材料", "Materials");
        public static string KindIndividual => T("个人", "Person");
        public static string KindUnit => T("集体（单位）", "Unit");
        public static string KindTeam => T("集体（班组）", "Team");
        public static string NomineeKind => T("推荐对象类型", "Kind of nominee");
        public static string PersonName => T("姓名", "Name");
        public static string UnitName => T("单位名称", "Unit name");
        public static string TeamName => T("班组名称", "Team name");
        public static string IdNumber => T("居民身份证号码", "ID number");
        public static string CreditCode => T("统一社会信用代码", "Credit code");
        public static string Gender => T("性别", "Gender");
        public static string Male => T("男", "Male");
        public static string Female => T("女", "Female");
        public static string Ethnicity => T("民族", "Ethnicity");
        public static string Position => T("职务/职称", "Position");
        public static string Categories => T("推荐类别", "Categories");
        public static string CategoriesHelp => T("可多选，用于名额与结构比例统计", "Choose any; quotas and composition rules count them");
        public static string Characters => T("{0} / {1} 字", "{0} / {1} characters");
        public static string Submit => T("提交推荐", "File the nomination");
        public static string Submitting => T("正在提交…", "Filing…");
        public static string Filed => T("推荐已提交，请上传推荐材料。", "The nomination is filed; now upload its materials.");
        public static string FixErrors => T("请先修改标红的项目。", "Correct the fields marked in red first.");
        public static string Required => T("{0}为必填项", "{0} is required");
        public static string TooLong => T("{0}不得超过 {1} 字，现为 {2} 字", "{0} must not exceed {1} characters (now {2})");
        public static string BadIdNumber => T("居民身份证号码应为18位，最后一位可为数字或X", "An ID number has 18 characters, the last a digit or X");
        public static string BadCreditCode => T("统一社会信用代码应为18位数字或大写字母", "A credit code has 18 digits or capital letters");
        public static string BadNumber => T("{0}须为数字", "{0} must be a number");
        public static string Refused => T("未能提交：{0}", "Not filed: {0}");
        public static string ChooseOption => T("请选择", "Choose");

        public static string MaterialKind => T("材料类型", "Material");
        public static string OtherMaterial => T("其他材料", "Other material");
        public static string ChooseFile => T("选择文件", "Choose a file");
        public static string FileRules => T("支持 PDF、DOCX、JPG、PNG，单个文件不超过 20 MB", "PDF, DOCX, JPG or PNG, up to 20 MB each");
        public static string Upload => T("上传", "Upload");
        public static string Uploading => T("正在上传 {0}%", "Uploading {0}%");
        public static string UploadProgress => T("上传进度", "Upload progress");
        public static string Uploaded => T("已上传“{0}”。", "“{0}” is uploaded.");
        public static string UploadRefused => T("文件未能上传：{0}", "The file was not uploaded: {0}");
        public static string NoFileChosen => T("请先选择文件。", "Choose a file first.");
        public static string NoFile => T("未选择文件", "No file chosen");
        public static string Missing => T("尚缺材料：{0}", "Still missing: {0}");
        public static string NothingMissing => T("所需材料已齐全。", "Every required material is uploaded.");
        public static string UploadedFiles => T("已上传的文件", "Uploaded files");
        public static string NoFiles => T("尚未上传文件。", "No file uploaded yet.");
        public static string FileName => T("文件名", "File");
        public static string FileSize => T("大小", "Size");
        public static string UploadedAt => T("上传时间", "Uploaded");

        public static string NominationTitle => T("推荐详情", "Nomination");
        public static string Gone => T("推荐不存在，或您无权查看。", "The nomination does not exist, or you may not see it.");
        public static string Returned => T("推荐已被退回补正", "The nomination was returned for correction");
        public static string ReturnedBy => T("{0} 于 {1} 退回，意见：{2}", "{0} returned it on {1}: {2}");
        public static string NoComment => T("（无意见）", "(no comment)");
        public static string Correct => T("修改申报表", "Correct the form");
        public static string SaveCorrection => T("保存修改", "Save the correction");
        public static string Saved => T("修改已保存。", "The correction is saved.");
        public static string Resubmit => T("重新提交", "Resubmit");
        public static string Resubmitted => T("已重新提交。", "Resubmitted.");
        public static string ResubmitComment => T("补正说明", "What was corrected");
        public static string ResubmitDefault => T("已按审核意见补正", "Corrected as asked");
        public static string OpenTask => T("办理待办", "Open the task");
        public static string YourTask => T("待您办理：{0}", "Your task: {0}");
        public static string Facts => T("基本信息", "Facts");
        public static string StateReason => T("说明", "Note");
    }
}
