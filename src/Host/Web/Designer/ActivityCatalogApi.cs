using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Engine.Activities;
using Workflows.Host.Identity;

namespace Workflows.Host.Web.Designer;

/// <summary>
/// <c>GET /api/designer/activities</c>: the activity types of the engine's registry with their inputs and outputs, for
/// the designer's activity type list (administrators only).
/// </summary>
public static class ActivityCatalogApi
{
    public static IEndpointRouteBuilder MapActivityCatalogApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/designer/activities", List)
            .WithTags("Designer")
            .WithName("ListActivityTypes")
            .WithSummary("Lists the activity types a service task can name in wf:activityType, with their inputs and outputs")
            .RequireAuthorization(IdentityServices.Policies.Admin);
        return routes;
    }

    private static Ok<IReadOnlyList<ActivityDescriptor>> List(ActivityRegistry registry) => TypedResults.Ok(registry.Descriptors);
}
