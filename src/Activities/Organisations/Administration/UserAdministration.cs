using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Audit;
using Workflows.Activities.Identity;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Organisations.Administration;

/// <summary>An account as the administration lists it, with its roles (<c>role@path</c>).</summary>
public sealed record UserSummary(
    string Id, string UserName, string DisplayName, string? Email, string? OrganisationPath, string? OrganisationName,
    DateTimeOffset? DisabledAt, IReadOnlyList<string> Roles);

/// <summary>A page of accounts and how many match in all.</summary>
public sealed record UserPage(IReadOnlyList<UserSummary> Users, int Total);

/// <summary>An account to create; without a password it cannot sign in until an administrator sets one.</summary>
public sealed record CreateUser(string UserName, string DisplayName, string OrganisationPath, string? Email = null, string? Password = null);

/// <summary>A role to give or take: <see cref="Role"/> at the organisation <see cref="OrganisationPath"/>.</summary>
public sealed record RoleAtScope(string Role, string OrganisationPath);

/// <summary>
/// The administrators' use cases on accounts (用户管理): list and search, create, disable and enable, give and take
/// roles at scopes (<c>role@orgPath</c>; <c>committee-member</c> is a seat on the committee of a committee node). Each
/// runs in one transaction with its audit entry; an administrator acts only on accounts of organisations within
/// <see cref="AdminScope"/> and gives roles only there. Disabling locks the account out for good and renews its
/// security stamp, so no new sign-in or token refresh succeeds.
/// </summary>
public sealed class UserAdministration(HonoursDbContext db, UserManager<WorkflowUser> users, IAuditLog audit, OrganisationDirectory directory, SessionRevocation sessions, TimeProvider? time = null)
{
    /// <summary>The largest page <see cref="ListAsync"/> returns.</summary>
    public const int MaxTake = 200;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The accounts of the administered organisations whose user name or display name contains <paramref name="search"/>.</summary>
    public async Task<AdminResult<UserPage>> ListAsync(string actor, string? search, int skip, int take, CancellationToken ct = default)
    {
        var scope = await AdminScope.LoadAsync(db, actor, ct).ConfigureAwait(false);
        if (scope.Paths.Count == 0)
        {
            return AdminResult<UserPage>.Fail(AdminOutcome.Forbidden, AdminProblems.OutsideScope("/"));
        }

        var inScope = db.Organisations.Where(scope.Predicate()).Select(o => o.Id);
        var query = db.Users.AsNoTracking().Where(u => u.OrganisationId != null && inScope.Contains(u.OrganisationId.Value));
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            var upper = text.ToUpperInvariant();
            query = query.Where(u => u.NormalizedUserName!.Contains(upper) || u.DisplayName.Contains(text));
        }

