using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Engine;
using Workflows.Host.Identity;

namespace Workflows.Host.Api;

/// <summary>
/// <c>/api/messages</c>: deliver BPMN messages to waiting instances or to processes that start with them. Messages are
/// events of other systems: accounts with the role <c>integration</c> and administrators
/// (<see cref="IdentityServices.Policies.Integration"/>).
/// </summary>
public static class MessagesApi
{
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/messages").WithTags("Messages")
            .RequireAuthorization(IdentityServices.Policies.Integration).WithVariableLimits()
            .MapPost("/", CorrelateAsync)
            .WithName("CorrelateMessage")
            .WithSummary("Correlates a message by name and correlation key")
            .WithDescription("Delivers the message to every instance waiting for this name and correlation key; if none waits, starts the newest published process with a message start event of that name. 404 if it reaches nothing.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return routes;
    }

    private static async Task<Ok<CorrelationResult>> CorrelateAsync(CorrelateMessageRequest request, HttpRequest http, CurrentActor actor, WorkflowEngine engine, CancellationToken ct)
    {
        var result = await engine.CorrelateMessageAsync(new CorrelateMessageCommand(
            RequestValues.Required(request.Name, "name"),
            RequestValues.Optional(request.CorrelationKey),
            RequestValues.Variables(request.Variables))
        {
            RequestId = RequestValues.RequestId(http),
            RequestFingerprint = RequestValues.Fingerprint(http, request),
            Actor = actor.UserName,
        }, ct);
        return TypedResults.Ok(result);
    }
}
