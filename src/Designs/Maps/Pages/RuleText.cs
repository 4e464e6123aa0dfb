using System.Globalization;
using Workflows.Engine.Model;

namespace Workflows.Designs.Maps.Pages;

/// <summary>Says a user task's approval method, reminders, timeout action and reject rule in plain Chinese.</summary>
public static class RuleText
{
    /// <summary>会签 with its pass ratio, 或签, 依次, or 单人处理.</summary>
    public static string Approval(UserTaskNode task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.ApprovalMethod switch
        {
            ApprovalMethod.Countersign => "会签，" + PassRatio(task),
            ApprovalMethod.Anyone => "或签（任一人决定）",
            ApprovalMethod.Sequential => "依次审批（逐一同意，一人驳回即驳回）",
            _ => "单人处理",
        };
    }

    /// <summary>The pass ratio as written in the design (<c>2/3</c>), or the share the engine read.</summary>
    public static string PassRatio(UserTaskNode task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Extensions.TryGetValue("passRatio", out var written))
        {
            return "同意票达到 " + Markdown.Inline(written.Trim()) + " 即通过";
        }

        return task.PassRatio >= 1 ? "全部同意才通过" : "同意票达到 " + task.PassRatio.ToString("0.##", CultureInfo.InvariantCulture) + " 即通过";
    }

    public static string Reminders(UserTaskNode task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var parts = new List<string>();
        if (task.RemindBefore is { } before)
        {
            parts.Add("到期前 " + DurationText.Describe(before) + "提醒");
        }

        if (task.RemindEvery is { } every)
        {
            parts.Add("此后每 " + DurationText.Describe(every) + "提醒一次");
        }

        return string.Join("；", parts);
    }

    public static string Timeout(UserTaskNode task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.TimeoutAction switch
        {
            TaskTimeoutAction.Remind => "再次提醒",
            TaskTimeoutAction.Approve => "自动同意",
            TaskTimeoutAction.Reject => "自动驳回",
            TaskTimeoutAction.Escalate => "转交 " + (task.EscalateTo is { } role ? ParticipantText.Role(role) : "（未指定）"),
            _ => task.DueDate is null ? "" : "仅标记逾期",
        };
    }

    /// <summary>Whether the approver must write a comment (<c>wf:commentRequired</c>).</summary>
    public static string Comment(FlowNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Extensions.TryGetValue("commentRequired", out var value)
            ? value.Trim().ToLowerInvariant() switch
            {
                "true" => "必须填写审批意见",
                "false" => "可不填写意见",
                "reject" or "onreject" => "驳回时必须填写意见",
                _ => Markdown.Code(value),
            }
            : "";
    }

    /// <summary>What a rejection does (<c>wf:rejectAction</c> with <c>wf:rejectTo</c>): move on by the outcome, end, or return to the initiator or a named step.</summary>
    public static string Reject(FlowNode node, ProcessModel process)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(process);
        if (node is not UserTaskNode task || !node.Extensions.ContainsKey("rejectAction"))
        {
            return "";
        }

        return task.RejectAction switch
        {
            RejectAction.End => "驳回即结束流程",
            RejectAction.Return when task.RejectTo is null or UserTaskNode.RejectToInitiator => "退回发起人补正",
            RejectAction.Return => process.NodesById.TryGetValue(task.RejectTo, out var step) ? "退回到 " + Names.Ref(step) : Markdown.Code(task.RejectTo),
            _ => "驳回后按流程条件流转",
        };
    }
}
