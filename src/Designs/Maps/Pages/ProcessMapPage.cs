using System.Globalization;
using Workflows.Engine.Model;

namespace Workflows.Designs.Maps.Pages;

/// <summary>
/// The Markdown page of one design: title, the picture, and for each executable process its steps in flow order
/// (who handles them, approval method, deadline, reminders, timeout action), the roles involved, the gateways
/// with their conditions, timers, messages, the activities the service tasks run, the rules of the user tasks
/// (comment required, reject rule) and the errors.
/// </summary>
public static class ProcessMapPage
{
    /// <param name="design">The design.</param>
    /// <param name="svgFileName">The picture's file name, next to the page.</param>
    /// <param name="designLink">The design file relative to the page (a link).</param>
    public static string Write(DesignFile design, string svgFileName, string designLink)
    {
        ArgumentNullException.ThrowIfNull(design);
        var md = new Markdown();
        md.Heading(1, design.Title);
        md.Paragraph($"> 本页由 `scripts/process-maps.sh` 从 [{Markdown.Inline(design.DisplayPath)}]({designLink}) 生成，请勿手工修改。Generated from the design; do not edit by hand.");
        md.Paragraph($"![{Markdown.Inline(design.Title)}]({svgFileName})");

        var single = design.Processes.Count == 1;
        foreach (var process in design.Processes)
        {
            var level = single ? 2 : 3;
            if (!single)
            {
                md.Heading(2, "流程 " + (process.Name ?? process.Key));
            }

            md.Paragraph($"流程键 (process key)：{Markdown.Code(process.Key)}");
            if (design.DocumentationOf(process) is { } documentation)
            {
                md.Paragraph(Markdown.Inline(documentation));
            }

            var steps = StepOrder.Of(process);
            WriteSteps(md, level, steps);
            WriteRoles(md, level, steps);
            WriteGateways(md, level, steps);
            WriteTimers(md, level, steps);
            WriteMessages(md, level, steps);
            WriteActivities(md, level, steps);
            WriteRules(md, level, steps, process);
            WriteErrors(md, level, steps);
        }

        return md.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>Who handles a user task, one entry per assignee, candidate or group.</summary>
    public static IReadOnlyList<string> Handlers(UserTaskNode task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var who = new List<string>();
        if (task.Extensions.TryGetValue("approvers", out var approvers))
        {
            who.Add(ParticipantText.People(approvers));
        }
        else if (task.Assignee is { } assignee)
        {
            who.Add(ParticipantText.Person(assignee));
        }

        if (task.CandidateUsers.Count > 0)
        {
            who.Add("候选人 " + string.Join("、", task.CandidateUsers.Select(ParticipantText.Person)));
        }

        who.AddRange(task.CandidateGroups.Select(ParticipantText.Group));
        return who;
    }

    private static void WriteSteps(Markdown md, int level, IReadOnlyList<Step> steps)
    {
        md.Heading(level, "步骤 (Steps)");
        md.Table(
            ["序号", "ID", "名称", "类型", "处理人", "审批方式", "期限", "提醒", "超时处理"],
            steps.Select(step =>
            {
                var node = step.Node;
                var task = node as UserTaskNode;
                return (IReadOnlyList<string>)
                [
                    step.Number,
                    Markdown.Code(node.Id),
                    Markdown.Inline(node.Name?.Trim()),
                    KindText.Of(node),
                    task is null ? "" : string.Join("；", Handlers(task)),
                    task is null ? "" : RuleText.Approval(task),
                    task is null ? "" : DurationText.Describe(task.DueDate),
                    task is null ? "" : RuleText.Reminders(task),
                    task is null ? "" : RuleText.Timeout(task),
                ];
            }));
    }

    private static void WriteRoles(Markdown md, int level, IReadOnlyList<Step> steps)
    {
        md.Heading(level, "角色 (Roles)");
        var roles = new List<(string Who, List<string> Steps)>();
        void Add(string who, string step)
        {
            var entry = roles.FirstOrDefault(r => r.Who == who);
            if (entry.Steps is null)
            {
                entry = (who, []);
                roles.Add(entry);
            }

            if (!entry.Steps.Contains(step))
            {
                entry.Steps.Add(step);
            }
        }

        foreach (var step in steps)
        {
            if (step.Node is not UserTaskNode task)
            {
                continue;
            }

            foreach (var who in Handlers(task))
            {
                Add(who, Names.Ref(task));
            }

            if (task is { TimeoutAction: TaskTimeoutAction.Escalate, EscalateTo: { } escalateTo })
            {
                Add(ParticipantText.Role(escalateTo), Names.Ref(task) + "（超时后接手）");
            }
        }

        md.Table(["角色", "负责的步骤"], roles.Select(r => (IReadOnlyList<string>)[r.Who, string.Join("、", r.Steps)]));
    }

    private static void WriteGateways(Markdown md, int level, IReadOnlyList<Step> steps)
    {
        md.Heading(level, "网关与条件 (Gateways and conditions)");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var step in steps)
        {
            var node = step.Node;
            var isGateway = node.Kind is NodeKind.ExclusiveGateway or NodeKind.InclusiveGateway or NodeKind.ParallelGateway or NodeKind.EventBasedGateway;
            foreach (var flow in node.Outgoing)
            {
                if (!isGateway && flow.Condition is null)
                {
                    continue;
                }

                var condition = flow.Condition is not null ? Markdown.Code(flow.Condition)
                    : flow.IsDefault ? "默认（其他条件都不成立时）"
                    : node.Kind == NodeKind.ParallelGateway ? (node.Outgoing.Count > 1 ? "同时进行" : "全部到达后继续")
                    : node.Kind == NodeKind.EventBasedGateway ? "先发生的事件"
                    : node.Outgoing.Count == 1 ? "汇合后继续" : "无条件";
                var to = (string.IsNullOrWhiteSpace(flow.Name) ? "" : Markdown.Inline(flow.Name.Trim()) + "：") + "→ " + Names.Ref(flow.Target);
                rows.Add([Names.Ref(node), isGateway ? KindText.Of(node) : "条件流", to, condition]);
            }
        }

        md.Table(["网关", "类型", "流向", "条件"], rows);
    }

