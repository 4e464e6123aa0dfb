using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Engine;
using Workflows.Host.Identity;

namespace Workflows.Host.Api;

/// <summary>
/// <c>GET /api/instances/{id}/xml</c>: the BPMN XML of the definition an instance runs on, for the process picture of the
/// task and instance pages. The definitions API is for administrators; this one answers every signed-in user who may
/// read the instance (<see cref="WorkAccess.ReadableInstanceAsync"/>), and 404 to everyone else.
/// </summary>
public static class InstanceXmlApi
{
    public static IEndpointRouteBuilder MapInstanceXmlApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/instances/{id:guid}/xml", GetXmlAsync)
            .WithTags("Instances")
            .WithName("GetInstanceXml")
            .WithSummary("Gets the BPMN XML of the definition version the instance runs on")
            .Produces<string>(StatusCodes.Status200OK, "application/xml")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(IdentityServices.Policies.SignedIn);
        return routes;
    }

    private static async Task<ContentHttpResult> GetXmlAsync(Guid id, CurrentActor actor, WorkflowEngine engine, CancellationToken ct)
    {
        var instance = await WorkAccess.ReadableInstanceAsync(engine, actor, id, ct);
        var definition = await engine.GetDefinitionOrThrowAsync(instance.DefinitionId, ct);
        return TypedResults.Text(definition.Xml, "application/xml; charset=utf-8");
    }
}
