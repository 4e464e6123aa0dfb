using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MimeKit;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Engine.Time;

namespace Workflows.Host.Mail;

/// <summary>
/// Turns an outbox row into a mail: <c>mail</c> (the <c>mail.send</c> activity), <c>task-reminder</c> (deadlines,
/// timeouts and urges of user tasks) and <c>task-copy</c> (a task copied to readers). Recipients go through the
/// <see cref="IMailRecipientResolver"/>; the text through <see cref="MailTemplates"/>. The mail's Message-Id is derived
/// from the row's idempotency key, so every attempt to send the same row carries the same Message-Id and a receiver can
/// drop duplicates. Subjects and display names in Chinese are written as RFC 2047 encoded words (MimeKit), bodies as
/// UTF-8 in a 7-bit transfer encoding.
/// </summary>
public sealed class MailComposer(MailSettings settings, MailTemplates templates, IMailRecipientResolver recipients)
{
    public const string MailKind = "mail";
    public const string TaskReminderKind = "task-reminder";
    public const string TaskCopyKind = "task-copy";

    /// <summary>The header that carries the outbox row's idempotency key.</summary>
    public const string IdempotencyHeader = "X-Workflows-Idempotency-Key";

    public static readonly IReadOnlyList<string> Kinds = [MailKind, TaskReminderKind, TaskCopyKind];

    private static readonly JsonSerializerOptions Json = EngineJson.Options;

    /// <summary>Builds the mail of <paramref name="row"/>. Throws a permanent <see cref="OutboxDispatchException"/> when it cannot be built.</summary>
    public async Task<MimeMessage> ComposeAsync(OutboxMessage row, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(row);
        try
        {
            var (users, roles, rendered) = row.Kind switch
            {
                MailKind => ComposeMail(Read<MailPayload>(row)),
                TaskReminderKind => ComposeReminder(Read<TaskReminderPayload>(row)),
                TaskCopyKind => ComposeCopy(Read<TaskCopyPayload>(row)),
                _ => throw new OutboxDispatchException($"Outbox rows of kind '{row.Kind}' are not mails.", permanent: true),
            };

            var resolved = await recipients.ResolveAsync(users, roles, ct);
            if (resolved.Addresses.Count == 0)
            {
                throw new OutboxDispatchException(
                    "No e-mail address was found for " + (resolved.Unresolved.Count > 0 ? string.Join(", ", resolved.Unresolved) : "an empty recipient list")
                    + ". Add them to Workflows:Mail:Directory (or the user directory), then retry the mail.",
                    permanent: true);
            }

            return Build(row, resolved.Addresses, rendered);
        }
        catch (MailTemplateException e)
        {
            throw new OutboxDispatchException(e.Message, permanent: true, e);
        }
        catch (JsonException e)
        {
            throw new OutboxDispatchException($"The payload of the outbox row {row.Id} ({row.Kind}) is not valid: {e.Message}", permanent: true, e);
        }
    }

