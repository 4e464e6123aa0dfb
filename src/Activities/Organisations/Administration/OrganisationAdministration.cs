using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Audit;
using Workflows.Activities.Persistence;
using Workflows.Engine;
using Workflows.Engine.Persistence;

namespace Workflows.Activities.Organisations.Administration;

/// <summary>An organisation as the administration shows it.</summary>
public sealed record OrganisationNode(Guid Id, string Code, string Name, OrganisationKind Kind, string Path, Guid? ParentId, DateTimeOffset? ClosedAt, int Children)
{
    public static OrganisationNode From(Organisation o, int children) => new(o.Id, o.Code, o.Name, o.Kind, o.Path, o.ParentId, o.ClosedAt, children);
}

/// <summary>A node with its ancestors (root first) and its children (by code), for browsing the tree.</summary>
public sealed record OrganisationBranch(OrganisationNode Node, IReadOnlyList<OrganisationNode> Ancestors, IReadOnlyList<OrganisationNode> Children);

public sealed record AddOrganisation(string ParentPath, string Code, string Name, OrganisationKind Kind);

public sealed record MoveOrganisation(Guid Id, string NewParentPath);

/// <summary>
/// The administrators' use cases on the organisation tree (组织管理): browse, add, rename, move and close. Each runs in
/// one transaction with its audit entry and reloads this node's <see cref="OrganisationDirectory"/> after the commit
/// (other nodes within a minute). Scope: an administrator changes only the subtrees of <see cref="AdminScope"/>.
/// <para>
/// <b>Moving keeps open items where they are.</b> Instances and tasks keep the organisation path and the candidate
/// groups (<c>role@path</c>) they were started with; the moved organisations keep their former paths
/// (<see cref="OrganisationFormerPath"/>), which the directory and the members' group keys still answer for, so the
/// reviewers of the old place finish what was started there and nothing is left without a holder. Items started
/// after the move follow the new place. Why: an item was checked, counted against a quota and routed by the rules of
/// the place it was filed at; moving it halfway would change who reviews it after some levels have passed it on.
/// </para>
/// </summary>
public sealed class OrganisationAdministration(HonoursDbContext db, IAuditLog audit, OrganisationDirectory directory, WorkflowEngine engine, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The node at <paramref name="path"/> (null: the administrator's first root) with its ancestors and children.</summary>
    public async Task<AdminResult<OrganisationBranch>> BranchAsync(string actor, string? path, CancellationToken ct = default)
    {
        var scope = await AdminScope.LoadAsync(db, actor, ct).ConfigureAwait(false);
        var wanted = OrganisationDirectory.Normalize(path) ?? (scope.Paths.Count > 0 ? scope.Paths[0] : null);
        if (wanted is null)
        {
            return AdminResult<OrganisationBranch>.Fail(AdminOutcome.Forbidden, AdminProblems.OutsideScope(path ?? "/"));
        }

        var node = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Path == wanted, ct).ConfigureAwait(false);
        if (node is null)
        {
            return AdminResult<OrganisationBranch>.Fail(AdminOutcome.NotFound, AdminProblems.OrganisationMissing(wanted));
        }

        if (!scope.Covers(node.Path))
        {
            return AdminResult<OrganisationBranch>.Fail(AdminOutcome.Forbidden, AdminProblems.OutsideScope(node.Path));
        }

        var ancestorPaths = Organisation.AncestorPaths(node.Path).Where(scope.Covers).ToList();
        var ancestors = await db.Organisations.AsNoTracking().Where(o => ancestorPaths.Contains(o.Path)).ToListAsync(ct).ConfigureAwait(false);
        var children = await db.Organisations.AsNoTracking().Where(o => o.ParentId == node.Id).OrderBy(o => o.Code).ToListAsync(ct).ConfigureAwait(false);
        var childIds = children.Select(c => c.Id).ToList();
        var grandchildren = await db.Organisations.AsNoTracking()
            .Where(o => o.ParentId != null && childIds.Contains(o.ParentId.Value))
            .GroupBy(o => o.ParentId)
            .Select(g => new { Id = g.Key!.Value, Count = g.Count() })
            .ToDictionaryAsync(g => g.Id, g => g.Count, ct).ConfigureAwait(false);
        return AdminResult<OrganisationBranch>.Ok(new OrganisationBranch(
            OrganisationNode.From(node, children.Count),
            [.. ancestors.OrderBy(a => a.Path.Length).Select(a => OrganisationNode.From(a, -1))],
            [.. children.Select(c => OrganisationNode.From(c, grandchildren.GetValueOrDefault(c.Id)))]));
    }

    /// <summary>Adds an organisation under an open parent within the administrator's scope.</summary>
    public async Task<AdminResult<OrganisationNode>> AddAsync(string actor, AddOrganisation input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var scope = await AdminScope.LoadAsync(db, actor, ct).ConfigureAwait(false);
        var problems = new List<AdminProblem>();
        if (OrganisationRules.CodeProblem(input.Code) is { } code)
        {
            problems.Add(code);
        }

        if (OrganisationRules.NameProblem(input.Name) is { } name)
        {
            problems.Add(name);
        }

        if (!Enum.IsDefined(input.Kind))
        {
            problems.Add(new AdminProblem("organisation.kind", "组织类型不正确。", "The kind of organisation is not known.", "kind"));
        }

        if (problems.Count > 0)
        {
            return AdminResult<OrganisationNode>.Fail(AdminOutcome.Invalid, problems);
        }

        var parentPath = OrganisationDirectory.Normalize(input.ParentPath) ?? input.ParentPath;
        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var parent = await db.Organisations.FirstOrDefaultAsync(o => o.Path == parentPath, ct).ConfigureAwait(false);
        if (parent is null)
        {
            return AdminResult<OrganisationNode>.Fail(AdminOutcome.NotFound, AdminProblems.OrganisationMissing(parentPath));
        }

        if (!scope.Covers(parent.Path))
        {
            return AdminResult<OrganisationNode>.Fail(AdminOutcome.Forbidden, AdminProblems.OutsideScope(parent.Path));
        }

        if (parent.IsClosed)
        {
            return AdminResult<OrganisationNode>.Fail(AdminOutcome.Conflict, AdminProblems.Closed(parent.Path));
        }

        if (OrganisationRules.PlacementProblem(input.Kind, parent.Kind) is { } placement)
        {
            return AdminResult<OrganisationNode>.Fail(AdminOutcome.Invalid, placement);
        }

        var path = Organisation.ChildPath(parent.Path, input.Code.Trim());
        if (await PathTakenAsync(path, ct).ConfigureAwait(false) is { } taken)
        {
            return AdminResult<OrganisationNode>.Fail(AdminOutcome.Conflict, taken);
        }

        var node = new Organisation
        {
            Id = Guid.CreateVersion7(),
            Code = input.Code.Trim(),
            Name = input.Name.Trim(),
            Kind = input.Kind,
            ParentId = parent.Id,
            Path = path,
        };
        db.Organisations.Add(node);
        audit.Add(actor, "organisation.add", path, new { after = Describe(node) });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        await directory.ReloadAsync(ct).ConfigureAwait(false);
        return AdminResult<OrganisationNode>.Ok(OrganisationNode.From(node, 0));
    }

    /// <summary>Renames an organisation (its code and path stay: they name it in items and group keys).</summary>
    public async Task<AdminResult<OrganisationNode>> RenameAsync(string actor, Guid id, string name, CancellationToken ct = default)
    {
        if (OrganisationRules.NameProblem(name) is { } problem)
        {
            return AdminResult<OrganisationNode>.Fail(AdminOutcome.Invalid, problem);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var (node, failure) = await FindInScopeAsync(actor, id, ct).ConfigureAwait(false);
        if (node is null)
        {
            return failure!.As<OrganisationNode>();
        }

        var before = Describe(node);
        node.Name = name.Trim();
        audit.Add(actor, "organisation.rename", node.Path, new { before, after = Describe(node) });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        await directory.ReloadAsync(ct).ConfigureAwait(false);
        return AdminResult<OrganisationNode>.Ok(OrganisationNode.From(node, await db.Organisations.CountAsync(o => o.ParentId == node.Id, ct).ConfigureAwait(false)));
    }

    /// <summary>
    /// Moves an organisation and its subtree under another open parent (both within the administrator's scope). Every
    /// path of the subtree changes; the old ones become former paths (see the class summary).
    /// </summary>
    public async Task<AdminResult<OrganisationNode>> MoveAsync(string actor, MoveOrganisation input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var scope = await AdminScope.LoadAsync(db, actor, ct).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var (node, failure) = await FindInScopeAsync(actor, input.Id, ct, scope).ConfigureAwait(false);
        if (node is null)
        {
            return failure!.As<OrganisationNode>();
        }

        var parentPath = OrganisationDirectory.Normalize(input.NewParentPath) ?? input.NewParentPath;
        var parent = await db.Organisations.FirstOrDefaultAsync(o => o.Path == parentPath, ct).ConfigureAwait(false);
        if (parent is null)
        {
            return AdminResult<OrganisationNode>.Fail(AdminOutcome.NotFound, AdminProblems.OrganisationMissing(parentPath));
        }

        if (!scope.Covers(parent.Path))
        {
            return AdminResult<OrganisationNode>.Fail(AdminOutcome.Forbidden, AdminProblems.OutsideScope(parent.Path));
        }

        if (parent.IsClosed)
        {
            return AdminResult<OrganisationNode>.Fail(AdminOutcome.Conflict, AdminProblems.Closed(parent.Path));
        }

        if (parent.Path == node.Path || parent.Path.StartsWith(node.Path + "/", StringComparison.Ordinal))
        {
            return AdminResult<OrganisationNode>.Fail(AdminOutcome.Invalid, new AdminProblem("organisation.move.into-itself",
                "不能把组织移到它自己或它的下级之下。", "An organisation cannot move under itself or one of its own children.", "newParentPath"));
        }

        if (node.ParentId == parent.Id)
        {
            return AdminResult<OrganisationNode>.Fail(AdminOutcome.Invalid, new AdminProblem("organisation.move.same-parent",
                "该组织已在所选上级之下。", "The organisation already hangs under that parent.", "newParentPath"));
        }

        if (OrganisationRules.PlacementProblem(node.Kind, parent.Kind, "newParentPath") is { } placement)
        {
            return AdminResult<OrganisationNode>.Fail(AdminOutcome.Invalid, placement);
        }

        var oldPath = node.Path;
        var newPath = Organisation.ChildPath(parent.Path, node.Code);
        var formerHere = await db.OrganisationFormerPaths.Where(f => f.Path == newPath || f.Path.StartsWith(newPath + "/")).ToListAsync(ct).ConfigureAwait(false);
        if (await db.Organisations.AnyAsync(o => o.Path == newPath, ct).ConfigureAwait(false)
            || formerHere.Any(f => f.OrganisationId != node.Id && f.Path == newPath))
        {
            return AdminResult<OrganisationNode>.Fail(AdminOutcome.Conflict, Taken(newPath));
        }

        var before = Describe(node);
        var prefix = oldPath + "/";
        var subtree = await db.Organisations.Where(o => o.Path == oldPath || o.Path.StartsWith(prefix)).ToListAsync(ct).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var subtreeIds = subtree.Select(o => o.Id).ToHashSet();

        // Moving back to a former place gives the paths back to their organisations.
        db.OrganisationFormerPaths.RemoveRange(formerHere.Where(f => subtreeIds.Contains(f.OrganisationId)));
        var known = await db.OrganisationFormerPaths.Where(f => subtreeIds.Contains(f.OrganisationId)).Select(f => f.Path).ToListAsync(ct).ConfigureAwait(false);
        foreach (var organisation in subtree)
        {
            if (!known.Contains(organisation.Path, StringComparer.Ordinal))
            {
                db.OrganisationFormerPaths.Add(new OrganisationFormerPath { Path = organisation.Path, OrganisationId = organisation.Id, MovedAt = now });
            }

            organisation.Path = newPath + organisation.Path[oldPath.Length..];
        }

        node.ParentId = parent.Id;
        audit.Add(actor, "organisation.move", oldPath, new { before, after = Describe(node), movedOrganisations = subtree.Count });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        await directory.ReloadAsync(ct).ConfigureAwait(false);
        return AdminResult<OrganisationNode>.Ok(OrganisationNode.From(node, subtree.Count(o => o.ParentId == node.Id)));
    }

    /// <summary>
    /// Closes an organisation (撤销). Refused while it has open children (close them first) or open items under it
    /// (they finish first); the row stays, for history.
    /// </summary>
    public async Task<AdminResult<OrganisationNode>> CloseAsync(string actor, Guid id, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var (node, failure) = await FindInScopeAsync(actor, id, ct).ConfigureAwait(false);
        if (node is null)
        {
            return failure!.As<OrganisationNode>();
        }

        if (node.IsClosed)
        {
            return AdminResult<OrganisationNode>.Ok(OrganisationNode.From(node, 0));
        }

        if (node.ParentId is null)
        {
            return AdminResult<OrganisationNode>.Fail(AdminOutcome.Invalid, new AdminProblem("organisation.close.root", "不能撤销根组织。", "The root cannot be closed."));
        }

        var openChildren = await db.Organisations.CountAsync(o => o.ParentId == node.Id && o.ClosedAt == null, ct).ConfigureAwait(false);
        if (openChildren > 0)
        {
            return AdminResult<OrganisationNode>.Fail(AdminOutcome.Conflict, new AdminProblem("organisation.close.children",
                $"该组织还有 {openChildren} 个未撤销的下级组织，请先撤销或移走它们。", $"The organisation still has {openChildren} open children: close or move them first."));
        }

        var open = await engine.Store.QueryInstancesAsync(new InstanceQuery { Status = InstanceStatus.Active, OrganizationScopes = [node.Path], Take = 1 }, ct).ConfigureAwait(false);
        if (open.Count > 0)
        {
            return AdminResult<OrganisationNode>.Fail(AdminOutcome.Conflict, new AdminProblem("organisation.close.open-items",
                "该组织还有在办事项，须办结后才能撤销。", "The organisation still has open items; they must finish before it can be closed."));
        }

        var before = Describe(node);
        node.ClosedAt = _time.GetUtcNow();
        audit.Add(actor, "organisation.close", node.Path, new { before, after = Describe(node) });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        await directory.ReloadAsync(ct).ConfigureAwait(false);
        return AdminResult<OrganisationNode>.Ok(OrganisationNode.From(node, 0));
    }

    /// <summary>The problem of giving <paramref name="path"/> to a new organisation, or null when it is free.</summary>
    internal async Task<AdminProblem?> PathTakenAsync(string path, CancellationToken ct) =>
        await db.Organisations.AnyAsync(o => o.Path == path, ct).ConfigureAwait(false)
        || await db.OrganisationFormerPaths.AnyAsync(f => f.Path == path, ct).ConfigureAwait(false)
            ? Taken(path)
            : null;

    internal static AdminProblem Taken(string path) => new("organisation.path-taken",
        $"路径「{path}」已被使用（现有组织或已迁移组织的原路径），请换一个代码。", $"The path '{path}' is taken (by an organisation, or as the former path of a moved one); choose another code.", "code");

    internal static object Describe(Organisation o) => new { o.Code, o.Name, Kind = o.Kind.ToString(), o.Path, o.ClosedAt };

    private async Task<(Organisation? Node, AdminResult<OrganisationNode>? Failure)> FindInScopeAsync(string actor, Guid id, CancellationToken ct, AdminScope? scope = null)
    {
        scope ??= await AdminScope.LoadAsync(db, actor, ct).ConfigureAwait(false);
        var node = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, ct).ConfigureAwait(false);
        if (node is null)
        {
            return (null, AdminResult<OrganisationNode>.Fail(AdminOutcome.NotFound, AdminProblems.OrganisationMissing(id.ToString())));
        }

        return scope.Covers(node.Path)
            ? (node, null)
            : (null, AdminResult<OrganisationNode>.Fail(AdminOutcome.Forbidden, AdminProblems.OutsideScope(node.Path)));
    }
}
