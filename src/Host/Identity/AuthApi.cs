using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Workflows.Activities.Identity;
using Workflows.Activities.Organisations;

namespace Workflows.Host.Identity;

/// <summary>The body of <c>POST /api/auth/login</c>.</summary>
public sealed record LoginRequest(string? UserName, string? Password);

/// <summary>The body of <c>POST /api/auth/refresh</c> (and, optionally, of <c>POST /api/auth/logout</c>).</summary>
public sealed record RefreshRequest(string? RefreshToken);

/// <summary>An organisation as the API shows it.</summary>
public sealed record OrganisationView(Guid Id, string Code, string Name, OrganisationKind Kind, string Path);

/// <summary>A role held in an organisation.</summary>
public sealed record RoleView(string Role, Guid OrganisationId, string OrganisationName, string OrganisationPath, string GroupKey);

/// <summary>
/// The answer of <c>GET /api/auth/me</c>. <see cref="Scopes"/>: the organisation subtrees whose records the user sees
/// (null: all, for administrators; see <see cref="CurrentActor.Scopes"/>).
/// </summary>
public sealed record MeView(
    string Id,
    string UserName,
    string DisplayName,
    string? Email,
    OrganisationView? Organisation,
    IReadOnlyList<RoleView> Roles,
    IReadOnlyList<string> GroupKeys,
    bool IsAdmin,
    IReadOnlyList<string>? Scopes);

