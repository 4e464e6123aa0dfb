using System.Security;

namespace Workflows.Host.Tests.Mail;

/// <summary>BPMN documents of the mail tests.</summary>
public static class MailModels
{
    private const string Header =
        """<?xml version="1.0" encoding="UTF-8"?>""" + "\n" +
        """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:wf="urn:gd-workflows:bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="urn:mail-tests">""";

    public const string Subject = "【{{ award }}】{{ nomineeName }} 的推荐材料已提交（{{ token }}）";

    public const string Body = "您好：\n{{ unit }} 推荐的 {{ nomineeName }} 已提交{{ award }}推荐材料。\n请及时审核。";

    public static string Document(string key, string body) =>
        $"{Header}\n<process id=\"{key}\" name=\"邮件测试\" isExecutable=\"true\" camunda:candidateStarterGroups=\"enterprise-filer@/gd\">\n{body}\n</process>\n</definitions>\n";

    public static string Flow(string id, string source, string target) => $"<sequenceFlow id=\"{id}\" sourceRef=\"{source}\" targetRef=\"{target}\" />";

    /// <summary>A <c>mail.send</c> task (service or send task) with its input parameters.</summary>
    public static string MailTask(string id, string to, string? subject = Subject, string? body = Body, string? template = null, string element = "serviceTask")
    {
        var inputs = $"<camunda:inputParameter name=\"to\">{SecurityElement.Escape(to)}</camunda:inputParameter>";
        if (subject is not null)
        {
            inputs += $"<camunda:inputParameter name=\"subject\">{SecurityElement.Escape(subject)}</camunda:inputParameter>";
        }

        if (body is not null)
        {
            inputs += $"<camunda:inputParameter name=\"body\">{SecurityElement.Escape(body)}</camunda:inputParameter>";
        }

        if (template is not null)
        {
            inputs += $"<camunda:inputParameter name=\"template\">{SecurityElement.Escape(template)}</camunda:inputParameter>";
        }

        return $"<{element} id=\"{id}\" name=\"发送通知\" wf:activityType=\"mail.send\"><extensionElements><camunda:inputOutput>{inputs}</camunda:inputOutput></extensionElements></{element}>";
    }

    /// <summary>start → mail to ${recipient} → end.</summary>
    public static string OneMail(string key) => Document(key, $"""
        <startEvent id="start" />
        {MailTask("notify", "${recipient}")}
        <endEvent id="end" />
        {Flow("f1", "start", "notify")}
        {Flow("f2", "notify", "end")}
        """);

    /// <summary>start → service task mailing ${recipient} → send task mailing ${second} with the generic template → end.</summary>
    public static string ServiceAndSendTask(string key) => Document(key, $"""
        <startEvent id="start" />
        {MailTask("notify", "${recipient}")}
        {MailTask("thank", "${second}", subject: "感谢您推荐 {{ nomineeName }}（{{ token }}）", body: "感谢{{ unit }}的推荐。", template: "generic", element: "sendTask")}
        <endEvent id="end" />
        {Flow("f1", "start", "notify")}
        {Flow("f2", "notify", "thank")}
        {Flow("f3", "thank", "end")}
        """);

    /// <summary>start → mail to ${recipient} → script that throws when ${fail} → end: one command, so a failure rolls the mail back.</summary>
    public static string MailThenScript(string key) => Document(key, $$"""
        <startEvent id="start" />
        {{MailTask("notify", "${recipient}")}}
        <scriptTask id="check" name="材料检查" scriptFormat="javascript"><script>if (fail) { throw new Error('材料不全'); }</script></scriptTask>
        <endEvent id="end" />
        {{Flow("f1", "start", "notify")}}
        {{Flow("f2", "notify", "check")}}
        {{Flow("f3", "check", "end")}}
        """);

    /// <summary>A user task assigned to ${reviewer}, due in two days, reminded three days before (that is: at once).</summary>
    public static string ReviewWithReminder(string key) => Document(key, $$"""
        <startEvent id="start" />
        <userTask id="review" name="市级审核" camunda:assignee="${reviewer}" camunda:dueDate="P2D" wf:remindBefore="P3D" />
        <endEvent id="end" />
        {{Flow("f1", "start", "review")}}
        {{Flow("f2", "review", "end")}}
        """);
}
