using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Workflows.Activities.Identity;

namespace Workflows.Host.Identity;

/// <summary>The body of <c>POST /api/auth/password</c>; <see cref="UserName"/> only without a sign-in.</summary>
public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword, string? UserName = null);

/// <summary>The body of <c>POST /api/admin/users/{userName}/password</c>.</summary>
public sealed record PasswordResetRequest(string? NewPassword);

/// <summary>How many sessions an administrator's act ended, or how many throttled sources it cleared.</summary>
public sealed record UserSessionsView(string UserName, int SessionsEnded);

public sealed record UserUnlockView(string UserName, int SourcesCleared);

/// <summary>
/// Passwords and sessions: a user changes their own password (<c>POST /api/auth/password</c>: signed in, or — when a
/// change is required before the first sign-in — with <c>userName</c> and the current password); administrators set
/// a password that must be changed at the next sign-in, end a user's sessions and clear the sign-in throttle.
/// A change or reset ends every session of the user: sign in again with the new password.
/// </summary>
public static class PasswordApi
{
    public static IEndpointRouteBuilder MapPasswordApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/password", ChangeAsync).WithTags("Auth")
            .WithSummary("Change the own password (signed in, or with userName while a change is required); ends every session of the user.")
            .AllowAnonymous(); // the credentials are checked here: a required change comes before any sign-in

        var admin = app.MapGroup("/api/admin/users/{userName}").WithTags("Auth")
            .RequireAuthorization(IdentityServices.Policies.Admin);
        admin.MapPost("/password", ResetAsync)
            .WithSummary("Set a user's password (the user must change it at the next sign-in); ends every session of the user.");
        admin.MapPost("/sessions/revoke", RevokeSessionsAsync)
            .WithSummary("End every session of a user (bearer tokens, refresh tokens, cookies) on every node.");
        admin.MapPost("/unlock", UnlockAsync)
            .WithSummary("Clear the sign-in throttle of a user: every address may try again now.");
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangeAsync(
        PasswordChangeRequest request,
        HttpContext httpContext,
        Credentials credentials,
        SignInThrottling throttling,
        UserManager<WorkflowUser> users,
        PasswordChanges changes)
    {
        var ct = httpContext.RequestAborted;
        if (string.IsNullOrEmpty(request.CurrentPassword) || string.IsNullOrEmpty(request.NewPassword))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid",
                detail: "请填写当前密码和新密码。 / currentPassword and newPassword are required.");
        }

        var source = Credentials.SourceOf(httpContext);
        WorkflowUser? user;
        if (httpContext.User.Identity?.IsAuthenticated == true)
        {
            user = await users.GetUserAsync(httpContext.User);
            if (user is null)
            {
                return AuthApi.NotSignedIn();
            }

            if (await throttling.BlockedUntilAsync(user.UserName!, source, ct) is { } blocked)
            {
                return AuthApi.Refusal(new CredentialResult(CredentialStatus.Throttled, RetryAt: blocked), httpContext);
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(request.UserName))
            {
                return AuthApi.NotSignedIn();
            }

            var check = await credentials.CheckAsync(request.UserName, request.CurrentPassword, source, ct);
            if (check.Status is not (CredentialStatus.Valid or CredentialStatus.ChangeRequired))
            {
                return AuthApi.Refusal(check, httpContext);
            }

            user = check.User!;
        }

        var result = await changes.ChangeAsync(user, request.CurrentPassword, request.NewPassword, ct);
        switch (result.Status)
        {
            case PasswordChangeStatus.Changed:
                return TypedResults.NoContent();
            case PasswordChangeStatus.WrongPassword:
                var until = await throttling.RecordFailureAsync(user.UserName!, source, ct);
                return AuthApi.Refusal(new CredentialResult(until is null ? CredentialStatus.Invalid : CredentialStatus.Throttled, RetryAt: until), httpContext);
            default:
                return Refused(result);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ResetAsync(
        string userName, PasswordResetRequest request, PasswordChanges changes, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request.NewPassword))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid",
                detail: "请填写新密码。 / newPassword is required.");
        }

        var result = await changes.ResetAsync(userName, request.NewPassword, ct);
        return result.Status switch
        {
            PasswordChangeStatus.Changed => TypedResults.NoContent(),
            PasswordChangeStatus.NotFound => NoSuchUser(userName),
            _ => Refused(result),
        };
    }

    private static async Task<Results<Ok<UserSessionsView>, ProblemHttpResult>> RevokeSessionsAsync(
        string userName, UserManager<WorkflowUser> users, SessionRevocation sessions, CancellationToken ct)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return NoSuchUser(userName);
        }

        var ended = await sessions.RevokeAllAsync(user.Id, SessionEndReasons.Administrator, ct);
        return TypedResults.Ok(new UserSessionsView(user.UserName!, ended));
    }

    private static async Task<Results<Ok<UserUnlockView>, ProblemHttpResult>> UnlockAsync(
        string userName, UserManager<WorkflowUser> users, SignInThrottling throttling, CancellationToken ct)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return NoSuchUser(userName);
        }

        var cleared = await throttling.UnlockAsync(user.UserName!, ct);
        if (user.AccessFailedCount != 0)
        {
            await users.ResetAccessFailedCountAsync(user);
        }

        return TypedResults.Ok(new UserUnlockView(user.UserName!, cleared));
    }

    private static ProblemHttpResult NoSuchUser(string userName) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "User not found", detail: $"用户 {userName} 不存在。 / There is no user '{userName}'.");

    private static ProblemHttpResult Refused(PasswordChangeResult result) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "The new password is not accepted",
        detail: string.Join(" ", result.Errors),
        extensions: new Dictionary<string, object?> { ["errors"] = result.Errors });
}