        var total = await query.CountAsync(ct).ConfigureAwait(false);
        var page = await query.OrderBy(u => u.NormalizedUserName).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxTake)).ToListAsync(ct).ConfigureAwait(false);
        return AdminResult<UserPage>.Ok(new UserPage(await SummariesAsync(page, ct).ConfigureAwait(false), total));
    }

    /// <summary>One account (within scope).</summary>
    public async Task<AdminResult<UserSummary>> GetAsync(string actor, string id, CancellationToken ct = default)
    {
        var (user, failure) = await FindInScopeAsync(actor, id, ct).ConfigureAwait(false);
        return user is null ? failure! : AdminResult<UserSummary>.Ok((await SummariesAsync([user], ct).ConfigureAwait(false))[0]);
    }

    /// <summary>Creates an account in an open organisation within scope.</summary>
    public async Task<AdminResult<UserSummary>> CreateAsync(string actor, CreateUser input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<AdminProblem>();
        if (UserProblems.UserName(input.UserName) is { } userName)
        {
            problems.Add(userName);
        }

        if (UserProblems.DisplayName(input.DisplayName) is { } displayName)
        {
            problems.Add(displayName);
        }

        if (problems.Count > 0)
        {
            return AdminResult<UserSummary>.Fail(AdminOutcome.Invalid, problems);
        }

        var scope = await AdminScope.LoadAsync(db, actor, ct).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var path = OrganisationDirectory.Normalize(input.OrganisationPath) ?? input.OrganisationPath;
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Path == path, ct).ConfigureAwait(false);
        if (organisation is null)
        {
            return AdminResult<UserSummary>.Fail(AdminOutcome.NotFound, AdminProblems.OrganisationMissing(path));
        }

        if (!scope.Covers(organisation.Path))
        {
            return AdminResult<UserSummary>.Fail(AdminOutcome.Forbidden, AdminProblems.OutsideScope(organisation.Path));
        }

        if (organisation.IsClosed)
        {
            return AdminResult<UserSummary>.Fail(AdminOutcome.Conflict, AdminProblems.Closed(organisation.Path));
        }

        var name = input.UserName.Trim();
        if (await users.FindByNameAsync(name).ConfigureAwait(false) is not null)
        {
            return AdminResult<UserSummary>.Fail(AdminOutcome.Conflict, UserProblems.Taken(name));
        }

        var user = new WorkflowUser
        {
            Id = Guid.CreateVersion7().ToString(),
            UserName = name,
            DisplayName = input.DisplayName.Trim(),
            Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim(),
            EmailConfirmed = !string.IsNullOrWhiteSpace(input.Email),
            OrganisationId = organisation.Id,
            LockoutEnabled = true,
        };
        var created = string.IsNullOrEmpty(input.Password)
            ? await users.CreateAsync(user).ConfigureAwait(false)
            : await users.CreateAsync(user, input.Password).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            return AdminResult<UserSummary>.Fail(AdminOutcome.Invalid, [.. created.Errors.Select(UserProblems.FromIdentity)]);
        }

        audit.Add(actor, "user.create", name, new { after = new { user.UserName, user.DisplayName, user.Email, organisation = organisation.Path, withPassword = !string.IsNullOrEmpty(input.Password) } });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return AdminResult<UserSummary>.Ok((await SummariesAsync([user], ct).ConfigureAwait(false))[0]);
    }

    /// <summary>
    /// Disables an account: locked out without end, security stamp renewed (new sign-ins and token refreshes fail).
    /// An administrator cannot disable their own account.
    /// </summary>
    public async Task<AdminResult<UserSummary>> DisableAsync(string actor, string id, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var (user, failure) = await FindInScopeAsync(actor, id, ct).ConfigureAwait(false);
        if (user is null)
        {
            return failure!;
        }

        if (string.Equals(user.UserName, actor, StringComparison.OrdinalIgnoreCase))
        {
            return AdminResult<UserSummary>.Fail(AdminOutcome.Conflict, new AdminProblem("user.disable.self", "不能停用自己的账号。", "You cannot disable your own account."));
        }

        if (user.DisabledAt is null)
        {
            user.DisabledAt = _time.GetUtcNow();
            user.LockoutEnabled = true;
            user.LockoutEnd = DateTimeOffset.MaxValue;
            await users.UpdateSecurityStampAsync(user).ConfigureAwait(false); // saves the user with the fields above
            await sessions.RevokeAllAsync(db, user.Id, "disabled", ct).ConfigureAwait(false); // bearer tokens, refresh tokens and cookies end now
            audit.Add(actor, "user.disable", user.UserName!, new { before = new { disabled = false }, after = new { disabled = true, user.DisabledAt } });
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
        return AdminResult<UserSummary>.Ok((await SummariesAsync([user], ct).ConfigureAwait(false))[0]);
    }

    /// <summary>Enables a disabled account again (the lockout ends; the failed-attempt count starts at zero).</summary>
    public async Task<AdminResult<UserSummary>> EnableAsync(string actor, string id, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var (user, failure) = await FindInScopeAsync(actor, id, ct).ConfigureAwait(false);
        if (user is null)
        {
            return failure!;
        }

        if (user.DisabledAt is { } disabledAt)
        {
            user.DisabledAt = null;
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            await users.UpdateSecurityStampAsync(user).ConfigureAwait(false);
            audit.Add(actor, "user.enable", user.UserName!, new { before = new { disabled = true, disabledAt }, after = new { disabled = false } });
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
        return AdminResult<UserSummary>.Ok((await SummariesAsync([user], ct).ConfigureAwait(false))[0]);
    }

    /// <summary>Gives <paramref name="input"/>'s role at its organisation (open, within scope) to the account.</summary>
    public Task<AdminResult<UserSummary>> GrantAsync(string actor, string id, RoleAtScope input, CancellationToken ct = default) =>
        ChangeRoleAsync(actor, id, input, grant: true, ct);

    /// <summary>Takes the role at the organisation from the account (nothing happens when it does not hold it).</summary>
    public Task<AdminResult<UserSummary>> RevokeAsync(string actor, string id, RoleAtScope input, CancellationToken ct = default) =>
        ChangeRoleAsync(actor, id, input, grant: false, ct);

    private async Task<AdminResult<UserSummary>> ChangeRoleAsync(string actor, string id, RoleAtScope input, bool grant, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!Roles.All.Contains(input.Role, StringComparer.Ordinal))
        {
            return AdminResult<UserSummary>.Fail(AdminOutcome.Invalid, new AdminProblem("role.unknown",
                $"角色「{input.Role}」不存在；可选：{string.Join("、", Roles.All)}。", $"'{input.Role}' is not a role; use one of {string.Join(", ", Roles.All)}.", "role"));
        }

        var scope = await AdminScope.LoadAsync(db, actor, ct).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var (user, failure) = await FindInScopeAsync(actor, id, ct, scope).ConfigureAwait(false);
        if (user is null)
        {
            return failure!;
        }

        var path = OrganisationDirectory.Normalize(input.OrganisationPath) ?? input.OrganisationPath;
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Path == path, ct).ConfigureAwait(false);
        if (organisation is null)
        {
            return AdminResult<UserSummary>.Fail(AdminOutcome.NotFound, AdminProblems.OrganisationMissing(path));
        }

        if (!scope.Covers(organisation.Path))
        {
            return AdminResult<UserSummary>.Fail(AdminOutcome.Forbidden, AdminProblems.OutsideScope(organisation.Path));
        }

        if (grant && organisation.IsClosed)
        {
            return AdminResult<UserSummary>.Fail(AdminOutcome.Conflict, AdminProblems.Closed(organisation.Path));
        }

        var key = Roles.GroupKey(input.Role, organisation.Path);
        var changed = input.Role == Roles.CommitteeMember
            ? await ChangeSeatAsync(user, organisation, grant, ct).ConfigureAwait(false)
            : await ChangeAssignmentAsync(user, input.Role, organisation, grant, ct).ConfigureAwait(false);
        if (changed is { } problem)
        {
            return AdminResult<UserSummary>.Fail(AdminOutcome.Invalid, problem);
        }

        audit.Add(actor, grant ? "role.grant" : "role.revoke", user.UserName!, new { role = key, before = new { holds = !grant }, after = new { holds = grant } });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        await directory.ReloadAsync(ct).ConfigureAwait(false);
        return AdminResult<UserSummary>.Ok((await SummariesAsync([user], ct).ConfigureAwait(false))[0]);
    }

    private async Task<AdminProblem?> ChangeAssignmentAsync(WorkflowUser user, string role, Organisation organisation, bool grant, CancellationToken ct)
    {
        var existing = await db.RoleAssignments.FirstOrDefaultAsync(r => r.UserId == user.Id && r.Role == role && r.OrganisationId == organisation.Id, ct).ConfigureAwait(false);
        if (grant && existing is null)
        {
            db.RoleAssignments.Add(new RoleAssignment { Id = Guid.CreateVersion7(), UserId = user.Id, Role = role, OrganisationId = organisation.Id });
        }
        else if (!grant && existing is not null)
        {
            db.RoleAssignments.Remove(existing);
        }

        return null;
    }

    private async Task<AdminProblem?> ChangeSeatAsync(WorkflowUser user, Organisation organisation, bool grant, CancellationToken ct)
    {
        if (organisation.Kind != OrganisationKind.Committee)
        {
            return new AdminProblem("role.committee", "评审委员只能设在评审委员会组织上。", "committee-member is a seat on a committee node.", "organisationPath");
        }

        var committee = await db.Committees.FirstOrDefaultAsync(c => c.OrganisationId == organisation.Id, ct).ConfigureAwait(false);
        if (committee is null)
        {
            if (!grant)
            {
                return null;
            }

            committee = new Committee { Id = Guid.CreateVersion7(), OrganisationId = organisation.Id, Name = organisation.Name };
            db.Committees.Add(committee);
        }

        var seat = committee.Members.FirstOrDefault(m => m.UserId == user.Id);
        if (grant && seat is null)
        {
            committee.Members.Add(new CommitteeMember { CommitteeId = committee.Id, UserId = user.Id });
        }
        else if (!grant && seat is not null)
        {
            committee.Members.Remove(seat);
        }

        return null;
    }

    private async Task<(WorkflowUser? User, AdminResult<UserSummary>? Failure)> FindInScopeAsync(string actor, string id, CancellationToken ct, AdminScope? scope = null)
    {
        scope ??= await AdminScope.LoadAsync(db, actor, ct).ConfigureAwait(false);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct).ConfigureAwait(false);
        if (user is null)
        {
            return (null, AdminResult<UserSummary>.Fail(AdminOutcome.NotFound, AdminProblems.UserMissing(id)));
        }

        var path = user.OrganisationId is { } organisationId
            ? await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Path).FirstOrDefaultAsync(ct).ConfigureAwait(false)
            : null;
        return scope.Covers(path) || (path is null && scope.Paths.Any(p => p.Count(c => c == '/') == 1))
            ? (user, null)
            : (null, AdminResult<UserSummary>.Fail(AdminOutcome.Forbidden, AdminProblems.OutsideScope(path ?? user.UserName ?? id)));
    }

    private async Task<IReadOnlyList<UserSummary>> SummariesAsync(IReadOnlyList<WorkflowUser> page, CancellationToken ct)
    {
        var ids = page.Select(u => u.Id).ToList();
        var orgIds = page.Where(u => u.OrganisationId is not null).Select(u => u.OrganisationId!.Value).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => (o.Path, o.Name), ct).ConfigureAwait(false);
        var roles = await db.RoleAssignments.AsNoTracking().Where(r => ids.Contains(r.UserId))
            .Select(r => new { r.UserId, r.Role, r.Organisation!.Path }).ToListAsync(ct).ConfigureAwait(false);
        var seats = await db.CommitteeMembers.AsNoTracking().Where(m => ids.Contains(m.UserId))
            .Join(db.Committees, m => m.CommitteeId, c => c.Id, (m, c) => new { m.UserId, c.OrganisationId })
            .Join(db.Organisations, s => s.OrganisationId, o => o.Id, (s, o) => new { s.UserId, o.Path })
            .ToListAsync(ct).ConfigureAwait(false);
        return [.. page.Select(u =>
        {
            var organisation = u.OrganisationId is { } oid && organisations.TryGetValue(oid, out var o) ? o : ((string Path, string Name)?)null;
            var keys = roles.Where(r => r.UserId == u.Id).Select(r => Roles.GroupKey(r.Role, r.Path))
                .Concat(seats.Where(s => s.UserId == u.Id).Select(s => Roles.GroupKey(Roles.CommitteeMember, s.Path)))
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return new UserSummary(u.Id, u.UserName ?? "", u.DisplayName, u.Email, organisation?.Path, organisation?.Name, u.DisabledAt, keys);
        })];
    }
}
