namespace Workflows.Host.Web.Localization;

// The texts of the inbox (待办 / 已办 / 抄送我的 / 我发起的), the task page, the instance page and their dialogs.
public static partial class UiText
{
    /// <summary>The inbox page and its four lists.</summary>
    public static class Inbox
    {
        public static string Title => T("我的工作", "My work");
        public static string Lists => T("工作列表", "Work lists");
        public static string Todo => T("待办", "To do");
        public static string Done => T("已办", "Done");
        public static string Copies => T("抄送我的", "Copied to me");
        public static string Started => T("我发起的", "Started by me");
        public static string Filters => T("筛选", "Filters");
        public static string Process => T("流程", "Process");
        public static string AllProcesses => T("全部流程", "All processes");
        public static string Campaign => T("评选活动编号", "Campaign code");
        public static string DueBefore => T("办理期限早于", "Due before");
        public static string Status => T("流程状态", "Process status");
        public static string AllStatuses => T("全部状态", "All");
        public static string ReadState => T("阅读状态", "Read");
        public static string All => T("全部", "All");
        public static string UnreadOnly => T("未读", "Unread");
        public static string ReadOnly => T("已读", "Read");
        public static string Sort => T("排序", "Sort");
        public static string SortCreated => T("最早接收在前", "Oldest first");
        public static string SortCreatedDescending => T("最新接收在前", "Newest first");
        public static string SortDue => T("期限最近在前", "Earliest deadline first");
        public static string ClearFilters => T("清除筛选", "Clear filters");
        public static string Task => T("任务", "Task");
        public static string BusinessKey => T("业务编号", "Reference");
        public static string Initiator => T("发起人", "Initiator");
        public static string ReceivedAt => T("接收时间", "Received");
        public static string DueAt => T("办理期限", "Due");
        public static string State => T("状态", "State");
        public static string MyAction => T("我的操作", "What I did");
        public static string Comment => T("意见", "Comment");
        public static string DoneAt => T("办理时间", "When");
        public static string CopiedBy => T("抄送人", "Copied by");
        public static string CopiedAt => T("抄送时间", "Copied");
        public static string StartedAt => T("发起时间", "Started");
        public static string EndedAt => T("结束时间", "Ended");
        public static string Actions => T("操作", "Actions");
        public static string Overdue => T("已超期", "Overdue");
        public static string Unclaimed => T("待认领", "Unclaimed");
        public static string Assigned => T("待办理", "Assigned");
        public static string Delegated => T("委派中", "Delegated");
        public static string Handle => T("办理", "Open");
        public static string View => T("查看", "View");
        public static string MarkRead => T("标为已读", "Mark as read");
        public static string MarkedRead => T("已标为已读。", "Marked as read.");
        public static string Unread => T("未读", "Unread");
        public static string Read => T("已读", "Read");
        public static string NoTodo => T("暂无待办事项。", "Nothing to do.");
        public static string NoDone => T("暂无已办事项。", "Nothing done yet.");
        public static string NoCopies => T("暂无抄送给您的事项。", "Nothing was copied to you.");
        public static string NoStarted => T("您还没有发起流程。", "You have started no process.");
        public static string LoadFailed => T("无法读取列表：{0}", "The list could not be read: {0}");
        public static string OpenTask => T("办理任务“{0}”", "Open the task “{0}”");
        public static string ViewInstance => T("查看流程“{0}”", "View the process “{0}”");
    }

