using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Workflows.Activities.Identity;
using Workflows.Activities.Organisations;

namespace Workflows.Host.Identity;

/// <summary>The body of <c>POST /api/auth/login</c>.</summary>
public sealed record LoginRequest(string? UserName, string? Password);

/// <summary>The body of <c>POST /api/auth/refresh</c>.</summary>
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
/// (signing out must work with an expired cookie too); who am I needs a sign-in.
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
            .WithSummary("Sign out: removes the cookie (a bearer token simply expires; drop it on the client).")
            .AllowAnonymous();
        group.MapGet("/me", MeAsync)
            .WithSummary("The signed-in user: display name, organisation, roles, group keys (role@orgPath) and the organisations whose records the user sees.")
            .RequireAuthorization(IdentityServices.Policies.SignedIn);
        return app;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(
        LoginRequest request,
        bool? useCookies,
        SignInManager<WorkflowUser> signInManager,
        HttpContext httpContext)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid",
                detail: "请填写用户名和密码。 / userName and password are required.");
        }

        signInManager.AuthenticationScheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        var result = await signInManager.PasswordSignInAsync(request.UserName, request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return TypedResults.Empty; // the handler wrote the token (bearer) or the Set-Cookie header
        }

        if (result.IsLockedOut)
        {
            var user = await signInManager.UserManager.FindByNameAsync(request.UserName);
            var until = user?.LockoutEnd;
            if (until is { } end)
            {
                var seconds = Math.Max(1, (int)Math.Ceiling((end - DateTimeOffset.UtcNow).TotalSeconds));
                httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            var local = until?.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var utc = until?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status423Locked,
                title: "Account locked",
                detail: until is null
                    ? "账户已被锁定，请联系管理员。 / The account is locked; ask an administrator."
                    : $"密码错误次数过多，账户已锁定，将于 {local}（北京时间）解锁。 / Too many failed sign-ins: the account is locked until {utc}.",
                extensions: new Dictionary<string, object?> { ["lockedUntil"] = until });
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Sign-in failed",
            detail: "用户名或密码错误。 / The user name or the password is wrong.");
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request,
        SignInManager<WorkflowUser> signInManager,
        IServiceProvider services,
        TimeProvider time)
    {
        var options = BearerOptionsAccess.Get(services);
        var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null : options.RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires
            || await signInManager.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Refresh failed",
                detail: "刷新令牌无效或已过期，请重新登录。 / The refresh token is not valid or has expired: sign in again.");
        }

        var principal = await signInManager.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<NoContent> LogoutAsync(SignInManager<WorkflowUser> signInManager)
    {
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
