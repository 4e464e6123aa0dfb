namespace Workflows.Web.Tests;

/// <summary>
/// The approval of the work-page tests (the same as the human-work API tests' in Workflows.Host.Tests): the initiator
/// fills in the nomination, the city union above the initiator's organisation reviews it (comment required to reject
/// or return), the review committee votes under a 2/3 rule, and the process ends approved or rejected.
/// </summary>
internal static class ApprovalProcess
{
    /// <summary>
    /// A fresh process key per test, so that the tests' lists do not mix; shaped like the designer's own keys
    /// (Process_…), which the language scan knows as identifiers on the administrator's definitions page.
    /// </summary>
    public static string NewKey(string prefix) => $"Process_{prefix.Replace("-", "", StringComparison.Ordinal)}{Guid.NewGuid():N}";

    /// <summary>A business key of digits only (ids are allowed in the language scan only when they hold no letters).</summary>
    public static string NewBusinessKey() => $"2026-{Random.Shared.Next(100000, 999999)}";

    public static string Xml(string key) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                     xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                     xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                     xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
                     xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                     xmlns:wf="urn:gd-workflows:bpmn"
                     targetNamespace="urn:test">
          <process id="{{key}}" name="劳动奖章推荐（测试）" isExecutable="true" camunda:candidateStarterGroups="enterprise-filer@/gd">
            <startEvent id="start" name="发起" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="fill" />
            <userTask id="fill" name="填写推荐表" camunda:assignee="${initiator}" />
            <sequenceFlow id="f2" sourceRef="fill" targetRef="cityReview" />
            <userTask id="cityReview" name="市总工会审核" camunda:candidateGroups="city-reviewer@${cityOf(initiatorOrg)}" wf:commentRequired="reject" />
            <sequenceFlow id="f3" sourceRef="cityReview" targetRef="cityPassed" />
            <exclusiveGateway id="cityPassed" name="市级通过？" default="f5" />
            <sequenceFlow id="f4" sourceRef="cityPassed" targetRef="vote"><conditionExpression>${approved}</conditionExpression></sequenceFlow>
            <sequenceFlow id="f5" sourceRef="cityPassed" targetRef="endCityRejected" />
            <endEvent id="endCityRejected" name="市级未通过" />
            <userTask id="vote" name="评审委员会表决" wf:approvalMethod="countersign" wf:passRatio="2/3"
                      wf:approvers="${membersOf('committee-member@/gd/committee')}" wf:outcomeVariable="committeeApproved" />
            <sequenceFlow id="f6" sourceRef="vote" targetRef="votePassed" />
            <exclusiveGateway id="votePassed" name="表决通过？" default="f8" />
            <sequenceFlow id="f7" sourceRef="votePassed" targetRef="endApproved"><conditionExpression>${committeeApproved}</conditionExpression></sequenceFlow>
            <sequenceFlow id="f8" sourceRef="votePassed" targetRef="endRejected" />
            <endEvent id="endApproved" name="通过" />
            <endEvent id="endRejected" name="未通过" />
          </process>
          <bpmndi:BPMNDiagram id="diagram">
            <bpmndi:BPMNPlane id="plane" bpmnElement="{{key}}">
              <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="142" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="fill_di" bpmnElement="fill"><dc:Bounds x="180" y="120" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="cityReview_di" bpmnElement="cityReview"><dc:Bounds x="330" y="120" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="cityPassed_di" bpmnElement="cityPassed" isMarkerVisible="true"><dc:Bounds x="475" y="135" width="50" height="50" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="endCityRejected_di" bpmnElement="endCityRejected"><dc:Bounds x="482" y="262" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="vote_di" bpmnElement="vote"><dc:Bounds x="570" y="120" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="votePassed_di" bpmnElement="votePassed" isMarkerVisible="true"><dc:Bounds x="715" y="135" width="50" height="50" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="endApproved_di" bpmnElement="endApproved"><dc:Bounds x="812" y="142" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="endRejected_di" bpmnElement="endRejected"><dc:Bounds x="722" y="262" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="160" /><di:waypoint x="180" y="160" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="280" y="160" /><di:waypoint x="330" y="160" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="430" y="160" /><di:waypoint x="475" y="160" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f4_di" bpmnElement="f4"><di:waypoint x="525" y="160" /><di:waypoint x="570" y="160" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f5_di" bpmnElement="f5"><di:waypoint x="500" y="185" /><di:waypoint x="500" y="262" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f6_di" bpmnElement="f6"><di:waypoint x="670" y="160" /><di:waypoint x="715" y="160" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f7_di" bpmnElement="f7"><di:waypoint x="765" y="160" /><di:waypoint x="812" y="160" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f8_di" bpmnElement="f8"><di:waypoint x="740" y="185" /><di:waypoint x="740" y="262" /></bpmndi:BPMNEdge>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </definitions>
        """;
}
