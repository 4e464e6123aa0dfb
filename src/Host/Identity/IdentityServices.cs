using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Workflows.Activities.Identity;
using Workflows.Activities.Organisations;
using Workflows.Activities.Persistence;
using Workflows.Host.Configuration;

namespace Workflows.Host.Identity;

/// <summary>
/// Sign-in: ASP.NET Core Identity on the honours database (users of <see cref="WorkflowUser"/>, hashed passwords,
/// lockout after <see cref="MaxFailedAttempts"/> failures for <see cref="LockoutMinutes"/> minutes) with two ways in:
/// a cookie for the UI (<see cref="IdentityConstants.ApplicationScheme"/>) and a bearer token for the API
/// (<see cref="IdentityConstants.BearerScheme"/>). The default scheme, <see cref="Scheme"/>, picks the bearer handler
/// when the request has an <c>Authorization: Bearer …</c> header and the cookie otherwise.
/// <para>
/// Policies (<see cref="Policies"/>) are defined for the endpoints to require; the existing API does not require them
/// yet. Enforce per endpoint with <c>.RequireAuthorization(Policies.Reviewer)</c> (or a route group).
/// </para>
/// </summary>
public static class IdentityServices
{
    /// <summary>The policy scheme that forwards to the bearer or the cookie handler.</summary>
    public const string Scheme = "Workflows.Auth";

    public const int MaxFailedAttempts = 5;
    public const int LockoutMinutes = 15;

    /// <summary>Claim of the display name (Chinese) in the principal.</summary>
    public const string DisplayNameClaim = "display_name";

    /// <summary>Claim of the user's organisation path.</summary>
    public const string OrganisationPathClaim = "org_path";

    /// <summary>Claims of the group keys (<c>role@orgPath</c>), one per key.</summary>
    public const string GroupClaim = "group";

    /// <summary>The authorization policies (names).</summary>
    public static class Policies
    {
        /// <summary>Provincial administrators (role <c>admin</c>).</summary>
        public const string Admin = "Admin";

        /// <summary>Reviewers of any level and joint-review departments (<see cref="Roles.Reviewers"/>) and administrators.</summary>
        public const string Reviewer = "Reviewer";

        /// <summary>Enterprise filers (<c>enterprise-filer</c>) and administrators.</summary>
        public const string Filer = "Filer";
    }

    public static IServiceCollection AddWorkflowIdentity(this IServiceCollection services)
    {
        // Identity's EF stores resolve the context from the scope; it is made by the honours database (engine's DB).
        services.AddScoped<HonoursDbContext>(sp => sp.GetRequiredService<HonoursDatabase>().CreateDbContext());
        services.AddSingleton(sp => new OrganisationService(sp.GetRequiredService<HonoursDatabase>()));

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = Scheme;
                options.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Bearer token or cookie", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, options =>
            {
                options.BearerTokenExpiration = TimeSpan.FromHours(1);
                options.RefreshTokenExpiration = TimeSpan.FromDays(7);
            })
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "workflows.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;

            // No sign-in page yet: the API answers 401/403 instead of redirecting (status code pages add the problem).
            options.Events.OnRedirectToLogin = context =>
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddIdentityCore<WorkflowUser>(options =>
            {
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = true;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(LockoutMinutes);
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<HonoursDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<WorkflowClaimsPrincipalFactory>();

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin))
            .AddPolicy(Policies.Reviewer, policy => policy.RequireAuthenticatedUser().RequireRole([.. Roles.Reviewers, Roles.Admin]))
            .AddPolicy(Policies.Filer, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.EnterpriseFiler, Roles.Admin));
        return services;
    }

    /// <summary>Seeds the demo organisations and users when <c>Workflows:Seed:Demo</c> is on (after the migrations).</summary>
    public static async Task SeedDemoDataAsync(this IServiceProvider services, WorkflowsSettings settings, CancellationToken ct = default)
    {
        if (settings.Seed.Demo)
        {
            await DemoSeed.SeedAsync(services.GetRequiredService<HonoursDatabase>(), ct);
        }
    }
}

/// <summary>
/// Puts into the principal (cookie and bearer token): display name, organisation path, the role names as
/// <see cref="ClaimTypes.Role"/> claims (for <c>RequireRole</c>; a role held anywhere counts) and the group keys.
/// </summary>
internal sealed class WorkflowClaimsPrincipalFactory(
    UserManager<WorkflowUser> userManager,
    IOptions<IdentityOptions> options,
    OrganisationService organisations)
    : UserClaimsPrincipalFactory<WorkflowUser>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(WorkflowUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(IdentityServices.DisplayNameClaim, user.DisplayName));
        if (user.OrganisationId is { } organisationId && await organisations.FindAsync(organisationId) is { } organisation)
        {
            identity.AddClaim(new Claim(IdentityServices.OrganisationPathClaim, organisation.Path));
        }

        var roles = await organisations.RolesOfAsync(user.Id);
        var keys = await organisations.GroupKeysAsync(user.Id);
        var roleNames = roles.Select(r => r.Role).Concat(keys.Select(k => k[..k.IndexOf('@', StringComparison.Ordinal)]));
        foreach (var role in roleNames.Distinct(StringComparer.Ordinal))
        {
            identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, role));
        }

        foreach (var key in keys)
        {
            identity.AddClaim(new Claim(IdentityServices.GroupClaim, key));
        }

        return identity;
    }
}

/// <summary>Makes <see cref="BearerTokenOptions"/> reachable for the refresh endpoint.</summary>
internal static class BearerOptionsAccess
{
    public static BearerTokenOptions Get(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
}
