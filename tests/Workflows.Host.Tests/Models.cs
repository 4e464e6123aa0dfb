using System.Security;

namespace Workflows.Host.Tests;

/// <summary>BPMN documents used by the tests.</summary>
public static class Models
{
    private const string Header =
        """<?xml version="1.0" encoding="UTF-8"?>""" + "\n" +
        """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="urn:host-tests">""";

    public static string Document(string processId, string body, string? name = null) =>
        $"{Header}\n<process id=\"{processId}\" name=\"{name ?? processId}\" isExecutable=\"true\" camunda:candidateStarterGroups=\"enterprise-filer@/gd\">\n{body}\n</process>\n</definitions>\n";

    public static string Flow(string id, string source, string target, string? condition = null) =>
        condition is null
            ? $"<sequenceFlow id=\"{id}\" sourceRef=\"{source}\" targetRef=\"{target}\" />"
            : $"<sequenceFlow id=\"{id}\" sourceRef=\"{source}\" targetRef=\"{target}\"><conditionExpression xsi:type=\"tFormalExpression\">{SecurityElement.Escape(condition)}</conditionExpression></sequenceFlow>";

    /// <summary>start → review (user task) → decision on ${approved} → approvedEnd | rejectedEnd.</summary>
    public static string Approval(string key) => Document(key, $"""
        <startEvent id="start" />
        <userTask id="review" name="审核" camunda:candidateGroups="reviewers" />
        <exclusiveGateway id="decision" default="toRejected" />
        <endEvent id="approvedEnd" />
        <endEvent id="rejectedEnd" />
        {Flow("f1", "start", "review")}
        {Flow("f2", "review", "decision")}
        {Flow("toApproved", "decision", "approvedEnd", "${approved}")}
        {Flow("toRejected", "decision", "rejectedEnd")}
        """, "荣誉审批");

    /// <summary>Version 2 of <see cref="Approval"/>: an approved request goes on to an archive task.</summary>
    public static string ApprovalWithArchive(string key) => Document(key, $"""
        <startEvent id="start" />
        <userTask id="review" name="审核" camunda:candidateGroups="reviewers" />
        <exclusiveGateway id="decision" default="toRejected" />
        <userTask id="archive" name="归档" camunda:candidateGroups="clerks" />
        <endEvent id="archivedEnd" />
        <endEvent id="rejectedEnd" />
        {Flow("f1", "start", "review")}
        {Flow("f2", "review", "decision")}
        {Flow("toArchive", "decision", "archive", "${approved}")}
        {Flow("toRejected", "decision", "rejectedEnd")}
        {Flow("f3", "archive", "archivedEnd")}
        """, "荣誉审批 v2");

    /// <summary>A process with a Java delegate (line 5) and a flow to a missing node (line 8).</summary>
    public static string Invalid(string key) => Document(key, """
        <startEvent id="start" />
        <serviceTask id="javaTask" camunda:class="org.example.Delegate" />
        <endEvent id="end" />
        <sequenceFlow id="f1" sourceRef="start" targetRef="javaTask" />
        <sequenceFlow id="f2" sourceRef="javaTask" targetRef="nowhere" />
        """);
}
