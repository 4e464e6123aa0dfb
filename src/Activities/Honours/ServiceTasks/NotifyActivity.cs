using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Mail;
using Workflows.Activities.Persistence;
using Workflows.Engine.Activities;
using Workflows.Engine.Runtime;

namespace Workflows.Activities.Honours.ServiceTasks;

/// <summary>
/// <c>honours.notify</c> (通知相关人员): tells the filers of nominations (and any other recipients) what happened to
/// them — returned for correction, passed on, rejected, objected to, honoured — with one mail per nomination, written to
/// the outbox like <c>mail.send</c> (it leaves only if the command commits, at least once). Subject and body are Liquid
/// templates over the process variables and the nomination's fields (<c>nomineeName</c>, <c>campaignTitle</c>,
/// <c>honourName</c>, <c>state</c>, <c>reason</c>, <c>levelPath</c>); each <c>event</c> has a Chinese default.
/// </summary>
public sealed class NotifyActivity(HonoursDatabase database) : IWorkflowActivity
{
    public const string ActivityType = "honours.notify";

    private static long _counter;

    /// <summary>The default subject and body of each event.</summary>
    public static IReadOnlyDictionary<string, (string Subject, string Body)> Events { get; } = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase)
    {
        ["submitted"] = ("推荐已报送：{{ nomineeName }}", "「{{ nomineeName }}」（{{ campaignTitle }}）的推荐已报送上级审核。"),
        ["returned"] = ("推荐退回补正：{{ nomineeName }}", "「{{ nomineeName }}」（{{ campaignTitle }}）的推荐被退回补正。原因：{{ reason }}\n请登录系统修改后重新提交。"),
        ["rejected"] = ("推荐未通过：{{ nomineeName }}", "「{{ nomineeName }}」（{{ campaignTitle }}）的推荐未通过。原因：{{ reason }}"),
        ["objection"] = ("公示收到异议：{{ nomineeName }}", "「{{ nomineeName }}」在公示期间收到异议，正在调查核实，请配合提供情况说明。"),
        ["approved"] = ("推荐已审定：{{ nomineeName }}", "「{{ nomineeName }}」（{{ campaignTitle }}）已通过审定，待发布表彰决定。"),
        ["published"] = ("表彰决定已发布：{{ nomineeName }}", "「{{ nomineeName }}」荣获{{ year }}年度{{ honourName }}，表彰决定已发布。"),
    };

    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityType,
        Category = HonoursActivities.Category,
        DisplayNameZh = "通知相关人员",
        DisplayNameEn = "Notify people",
        DescriptionZh = "向推荐的填报人（及其他收件人）发送通知：已报送、退回补正、未通过、收到异议、已审定、已表彰。每项推荐一封邮件，提交成功后发出。主题与正文为 Liquid 模板，可引用 nomineeName、campaignTitle、honourName、reason 等。",
        DescriptionEn = "Notifies the filers of nominations (and other recipients): submitted, returned, rejected, objected to, approved, honoured. One mail per nomination, sent after the commit. Subject and body are Liquid templates over nomineeName, campaignTitle, honourName, reason …",
        Inputs =
        [
            new ActivityPort("event", "string", "事件：submitted / returned / rejected / objection / approved / published", "Event: submitted / returned / rejected / objection / approved / published"),
            new ActivityPort("nominationIds", "list", "相关推荐（通知其填报人）", "Nominations (their filers are told)"),
            new ActivityPort("nominationId", "string", "单个推荐", "One nomination"),
            new ActivityPort("to", "string", "其他收件人（邮箱、用户或角色）", "Other recipients (addresses, users or roles)"),
            new ActivityPort("subject", "string", "主题（Liquid 模板，默认按事件）", "Subject (Liquid; default by event)"),
            new ActivityPort("body", "string", "正文（Liquid 模板，默认按事件）", "Body (Liquid; default by event)"),
            new ActivityPort("reason", "string", "原因（退回、未通过时）", "Reason (returned, rejected)"),
        ],
        Outputs =
        [
            new ActivityPort("notifiedCount", "number", "发出的通知数", "Mails written"),
            new ActivityPort("notified", "list", "收件人", "Recipients"),
        ],
    };

    public async ValueTask<IReadOnlyDictionary<string, object?>> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (subject, body) = Texts(context);
        var extra = SendMailActivity.Recipients(context.Get("to"));
        var ids = ActivityInputs.Guids(context, ActivityType, "nominationIds")?.ToList() ?? [];
        if (ActivityInputs.Guid(context, ActivityType, "nominationId") is { } single && !ids.Contains(single))
        {
            ids.Add(single);
        }

        var variables = Model(context);
        if (ids.Count == 0)
        {
            if (extra.Count == 0)
            {
                throw new ArgumentException($"{ActivityType} needs nominations ('nominationIds' or 'nominationId') whose filers to tell, or recipients in 'to'.");
            }

            Write(context, extra, subject, body, variables, "all");
            return new Dictionary<string, object?> { ["notifiedCount"] = 1, ["notified"] = extra.ToList() };
        }

        var (mails, notified) = await TellFilersAsync(context, database, ids, subject, body, extra, variables, cancellationToken).ConfigureAwait(false);
        return new Dictionary<string, object?> { ["notifiedCount"] = mails, ["notified"] = notified };
    }

    /// <summary>
    /// Writes one mail per nomination to its filer (and <paramref name="extra"/> recipients), the model being
    /// <paramref name="variables"/> plus the nomination's fields. Returns the mails written and the recipients.
    /// </summary>
    internal static async Task<(int Mails, List<string> Notified)> TellFilersAsync(ActivityContext context, HonoursDatabase database, IReadOnlyList<Guid> ids,
        string subject, string body, IReadOnlyList<string> extra, Dictionary<string, object?> variables, CancellationToken cancellationToken)
    {
        var notified = new List<string>();
        var mails = 0;
        await using var db = database.CreateDbContext();
        var nominations = await db.Nominations.AsNoTracking().Include(n => n.Nominee).Where(n => ids.Contains(n.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var missing = ids.Where(id => nominations.All(n => n.Id != id)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"{ActivityType}: the nominations {string.Join(", ", missing)} do not exist.");
        }

        var campaignIds = nominations.Select(n => n.CampaignId).Distinct().ToList();
        var campaigns = await db.Campaigns.AsNoTracking().Include(c => c.HonourType).Where(c => campaignIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken).ConfigureAwait(false);
        var userIds = nominations.Select(n => n.FiledByUserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken).ConfigureAwait(false);
        foreach (var nomination in nominations.OrderBy(n => n.Id))
        {
            var to = new List<string>();
            if (users.TryGetValue(nomination.FiledByUserId, out var user))
            {
                to.Add(!string.IsNullOrWhiteSpace(user.Email) ? user.Email : user.UserName ?? user.Id);
            }

            to.AddRange(extra.Where(e => !to.Contains(e, StringComparer.OrdinalIgnoreCase)));
            if (to.Count == 0)
            {
                continue;
            }

            var campaign = campaigns[nomination.CampaignId];
            var model = new Dictionary<string, object?>(variables, StringComparer.Ordinal)
            {
                ["nominationId"] = nomination.Id.ToString(),
                ["nomineeName"] = nomination.Nominee!.Name,
                ["campaignTitle"] = campaign.Title,
                ["honourName"] = campaign.HonourType!.NameZh,
                ["year"] = campaign.Year.ToString(CultureInfo.InvariantCulture),
                ["state"] = NominationStates.Zh(nomination.State),
                ["levelPath"] = nomination.LevelPath,
            };
            if (string.IsNullOrEmpty(model.GetValueOrDefault("reason") as string) && nomination.StateReason is { Length: > 0 } reason)
            {
                model["reason"] = reason;
            }

            Write(context, to, subject, body, model, nomination.Id.ToString("N"));
            notified.AddRange(to.Where(t => !notified.Contains(t, StringComparer.OrdinalIgnoreCase)));
            mails++;
        }

        return (mails, notified);
    }

    /// <summary>The process variables as a template model, with <c>reason</c> from the input (or the variable).</summary>
    internal static Dictionary<string, object?> Model(ActivityContext context)
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in context.Variables.AllVariables())
        {
            variables[name] = value;
        }

        variables["reason"] = ActivityInputs.Text(context, "reason") ?? (variables.GetValueOrDefault("reason") as string) ?? "";
        return variables;
    }

    private static (string Subject, string Body) Texts(ActivityContext context)
    {
        var subject = ActivityInputs.Text(context, "subject");
        var body = ActivityInputs.Text(context, "body");
        var name = ActivityInputs.Text(context, "event");
        if (name is not null && !Events.ContainsKey(name))
        {
            throw new ArgumentException($"{ActivityType}: unknown event '{name}'; use one of {string.Join(", ", Events.Keys)}, or give 'subject' and 'body'.");
        }

        if (subject is not null && body is not null)
        {
            return (subject, body);
        }

        if (name is null)
        {
            throw new ArgumentException($"{ActivityType} needs an 'event' ({string.Join(", ", Events.Keys)}) or a 'subject' and a 'body'.");
        }

        var defaults = Events[name];
        return (subject ?? defaults.Subject, body ?? defaults.Body);
    }

    private static void Write(ActivityContext context, IReadOnlyList<string> to, string subject, string body, Dictionary<string, object?> model, string about)
    {
        var payload = JsonSerializer.Serialize(new
        {
            to,
            subject,
            body,
            template = (string?)null,
            model,
            instanceId = context.InstanceId,
            elementId = context.ElementId,
            businessKey = context.BusinessKey,
        }, EngineJson.Options);
        var counter = context.Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)
            + "-" + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture);
        context.AddOutbox(SendMailActivity.OutboxKind, payload, $"honours-notify:{context.InstanceId:N}:{context.ElementId}:{about}:{counter}");
    }
}
