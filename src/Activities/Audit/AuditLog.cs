using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Honours;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Audit;

/// <summary>
/// Writes the audit log (<see cref="AuditEntry"/>). A scoped service on the request's <see cref="HonoursDbContext"/>:
/// a use case that opened a transaction on that context writes its entry inside it, so the change and its entry commit
/// or roll back together; without a transaction the entry is saved on its own.
/// </summary>
public interface IAuditLog
{
    /// <summary>
    /// Records that <paramref name="actor"/> did <paramref name="action"/> to <paramref name="subject"/>;
    /// <paramref name="details"/> is serialized as JSON (an anonymous object <c>new { before, after }</c>, or null).
    /// </summary>
    Task WriteAsync(string actor, string action, string subject, object? details, CancellationToken ct = default);

    /// <summary>Adds the entry to the context without saving (for bulk writers that save once at the end).</summary>
    void Add(string actor, string action, string subject, object? details);
}

/// <summary>The filters of the audit list: exact subject or actor, or a subject prefix (<c>/gd/gz</c> for the subtree).</summary>
public sealed record AuditQuery(string? Subject = null, string? Actor = null, string? Action = null, int Skip = 0, int Take = 50);

/// <summary>A page of the audit log, newest first, and how many entries match in all.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total);

/// <summary>The <see cref="IAuditLog"/> on a <see cref="HonoursDbContext"/>, and the reader of the log.</summary>
public sealed class AuditLog(HonoursDbContext db, TimeProvider? time = null) : IAuditLog
{
    /// <summary>The largest page <see cref="ListAsync"/> returns.</summary>
    public const int MaxTake = 200;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task WriteAsync(string actor, string action, string subject, object? details, CancellationToken ct = default)
    {
        Add(actor, action, subject, details);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    public void Add(string actor, string action, string subject, object? details)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentNullException.ThrowIfNull(subject);
        db.Set<AuditEntry>().Add(new AuditEntry
        {
            Id = Guid.CreateVersion7(),
            At = _time.GetUtcNow(),
            Actor = Clip(actor, AuditLimits.ActorLength),
            Action = Clip(action, AuditLimits.ActionLength),
            Subject = Clip(subject, AuditLimits.SubjectLength),
            Details = details is null ? "{}" : JsonSerializer.Serialize(details, HonoursJson.Options),
        });
    }

    /// <summary>The entries matching <paramref name="query"/>, newest first.</summary>
    public async Task<AuditPage> ListAsync(AuditQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var entries = db.Set<AuditEntry>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Subject))
        {
            var subject = query.Subject.Trim();
            var prefix = subject + "/";
            entries = entries.Where(e => e.Subject == subject || e.Subject.StartsWith(prefix));
        }

        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var actor = query.Actor.Trim();
            entries = entries.Where(e => e.Actor == actor);
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            var action = query.Action.Trim();
            entries = entries.Where(e => e.Action == action);
        }

        var total = await entries.CountAsync(ct).ConfigureAwait(false);
        var page = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(Math.Max(0, query.Skip))
            .Take(Math.Clamp(query.Take, 1, MaxTake))
            .ToListAsync(ct).ConfigureAwait(false);
        return new AuditPage(page, total);
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}