    /// <summary>The task page (办理) and the instance page (流程详情).</summary>
    public static class Work
    {
        public static string TaskTitle => T("办理任务", "Task");
        public static string ListSeparator => T("、", ", ");
        public static string VoteCast => T("表决：{0}", "Vote: {0}");
        public static string InstanceTitle => T("流程详情", "Process");
        public static string BackToInbox => T("返回待办", "Back to the to-do list");
        public static string Process => T("流程", "Process");
        public static string BusinessKey => T("业务编号", "Reference");
        public static string Initiator => T("发起人", "Initiator");
        public static string InitiatorOrganisation => T("发起单位", "Organisation");
        public static string Handler => T("办理人", "Handler");
        public static string Candidates => T("候选办理人", "Candidates");
        public static string ReceivedAt => T("接收时间", "Received");
        public static string DueAt => T("办理期限", "Due");
        public static string NoDeadline => T("无期限", "No deadline");
        public static string Status => T("流程状态", "Status");
        public static string StartedAt => T("发起时间", "Started");
        public static string EndedAt => T("结束时间", "Ended");
        public static string Form => T("表单信息", "Form");
        public static string NoForm => T("此流程没有填写的表单数据。", "The process has no form data.");
        public static string Field => T("项目", "Field");
        public static string Value => T("内容", "Value");
        public static string Yes => T("是", "Yes");
        public static string No => T("否", "No");
        public static string CommentBox => T("审批意见", "Comment");
        public static string CommentBoxHelp => T("在此填写的意见会带入办理对话框。", "What you write here is carried into the operation dialog.");
        public static string Materials => T("材料", "Materials");
        public static string NoMaterials => T("还没有上传材料。", "No files yet.");
        public static string Upload => T("上传材料", "Upload a file");
        public static string ChooseFile => T("选择要上传的材料文件", "Choose a file to upload");
        public static string Uploaded => T("已上传 {0}。", "{0} uploaded.");
        public static string UploadFailed => T("上传失败：{0}", "Upload failed: {0}");
        public static string Download => T("下载 {0}", "Download {0}");
        public static string FileName => T("文件名", "File");
        public static string FileSize => T("大小", "Size");
        public static string UploadedBy => T("上传人", "Uploaded by");
        public static string UploadedAt => T("上传时间", "Uploaded");
        public static string Picture => T("流程图", "Process picture");
        public static string PictureSummary => T("流程图：当前步骤 {0}；已完成 {1} 步；被驳回或退回 {2} 步。", "Process picture: current step {0}; {1} steps finished; {2} rejected or returned.");
        public static string PictureNone => T("无", "none");
        public static string PictureNoDiagram => T("此流程定义没有可显示的流程图（缺少图形数据）。", "The process definition has no diagram to show.");
        public static string PictureFailed => T("无法显示流程图：{0}", "The picture cannot be shown: {0}");
        public static string LegendFinished => T("已完成", "Finished");
        public static string LegendActive => T("当前步骤", "Current");
        public static string LegendRejected => T("被驳回或退回", "Rejected or returned");
        public static string CurrentSteps => T("当前步骤：{0}", "Current steps: {0}");
        public static string FinishedSteps => T("已完成步骤：{0}", "Finished steps: {0}");
        public static string RejectedSteps => T("被驳回或退回的步骤：{0}", "Rejected or returned steps: {0}");
        public static string History => T("办理记录", "History");
        public static string NoHistory => T("暂无办理记录。", "No history yet.");
        public static string Operations => T("办理操作", "Operations");
        public static string NoOperations => T("您现在不能办理此任务。", "You cannot act on this task now.");
        public static string OpenTasks => T("当前待办任务", "Open tasks");
        public static string NoOpenTasks => T("没有进行中的任务。", "No open tasks.");
        public static string TaskGone => T("此任务已办结或已不在您的待办中。", "The task is finished or no longer yours.");
        public static string InstanceGone => T("流程不存在，或您无权查看。", "The process does not exist or you may not see it.");
        public static string ViewInstance => T("查看流程详情", "View the process");
        public static string LoadFailed => T("无法读取：{0}", "Could not be read: {0}");
        public static string Withdraw => T("撤回", "Withdraw");
        public static string Urge => T("催办", "Urge");
        public static string Withdrawn => T("已撤回。", "Withdrawn.");
        public static string Urged => T("已催办当前办理人。", "The handlers were reminded.");
        public static string WithdrawTitle => T("撤回流程", "Withdraw the process");
        public static string UrgeTitle => T("催办", "Urge");
        public static string WithdrawHelp => T("在下一步办理人处理之前，您可以撤回此事项。", "You can take the item back while nobody has acted on it.");
        public static string UrgeHelp => T("提醒当前所有任务的办理人尽快处理。", "Remind the handlers of every open task.");
        public static string Tally => T("表决情况", "Vote tally");
        public static string TallyFor => T("同意", "For");
        public static string TallyAgainst => T("反对", "Against");
        public static string TallyAbstain => T("弃权", "Abstain");
        public static string TallyVoted => T("已投票", "Voted");
        public static string TallyTotal => T("应投票", "Voters");
        public static string TallyNeeded => T("通过所需同意票", "For-votes needed");
        public static string TallyLine => T("共 {0} 人表决，已投 {1} 票；需 {2} 票同意方可通过。", "{0} voters, {1} votes cast; {2} for-votes are needed to pass.");
        public static string TallyNone => T("尚无人投票：第一票投出后在此显示计票。", "No votes yet: the tally shows here after the first vote.");
        public static string TallyPassed => T("表决已通过。", "The vote passed.");
        public static string TallyFailed => T("表决未通过。", "The vote failed.");
        public static string VoteMethod(string method) => method switch
        {
            "countersign" => T("会签", "Countersign"),
            "anyone" => T("或签", "Any one"),
            "sequential" => T("依次审批", "One after another"),
            _ => T("单人审批", "Single"),
        };
    }

