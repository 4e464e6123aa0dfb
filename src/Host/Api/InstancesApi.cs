using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Engine;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Host.Errors;
using Workflows.Host.Identity;

namespace Workflows.Host.Api;

/// <summary>
/// <c>/api/instances</c>: start, read, list and cancel process instances. Starting needs the definition's start right
/// (<c>camunda:candidateStarterGroups</c> / <c>candidateStarterUsers</c>; without any, administrators only) and is
/// refused for processes that start only through their application (<c>wf:startVia="domain"</c>: the honours processes
/// start by filing a nomination); the engine records the acting user and their organisation as <c>initiator</c> and
/// <c>initiatorOrg</c>. Reading is for those who may see the instance; cancelling is for administrators.
/// </summary>
public static class InstancesApi
{
    public static IEndpointRouteBuilder MapInstancesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/instances").WithTags("Instances")
            .RequireAuthorization(IdentityServices.Policies.SignedIn).WithVariableLimits();

        group.MapPost("/", StartAsync)
            .WithName("StartInstance")
            .WithSummary("Starts an instance of the newest published version of a definition key")
            .WithDescription("Send an Idempotency-Key (or X-Request-Id) header to make a retried request safe: a repeat is answered with the first answer.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/", ListAsync)
            .WithName("ListInstances")
            .WithSummary("Lists instances, filtered by definition key, business key and status")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/{id:guid}", GetAsync)
            .WithName("GetInstance")
            .WithSummary("Gets an instance with its variables and open tasks")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:guid}/history", HistoryAsync)
            .WithName("GetInstanceHistory")
            .WithSummary("Gets the history of an instance, oldest first")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:guid}/cancel", CancelAsync)
            .WithName("CancelInstance")
            .WithSummary("Cancels an active instance and the instances it called (administrators)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(IdentityServices.Policies.Admin);

        return routes;
    }

    private static async Task<Created<InstanceDto>> StartAsync(StartInstanceRequest request, HttpRequest http, CurrentActor actor, WorkflowEngine engine, CancellationToken ct)
    {
        var command = new StartInstanceCommand(
            RequestValues.Required(request.DefinitionKey, "definitionKey"),
            RequestValues.Optional(request.BusinessKey),
            RequestValues.Variables(request.Variables))
        {
            RequestId = RequestValues.RequestId(http),
            RequestFingerprint = RequestValues.Fingerprint(http, request),
            Actor = actor.UserName,
            OrganizationPath = actor.OrganizationPath,
            Campaign = RequestValues.Optional(request.Campaign),
            ActorGroups = WorkAccess.GroupsFor(actor),
            FromTasklist = true,
        };
        var view = await engine.StartAsync(command, ct);
        var tasks = await engine.QueryTasksAsync(new TaskQuery { InstanceId = view.Id, Take = RequestValues.MaxTake }, ct);
        return TypedResults.Created($"/api/instances/{view.Id}", InstanceDto.From(view, tasks));
    }

    private static async Task<Ok<PageDto<InstanceSummaryDto>>> ListAsync(
        string? definitionKey, string? businessKey, string? campaign, string? status, int? skip, int? take, CurrentActor actor, WorkflowEngine engine, CancellationToken ct)
    {
        var (s, t) = RequestValues.Page(skip, take);
        var page = await engine.Store.QueryInstancePageAsync(new InstanceQuery
        {
            DefinitionKey = RequestValues.Optional(definitionKey),
            BusinessKey = RequestValues.Optional(businessKey),
            Campaign = RequestValues.Optional(campaign),
            Status = MyWorkApi.StatusOf(status),
            OrganizationScopes = actor.Scopes,
            OrderBy = InstanceOrder.Started,
            Skip = s,
            Take = t,
        }, ct);
        return TypedResults.Ok(new PageDto<InstanceSummaryDto>(page.Instances.Select(InstanceSummaryDto.From).ToList(), s, t, page.Total));
    }

    private static async Task<Ok<InstanceDto>> GetAsync(Guid id, CurrentActor actor, WorkflowEngine engine, CancellationToken ct)
    {
        await WorkAccess.ReadableInstanceAsync(engine, actor, id, ct);
        var view = await engine.GetInstanceAsync(id, ct) ?? throw NotFound(id);
        var tasks = await engine.QueryTasksAsync(new TaskQuery { InstanceId = id, Take = RequestValues.MaxTake }, ct);
        return TypedResults.Ok(InstanceDto.From(view, tasks));
    }

    private static async Task<Ok<List<HistoryEventDto>>> HistoryAsync(Guid id, CurrentActor actor, WorkflowEngine engine, CancellationToken ct)
    {
        await WorkAccess.ReadableInstanceAsync(engine, actor, id, ct);

        var history = await engine.GetHistoryAsync(id, ct);
        return TypedResults.Ok(history.Select(HistoryEventDto.From).ToList());
    }

    private static async Task<Ok<InstanceDto>> CancelAsync(Guid id, CancelInstanceRequest? request, HttpRequest http, CurrentActor actor, WorkflowEngine engine, CancellationToken ct)
    {
        var view = await engine.CancelAsync(new CancelInstanceCommand(id, RequestValues.Optional(request?.Reason))
        {
            RequestId = RequestValues.RequestId(http),
            RequestFingerprint = RequestValues.Fingerprint(http, request),
            Actor = actor.UserName,
        }, ct);
        var tasks = await engine.QueryTasksAsync(new TaskQuery { InstanceId = id, Take = RequestValues.MaxTake }, ct);
        return TypedResults.Ok(InstanceDto.From(view, tasks));
    }

    private static WorkflowException NotFound(Guid id) => WorkAccess.InstanceNotFound(id);
}
