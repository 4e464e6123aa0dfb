using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Activities.Identity;
using Workflows.Activities.Organisations;
using Workflows.Activities.Persistence;

namespace Workflows.Host.Tests.Identity;

/// <summary>Users for tests beyond the demo accounts, made through the host's own Identity services.</summary>
public static class IdentityTestData
{
    /// <summary>
    /// Creates a user holding <paramref name="role"/> in the organisation at <paramref name="organisationPath"/> (which
    /// must exist) and reloads the organisation directory; returns the user's id.
    /// </summary>
    public static async Task<string> AddUserAsync(IServiceProvider services, string userName, string password, string role, string organisationPath, string? email = null)
    {
        var database = services.GetRequiredService<HonoursDatabase>();
        Guid organisationId;
        await using (var db = database.CreateDbContext())
        {
            organisationId = (await db.Organisations.SingleAsync(o => o.Path == organisationPath)).Id;
        }

        var users = services.GetRequiredService<UserManager<WorkflowUser>>();
        var user = new WorkflowUser { UserName = userName, DisplayName = userName, Email = email, OrganisationId = organisationId };
        var created = await users.CreateAsync(user, password);
        created.Succeeded.Should().BeTrue(string.Join(" ", created.Errors.Select(e => e.Description)));
        await using (var db = database.CreateDbContext())
        {
            db.RoleAssignments.Add(new RoleAssignment { Id = Guid.CreateVersion7(), UserId = user.Id, Role = role, OrganisationId = organisationId });
            await db.SaveChangesAsync();
        }

        await services.GetRequiredService<OrganisationDirectory>().ReloadAsync();
        return user.Id;
    }
}