    /// <summary>The operations of a task (what the task detail's <c>operations</c> lists) and their dialogs.</summary>
    public static class Operations
    {
        public static string Name(string operation) => operation switch
        {
            "claim" => T("认领", "Claim"),
            "release" => T("释放", "Release"),
            "approve" => T("同意", "Approve"),
            "reject" => T("驳回", "Reject"),
            "vote" => T("表决", "Vote"),
            "return" => T("退回", "Return"),
            "transfer" => T("转办", "Transfer"),
            "delegate" => T("委派", "Delegate"),
            "resolve" => T("办理完成并交回", "Resolve"),
            "add-signer" => T("加签", "Add signer"),
            "remove-signer" => T("减签", "Remove signer"),
            "copy" => T("抄送", "Copy"),
            "urge" => T("催办", "Urge"),
            "comment" => T("添加意见", "Comment"),
            _ => T("其他操作", "Other operation"),
        };

        public static string Submit => T("提交", "Submit");

        public static string Help(string operation) => operation switch
        {
            "claim" => T("认领后由您办理此任务，其他候选人不再看到它。", "Once claimed, the task is yours; other candidates no longer see it."),
            "release" => T("释放后任务回到候选人，任何候选人都可以认领。", "The task goes back to its candidates; any of them may claim it."),
            "approve" => T("同意后流程进入下一步。", "The process moves on to the next step."),
            "reject" => T("驳回按本节点的规则处理：结束流程、记为不通过或退回指定节点。", "The node's rule applies: end the process, record a rejection, or return to a chosen step."),
            "vote" => T("请选择表决意见。", "Choose your vote."),
            "return" => T("退回到之前办理过的步骤或发起人补正。", "Return to an earlier step, or to the initiator for correction."),
            "transfer" => T("转办后任务完全交给对方办理。", "The task is handed over for good."),
            "delegate" => T("委派对方处理，对方办理完成后任务回到您这里。", "The other person works on it and gives it back to you."),
            "resolve" => T("办理完成后任务交回委派人。", "The task goes back to the one who delegated it."),
            "add-signer" => T("前加签：加签人办理后回到您；后加签：您办理后再由加签人办理。", "Before: the signer acts first, then it comes back to you; after: the signer acts after you."),
            "remove-signer" => T("移除尚未办理的加签人。", "Removes a signer who has not acted yet."),
            "copy" => T("抄送人只能查看，不能办理。", "Readers can look but not act."),
            "urge" => T("提醒当前办理人尽快处理。", "Reminds the handlers now."),
            "comment" => T("意见会记入办理记录。", "The comment is kept in the history."),
            _ => "",
        };

        public static string Done(string operation) => operation switch
        {
            "claim" => T("已认领。", "Claimed."),
            "release" => T("已释放。", "Released."),
            "approve" => T("已同意。", "Approved."),
            "reject" => T("已驳回。", "Rejected."),
            "vote" => T("已表决。", "Vote recorded."),
            "return" => T("已退回。", "Returned."),
            "transfer" => T("已转办。", "Transferred."),
            "delegate" => T("已委派。", "Delegated."),
            "resolve" => T("已交回委派人。", "Given back."),
            "add-signer" => T("已加签。", "Signer added."),
            "remove-signer" => T("已减签。", "Signer removed."),
            "copy" => T("已抄送。", "Copied."),
            "urge" => T("已催办。", "Reminded."),
            "comment" => T("已添加意见。", "Comment added."),
            _ => T("已完成。", "Done."),
        };

