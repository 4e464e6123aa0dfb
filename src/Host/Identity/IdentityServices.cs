using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Workflows.Activities.Identity;
using Workflows.Activities.Organisations;
using Workflows.Activities.Persistence;
using Workflows.Engine.Expressions;
using Workflows.Engine.Persistence;
using Workflows.Host.Configuration;
using Workflows.Host.Identity.SigningKeys;

namespace Workflows.Host.Identity;

/// <summary>
/// Sign-in: ASP.NET Core Identity on the honours database (users of <see cref="WorkflowUser"/>, hashed passwords of at
/// least <see cref="CommonPasswordValidator.MinLength"/> characters and not common, failed sign-ins throttled per user
/// and source by <see cref="SignInThrottling"/> instead of Identity's account lockout) with two ways in:
/// a cookie for the UI (<see cref="IdentityConstants.ApplicationScheme"/>) and a bearer token for the API
/// (<see cref="IdentityConstants.BearerScheme"/>). The default scheme, <see cref="Scheme"/>, picks the bearer handler
/// when the request has an <c>Authorization: Bearer …</c> header and the cookie otherwise. Both are protected with
/// data-protection keys kept in the database (<see cref="SigningKeys.KeysDbContext"/>), so every node accepts them.
/// Every sign-in is a <see cref="UserSession"/> row checked on each request (<see cref="SessionCheckMiddleware"/>).
/// <para>
/// Every endpoint says who may call it: a policy of <see cref="Policies"/> on its route group
/// (<c>.RequireAuthorization(Policies.Admin)</c>), or <c>.AllowAnonymous()</c> for the few public ones (health, sign-in,
/// the API description). Anything without a decision falls back to <see cref="Policies.SignedIn"/>. An API call without
/// a sign-in answers 401, a signed-in user without the role 403, both as problem details (no redirect to a login page).
/// </para>
/// </summary>
public static class IdentityServices
{
    /// <summary>The policy scheme that forwards to the bearer or the cookie handler.</summary>
    public const string Scheme = "Workflows.Auth";

    /// <summary>The application name of the data-protection keys: the same on every node, whatever its folder.</summary>
    public const string ApplicationName = "Workflows";

    /// <summary>The cookie of the web UI (and of <c>/api/auth/login?useCookies=true</c>).</summary>
    public const string CookieName = "workflows.auth";

    /// <summary>Claim of the display name (Chinese) in the principal.</summary>
    public const string DisplayNameClaim = "display_name";

    /// <summary>Claim of the user's organisation path.</summary>
    public const string OrganisationPathClaim = "org_path";

    /// <summary>Claims of the group keys (<c>role@orgPath</c>), one per key.</summary>
    public const string GroupClaim = "group";

    /// <summary>The authorization policies (names).</summary>
    public static class Policies
    {
        /// <summary>Any signed-in user (also the fallback of an endpoint without a policy).</summary>
        public const string SignedIn = "SignedIn";

        /// <summary>Provincial administrators (role <c>admin</c>).</summary>
        public const string Admin = "Admin";

        /// <summary>Reviewers of any level and joint-review departments (<see cref="Roles.Reviewers"/>) and administrators.</summary>
        public const string Reviewer = "Reviewer";

        /// <summary>Enterprise filers (<c>enterprise-filer</c>) and administrators.</summary>
        public const string Filer = "Filer";

        /// <summary>
        /// Accounts of other systems that deliver BPMN messages (role <see cref="Roles.Integration"/>) and administrators.
        /// Messages are system events (a registry confirming, a portal submitting), not a reviewer's act.
        /// </summary>
        public const string Integration = "Integration";

        /// <summary>Every policy name.</summary>
        public static IReadOnlyList<string> All { get; } = [SignedIn, Admin, Reviewer, Filer, Integration];
    }

    public static IServiceCollection AddWorkflowIdentity(this IServiceCollection services, WorkflowsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // Identity's EF stores resolve the context from the scope; it is made by the honours database (engine's DB).
        services.AddScoped<HonoursDbContext>(sp => sp.GetRequiredService<HonoursDatabase>().CreateDbContext());
        services.AddSingleton(sp => new OrganisationService(sp.GetRequiredService<HonoursDatabase>()));

        // The organisation tree in memory: expressions (cityOf, leaderOf …) and the scopes of the acting user.
        services.AddSingleton(sp => new OrganisationDirectory(sp.GetRequiredService<HonoursDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IExpressionFunctions>(sp => new OrganisationExpressionFunctions(sp.GetRequiredService<OrganisationDirectory>()));
        services.AddHostedService<OrganisationDirectoryReloader>();
        services.AddHttpContextAccessor();
        services.AddScoped(sp => CurrentActor.From(
            sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User,
            sp.GetRequiredService<OrganisationDirectory>()));

        AddSigningKeys(services, settings);
        // Sign-in lifetimes run on the wall clock, as the token and cookie handlers do: the registered TimeProvider is the
        // business clock of deadlines and notices, which tests move on by weeks while their users stay signed in.
        services.AddSingleton(sp => new SessionRevocation(sp.GetRequiredService<HonoursDatabase>(), TimeProvider.System));
        services.AddSingleton<SignInThrottling>();
        services.AddScoped<Credentials>();
        services.AddScoped<PasswordChanges>();

        // The cookie's periodic security-stamp check makes a new principal: it keeps the session claims.
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal is { } current && SessionClaims.SessionOf(current) is { } session && context.NewPrincipal is { } next)
            {
                SessionClaims.Add(next, session, SessionClaims.GenerationOf(current));
            }

            return Task.CompletedTask;
        });

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
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            // Secure on https requests; always when the host listens on https (also behind a proxy that ends TLS).
            options.Cookie.SecurePolicy = (settings.Urls ?? "").Contains("https://", StringComparison.OrdinalIgnoreCase)
                ? CookieSecurePolicy.Always
                : CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;

