using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Identity;
using Workflows.Activities.Organisations;
using Workflows.Activities.Persistence;
using Workflows.Host.Configuration;

namespace Workflows.Host.Identity;

/// <summary>
/// The first administrator of a production database, which seeds no demo users: when nobody holds the role
/// <see cref="Roles.Admin"/> and <c>Workflows:Seed:AdminPassword</c> is set, creates the user
/// <c>Workflows:Seed:AdminUserName</c> (default <c>admin</c>) with that password (Identity's password rules apply) as
/// administrator of the root organisation (广东省总工会 <c>/gd</c>, created when the tree is empty). Once an
/// administrator exists the setting does nothing: remove it from the configuration after the first start.
/// </summary>
public static class FirstAdministrator
{
    public const string RootCode = "gd";
    public const string RootName = "广东省总工会";
    public const string DisplayName = "系统管理员";

    /// <summary>Creates the first administrator if needed (see the class summary); true when it did.</summary>
    /// <exception cref="InvalidOperationException">The password breaks the password rules, or the user name is taken by a non-administrator.</exception>
    public static async Task<bool> EnsureAsync(IServiceProvider services, SeedSettings seed, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(seed);
        if (string.IsNullOrEmpty(seed.AdminPassword))
        {
            return false;
        }

        var database = services.GetRequiredService<HonoursDatabase>();
        if (await AdministratorExistsAsync(database, ct))
        {
            return false;
        }

        var userName = string.IsNullOrWhiteSpace(seed.AdminUserName) ? SeedSettings.DefaultAdminUserName : seed.AdminUserName.Trim();
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkflowUser>>();
        if (await users.FindByNameAsync(userName) is not null)
        {
            throw new InvalidOperationException(
                $"Workflows:Seed:AdminPassword is set and no administrator exists, but the user '{userName}' exists without the role {Roles.Admin}. "
                + "Set Workflows:Seed:AdminUserName to a new user name.");
        }

        var rootId = await RootOrganisationAsync(database, ct);
        var user = new WorkflowUser
        {
            UserName = userName,
            DisplayName = DisplayName,
            OrganisationId = rootId,
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user, seed.AdminPassword);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(
                "Workflows:Seed:AdminPassword cannot be used for the first administrator: "
                + string.Join(" ", created.Errors.Select(e => e.Description))
                + " (at least 12 characters, not a common password, with an upper-case and a lower-case letter, a digit and a symbol).");
        }

        await using var db = database.CreateDbContext();
        db.RoleAssignments.Add(new RoleAssignment { Id = Guid.CreateVersion7(), UserId = user.Id, Role = Roles.Admin, OrganisationId = rootId });
        await db.SaveChangesAsync(ct);
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FirstAdministrator)).LogWarning(
            "Created the first administrator '{UserName}' from Workflows:Seed:AdminPassword. Remove that setting from the configuration now.", userName);
        return true;
    }

    private static async Task<bool> AdministratorExistsAsync(HonoursDatabase database, CancellationToken ct)
    {
        await using var db = database.CreateDbContext();
        return await db.RoleAssignments.AnyAsync(r => r.Role == Roles.Admin, ct);
    }

    /// <summary>The root of the organisation tree (the first by path), created as 广东省总工会 when the tree is empty.</summary>
    private static async Task<Guid> RootOrganisationAsync(HonoursDatabase database, CancellationToken ct)
    {
        await using var db = database.CreateDbContext();
        var root = await db.Organisations.Where(o => o.ParentId == null).OrderBy(o => o.Path).FirstOrDefaultAsync(ct);
        if (root is not null)
        {
            return root.Id;
        }

        root = new Organisation
        {
            Id = Guid.CreateVersion7(),
            Code = RootCode,
            Name = RootName,
            Kind = OrganisationKind.Province,
            Path = Organisation.ChildPath(null, RootCode),
        };
        db.Organisations.Add(root);
        await db.SaveChangesAsync(ct);
        return root.Id;
    }
}