        public static string SubmitInitiatorTask => T("提交", "Submit");
        public static string Comment => T("审批意见", "Comment");
        public static string CommentRequired => T("审批意见（必填）", "Comment (required)");
        public static string CommentRequiredHelp => T("此节点要求填写审批意见。", "This step requires a comment.");
        public static string Vote => T("表决意见", "Vote");
        public static string VoteFor => T("同意", "For");
        public static string VoteAgainst => T("反对", "Against");
        public static string VoteAbstain => T("弃权", "Abstain");
        public static string Target => T("退回到", "Return to");
        public static string TargetInitiator => T("发起人（退回补正）", "The initiator (for correction)");
        public static string TransferTo => T("转办给（用户名）", "Transfer to (user name)");
        public static string DelegateTo => T("委派给（用户名）", "Delegate to (user name)");
        public static string Signer => T("加签人（用户名）", "Signer (user name)");
        public static string RemovedSigner => T("减签人（用户名）", "Signer to remove (user name)");
        public static string Position => T("加签方式", "Position");
        public static string Before => T("前加签（加签人办理后回到您）", "Before me (back to me afterwards)");
        public static string After => T("后加签（您办理后再由加签人办理）", "After me");
        public static string Readers => T("抄送给（用户名，多人用逗号分隔）", "Copy to (user names, separated by commas)");
        public static string UserNameHelp => T("填写对方的登录用户名。", "The other person's sign-in name.");
        public static string MissingUser => T("请填写用户名。", "Enter a user name.");
        public static string MissingReaders => T("请至少填写一位抄送人。", "Enter at least one reader.");
        public static string MissingTarget => T("请选择退回到哪一步。", "Choose the step to return to.");
        public static string MissingVote => T("请选择表决意见。", "Choose your vote.");
        public static string MissingComment => T("请填写意见。", "Write a comment.");
        public static string Busy => T("正在提交…", "Submitting…");
    }

    /// <summary>The kinds of history entries, as the timeline and the done list name them.</summary>
    public static string HistoryType(string type) => type switch
    {
        "InstanceStarted" => T("发起流程", "Started"),
        "InstanceCompleted" => T("流程结束", "Completed"),
        "InstanceTerminated" => T("流程终止", "Terminated"),
        "InstanceCancelled" => T("流程取消", "Cancelled"),
        "InstanceWithdrawn" => T("撤回", "Withdrawn"),
        "ElementStarted" => T("进入步骤", "Step entered"),
        "ElementCompleted" => T("完成步骤", "Step left"),
        "ElementCancelled" => T("步骤取消", "Step cancelled"),
        "TaskCreated" => T("任务到达", "Task arrived"),
        "TaskCompleted" => T("办理完成", "Completed"),
        "TaskReturned" => T("退回", "Returned"),
        "TaskRejected" => T("驳回", "Rejected"),
        "TaskClaimed" => T("认领", "Claimed"),
        "TaskReleased" => T("释放", "Released"),
        "TaskTransferred" => T("转办", "Transferred"),
        "TaskDelegated" => T("委派", "Delegated"),
        "TaskResolved" => T("委派办结", "Resolved"),
        "TaskCopied" => T("抄送", "Copied"),
        "TaskUrged" => T("催办", "Urged"),
        "TaskReminded" => T("到期提醒", "Reminded"),
        "TaskTimedOut" => T("超时处理", "Timed out"),
        "TaskEscalated" => T("超时转交", "Escalated"),
        "SignerAdded" => T("加签", "Signer added"),
        "SignerRemoved" => T("减签", "Signer removed"),
        "SignerCompleted" => T("加签人办理完成", "Signer acted"),
        "Comment" => T("添加意见", "Comment"),
        "AttachmentAdded" => T("上传材料", "File added"),
        "MessageCorrelated" => T("收到消息", "Message received"),
        "MessageSent" => T("发送消息", "Message sent"),
        "ErrorThrown" => T("发生错误", "Error thrown"),
        "ErrorCaught" => T("处理错误", "Error caught"),
        "TimerFired" => T("定时触发", "Timer fired"),
        "VariablesSet" => T("更新数据", "Data changed"),
        _ => T("其他记录", "Other"),
    };

    /// <summary>The status of a process instance.</summary>
    public static string InstanceStatus(string status) => status.ToLowerInvariant() switch
    {
        "active" => T("进行中", "Active"),
        "completed" => T("已结束", "Completed"),
        "terminated" => T("已终止", "Terminated"),
        "cancelled" => T("已取消", "Cancelled"),
        _ => T("未知", "Unknown"),
    };