    private static void WriteTimers(Markdown md, int level, IReadOnlyList<Step> steps)
    {
        md.Heading(level, "定时 (Timers)");
        md.Table(["事件", "位置", "定时"], steps
            .Where(s => s.Node.EventDefinition is TimerEventDefinition)
            .Select(s =>
            {
                var timer = (TimerEventDefinition)s.Node.EventDefinition!;
                var where = s.Node switch
                {
                    BoundaryEventNode boundary => $"附在 {Names.Ref(boundary.AttachedTo)} 上，到时{(boundary.CancelActivity ? "中断" : "不中断")}该步骤",
                    { Kind: NodeKind.StartEvent } => "到时开始流程",
                    _ => "流程在此等待",
                };
                return (IReadOnlyList<string>)[Names.Ref(s.Node), where, DurationText.Timer(timer.TimeDate, timer.TimeDuration, timer.TimeCycle)];
            }));
    }

    private static void WriteMessages(Markdown md, int level, IReadOnlyList<Step> steps)
    {
        md.Heading(level, "消息 (Messages)");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var step in steps)
        {
            var node = step.Node;
            if (node.EventDefinition is MessageEventDefinition message)
            {
                var sends = node.Kind is NodeKind.EndEvent or NodeKind.IntermediateThrowEvent;
                var direction = sends ? "发送" : node.Kind == NodeKind.StartEvent ? "收到后开始流程" : "等待接收";
                var key = sends ? "" : message.CorrelationKey is null ? "业务键（默认）" : Markdown.Code(message.CorrelationKey);
                rows.Add([Names.Ref(node), direction, Markdown.Code(message.MessageName), key]);
            }
            else if (node is ServiceTaskNode { MessageName: { } sent })
            {
                rows.Add([Names.Ref(node), "发送", Markdown.Code(sent), ""]);
            }
        }

