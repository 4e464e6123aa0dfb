using System.Globalization;
using System.Text;

namespace Workflows.Designs.Tests;

/// <summary>
/// A BPMN file with one of everything the renderer draws (task types, event triggers, gateways, containers, pools
/// and lanes, flows, artifacts), each with its diagram interchange, so tests can look at one element at a time.
/// </summary>
internal static class Catalog
{
    public const string LongChineseName = "评审<委员会> & \"表决\"：第二轮很长很长的名字需要换行显示在任务框里面 Review round two";

    private static readonly (string Id, double X, double Y, double W, double H, string Extra)[] ShapeList =
    [
        ("pool", 0, 0, 1600, 700, "isHorizontal=\"true\""),
        ("laneA", 30, 0, 1570, 350, "isHorizontal=\"true\""),
        ("laneB", 30, 350, 1570, 350, "isHorizontal=\"true\""),
        ("blackbox", 0, 760, 1600, 80, "isHorizontal=\"true\""),
        ("start_timer", 60, 40, 36, 36, ""),
        ("user", 140, 20, 100, 80, ""),
        ("service", 280, 20, 100, 80, ""),
        ("send", 420, 20, 100, 80, ""),
        ("receive", 560, 20, 100, 80, ""),
        ("script", 700, 20, 100, 80, ""),
        ("rule", 840, 20, 100, 80, ""),
        ("manual", 980, 20, 100, 80, ""),
        ("plain", 1120, 20, 100, 80, ""),
        ("mi_par", 140, 140, 100, 80, ""),
        ("mi_seq", 280, 140, 100, 80, ""),
        ("loop", 420, 140, 100, 80, ""),
        ("comp", 560, 140, 100, 80, ""),
        ("gw_x", 700, 155, 50, 50, "isMarkerVisible=\"true\""),
        ("gw_x2", 780, 155, 50, 50, ""),
        ("gw_p", 860, 155, 50, 50, ""),
        ("gw_o", 940, 155, 50, 50, ""),
        ("gw_e", 1020, 155, 50, 50, ""),
        ("gw_c", 1100, 155, 50, 50, ""),
        ("ev_msg_catch", 60, 260, 36, 36, ""),
        ("ev_signal_throw", 120, 260, 36, 36, ""),
        ("ev_cond", 180, 260, 36, 36, ""),
        ("ev_esc_end", 240, 260, 36, 36, ""),
        ("ev_error_end", 300, 260, 36, 36, ""),
        ("ev_term", 360, 260, 36, 36, ""),
        ("ev_link", 420, 260, 36, 36, ""),
        ("ev_multi", 480, 260, 36, 36, ""),
        ("ev_pmulti", 540, 260, 36, 36, ""),
        ("sub", 60, 380, 300, 160, "isExpanded=\"true\""),
        ("sub_start", 90, 440, 36, 36, ""),
        ("sub_end", 280, 440, 36, 36, ""),
        ("collapsed", 400, 400, 100, 80, "isExpanded=\"false\""),
        ("call", 540, 400, 100, 80, ""),
        ("tx", 680, 380, 250, 160, "isExpanded=\"true\""),
        ("evsub", 960, 380, 250, 160, "isExpanded=\"true\""),
        ("evsub_start", 990, 440, 36, 36, ""),
        ("adhoc", 1240, 400, 100, 80, "isExpanded=\"false\""),
        ("data", 1380, 400, 36, 50, ""),
        ("store", 1460, 400, 50, 50, ""),
        ("note", 1380, 520, 120, 50, ""),
        ("grp", 1360, 380, 220, 260, ""),
        ("boundary_timer", 222, 82, 36, 36, ""),
    ];

    private static readonly (string Id, (double X, double Y)[] Points)[] EdgeList =
    [
        ("f_default", [(725, 155), (725, 110), (190, 110), (190, 100)]),
        ("f_cond", [(750, 180), (770, 130), (330, 130), (330, 100)]),
        ("f_act_cond", [(380, 60), (420, 60)]),
        ("f_plain", [(520, 60), (560, 60)]),
        ("f_sub", [(126, 458), (280, 458)]),
        ("assoc", [(1380, 545), (240, 60)]),
        ("dassoc", [(240, 80), (1380, 425)]),
        ("mf", [(470, 100), (470, 760)]),
    ];

    public static string Xml { get; } = Build();