    /// <summary>The Message-Id of the mail of a row (without angle brackets): the same for every attempt.</summary>
    public string MessageIdFor(string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32];
        var at = settings.FromAddress.LastIndexOf('@');
        var domain = at >= 0 && at < settings.FromAddress.Length - 1 ? settings.FromAddress[(at + 1)..] : "workflows.local";
        return "wf-" + hash + "@" + domain;
    }

    private MimeMessage Build(OutboxMessage row, IReadOnlyList<MailboxAddress> to, RenderedMail rendered)
    {
        var message = new MimeMessage();
        message.From.Add(settings.From);
        message.To.AddRange(to);
        message.Subject = rendered.Subject;
        message.MessageId = MessageIdFor(row.IdempotencyKey);
        message.Date = DateTimeOffset.UtcNow;
        message.Headers.Add(IdempotencyHeader, row.IdempotencyKey);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var body = new BodyBuilder { TextBody = rendered.Text };
        if (rendered.Html.Length > 0)
        {
            body.HtmlBody = rendered.Html;
        }

        message.Body = body.ToMessageBody();

        // UTF-8 bodies in base64 / quoted-printable: the same bytes whatever the server or file reader supports.
        message.Prepare(EncodingConstraint.SevenBit);
        return message;
    }

    private (IReadOnlyCollection<string> Users, IReadOnlyCollection<string> Roles, RenderedMail Mail) ComposeMail(MailPayload p)
    {
        var model = Model(p.Model);
        model.TryAdd("businessKey", p.BusinessKey);
        string? subject = p.Subject is { Length: > 0 } s ? MailTemplates.OneLine(templates.RenderText(s, model)) : null;
        string? body = p.Body is { Length: > 0 } b ? templates.RenderText(b, model) : null;
        if (subject is not null)
        {
            model["subject"] = subject;
        }

        if (body is not null)
        {
            model["body"] = body;
        }
        var rendered = templates.Render(p.Template ?? MailTemplates.Generic, model);
        if (subject is { Length: > 0 })
        {
            rendered = rendered with { Subject = subject };
        }

        return (p.To ?? [], [], rendered);
    }

    private (IReadOnlyCollection<string>, IReadOnlyCollection<string>, RenderedMail) ComposeReminder(TaskReminderPayload p)
    {
        var model = Model(null);
        model["taskId"] = p.TaskId?.ToString();
        model["instanceId"] = p.InstanceId?.ToString();
        model["taskName"] = p.TaskName;
        model["businessKey"] = p.BusinessKey;
        model["definitionKey"] = p.DefinitionKey;
        model["assignee"] = p.Assignee;
        model["dueAt"] = p.DueAt is { } due ? ChinaTime(due) : null;
        model["reason"] = p.Reason ?? "reminder";

        // An assigned task reminds its assignee; an unassigned one everybody who may claim it.
        IReadOnlyCollection<string> users = p.Assignee is { Length: > 0 } assignee ? [assignee] : p.CandidateUsers ?? [];
        IReadOnlyCollection<string> roles = p.Assignee is { Length: > 0 } ? [] : p.CandidateGroups ?? [];
        return (users, roles, templates.Render(MailTemplates.TaskReminder, model));
    }

    private (IReadOnlyCollection<string>, IReadOnlyCollection<string>, RenderedMail) ComposeCopy(TaskCopyPayload p)
    {
        var model = Model(null);
        model["taskId"] = p.TaskId?.ToString();
        model["instanceId"] = p.InstanceId?.ToString();
        model["taskName"] = p.TaskName;
        model["businessKey"] = p.BusinessKey;
        model["by"] = p.By;
        model["comment"] = p.Comment;
        return (p.Readers ?? [], [], templates.Render(MailTemplates.TaskCopy, model));
    }

    private Dictionary<string, object?> Model(Dictionary<string, object?>? variables)
    {
        var model = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (variables is not null)
        {
            foreach (var (key, value) in variables)
            {
                model[key] = value;
            }
        }

        model["fromName"] = settings.FromName;
        return model;
    }

    /// <summary>A time as people in Guangdong read it: <c>2025-03-04 18:00</c> (China Standard Time).</summary>
    public static string ChinaTime(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, WorkingDays.ChinaStandardTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static T Read<T>(OutboxMessage row) =>
        JsonSerializer.Deserialize<T>(row.Payload, Json) ?? throw new JsonException("The payload is null.");

    private sealed record MailPayload(
        List<string>? To, string? Subject, string? Body, string? Template, Dictionary<string, object?>? Model, string? BusinessKey);

    private sealed record TaskReminderPayload(
        Guid? TaskId, Guid? InstanceId, string? TaskName, string? BusinessKey, string? DefinitionKey, string? Assignee,
        List<string>? CandidateUsers, List<string>? CandidateGroups, DateTimeOffset? DueAt, string? Reason);

    private sealed record TaskCopyPayload(
        Guid? TaskId, Guid? InstanceId, string? TaskName, string? BusinessKey, List<string>? Readers, string? By, string? Comment);
}
