using Workflows.Activities.Audit;
using Workflows.Activities.Organisations.Administration;

// In this namespace so that the host adds the administration with one line and no using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the administration of organisations and accounts and the audit log in a host.</summary>
public static class AdministrationServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IAuditLog"/> (and <see cref="AuditLog"/>), <see cref="OrganisationAdministration"/>,
    /// <see cref="UserAdministration"/> and <see cref="DirectoryImport"/> as scoped services: each works on the
    /// request's <c>HonoursDbContext</c> (the host registers it scoped, as Identity's stores need it) and Identity's
    /// <c>UserManager</c>, so that a use case, its audit entry and Identity's writes share one transaction.
    /// </summary>
    public static IServiceCollection AddDirectoryAdministration(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddScoped<AuditLog>();
        services.AddScoped<IAuditLog>(sp => sp.GetRequiredService<AuditLog>());
        services.AddScoped<OrganisationAdministration>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<DirectoryImport>();
        return services;
    }
}
