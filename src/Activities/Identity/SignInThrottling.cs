using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Identity;

/// <summary>
/// Throttles password guessing per user name <b>and</b> source address instead of locking the account: after
/// <see cref="FreeFailures"/> failures of one name from one source, that pair waits <see cref="FirstDelay"/>, doubling
/// with every further failure up to <see cref="MaxDelay"/>; while it waits, sign-ins are answered 429 with
/// <c>Retry-After</c> without checking the password. The same user from another source signs in as usual, so nobody
/// can lock someone else out. Rows live in the database (<see cref="SignInThrottle"/>): every node counts together.
/// A success clears the pair; an administrator clears a user (<see cref="UnlockAsync"/>). Failures older than
/// <see cref="Forget"/> start the count afresh.
/// </summary>
public sealed class SignInThrottling(HonoursDatabase database, TimeProvider time)
{
    public const int FreeFailures = 5;
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Forget = TimeSpan.FromHours(1);

    /// <summary>The key of a typed user name (Identity's normalization: upper case, trimmed).</summary>
    public static string KeyOf(string userName) => (userName ?? "").Trim().ToUpperInvariant() is var key && key.Length > 256 ? key[..256] : key;

    private static string SourceOf(string? source) => string.IsNullOrEmpty(source) ? "unknown" : source.Length > 64 ? source[..64] : source;

    /// <summary>Until when the pair must wait (null: it may try now).</summary>
    public async Task<DateTimeOffset?> BlockedUntilAsync(string userName, string? source, CancellationToken ct = default)
    {
        var key = KeyOf(userName);
        var from = SourceOf(source);
        await using var db = database.CreateDbContext();
        var row = await db.Set<SignInThrottle>().AsNoTracking().FirstOrDefaultAsync(t => t.UserKey == key && t.Source == from, ct).ConfigureAwait(false);
        return row?.BlockedUntil is { } until && until > time.GetUtcNow() ? until : null;
    }

    /// <summary>Counts a failure and answers until when the pair now waits (null: not yet).</summary>
    public Task<DateTimeOffset?> RecordFailureAsync(string userName, string? source, CancellationToken ct = default) =>
        RecordFailureAsync(userName, source, retry: true, ct);

    private async Task<DateTimeOffset?> RecordFailureAsync(string userName, string? source, bool retry, CancellationToken ct)
    {
        var key = KeyOf(userName);
        var from = SourceOf(source);
        var now = time.GetUtcNow();
        await using var db = database.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var row = await db.Set<SignInThrottle>().FirstOrDefaultAsync(t => t.UserKey == key && t.Source == from, ct).ConfigureAwait(false);
        if (row is null)
        {
            row = new SignInThrottle { UserKey = key, Source = from };
            db.Add(row);
        }
        else if (now - row.LastFailureAt > Forget)
        {
            row.Failures = 0;
            row.BlockedUntil = null;
        }

        row.Failures++;
        row.LastFailureAt = now;
        if (row.Failures >= FreeFailures)
        {
            var steps = Math.Min(row.Failures - FreeFailures, 10);
            var delay = TimeSpan.FromTicks(Math.Min(FirstDelay.Ticks << steps, MaxDelay.Ticks));
            row.BlockedUntil = now + delay;
        }

        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException) when (retry)
        {
            // Another node counted the first failure of this pair at the same moment: count on its row.
            await tx.RollbackAsync(ct).ConfigureAwait(false);
            return await RecordFailureAsync(userName, source, retry: false, ct).ConfigureAwait(false);
        }

        return row.BlockedUntil;
    }

    /// <summary>A success: the pair starts afresh.</summary>
    public async Task ClearAsync(string userName, string? source, CancellationToken ct = default)
    {
        var key = KeyOf(userName);
        var from = SourceOf(source);
        await using var db = database.CreateDbContext();
        await db.Set<SignInThrottle>().Where(t => t.UserKey == key && t.Source == from).ExecuteDeleteAsync(ct).ConfigureAwait(false);
    }

    /// <summary>An administrator's unlock: every source of the user may try again now. Answers how many pairs waited or counted.</summary>
    public async Task<int> UnlockAsync(string userName, CancellationToken ct = default)
    {
        var key = KeyOf(userName);
        await using var db = database.CreateDbContext();
        return await db.Set<SignInThrottle>().Where(t => t.UserKey == key).ExecuteDeleteAsync(ct).ConfigureAwait(false);
    }
}