    private static string Build()
    {
        var di = new StringBuilder();
        foreach (var (id, x, y, w, h, extra) in ShapeList)
        {
            di.Append(CultureInfo.InvariantCulture, $"""      <bpmndi:BPMNShape id="{id}_di" bpmnElement="{id}" {extra}><dc:Bounds x="{x}" y="{y}" width="{w}" height="{h}" /></bpmndi:BPMNShape>""").Append('\n');
        }

        foreach (var (id, points) in EdgeList)
        {
            di.Append(CultureInfo.InvariantCulture, $"""      <bpmndi:BPMNEdge id="{id}_di" bpmnElement="{id}">""");
            foreach (var (x, y) in points)
            {
                di.Append(CultureInfo.InvariantCulture, $"""<di:waypoint x="{x}" y="{y}" />""");
            }

            di.Append("</bpmndi:BPMNEdge>\n");
        }

        var longName = System.Security.SecurityElement.Escape(LongChineseName);
        return $$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="catalog" name="目录" targetNamespace="urn:test">
              <bpmn:category id="cat"><bpmn:categoryValue id="cv1" value="分组一" /></bpmn:category>
              <bpmn:message id="m1" name="消息一" />
              <bpmn:collaboration id="collab">
                <bpmn:participant id="pool" name="申报单位" processRef="p1" />
                <bpmn:participant id="blackbox" name="外部系统" />
                <bpmn:messageFlow id="mf" name="通知" sourceRef="send" targetRef="blackbox" />
              </bpmn:collaboration>
              <bpmn:process id="p1" name="目录流程">
                <bpmn:laneSet id="ls"><bpmn:lane id="laneA" name="企业工会" /><bpmn:lane id="laneB" name="市总工会" /></bpmn:laneSet>
                <bpmn:dataObject id="do1" isCollection="true" />
                <bpmn:startEvent id="start_timer" name="每年一月"><bpmn:timerEventDefinition><bpmn:timeCycle>R/P1Y</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
                <bpmn:userTask id="user" name="用户任务"><bpmn:dataOutputAssociation id="dassoc"><bpmn:targetRef>data</bpmn:targetRef></bpmn:dataOutputAssociation></bpmn:userTask>
                <bpmn:serviceTask id="service" name="服务任务" />
                <bpmn:sendTask id="send" name="发送任务" />
                <bpmn:receiveTask id="receive" name="接收任务" />
                <bpmn:scriptTask id="script" name="脚本任务" />
                <bpmn:businessRuleTask id="rule" name="规则任务" />
                <bpmn:manualTask id="manual" name="手工任务" />
                <bpmn:task id="plain" name="{{longName}}" />
                <bpmn:task id="mi_par" name="并行多实例"><bpmn:multiInstanceLoopCharacteristics /></bpmn:task>
                <bpmn:task id="mi_seq" name="依次多实例"><bpmn:multiInstanceLoopCharacteristics isSequential="true" /></bpmn:task>
                <bpmn:task id="loop" name="循环"><bpmn:standardLoopCharacteristics /></bpmn:task>
                <bpmn:task id="comp" name="补偿" isForCompensation="true" />
                <bpmn:exclusiveGateway id="gw_x" name="通过？" default="f_default" />
                <bpmn:exclusiveGateway id="gw_x2" />
                <bpmn:parallelGateway id="gw_p" />
                <bpmn:inclusiveGateway id="gw_o" />
                <bpmn:eventBasedGateway id="gw_e" />
                <bpmn:complexGateway id="gw_c" />
                <bpmn:intermediateCatchEvent id="ev_msg_catch" name="等待消息"><bpmn:messageEventDefinition messageRef="m1" /></bpmn:intermediateCatchEvent>
                <bpmn:intermediateThrowEvent id="ev_signal_throw"><bpmn:signalEventDefinition /></bpmn:intermediateThrowEvent>
                <bpmn:intermediateCatchEvent id="ev_cond"><bpmn:conditionalEventDefinition /></bpmn:intermediateCatchEvent>
                <bpmn:endEvent id="ev_esc_end"><bpmn:escalationEventDefinition /></bpmn:endEvent>
                <bpmn:endEvent id="ev_error_end"><bpmn:errorEventDefinition /></bpmn:endEvent>
                <bpmn:endEvent id="ev_term"><bpmn:terminateEventDefinition /></bpmn:endEvent>
                <bpmn:intermediateCatchEvent id="ev_link"><bpmn:linkEventDefinition name="l" /></bpmn:intermediateCatchEvent>
                <bpmn:intermediateCatchEvent id="ev_multi"><bpmn:messageEventDefinition messageRef="m1" /><bpmn:timerEventDefinition /></bpmn:intermediateCatchEvent>
                <bpmn:intermediateCatchEvent id="ev_pmulti" parallelMultiple="true"><bpmn:messageEventDefinition messageRef="m1" /><bpmn:signalEventDefinition /></bpmn:intermediateCatchEvent>
                <bpmn:boundaryEvent id="boundary_timer" name="催办" attachedToRef="user" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>P2WD</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
                <bpmn:subProcess id="sub" name="展开的子流程">
                  <bpmn:startEvent id="sub_start" />
                  <bpmn:endEvent id="sub_end" />
                  <bpmn:sequenceFlow id="f_sub" sourceRef="sub_start" targetRef="sub_end" />
                </bpmn:subProcess>
                <bpmn:subProcess id="collapsed" name="折叠的子流程" />
                <bpmn:callActivity id="call" name="调用活动" calledElement="other" />
                <bpmn:transaction id="tx" name="事务" />
                <bpmn:subProcess id="evsub" name="事件子流程" triggeredByEvent="true">
                  <bpmn:startEvent id="evsub_start" isInterrupting="false"><bpmn:messageEventDefinition messageRef="m1" /></bpmn:startEvent>
                </bpmn:subProcess>
                <bpmn:adHocSubProcess id="adhoc" name="自由子流程" />
                <bpmn:dataObjectReference id="data" name="材料" dataObjectRef="do1" />
                <bpmn:dataStoreReference id="store" name="档案库" />
                <bpmn:textAnnotation id="note"><bpmn:text>注释文字</bpmn:text></bpmn:textAnnotation>
                <bpmn:association id="assoc" sourceRef="note" targetRef="user" />
                <bpmn:group id="grp" categoryValueRef="cv1" />
                <bpmn:sequenceFlow id="f_default" name="否" sourceRef="gw_x" targetRef="user" />
                <bpmn:sequenceFlow id="f_cond" name="是" sourceRef="gw_x" targetRef="service"><bpmn:conditionExpression>${approved}</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="f_act_cond" sourceRef="service" targetRef="send"><bpmn:conditionExpression>${ok}</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="f_plain" sourceRef="send" targetRef="receive" />
              </bpmn:process>
              <bpmndi:BPMNDiagram id="d1" name="目录">
                <bpmndi:BPMNPlane id="plane1" bpmnElement="collab">
            {{di}}    </bpmndi:BPMNPlane>
              </bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """;
    }
}
