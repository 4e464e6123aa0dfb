using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Workflows.Activities.Identity;
using Workflows.Host.Configuration;

namespace Workflows.Host.Identity;

/// <summary>The claims that tie a token or cookie to its <see cref="UserSession"/>.</summary>
public static class SessionClaims
{
    /// <summary>The session's id.</summary>
    public const string SessionId = "sid";

    /// <summary>The refresh generation the token was issued in (see <see cref="SessionRevocation.RotateRefreshAsync"/>).</summary>
    public const string Generation = "sgen";

    public static Guid? SessionOf(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(SessionId), out var id) ? id : null;

    public static int GenerationOf(ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirstValue(Generation), NumberStyles.None, CultureInfo.InvariantCulture, out var generation) ? generation : -1;

    /// <summary>Adds the session claims to a principal made by the claims factory.</summary>
    public static void Add(ClaimsPrincipal principal, Guid session, int generation)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(SessionId, session.ToString()));
        identity.AddClaim(new Claim(Generation, generation.ToString(CultureInfo.InvariantCulture)));
    }
}

/// <summary>Every sign-in (bearer or cookie) opens a <see cref="UserSession"/> and carries its id in the principal.</summary>
public sealed class WorkflowSignInManager(
    UserManager<WorkflowUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<WorkflowUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<WorkflowUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<WorkflowUser> confirmation,
    SessionRevocation sessions)
    : SignInManager<WorkflowUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task SignInWithClaimsAsync(WorkflowUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        ArgumentNullException.ThrowIfNull(user);
        var kind = AuthenticationScheme == IdentityConstants.BearerScheme ? "bearer" : "cookie";
        var session = await sessions.OpenAsync(user.Id, kind, Context.RequestAborted);
        var principal = await CreateUserPrincipalAsync(user);
        foreach (var claim in additionalClaims)
        {
            ((ClaimsIdentity)principal.Identity!).AddClaim(claim);
        }

        SessionClaims.Add(principal, session, 0);
        await Context.SignInAsync(AuthenticationScheme, principal, authenticationProperties ?? new AuthenticationProperties());
        Context.User = principal;
    }
}

/// <summary>
/// Right after authentication: a signed-in request goes on only while its session is open in the database (not
/// revoked, not expired, the user's security stamp unchanged, the user not locked or disabled, no password change
/// pending). Otherwise the request is anonymous (401 for the API, the sign-in page for the UI) and the cookie is
/// dropped. One primary-key read per signed-in request and no cache, so a revocation holds on every node at once.
/// </summary>
public sealed class SessionCheckMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, SessionRevocation sessions, WorkflowsSettings settings, IOptions<IdentityOptions> identity)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var claims = identity.Value.ClaimsIdentity;
            var status = SessionClaims.SessionOf(user) is { } session && user.FindFirstValue(claims.UserIdClaimType) is { } userId
                ? await sessions.CheckAsync(session, userId, user.FindFirstValue(claims.SecurityStampClaimType), settings.AllowRemote, context.RequestAborted)
                : SessionStatus.Ended;
            if (status != SessionStatus.Active)
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
                if (context.Request.Cookies.ContainsKey(IdentityServices.CookieName))
                {
                    context.Response.Cookies.Delete(IdentityServices.CookieName);
                }
            }
        }

        await next(context);
    }
}
