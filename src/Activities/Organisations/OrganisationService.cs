using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Organisations;

/// <summary>A role a user holds, with the organisation it is held in.</summary>
public sealed record UserRole(string Role, Guid OrganisationId, string OrganisationName, string OrganisationPath)
{
    /// <summary><c>role@orgPath</c>.</summary>
    public string GroupKey => Roles.GroupKey(Role, OrganisationPath);
}

/// <summary>
/// Queries of the organisation tree and of what users hold in it. Group keys (<c>role@orgPath</c>, e.g.
/// <c>city-reviewer@/gd/gz</c>) are how tasks name their candidate groups: a user may take a task whose candidate
/// groups contain one of the user's keys. Thread-safe (a short-lived context per call).
/// </summary>
public sealed class OrganisationService(HonoursDatabase database)
{
    public async Task<Organisation?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        return await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct).ConfigureAwait(false);
    }

    public async Task<Organisation?> FindByPathAsync(string path, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        return await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Path == path, ct).ConfigureAwait(false);
    }

    /// <summary>The direct children of <paramref name="id"/>, by code.</summary>
    public async Task<IReadOnlyList<Organisation>> ChildrenAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        return await db.Organisations.AsNoTracking().Where(o => o.ParentId == id).OrderBy(o => o.Code).ToListAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The organisation and everything below it (materialized path prefix), by path.</summary>
    public async Task<IReadOnlyList<Organisation>> SubtreeAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var root = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct).ConfigureAwait(false);
        if (root is null)
        {
            return [];
        }

        var prefix = root.Path + "/";
        return await db.Organisations.AsNoTracking()
            .Where(o => o.Path == root.Path || o.Path.StartsWith(prefix))
            .OrderBy(o => o.Path)
            .ToListAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The ancestors of <paramref name="id"/>, root first (not the organisation itself).</summary>
    public async Task<IReadOnlyList<Organisation>> AncestorsAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var node = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct).ConfigureAwait(false);
        if (node is null)
        {
            return [];
        }

        var paths = Organisation.AncestorPaths(node.Path);
        var found = await db.Organisations.AsNoTracking().Where(o => paths.Contains(o.Path)).ToListAsync(ct).ConfigureAwait(false);
        return [.. found.OrderBy(o => o.Path.Length)];
    }

    /// <summary>
    /// The nearest organisation of <paramref name="kind"/> at or above <paramref name="id"/> (the city union above the
    /// initiator's enterprise: <c>AncestorOfKindAsync(enterprise, OrganisationKind.CityUnion)</c>); null when none.
    /// </summary>
    public async Task<Organisation?> AncestorOfKindAsync(Guid id, OrganisationKind kind, CancellationToken ct = default)
    {
        var self = await FindAsync(id, ct).ConfigureAwait(false);
        if (self is null)
        {
            return null;
        }

        if (self.Kind == kind)
        {
            return self;
        }

        var ancestors = await AncestorsAsync(id, ct).ConfigureAwait(false);
        return ancestors.LastOrDefault(o => o.Kind == kind);
    }

    /// <summary>The roles <paramref name="userId"/> holds, with their organisations (by path, then role).</summary>
    public async Task<IReadOnlyList<UserRole>> RolesOfAsync(string userId, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var rows = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.UserId == userId)
            .Select(r => new UserRole(r.Role, r.OrganisationId, r.Organisation!.Name, r.Organisation.Path))
            .ToListAsync(ct).ConfigureAwait(false);
        return [.. rows.OrderBy(r => r.OrganisationPath, StringComparer.Ordinal).ThenBy(r => r.Role, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The group keys of <paramref name="userId"/>: <c>role@orgPath</c> for every role assignment and
    /// <c>committee-member@committeePath</c> for every committee seat, and the same keys at the former paths of moved
    /// organisations (<see cref="OrganisationFormerPath"/>: open items started there stay theirs); distinct, ordinal order.
    /// </summary>
    public async Task<IReadOnlyList<string>> GroupKeysAsync(string userId, CancellationToken ct = default)
    {
        var roles = await RolesOfAsync(userId, ct).ConfigureAwait(false);
        await using var db = database.CreateDbContext();
        var committees = await db.CommitteeMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Join(db.Committees, m => m.CommitteeId, c => c.Id, (m, c) => c.OrganisationId)
            .Join(db.Organisations, id => id, o => o.Id, (id, o) => new { o.Id, o.Path })
            .ToListAsync(ct).ConfigureAwait(false);
        var held = roles.Select(r => (r.Role, r.OrganisationId)).Concat(committees.Select(c => (Role: Roles.CommitteeMember, OrganisationId: c.Id))).ToList();
        var ids = held.Select(h => h.OrganisationId).Distinct().ToList();
        var former = await db.OrganisationFormerPaths.AsNoTracking()
            .Where(f => ids.Contains(f.OrganisationId))
            .Select(f => new { f.OrganisationId, f.Path })
            .ToListAsync(ct).ConfigureAwait(false);
        var formerKeys = held.SelectMany(h => former.Where(f => f.OrganisationId == h.OrganisationId).Select(f => Roles.GroupKey(h.Role, f.Path)));
        return [.. roles.Select(r => r.GroupKey)
            .Concat(committees.Select(c => Roles.GroupKey(Roles.CommitteeMember, c.Path)))
            .Concat(formerKeys)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>The user ids holding <paramref name="role"/> in the organisation at <paramref name="organisationPath"/> (the members of a group key).</summary>
    public async Task<IReadOnlyList<string>> MembersOfAsync(string role, string organisationPath, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var users = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.Role == role && r.Organisation!.Path == organisationPath)
            .Select(r => r.UserId)
            .ToListAsync(ct).ConfigureAwait(false);
        if (role == Roles.CommitteeMember)
        {
            users.AddRange(await db.Committees.AsNoTracking()
                .Where(c => c.Organisation!.Path == organisationPath)
                .SelectMany(c => c.Members.Select(m => m.UserId))
                .ToListAsync(ct).ConfigureAwait(false));
        }

        return [.. users.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
