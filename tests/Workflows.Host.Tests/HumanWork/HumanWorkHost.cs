using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflows.Host.Tests.HumanWork;

/// <summary>
/// The approval used by the human-work API tests: the initiator fills in the nomination, the city union above the
/// initiator's organisation reviews it (comment required to reject or return), the review committee votes under a 2/3
/// rule, and the process ends approved or rejected.
/// </summary>
internal static class ApprovalProcess
{
    public static string Xml(string key) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
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
        </definitions>
        """;
}

/// <summary>HTTP helpers of the human-work tests.</summary>
internal static class Work
{
    public static async Task<JsonElement> PostOkAsync(this HttpClient client, string url, object? body = null)
    {
        using var response = await client.PostAsJsonAsync(url, body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, "POST {0} answered {1}", url, text);
        return await response.JsonAsync();
    }

    public static async Task<JsonElement> PostProblemAsync(this HttpClient client, string url, object? body, params HttpStatusCode[] statuses)
    {
        using var response = await client.PostAsJsonAsync(url, body ?? new { });
        return await response.ProblemAsync(statuses);
    }

    /// <summary>The ids of my to-do list (待办), optionally of one instance.</summary>
    public static async Task<List<JsonElement>> TodoAsync(this HttpClient client, string? instanceId = null, string query = "")
    {
        var page = await client.GetJsonAsync("/api/me/todo?take=1000" + query);
        return page.GetProperty("items").EnumerateArray()
            .Where(t => instanceId is null || t.GetProperty("instanceId").GetString() == instanceId)
            .ToList();
    }

    /// <summary>The single task of the instance in my to-do list.</summary>
    public static async Task<string> MyTaskAsync(this HttpClient client, string instanceId)
    {
        var tasks = await client.TodoAsync(instanceId);
        tasks.Should().ContainSingle("one task of instance {0} is expected in the to-do list", instanceId);
        return tasks[0].GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement[]> HistoryAsync(this HttpClient client, string instanceId) =>
        (await client.GetJsonAsync($"/api/instances/{instanceId}/history")).EnumerateArray().ToArray();

    public static async Task<string> StatusAsync(this HttpClient client, string instanceId) =>
        (await client.GetJsonAsync($"/api/instances/{instanceId}")).GetProperty("status").GetString()!;
}