        md.Table(["元素", "方向", "消息", "关联键"], rows);
    }

    private static void WriteActivities(Markdown md, int level, IReadOnlyList<Step> steps)
    {
        md.Heading(level, "活动 (Activities)");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var step in steps)
        {
            switch (step.Node)
            {
                case ServiceTaskNode service:
                    {
                        var runs = service.ActivityType is { } type ? "活动类型 " + Markdown.Code(type)
                            : service.Expression is { } expression ? "表达式 " + Markdown.Code(expression)
                            : "发送消息 " + Markdown.Code(service.MessageName);
                        if (service.ResultVariable is { } result)
                        {
                            runs += "，结果写入 " + Markdown.Code(result);
                        }

                        rows.Add([Names.Ref(service), KindText.Of(service), runs, Parameters(service.Inputs), Parameters(service.Outputs)]);
                        break;
                    }

                case ScriptTaskNode script:
                    rows.Add([Names.Ref(script), KindText.Of(script), "JavaScript 脚本" + (script.ResultVariable is { } r ? "，结果写入 " + Markdown.Code(r) : ""), "", ""]);
                    break;
                case CallActivityNode call:
                    rows.Add([
                        Names.Ref(call), KindText.Of(call), "调用流程 " + Markdown.Code(call.CalledElement),
                        Mappings(call.InMappings, call.PassAllIn), Mappings(call.OutMappings, call.PassAllOut),
                    ]);
                    break;
            }
        }

        md.Table(["步骤", "类型", "执行", "输入", "输出"], rows);
    }

    private static void WriteRules(Markdown md, int level, IReadOnlyList<Step> steps, ProcessModel process)
    {
        md.Heading(level, "规则 (Rules)");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var step in steps)
        {
            if (step.Node is not UserTaskNode task)
            {
                continue;
            }

            var other = new List<string>();
            if (task.FormKey is { } form)
            {
                other.Add("表单 " + Markdown.Code(form));
            }

            if (task.Priority is { } priority)
            {
                other.Add("优先级 " + Markdown.Code(priority));
            }

            if (task.Extensions.ContainsKey("outcomeVariable") || task.TimeoutAction is TaskTimeoutAction.Approve or TaskTimeoutAction.Reject || task.ApprovalMethod != ApprovalMethod.Single)
            {
                other.Add("结论写入 " + Markdown.Code(task.OutcomeVariable));
            }

            if (task.ApprovalMethod != ApprovalMethod.Single)
            {
                other.Add("计票写入 " + Markdown.Code(task.TallyVariable));
            }

            var comment = RuleText.Comment(task);
            var reject = RuleText.Reject(task, process);
            if (comment.Length + reject.Length + other.Count > 0)
            {
                rows.Add([Names.Ref(task), comment, reject, string.Join("；", other)]);
            }
        }

        md.Table(["步骤", "审批意见", "驳回", "其他"], rows);
    }

    private static void WriteErrors(Markdown md, int level, IReadOnlyList<Step> steps)
    {
        md.Heading(level, "错误 (Errors)");
        md.Table(["事件", "类型", "错误"], steps
            .Where(s => s.Node.EventDefinition is ErrorEventDefinition)
            .Select(s =>
            {
                var error = (ErrorEventDefinition)s.Node.EventDefinition!;
                var what = error.ErrorCode is null ? "任何错误" : Markdown.Code(error.ErrorCode) + (error.ErrorName is { } n ? " " + Markdown.Inline(n) : "");
                var kind = s.Node is BoundaryEventNode b ? $"捕获 {Names.Ref(b.AttachedTo)} 的错误" : "抛出错误并结束";
                return (IReadOnlyList<string>)[Names.Ref(s.Node), kind, what];
            }));
    }

    private static string Parameters(IReadOnlyList<Parameter> parameters) =>
        string.Join("<br>", parameters.Select(p => Markdown.Code(p.Name) + " = " + Markdown.Code(p.Value)));

    private static string Mappings(IReadOnlyList<VariableMapping> mappings, bool all)
    {
        var parts = mappings.Select(m => Markdown.Code(m.Target) + " ← " + Markdown.Code(m.Source ?? m.SourceExpression)).ToList();
        if (all)
        {
            parts.Insert(0, "全部变量");
        }

        return string.Join("<br>", parts);
    }

    /// <summary>The number of steps of a design (all processes, at any depth), for the index.</summary>
    public static int CountSteps(DesignFile design)
    {
        ArgumentNullException.ThrowIfNull(design);
        return design.Processes.Sum(p => StepOrder.Of(p).Count);
    }

    internal static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
