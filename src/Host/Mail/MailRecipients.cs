using MimeKit;

namespace Workflows.Host.Mail;

/// <summary>Addresses found for a list of recipients, and the names for which none was found.</summary>
public sealed record ResolvedRecipients(IReadOnlyList<MailboxAddress> Addresses, IReadOnlyList<string> Unresolved);

/// <summary>
/// Turns the recipients a process names (users, roles, or addresses) into mailboxes. The default is the user directory
/// (<see cref="IdentityRecipientResolver"/>: users by account, group keys by their members), falling back to
/// <c>Workflows:Mail:Directory</c> (<see cref="DirectoryRecipientResolver"/>).
/// </summary>
public interface IMailRecipientResolver
{
    /// <summary>Resolves users or addresses (<paramref name="users"/>) and role names (<paramref name="roles"/>).</summary>
    ValueTask<ResolvedRecipients> ResolveAsync(IReadOnlyCollection<string> users, IReadOnlyCollection<string> roles, CancellationToken ct);
}

/// <summary>
/// Values that are e-mail addresses (<c>a@example.org</c>, <c>张三 &lt;a@example.org&gt;</c>) are used as they are;
/// other names (users and roles alike) are looked up in <see cref="MailSettings.Directory"/>, whose value may list
/// several addresses separated by commas or semicolons.
/// </summary>
public sealed class DirectoryRecipientResolver(MailSettings settings) : IMailRecipientResolver
{
    public ValueTask<ResolvedRecipients> ResolveAsync(IReadOnlyCollection<string> users, IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(roles);
        var addresses = new List<MailboxAddress>();
        var unresolved = new List<string>();
        foreach (var name in users.Concat(roles))
        {
            var trimmed = name.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (TryParseAddresses(trimmed, out var direct))
            {
                AddDistinct(addresses, direct);
            }
            else if (settings.Directory.TryGetValue(trimmed, out var entry) && TryParseAddresses(entry, out var listed))
            {
                AddDistinct(addresses, listed);
            }
            else if (!unresolved.Contains(trimmed, StringComparer.Ordinal))
            {
                unresolved.Add(trimmed);
            }
        }

        return ValueTask.FromResult(new ResolvedRecipients(addresses, unresolved));
    }

    /// <summary>Parses one or more mailboxes (<c>a@x.org</c>, <c>张三 &lt;a@x.org&gt;</c>, separated by <c>,</c> or <c>;</c>); false for anything else.</summary>
    public static bool TryParseAddresses(string text, out List<MailboxAddress> mailboxes)
    {
        mailboxes = [];
        if (!text.Contains('@', StringComparison.Ordinal))
        {
            return false;
        }

        // ',' separates addresses in RFC 5322; ';' (and the full-width forms) are accepted as well.
        if (!InternetAddressList.TryParse(text.Replace('；', ',').Replace('，', ',').Replace(';', ','), out var list))
        {
            return false;
        }

        foreach (var mailbox in list.Mailboxes)
        {
            // A domain starting with '/' is the path of a group key (city-reviewer@/gd/gz), not a mail domain.
            var at = mailbox.Address.IndexOf('@', StringComparison.Ordinal);
            if (at <= 0 || at == mailbox.Address.Length - 1 || mailbox.Address[at + 1] == '/')
            {
                return false;
            }

            mailboxes.Add(mailbox);
        }

        return mailboxes.Count > 0;
    }

    private static void AddDistinct(List<MailboxAddress> into, List<MailboxAddress> add)
    {
        foreach (var mailbox in add)
        {
            if (!into.Exists(m => string.Equals(m.Address, mailbox.Address, StringComparison.OrdinalIgnoreCase)))
            {
                into.Add(mailbox);
            }
        }
    }
}
