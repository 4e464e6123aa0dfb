using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Workflows.Host.Identity;

/// <summary>
/// Remembers, when a signed-in user is refused (403), which roles the endpoint wanted, so that the problem details
/// say so (<see cref="Errors.ProblemDefaults"/>); then answers as ASP.NET Core does (challenge 401, forbid 403).
/// </summary>
internal sealed class ForbiddenRoles : IAuthorizationMiddlewareResultHandler
{
    private const string ItemKey = "Workflows.RequiredRoles";
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure is { } failure)
        {
            context.Items[ItemKey] = failure.FailedRequirements
                .OfType<RolesAuthorizationRequirement>()
                .SelectMany(r => r.AllowedRoles)
                .Distinct(StringComparer.Ordinal)
                .ToList();
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>The roles the refused endpoint wanted (one of them would do); empty when not known.</summary>
    public static IReadOnlyList<string> Of(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) && value is IReadOnlyList<string> roles ? roles : [];
}