            // There is no sign-in page: /api (and every other path until the web UI brings one) answers 401/403 instead
            // of redirecting, and the status code pages write the problem details.
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
                options.Password.RequiredLength = CommonPasswordValidator.MinLength;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = true;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.AllowedForNewUsers = true; // an administrator's lock (LockoutEnd) holds; failures never lock (SignInThrottling)
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<HonoursDbContext>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddSignInManager<WorkflowSignInManager>()
            .AddClaimsPrincipalFactory<WorkflowClaimsPrincipalFactory>();

        var signedIn = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SignedIn, signedIn)
            .AddPolicy(Policies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin))
            .AddPolicy(Policies.Reviewer, policy => policy.RequireAuthenticatedUser().RequireRole([.. Roles.Reviewers, Roles.Admin]))
            .AddPolicy(Policies.Filer, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.EnterpriseFiler, Roles.Admin))
            .AddPolicy(Policies.Integration, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Integration, Roles.Admin))
            .SetFallbackPolicy(signedIn);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbiddenRoles>();
        return services;
    }

    /// <summary>
    /// Data-protection keys (they protect cookies and bearer tokens) in the engine's database under one application
    /// name, so that a token issued by one node validates on every node. The in-memory provider keeps ASP.NET Core's default.
    /// </summary>
    private static void AddSigningKeys(IServiceCollection services, WorkflowsSettings settings)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        var store = settings.ToStoreOptions();
        if (store.Provider == WorkflowStoreProvider.InMemory)
        {
            return;
        }

        // Made by the container, so that it is disposed with the host (a PostgreSQL data source).
        services.AddSingleton(_ => KeysDatabase.Create(store)!);
        services.AddScoped<KeysDbContext>(sp => sp.GetRequiredService<KeysDatabase>().CreateDbContext());
        dataProtection.PersistKeysToDbContext<KeysDbContext>();
        if (settings.DataProtection.Certificate() is { } certificate)
        {
            // Each key is stored encrypted to the certificate: a copy of the database alone forges no cookie or token.
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
    }

    /// <summary>
    /// After the migrations: the keys table, the demo organisations and users (<c>Workflows:Seed:Demo</c>), the first
    /// administrator (<c>Workflows:Seed:AdminPassword</c>), then the organisation directory's first load.
    /// </summary>
    public static async Task InitializeIdentityAsync(this IServiceProvider services, WorkflowsSettings settings, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (services.GetService<KeysDatabase>() is { } keys)
        {
            await keys.MigrateAsync(ct);
            if (string.IsNullOrWhiteSpace(settings.DataProtection.CertificatePath))
            {
                services.GetRequiredService<ILoggerFactory>().CreateLogger("Workflows.Host.Identity.SigningKeys").LogWarning(
                    "Workflows:DataProtection:CertificatePath is not set: the keys that sign cookies and bearer tokens are stored unencrypted in the database "
                    + "(hence ASP.NET Core's \"No XML encryptor configured\"). Whoever can read the database can forge a sign-in; set a certificate in production (README, Configuration).");
            }
        }

        await services.SeedDemoDataAsync(settings, ct);
        await FirstAdministrator.EnsureAsync(services, settings.Seed, ct);
        await services.GetRequiredService<OrganisationDirectory>().ReloadAsync(ct);
    }

    /// <summary>Seeds the demo organisations and users when <c>Workflows:Seed:Demo</c> is on (after the migrations).</summary>
    public static async Task SeedDemoDataAsync(this IServiceProvider services, WorkflowsSettings settings, CancellationToken ct = default)
    {
        if (settings.Seed.Demo)
        {
            await DemoSeed.SeedAsync(services.GetRequiredService<HonoursDatabase>(), ct);
            if (settings.AllowRemote)
            {
                await DemoSeed.MarkDemoPasswordsAsync(services.GetRequiredService<HonoursDatabase>(), ct); // a database seeded before
            }
            await Workflows.Activities.Honours.Campaigns.DemoCampaign.SeedAsync(
                services.GetRequiredService<Workflows.Activities.Honours.HonoursServices>(),
                services.GetRequiredService<HonoursDatabase>(),
                services.GetRequiredService<TimeProvider>(),
                ct);
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