    /// <summary>The names of the process variables the designs and the engine use (others show their own name).</summary>
    public static string? Variable(string name) => name switch
    {
        "initiator" => T("发起人", "Initiator"),
        "initiatorOrg" => T("发起单位", "Initiating organisation"),
        "campaignId" => T("评选活动", "Campaign"),
        "nominationId" => T("推荐编号", "Nomination"),
        "nominee" => T("推荐对象", "Nominee"),
        "nomineeName" => T("推荐对象", "Nominee"),
        "deeds" => T("事迹材料", "Deeds"),
        "approved" => T("审核通过", "Approved"),
        "committeeApproved" => T("委员会表决通过", "Passed by the committee"),
        "districtDecision" => T("县（区）审核结果", "District decision"),
        "cityDecision" => T("市级审核结果", "City decision"),
        "provinceDecision" => T("省级审核结果", "Provincial decision"),
        "hrDecision" => T("人社厅审核结果", "Human resources decision"),
        "expertDecision" => T("专家评审结果", "Expert decision"),
        "interviewDecision" => T("面试结果", "Interview decision"),
        "approvalDecision" => T("审定结果", "Approval decision"),
        "opinionAgreed" => T("联审意见同意", "Departments agree"),
        "eligible" => T("资格审查通过", "Eligible"),
        "eligibilityMessages" => T("资格审查意见", "Eligibility notes"),
        "quotaPassed" => T("名额审查通过", "Within quota"),
        "compositionPassed" => T("结构比例审查通过", "Composition met"),
        "investigationResult" => T("异议调查结论", "Investigation result"),
        "investigationFindings" => T("异议调查情况", "Investigation findings"),
        "objectorName" => T("异议人", "Objector"),
        "objectorContact" => T("异议人联系方式", "Objector's contact"),
        "objectionContent" => T("异议内容", "Objection"),
        "noticeStartsOn" => T("公示开始日期", "Notice starts"),
        "noticeClosesAt" => T("公示结束时间", "Notice closes"),
        "noticeDays" => T("公示天数", "Notice days"),
        "noticeInWorkingDays" => T("按工作日计算", "In working days"),
        "certificateNumbers" => T("证书编号", "Certificate numbers"),
        "committee" => T("评审委员", "Committee"),
        _ => null,
    };

    /// <summary>Values of decisions and votes in the form (others are shown as they are).</summary>
    public static string? DecisionValue(string value) => value switch
    {
        "approved" => T("通过", "Approved"),
        "returned" => T("退回补正", "Returned"),
        "rejected" => T("不通过", "Rejected"),
        "for" => T("同意", "For"),
        "against" => T("反对", "Against"),
        "abstain" => T("弃权", "Abstain"),
        "upheld" => T("异议成立", "Upheld"),
        "dismissed" => T("异议不成立", "Dismissed"),
        _ => null,
    };

    /// <summary>Problems the API answered, when their detail has no Chinese text.</summary>
    public static class Problems
    {
        public static string ByStatus(int status) => status switch
        {
            0 => T("无法连接服务器，请检查网络后重试。", "The server cannot be reached; check the network and try again."),
            400 => T("请求无效，请检查填写的内容。", "The request is not valid; check what you entered."),
            401 => T("登录已过期，请重新登录。", "Your sign-in has expired; sign in again."),
            403 => T("您无权执行此操作。", "You may not do this."),
            404 => T("记录不存在，或已被他人办理。", "The record does not exist or was already handled."),
            409 => T("该事项刚被他人更新，请刷新后重试。", "Someone else changed it just now; reload and try again."),
            413 => T("文件太大。", "The file is too large."),
            422 => T("无法办理：不符合流程规则。", "This cannot be done: the process does not allow it."),
            _ => T("服务器出错，请稍后重试。", "The server failed; try again later."),
        };

        public static string Required => T("请填写{0}。", "Enter {0}.");

        public static string Field(string name) => name switch
        {
            "comment" => T("审批意见", "a comment"),
            "target" => T("退回的步骤", "the step to return to"),
            "userName" => T("用户名", "a user name"),
            "vote" => T("表决意见", "a vote"),
            "readers" => T("抄送人", "the readers"),
            _ => T("必填项", "the required field"),
        };
    }
}
