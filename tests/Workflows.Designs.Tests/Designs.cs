namespace Workflows.Designs.Tests;

/// <summary>Small executable designs (with diagram interchange) written into temporary folders.</summary>
internal static class Designs
{
    /// <summary>A design: a user task with a boundary timer, a service task, a sub-process, a message catch, an error end.</summary>
    public static string Nomination(string taskName = "企业申报") => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
            xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:wf="urn:gd-workflows:bpmn" id="defs" targetNamespace="urn:test">
          <message id="opinion" name="联审意见" />
          <error id="quotaError" errorCode="QUOTA_FULL" name="名额已满" />
          <process id="nomination" name="推荐流程" isExecutable="true">
            <startEvent id="start" name="开始" />
            <userTask id="file" name="{{taskName}}" camunda:candidateGroups="enterprise-filer@${initiatorOrg}" wf:dueDate="P3WD" wf:timeoutAction="escalate" wf:escalateTo="district-reviewer" />
            <boundaryEvent id="late" name="超时提醒" attachedToRef="file" cancelActivity="false">
              <timerEventDefinition><timeDuration>P2WD</timeDuration></timerEventDefinition>
            </boundaryEvent>
            <serviceTask id="quota" name="检查名额" wf:activityType="honours.checkQuota">
              <extensionElements>
                <camunda:inputOutput>
                  <camunda:inputParameter name="campaign">${campaignId}</camunda:inputParameter>
                  <camunda:outputParameter name="left">${remaining}</camunda:outputParameter>
                </camunda:inputOutput>
              </extensionElements>
            </serviceTask>
            <subProcess id="review" name="联审">
              <startEvent id="reviewStart" />
              <intermediateCatchEvent id="waitOpinion" name="等待联审意见">
                <messageEventDefinition messageRef="opinion" wf:correlationKey="${nomineeId}" />
              </intermediateCatchEvent>
              <endEvent id="reviewEnd" />
              <sequenceFlow id="r1" sourceRef="reviewStart" targetRef="waitOpinion" />
              <sequenceFlow id="r2" sourceRef="waitOpinion" targetRef="reviewEnd" />
            </subProcess>
            <endEvent id="end" name="完成" />
            <endEvent id="remind" name="已提醒" />
            <endEvent id="full" name="名额已满"><errorEventDefinition errorRef="quotaError" /></endEvent>
            <sequenceFlow id="f1" sourceRef="start" targetRef="file" />
            <sequenceFlow id="f2" sourceRef="file" targetRef="quota" />
            <sequenceFlow id="f3" sourceRef="quota" targetRef="review" />
            <sequenceFlow id="f4" sourceRef="review" targetRef="end" />
            <sequenceFlow id="f5" sourceRef="late" targetRef="remind" />
          </process>
          <bpmndi:BPMNDiagram id="d">
            <bpmndi:BPMNPlane id="pl" bpmnElement="nomination">
              <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="file_di" bpmnElement="file"><dc:Bounds x="180" y="78" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="late_di" bpmnElement="late"><dc:Bounds x="262" y="140" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="quota_di" bpmnElement="quota"><dc:Bounds x="330" y="78" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="review_di" bpmnElement="review" isExpanded="true"><dc:Bounds x="470" y="40" width="260" height="160" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="reviewStart_di" bpmnElement="reviewStart"><dc:Bounds x="490" y="100" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="waitOpinion_di" bpmnElement="waitOpinion"><dc:Bounds x="580" y="100" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="reviewEnd_di" bpmnElement="reviewEnd"><dc:Bounds x="670" y="100" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="780" y="100" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="remind_di" bpmnElement="remind"><dc:Bounds x="262" y="230" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="full_di" bpmnElement="full"><dc:Bounds x="780" y="230" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="180" y="118" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="280" y="118" /><di:waypoint x="330" y="118" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="430" y="118" /><di:waypoint x="470" y="118" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f4_di" bpmnElement="f4"><di:waypoint x="730" y="118" /><di:waypoint x="780" y="118" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f5_di" bpmnElement="f5"><di:waypoint x="280" y="176" /><di:waypoint x="280" y="230" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="r1_di" bpmnElement="r1"><di:waypoint x="526" y="118" /><di:waypoint x="580" y="118" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="r2_di" bpmnElement="r2"><di:waypoint x="616" y="118" /><di:waypoint x="670" y="118" /></bpmndi:BPMNEdge>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </definitions>
        """;

    /// <summary>A temporary folder laid out like the repository: designs in <c>src/Designs/Processes</c>, maps in <c>docs/process-maps</c>.</summary>
    public sealed class Workspace : IDisposable
    {
        public Workspace()
        {
            Root = Path.Combine(Path.GetTempPath(), "process-maps-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path.Combine(Root, "src", "Designs", "Processes"));
            File.WriteAllText(Path.Combine(Root, "Workflows.sln"), "");
        }

        public string Root { get; }

        public string DesignsFolder => Path.Combine(Root, "src", "Designs");

        public string MapsFolder => Path.Combine(Root, "docs", "process-maps");

        public string AddDesign(string name, string xml)
        {
            var path = Path.Combine(DesignsFolder, "Processes", name);
            File.WriteAllText(path, xml);
            return path;
        }

        public string Map(string name) => Path.Combine(MapsFolder, name);

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