/// <summary>
/// <c>/api/auth</c>: sign in (bearer token, or a cookie with <c>?useCookies=true</c>), refresh a token, sign out, and
/// who am I. Errors are problem details with a Chinese and an English detail. Sign-in, refresh and sign-out are public
/// (signing out must work with an expired cookie too); who am I needs a sign-in. Every sign-in is a session in the
/// database (<see cref="SessionRevocation"/>): logout ends it, a refresh token is single-use, and a password change
/// ends all sessions of the user (<see cref="PasswordApi"/>).
/// </summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");

        group.MapPost("/login", LoginAsync)
            .WithSummary("Sign in with user name and password: a bearer token (default) or a cookie (?useCookies=true).")
            .AllowAnonymous();
        group.MapPost("/refresh", RefreshAsync)
            .WithSummary("A new bearer token for a refresh token.")
            .AllowAnonymous();
        group.MapPost("/logout", LogoutAsync)
            .WithSummary("Sign out: ends the session of the bearer token or cookie (and of the refresh token in the body, if any) and removes the cookie.")
            .AllowAnonymous();
        group.MapGet("/me", MeAsync)
            .WithSummary("The signed-in user: display name, organisation, roles, group keys (role@orgPath) and the organisations whose records the user sees.")
            .RequireAuthorization(IdentityServices.Policies.SignedIn);
        return app;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(
        LoginRequest request,
        bool? useCookies,
        Credentials credentials,
        SignInManager<WorkflowUser> signInManager,
        HttpContext httpContext)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid",
                detail: "请填写用户名和密码。 / userName and password are required.");
        }

        var result = await credentials.CheckAsync(request.UserName, request.Password, Credentials.SourceOf(httpContext), httpContext.RequestAborted);
        if (result.Status == CredentialStatus.Valid)
        {
            signInManager.AuthenticationScheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
            await signInManager.SignInAsync(result.User!, isPersistent: false); // opens the session; the handler writes the token or the cookie
            return TypedResults.Empty;
        }

        return Refusal(result, httpContext);
    }

    /// <summary>The problem for a sign-in that did not succeed (also used by the password change).</summary>
    internal static ProblemHttpResult Refusal(CredentialResult result, HttpContext httpContext)
    {
        switch (result.Status)
        {
            case CredentialStatus.Throttled:
                var until = result.RetryAt!.Value;
                var seconds = Math.Max(1, (int)Math.Ceiling((until - DateTimeOffset.UtcNow).TotalSeconds));
                httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var local = until.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                var utc = until.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many failed sign-ins",
                    detail: $"密码错误次数过多，请于 {local}（北京时间）后重试。 / Too many failed sign-ins from this address: try again after {utc}.",
                    extensions: new Dictionary<string, object?> { ["retryAt"] = until });
            case CredentialStatus.LockedOut:
                return TypedResults.Problem(statusCode: StatusCodes.Status423Locked, title: "Account locked",
                    detail: "账户已被锁定，请联系管理员。 / The account is locked; ask an administrator.");
            case CredentialStatus.ChangeRequired:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Password change required",
                    detail: "请先修改密码（POST /api/auth/password，附用户名和当前密码），再登录。 / Change the password first "
                        + "(POST /api/auth/password with userName, currentPassword and newPassword), then sign in.",
                    extensions: new Dictionary<string, object?> { ["passwordChangeRequired"] = true });
            default:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Sign-in failed",
                    detail: "用户名或密码错误。 / The user name or the password is wrong.");
        }
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request,
        SignInManager<WorkflowUser> signInManager,
        SessionRevocation sessions,
        IServiceProvider services,
        TimeProvider time,
        CancellationToken ct)
    {
        var options = BearerOptionsAccess.Get(services);
        var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null : options.RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires
            || SessionClaims.SessionOf(ticket.Principal) is not { } session
            || await signInManager.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
        {
            return RefreshRefused();
        }

        // Single use: the current generation moves on; a used one coming back ends the session (the whole family).
        var generation = SessionClaims.GenerationOf(ticket.Principal);
        var outcome = await sessions.RotateRefreshAsync(session, generation, ct);
        if (outcome == RefreshOutcome.Reused)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Refresh token reused",
                detail: "这个刷新令牌已经用过：为安全起见，本次登录已结束，请重新登录。 / This refresh token was used before: "
                    + "the session has been ended for safety; sign in again.");
        }

        var settings = services.GetRequiredService<Workflows.Host.Configuration.WorkflowsSettings>();
        if (outcome != RefreshOutcome.Rotated
            || await sessions.CheckAsync(session, user.Id, user.SecurityStamp, settings.AllowRemote, ct) != SessionStatus.Active)
        {
            return RefreshRefused();
        }

        var principal = await signInManager.CreateUserPrincipalAsync(user);
        SessionClaims.Add(principal, session, generation + 1);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static ProblemHttpResult RefreshRefused() => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Refresh failed",
        detail: "刷新令牌无效或已过期，请重新登录。 / The refresh token is not valid or has expired: sign in again.");

    /// <summary>
    /// Ends the session of the request (bearer token or cookie) and, when the body names one, the session of a
    /// refresh token (so that a client whose access token has expired can still end its session), then drops the cookie.
    /// </summary>
    private static async Task<NoContent> LogoutAsync(HttpContext httpContext, SignInManager<WorkflowUser> signInManager, SessionRevocation sessions, IServiceProvider services)
    {
        var ct = httpContext.RequestAborted;
        if (SessionClaims.SessionOf(httpContext.User) is { } session)
        {
            await sessions.RevokeAsync(session, SessionEndReasons.Logout, ct);
        }

        if (httpContext.Request.HasJsonContentType())
        {
            RefreshRequest? body = null;
            try
            {
                body = await httpContext.Request.ReadFromJsonAsync<RefreshRequest>(ct);
            }
            catch (System.Text.Json.JsonException)
            {
                // no refresh token then
            }

            if (!string.IsNullOrEmpty(body?.RefreshToken)
                && BearerOptionsAccess.Get(services).RefreshTokenProtector.Unprotect(body.RefreshToken) is { } ticket
                && SessionClaims.SessionOf(ticket.Principal) is { } refreshSession)
            {
                await sessions.RevokeAsync(refreshSession, SessionEndReasons.Logout, ct);
            }
        }

        await signInManager.SignOutAsync(); // the cookie schemes
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<MeView>, ProblemHttpResult>> MeAsync(
        ClaimsPrincipal principal,
        CurrentActor actor,
        UserManager<WorkflowUser> userManager,
        OrganisationService organisations,
        CancellationToken ct)
    {
        var user = principal.Identity?.IsAuthenticated == true ? await userManager.GetUserAsync(principal) : null;
        if (user is null)
        {
            return NotSignedIn();
        }

        var organisation = user.OrganisationId is { } id ? await organisations.FindAsync(id, ct) : null;
        var roles = await organisations.RolesOfAsync(user.Id, ct);
        var keys = await organisations.GroupKeysAsync(user.Id, ct);
        return TypedResults.Ok(new MeView(
            user.Id,
            user.UserName ?? "",
            user.DisplayName,
            user.Email,
            organisation is null ? null : new OrganisationView(organisation.Id, organisation.Code, organisation.Name, organisation.Kind, organisation.Path),
            [.. roles.Select(r => new RoleView(r.Role, r.OrganisationId, r.OrganisationName, r.OrganisationPath, r.GroupKey))],
            keys,
            actor.IsAdmin,
            actor.Scopes));
    }

    /// <summary>401 problem for a request without a valid sign-in.</summary>
    internal static ProblemHttpResult NotSignedIn() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "Not signed in",
        detail: "请先登录（POST /api/auth/login）。 / Sign in first (POST /api/auth/login) and send the bearer token or the cookie.");
}
