using Workflows.Engine.Model;

namespace Workflows.Designs.Maps.Pages;

/// <summary>The Chinese name of a node's kind (用户任务, 排他网关, 定时边界事件（不中断） …).</summary>
public static class KindText
{
    public static string Of(FlowNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var trigger = node.EventDefinition switch
        {
            TimerEventDefinition => "定时",
            MessageEventDefinition => "消息",
            ErrorEventDefinition => "错误",
            TerminateEventDefinition => "终止",
            _ => "",
        };
        var text = node.Kind switch
        {
            NodeKind.StartEvent => trigger + "开始事件",
            NodeKind.EndEvent => trigger + "结束事件",
            NodeKind.IntermediateCatchEvent => trigger + "中间捕获事件",
            NodeKind.IntermediateThrowEvent => trigger + "中间抛出事件",
            NodeKind.BoundaryEvent => trigger + "边界事件" + (node is BoundaryEventNode { CancelActivity: false } ? "（不中断）" : ""),
            NodeKind.Task => "任务",
            NodeKind.UserTask => "用户任务",
            NodeKind.ManualTask => "手工任务",
            NodeKind.ServiceTask => "服务任务",
            NodeKind.SendTask => "发送任务",
            NodeKind.ScriptTask => "脚本任务",
            NodeKind.ReceiveTask => "接收任务",
            NodeKind.ExclusiveGateway => "排他网关",
            NodeKind.ParallelGateway => "并行网关",
            NodeKind.InclusiveGateway => "包容网关",
            NodeKind.EventBasedGateway => "事件网关",
            NodeKind.SubProcess => "子流程",
            NodeKind.CallActivity => "调用活动",
            _ => node.Kind.ToString(),
        };

        var approvals = node is UserTaskNode { ApprovalMethod: not ApprovalMethod.Single };
        if (node.MultiInstance is { } mi && !approvals)
        {
            text += mi.IsSequential ? "（多实例，依次）" : "（多实例，并行）";
        }

        return text;
    }
}
