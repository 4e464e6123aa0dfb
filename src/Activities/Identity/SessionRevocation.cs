using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Identity;

/// <summary>What a request's session claims come to (<see cref="SessionRevocation.CheckAsync"/>).</summary>
public enum SessionStatus
{
    Active,

    /// <summary>No such session, revoked, expired, another security stamp, or the user is locked or disabled.</summary>
    Ended,

    /// <summary>Valid, but the password must be changed first (<see cref="PasswordStates.ChangeRequired"/>).</summary>
    PasswordChangeRequired,
}

/// <summary>The answer of <see cref="SessionRevocation.RotateRefreshAsync"/>.</summary>
public enum RefreshOutcome
{
    /// <summary>The token was the current one: the generation moved on by one.</summary>
    Rotated,

    /// <summary>A used refresh token came back: the whole session (the family) is revoked.</summary>
    Reused,

    /// <summary>The session is over already.</summary>
    Ended,
}

/// <summary>
/// Sessions in the database (<see cref="UserSession"/>): opened at every sign-in, checked on every request (one
/// primary-key read, no cache: a revocation holds on every node of the database from the next request on), rotated at
/// every refresh and revoked at logout, at a password change or reset, when an administrator ends them and when an
/// account is locked or disabled (<see cref="RevokeAllAsync(string, string, CancellationToken)"/>: the one method
/// other use cases call).
/// </summary>
public sealed class SessionRevocation(HonoursDatabase database, TimeProvider time)
{
    /// <summary>The longest a session lives (the refresh token's lifetime).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>Opens a session of <paramref name="userId"/> and answers its id.</summary>
    public async Task<Guid> OpenAsync(string userId, string kind, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var session = new UserSession { Id = Guid.CreateVersion7(), UserId = userId, Kind = kind, CreatedAt = now, ExpiresAt = now + Lifetime };
        await using var db = database.CreateDbContext();
        db.Add(session);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return session.Id;
    }

    /// <summary>
    /// Whether a request signed in with session <paramref name="sessionId"/>, user <paramref name="userId"/> and security
    /// stamp <paramref name="securityStamp"/> may go on.
    /// </summary>
    public async Task<SessionStatus> CheckAsync(Guid sessionId, string userId, string? securityStamp, bool allowRemote, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var row = await db.Set<UserSession>().AsNoTracking()
            .Where(s => s.Id == sessionId && s.UserId == userId)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { s.RevokedAt, s.ExpiresAt, u.SecurityStamp, u.LockoutEnd, u.PasswordState })
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (row is null || row.RevokedAt is not null || row.ExpiresAt <= now
            || !string.Equals(row.SecurityStamp, securityStamp, StringComparison.Ordinal)
            || (row.LockoutEnd is { } lockedUntil && lockedUntil > now))
        {
            return SessionStatus.Ended;
        }

        return PasswordStates.ChangeRequired(row.PasswordState, allowRemote) ? SessionStatus.PasswordChangeRequired : SessionStatus.Active;
    }

    /// <summary>
    /// Uses the refresh token of generation <paramref name="generation"/>: the current one moves the session to the
    /// next generation (in one conditional update, so two nodes cannot both use it); an older one revokes the session.
    /// </summary>
    public async Task<RefreshOutcome> RotateRefreshAsync(Guid sessionId, int generation, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var db = database.CreateDbContext();
        var sessions = db.Set<UserSession>();
        var rotated = await sessions
            .Where(s => s.Id == sessionId && s.RevokedAt == null && s.RefreshGeneration == generation)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RefreshGeneration, s => s.RefreshGeneration + 1), ct).ConfigureAwait(false);
        var session = await sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct).ConfigureAwait(false);
        if (session is null || session.ExpiresAt <= now)
        {
            return RefreshOutcome.Ended;
        }

        if (rotated == 1)
        {
            return RefreshOutcome.Rotated;
        }

        if (session.RevokedAt is not null)
        {
            return RefreshOutcome.Ended;
        }

        await RevokeAsync(sessionId, SessionEndReasons.RefreshReuse, ct).ConfigureAwait(false);
        return RefreshOutcome.Reused;
    }

    /// <summary>Ends one session (logout). Nothing happens when it is over already.</summary>
    public async Task RevokeAsync(Guid sessionId, string reason, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var db = database.CreateDbContext();
        await db.Set<UserSession>().Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, reason), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends every session of <paramref name="userId"/> (bearer tokens, refresh tokens and cookies) on every node:
    /// call it when a user is locked, disabled or loses their password. Answers how many were open.
    /// </summary>
    public async Task<int> RevokeAllAsync(string userId, string reason, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        return await RevokeAllAsync(db, userId, reason, ct).ConfigureAwait(false);
    }

    /// <summary>The same in a context (and transaction) of the caller.</summary>
    public async Task<int> RevokeAllAsync(HonoursDbContext db, string userId, string reason, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow();
        return await db.Set<UserSession>().Where(s => s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, reason), ct).ConfigureAwait(false);
    }
}
