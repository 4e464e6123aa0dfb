using System.Collections;
using System.Globalization;
using System.Text.Json;
using Workflows.Engine.Activities;
using Workflows.Engine.Runtime;

namespace Workflows.Activities.Mail;

/// <summary>
/// <c>mail.send</c> (发送邮件): writes a mail to the outbox of the command, so that it leaves only if the command
/// commits, and after the commit, at least once (the host renders, sends, retries with back-off and marks a mail failed
/// for the administrators after the last attempt). A service task or a send task names it with
/// <c>wf:activityType="mail.send"</c> and gives its inputs as input parameters.
/// </summary>
/// <remarks>
/// Inputs: <c>to</c> (addresses or user / role names, a list or text separated by commas or semicolons),
/// <c>subject</c> and <c>body</c> (Liquid templates over the process variables), <c>template</c> (optional name of a
/// template of the host, e.g. <c>generic</c>; its own subject is used when no <c>subject</c> is given). The row's payload
/// is <c>{ to, subject, body, template, model, instanceId, elementId, businessKey }</c> with <c>model</c> = every
/// variable visible at the task; its idempotency key is <c>mail:{instance}:{element}:{counter}</c>, unique per mail.
/// </remarks>
/// <param name="checkTemplate">Checks a Liquid text; returns the problem, or null when it parses (the host passes its template engine's check).</param>
/// <param name="templateExists">Tells whether the host has a named template.</param>
public sealed class SendMailActivity(Func<string, string?>? checkTemplate = null, Func<string, bool>? templateExists = null) : IWorkflowActivity
{
    public const string ActivityType = "mail.send";

    /// <summary>The kind of the outbox rows this activity writes.</summary>
    public const string OutboxKind = "mail";

    /// <summary>Most recipients of one mail.</summary>
    public const int MaxRecipients = 500;

    private static long _counter;

    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityType,
        Category = "notification",
        DisplayNameZh = "发送邮件",
        DisplayNameEn = "Send mail",
        DescriptionZh = "提交成功后发送一封邮件（失败自动重试，多次失败后交管理员处理）。主题与正文为 Liquid 模板，可引用流程变量，如 {{ nomineeName }}。",
        DescriptionEn = "Sends a mail once the command commits (retried with back-off; after the last attempt it is listed for administrators). Subject and body are Liquid templates over the process variables, e.g. {{ nomineeName }}.",
        Inputs =
        [
            new ActivityPort("to", "string", "收件人（邮箱、用户或角色，逗号分隔）", "Recipients (addresses, users or roles, comma separated)", Required: true),
            new ActivityPort("subject", "string", "主题（Liquid 模板）", "Subject (Liquid template)"),
            new ActivityPort("body", "string", "正文（Liquid 模板）", "Body (Liquid template)"),
            new ActivityPort("template", "string", "邮件模板名称（可选）", "Mail template name (optional)"),
        ],
    };

    public ValueTask<IReadOnlyDictionary<string, object?>> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var to = Recipients(context.Inputs.GetValueOrDefault("to"));
        if (to.Count == 0)
        {
            throw new ArgumentException("mail.send needs the input 'to' (an address, a user or a role; several separated by commas).");
        }

        if (to.Count > MaxRecipients)
        {
            throw new ArgumentException($"mail.send has {to.Count} recipients; at most {MaxRecipients} are allowed in one mail.");
        }

        var subject = Text(context.Inputs.GetValueOrDefault("subject"));
        var body = Text(context.Inputs.GetValueOrDefault("body"));
        var template = Text(context.Inputs.GetValueOrDefault("template"));
        if (template is null && (subject is null || body is null))
        {
            throw new ArgumentException("mail.send needs the inputs 'subject' and 'body', or the name of a mail template in 'template'.");
        }

        if (template is not null && templateExists is not null && !templateExists(template))
        {
            throw new ArgumentException($"mail.send: there is no mail template named '{template}'.");
        }

        Check("subject", subject);
        Check("body", body);

        var model = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in context.Variables.AllVariables())
        {
            model[name] = value;
        }

        var payload = JsonSerializer.Serialize(new
        {
            to,
            subject,
            body,
            template,
            model,
            instanceId = context.InstanceId,
            elementId = context.ElementId,
            businessKey = context.BusinessKey,
        }, EngineJson.Options);

        // Unique per mail (a task in a loop or a multi-instance sends several); stable once written, so every
        // attempt to send the row carries the same key.
        var counter = context.Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)
            + "-" + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture);
        context.AddOutbox(OutboxKind, payload, $"mail:{context.InstanceId:N}:{context.ElementId}:{counter}");
        return ValueTask.FromResult<IReadOnlyDictionary<string, object?>>(new Dictionary<string, object?>());
    }

    private void Check(string input, string? liquid)
    {
        if (liquid is not null && checkTemplate?.Invoke(liquid) is { } problem)
        {
            throw new ArgumentException($"mail.send: the input '{input}' is not a valid Liquid template: {problem}");
        }
    }

    private static string? Text(object? value) =>
        value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } s && !string.IsNullOrWhiteSpace(s) ? s : null;

    /// <summary>Recipients from text (<c>a@x.cn, 张三; 省总审核员</c>) or a list, trimmed, without repeats.</summary>
    public static IReadOnlyList<string> Recipients(object? value)
    {
        var result = new List<string>();
        void Add(object? item)
        {
            if (item is string text)
            {
                foreach (var part in text.Split([',', ';', '，', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (!result.Contains(part, StringComparer.OrdinalIgnoreCase))
                    {
                        result.Add(part);
                    }
                }
            }
            else if (item is IEnumerable list and not string)
            {
                foreach (var inner in list)
                {
                    Add(inner);
                }
            }
            else if (item is not null)
            {
                Add(Convert.ToString(item, CultureInfo.InvariantCulture));
            }
        }

        Add(value);
        return result;
    }
}
