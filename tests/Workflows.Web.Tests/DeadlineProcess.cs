namespace Workflows.Web.Tests;

/// <summary>A one-task process for the list tests: the initiator's own task, due at the instance's <c>due</c> variable.</summary>
internal static class DeadlineProcess
{
    public static string Xml(string key, string name) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                     xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                     targetNamespace="urn:test">
          <process id="{{key}}" name="{{name}}" isExecutable="true" camunda:candidateStarterGroups="enterprise-filer@/gd">
            <startEvent id="start" name="发起" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="prepare" />
            <userTask id="prepare" name="整理材料" camunda:assignee="${initiator}" camunda:dueDate="${due}" />
            <sequenceFlow id="f2" sourceRef="prepare" targetRef="end" />
            <endEvent id="end" name="完成" />
          </process>
        </definitions>
        """;
}
