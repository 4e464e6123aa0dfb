using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Organisations;

/// <summary>An organisation as the <see cref="OrganisationDirectory"/> holds it.</summary>
public sealed record DirectoryOrganisation(Guid Id, string Path, string Name, OrganisationKind Kind);

/// <summary>
/// The organisation tree and who holds which role where, held in memory for look-ups that must be synchronous and
/// cheap: expressions evaluated inside engine commands (<see cref="OrganisationExpressionFunctions"/>) and the scopes
/// of the signed-in user. <see cref="ReloadAsync"/> replaces the whole snapshot at once (readers see the old or the new
/// one, never a mix); the host loads it at start-up, after seeding, and every minute, so a change made on another node
/// arrives within a minute. Before the first load it is empty (<see cref="IsLoaded"/> is false). Thread-safe.
/// </summary>
public sealed class OrganisationDirectory(HonoursDatabase database, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private volatile Snapshot _snapshot = Snapshot.Empty;

    /// <summary>True once a snapshot was loaded.</summary>
    public bool IsLoaded => _snapshot.LoadedAt is not null;

    /// <summary>When the current snapshot was read from the database (null: never).</summary>
    public DateTimeOffset? LoadedAt => _snapshot.LoadedAt;

    /// <summary>The number of organisations in the snapshot.</summary>
    public int Count => _snapshot.ByPath.Count;

    /// <summary>The organisations of the kinds in <paramref name="kinds"/>, ordered by path.</summary>
    public IReadOnlyList<DirectoryOrganisation> OfKinds(params OrganisationKind[] kinds) =>
        [.. _snapshot.ByPath.Values.Where(o => kinds.Contains(o.Kind)).OrderBy(o => o.Path, StringComparer.Ordinal)];

    /// <summary>Reads the organisations, role assignments and committee seats and makes them the current snapshot.</summary>
    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var organisations = await db.Organisations.AsNoTracking()
            .Select(o => new DirectoryOrganisation(o.Id, o.Path, o.Name, o.Kind))
            .ToListAsync(ct).ConfigureAwait(false);
        var roles = await db.RoleAssignments.AsNoTracking()
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { r.Role, r.OrganisationId, u.UserName })
            .ToListAsync(ct).ConfigureAwait(false);
        var seats = await db.CommitteeMembers.AsNoTracking()
            .Join(db.Committees, m => m.CommitteeId, c => c.Id, (m, c) => new { m.UserId, c.OrganisationId })
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { s.OrganisationId, u.UserName })
            .ToListAsync(ct).ConfigureAwait(false);

        var formerPaths = await db.OrganisationFormerPaths.AsNoTracking()
            .Select(f => new { f.Path, f.OrganisationId })
            .ToListAsync(ct).ConfigureAwait(false);

        var byId = organisations.ToDictionary(o => o.Id);
        var byPath = organisations.ToDictionary(o => o.Path, StringComparer.Ordinal);

        // A moved organisation still answers for its former paths (see OrganisationFormerPath): as it was there.
        var former = formerPaths
            .Where(f => byId.ContainsKey(f.OrganisationId) && !byPath.ContainsKey(f.Path))
            .ToDictionary(f => f.Path, f => byId[f.OrganisationId] with { Path = f.Path }, StringComparer.Ordinal);
        var pathsOf = former.Values.ToLookup(f => f.Id);
        var members = roles
            .Select(r => (r.Role, r.OrganisationId, r.UserName))
            .Concat(seats.Select(s => (Role: Roles.CommitteeMember, s.OrganisationId, s.UserName)))
            .Where(m => m.UserName is not null && byId.ContainsKey(m.OrganisationId))
            .SelectMany(m => pathsOf[m.OrganisationId].Select(f => f.Path).Prepend(byId[m.OrganisationId].Path).Select(path => (m.Role, Path: path, m.UserName)))
            .GroupBy(m => Roles.GroupKey(m.Role, m.Path), StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<string>)[.. g.Select(m => m.UserName!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                StringComparer.Ordinal);
        _snapshot = new Snapshot(byPath, former, members, _time.GetUtcNow());
    }

    /// <summary>The organisation at <paramref name="path"/> (a trailing <c>/</c> is ignored), or null.</summary>
    /// A former path of a moved organisation finds it as it was there (its <see cref="DirectoryOrganisation.Path"/> is the former path).
    public DirectoryOrganisation? Find(string? path) =>
        Normalize(path) is { } normalized && _snapshot.TryGet(normalized, out var organisation) ? organisation : null;

    /// <summary>
    /// The nearest organisation of <paramref name="kind"/> at or above <paramref name="path"/> (the city union above an
    /// enterprise); null when the path is unknown or nothing above it is of that kind.
    /// </summary>
    public DirectoryOrganisation? AncestorOfKind(string? path, OrganisationKind kind)
    {
        var snapshot = _snapshot;
        if (Normalize(path) is not { } normalized || !snapshot.TryGet(normalized, out var self))
        {
            return null;
        }

        if (self.Kind == kind)
        {
            return self;
        }

        var ancestors = Organisation.AncestorPaths(normalized);
        for (var i = ancestors.Count - 1; i >= 0; i--)
        {
            if (snapshot.TryGet(ancestors[i], out var ancestor) && ancestor.Kind == kind)
            {
                return ancestor;
            }
        }

        return null;
    }

    /// <summary>
    /// The user names holding <paramref name="role"/> in the organisation at <paramref name="path"/> (committee seats
    /// count for <see cref="Roles.CommitteeMember"/>), in ordinal order; empty when nobody does.
    /// </summary>
    public IReadOnlyList<string> MembersOf(string role, string? path)
    {
        ArgumentNullException.ThrowIfNull(role);
        return Normalize(path) is { } normalized && _snapshot.Members.TryGetValue(Roles.GroupKey(role, normalized), out var names) ? names : [];
    }

    /// <summary>
    /// A path as the directory keys it: trimmed, without a trailing <c>/</c>; null when empty or not starting with <c>/</c>.
    /// </summary>
    public static string? Normalize(string? path)
    {
        var trimmed = path?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed[0] != '/')
        {
            return null;
        }

        trimmed = trimmed.TrimEnd('/');
        return trimmed.Length == 0 ? null : trimmed;
    }

    private sealed record Snapshot(
        IReadOnlyDictionary<string, DirectoryOrganisation> ByPath,
        IReadOnlyDictionary<string, DirectoryOrganisation> FormerPaths,
        IReadOnlyDictionary<string, IReadOnlyList<string>> Members,
        DateTimeOffset? LoadedAt)
    {
        public static readonly Snapshot Empty = new(
            new Dictionary<string, DirectoryOrganisation>(StringComparer.Ordinal),
            new Dictionary<string, DirectoryOrganisation>(StringComparer.Ordinal),
            new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal),
            null);

        /// <summary>The organisation at a current path, else the moved one at a former path.</summary>
        public bool TryGet(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DirectoryOrganisation? organisation) =>
            ByPath.TryGetValue(path, out organisation) || FormerPaths.TryGetValue(path, out organisation);
    }
}
