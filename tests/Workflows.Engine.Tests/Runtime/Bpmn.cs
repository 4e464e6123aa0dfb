namespace Workflows.Engine.Tests.Runtime;

/// <summary>Wraps process bodies in a BPMN 2.0 document so that tests show only what matters.</summary>
public static class Bpmn
{
    public const string Header =
        """<?xml version="1.0" encoding="UTF-8"?>""" + "\n" +
        """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:wf="urn:gd-workflows:bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="urn:test">""";

    /// <summary>A document with one executable process; <paramref name="extra"/> goes before it (messages, errors).</summary>
    public static string Process(string id, string body, string extra = "") =>
        $"{Header}\n{extra}\n<process id=\"{id}\" isExecutable=\"true\">\n{body}\n</process>\n</definitions>";

    /// <summary>A sequence flow, with an optional condition.</summary>
    public static string Flow(string id, string source, string target, string? condition = null) =>
        condition is null
            ? $"<sequenceFlow id=\"{id}\" sourceRef=\"{source}\" targetRef=\"{target}\" />"
            : $"<sequenceFlow id=\"{id}\" sourceRef=\"{source}\" targetRef=\"{target}\"><conditionExpression xsi:type=\"tFormalExpression\">{System.Security.SecurityElement.Escape(condition)}</conditionExpression></sequenceFlow>";

    /// <summary>The approval flow of the bench: start → user task → exclusive gateway on approved → two ends.</summary>
    public static string Approval(string id = "approval") => Process(id, $"""
        <startEvent id="start" />
        <userTask id="review" name="审核" camunda:candidateGroups="reviewers" />
        <exclusiveGateway id="decision" default="toRejected" />
        <endEvent id="approvedEnd" />
        <endEvent id="rejectedEnd" />
        {Flow("f1", "start", "review")}
        {Flow("f2", "review", "decision")}
        {Flow("toApproved", "decision", "approvedEnd", "${approved}")}
        {Flow("toRejected", "decision", "rejectedEnd")}
        """);
}
