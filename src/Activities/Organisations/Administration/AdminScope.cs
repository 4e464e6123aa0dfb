using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Organisations.Administration;

/// <summary>
/// The part of the tree an administrator administers: the subtrees of the organisations where the account holds the
/// role <see cref="Roles.Admin"/> (the provincial administrator at <c>/gd</c> everything, a city's administrator at
/// <c>/gd/gz</c> only 广州 and below). Read from the database at each use case, not from the sign-in's claims, so a
/// role taken away counts at once.
/// </summary>
public sealed class AdminScope
{
    private AdminScope(string userName, IReadOnlyList<string> paths)
    {
        UserName = userName;
        Paths = paths;
    }

    /// <summary>The administrator's user name (the audit log's actor).</summary>
    public string UserName { get; }

    /// <summary>The roots of the administered subtrees (none: administers nothing).</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>True when <paramref name="path"/> is an administered root or lies below one.</summary>
    public bool Covers(string? path) =>
        path is not null && Paths.Any(root => path == root || path.StartsWith(root + "/", StringComparison.Ordinal));

    /// <summary>The organisations within the scope, as a query condition (an OR of one path prefix per root).</summary>
    public Expression<Func<Organisation, bool>> Predicate()
    {
        var o = Expression.Parameter(typeof(Organisation), "o");
        var path = Expression.Property(o, nameof(Organisation.Path));
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        Expression body = Expression.Constant(false);
        foreach (var root in Paths)
        {
            body = Expression.OrElse(body, Expression.OrElse(
                Expression.Equal(path, Expression.Constant(root)),
                Expression.Call(path, startsWith, Expression.Constant(root + "/"))));
        }

        return Expression.Lambda<Func<Organisation, bool>>(body, o);
    }

    /// <summary>The scope of <paramref name="userName"/> as the database has it now.</summary>
    public static async Task<AdminScope> LoadAsync(HonoursDbContext db, string userName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        var normalized = userName.ToUpperInvariant();
        var paths = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.Role == Roles.Admin)
            .Join(db.Users.Where(u => u.NormalizedUserName == normalized && u.DisabledAt == null), r => r.UserId, u => u.Id, (r, u) => r.OrganisationId)
            .Join(db.Organisations, id => id, o => o.Id, (id, o) => o.Path)
            .ToListAsync(ct).ConfigureAwait(false);
        var distinct = paths.Distinct(StringComparer.Ordinal).ToList();
        return new AdminScope(userName, [.. distinct.Where(p => !distinct.Any(o => o != p && p.StartsWith(o + "/", StringComparison.Ordinal))).Order(StringComparer.Ordinal)]);
    }
}
