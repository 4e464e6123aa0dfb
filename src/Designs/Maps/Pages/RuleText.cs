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

    /// <summary>What a rejection does (<c>wf:rejectAction</c>): end, return to the initiator or to a named step.</summary>
    public static string Reject(FlowNode node, ProcessModel process)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(process);
        if (!node.Extensions.TryGetValue("rejectAction", out var raw))
        {
            return "";
        }

        var value = raw.Trim();
        switch (value.ToLowerInvariant())
        {
            case "end" or "terminate":
                return "驳回即结束流程";
            case "initiator" or "returntoinitiator" or "return-to-initiator" or "return:initiator":
                return "退回发起人补正";
            case "previous" or "back":
                return "退回上一步";
            case "choose" or "any":
                return "由审批人选择退回的步骤";
        }

        var target = value;
        foreach (var prefix in new[] { "return:", "returnTo:", "return-to:" })
        {
            if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                target = value[prefix.Length..].Trim();
            }
        }

        return process.NodesById.TryGetValue(target, out var step)
            ? "退回到 " + Names.Ref(step)
            : Markdown.Code(value);
    }
}
