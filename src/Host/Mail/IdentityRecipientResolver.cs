using Microsoft.EntityFrameworkCore;
using MimeKit;
using Workflows.Activities.Organisations;
using Workflows.Activities.Persistence;

namespace Workflows.Host.Mail;

/// <summary>
/// The default <see cref="IMailRecipientResolver"/>: recipients from the user directory. Whatever list a name comes in,
/// <list type="bullet">
/// <item>an e-mail address (<c>a@example.org</c>, <c>张三 &lt;a@example.org&gt;</c>) is used as it is;</item>
/// <item>a group key <c>role@/path</c> (<c>city-reviewer@/gd/gz</c>, as tasks name candidate groups) becomes the
/// e-mail addresses of its members (<see cref="OrganisationService.MembersOfAsync"/>);</item>
/// <item>any other name is a user name: the Identity user's e-mail address, with the display name.</item>
/// </list>
/// A name that yields no address this way (unknown user, user without an address, group without members with one, a
/// plain role name) is looked up in <c>Workflows:Mail:Directory</c> (<see cref="DirectoryRecipientResolver"/>); what
/// is not found there is reported unresolved.
/// </summary>
public sealed class IdentityRecipientResolver(HonoursDatabase database, OrganisationService organisations, DirectoryRecipientResolver fallback)
    : IMailRecipientResolver
{
    public async ValueTask<ResolvedRecipients> ResolveAsync(IReadOnlyCollection<string> users, IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(roles);
        var names = users.Concat(roles)
            .Select(n => n.Trim())
            .Where(n => n.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var found = new Dictionary<string, List<MailboxAddress>>(StringComparer.Ordinal);
        var userNames = new List<string>();
        foreach (var name in names)
        {
            if (IsGroupKey(name, out var role, out var path))
            {
                var members = await organisations.MembersOfAsync(role, path, ct).ConfigureAwait(false);
                found[name] = await MailboxesAsync(u => members.Contains(u.Id), ct).ConfigureAwait(false);
            }
            else if (DirectoryRecipientResolver.TryParseAddresses(name, out var direct))
            {
                found[name] = direct;
            }
            else
            {
                userNames.Add(name);
            }
        }

        if (userNames.Count > 0)
        {
            var normalized = userNames.Select(n => n.ToUpperInvariant()).ToList();
            var byUser = await MailboxesByUserAsync(normalized, ct).ConfigureAwait(false);
            foreach (var name in userNames)
            {
                found[name] = byUser.TryGetValue(name.ToUpperInvariant(), out var mailbox) ? [mailbox] : [];
            }
        }

        var addresses = new List<MailboxAddress>();
        var unresolved = new List<string>();
        foreach (var name in names)
        {
            if (found.TryGetValue(name, out var mailboxes) && mailboxes.Count > 0)
            {
                AddDistinct(addresses, mailboxes);
                continue;
            }

            var configured = await fallback.ResolveAsync([name], [], ct).ConfigureAwait(false);
            AddDistinct(addresses, configured.Addresses);
            unresolved.AddRange(configured.Unresolved);
        }

        return new ResolvedRecipients(addresses, unresolved);
    }

    /// <summary>True for <c>role@/path</c> (an e-mail domain never starts with <c>/</c>).</summary>
    public static bool IsGroupKey(string text, out string role, out string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at > 0 && at + 1 < text.Length && text[at + 1] == '/' && !text.AsSpan(0, at).ContainsAny(' ', '<', '"'))
        {
            role = text[..at];
            path = text[(at + 1)..].TrimEnd('/');
            return path.Length > 0;
        }

        role = "";
        path = "";
        return false;
    }

    private async Task<List<MailboxAddress>> MailboxesAsync(System.Linq.Expressions.Expression<Func<Activities.Identity.WorkflowUser, bool>> which, CancellationToken ct)
    {
        await using var db = database.CreateDbContext();
        var rows = await db.Users.AsNoTracking().Where(which)
            .Select(u => new { u.UserName, u.DisplayName, u.Email })
            .ToListAsync(ct).ConfigureAwait(false);
        return [.. rows
            .OrderBy(r => r.UserName, StringComparer.Ordinal)
            .Select(r => Mailbox(r.DisplayName, r.Email))
            .OfType<MailboxAddress>()];
    }

    private async Task<Dictionary<string, MailboxAddress>> MailboxesByUserAsync(List<string> normalizedUserNames, CancellationToken ct)
    {
        await using var db = database.CreateDbContext();
        var rows = await db.Users.AsNoTracking()
            .Where(u => normalizedUserNames.Contains(u.NormalizedUserName!))
            .Select(u => new { u.NormalizedUserName, u.DisplayName, u.Email })
            .ToListAsync(ct).ConfigureAwait(false);
        var result = new Dictionary<string, MailboxAddress>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.NormalizedUserName is { } key && Mailbox(row.DisplayName, row.Email) is { } mailbox)
            {
                result[key] = mailbox;
            }
        }

        return result;
    }

    /// <summary>The user's mailbox (display name and address), or null when the user has no usable address.</summary>
    private static MailboxAddress? Mailbox(string? displayName, string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || !MailboxAddress.TryParse(email.Trim(), out var parsed)
            || parsed.Address.IndexOf('@', StringComparison.Ordinal) is var at && (at <= 0 || at == parsed.Address.Length - 1))
        {
            return null;
        }

        return new MailboxAddress(string.IsNullOrWhiteSpace(displayName) ? parsed.Name : displayName, parsed.Address);
    }

    private static void AddDistinct(List<MailboxAddress> into, IEnumerable<MailboxAddress> add)
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
