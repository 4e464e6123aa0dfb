using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Engine;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Host.Identity;

namespace Workflows.Host.Api;

/// <summary><c>/api/tasks</c>: find and complete open user tasks. Any signed-in user (recorded as the one who completed).</summary>
public static class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/tasks").WithTags("Tasks")
            .RequireAuthorization(IdentityServices.Policies.SignedIn).WithVariableLimits();

        group.MapGet("/", ListAsync)
            .WithName("ListTasks")
            .WithSummary("Lists open user tasks")
            .WithDescription("The open tasks within the organisation scope of my roles (all for administrators; my own to-do list is GET /api/me/todo). Filters: instanceId, elementId, assignee, candidateUser, candidateGroup (repeat it for several groups: a task matches if one of them is a candidate group), definitionKey, businessKey; paging with skip and take.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/{id:guid}", GetAsync)
            .WithName("GetTask")
            .WithSummary("Gets an open user task")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:guid}/complete", CompleteAsync)
            .WithName("CompleteTask")
            .WithSummary("Completes a user task with variables and a comment")
            .WithDescription("Answers the instance as it stands afterwards, with its next open tasks. Send an Idempotency-Key header to make a retry safe.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return routes;
    }

    private static async Task<Ok<PageDto<TaskDto>>> ListAsync(
        Guid? instanceId,
        string? elementId,
        string? assignee,
        string? candidateUser,
        string[]? candidateGroup,
        string? definitionKey,
        string? businessKey,
        int? skip,
        int? take,
        CurrentActor actor,
        WorkflowEngine engine,
        CancellationToken ct)
    {
        var (s, t) = RequestValues.Page(skip, take);
        var groups = candidateGroup?
            .SelectMany(g => g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var tasks = await engine.QueryTasksAsync(new TaskQuery
        {
            InstanceId = instanceId,
            ElementId = RequestValues.Optional(elementId),
            Assignee = RequestValues.Optional(assignee),
            CandidateUser = RequestValues.Optional(candidateUser),
            CandidateGroups = groups is { Count: > 0 } ? groups : null,
            DefinitionKey = RequestValues.Optional(definitionKey),
            BusinessKey = RequestValues.Optional(businessKey),
            OrganizationScopes = actor.Scopes,
            Skip = s,
            Take = t,
        }, ct);
        return TypedResults.Ok(new PageDto<TaskDto>(tasks.Select(TaskDto.From).ToList(), s, t));
    }

    private static async Task<Ok<TaskDto>> GetAsync(Guid id, CurrentActor actor, WorkflowEngine engine, CancellationToken ct)
    {
        var task = await WorkAccess.ReadableTaskAsync(engine, actor, id, ct);
        return TypedResults.Ok(TaskDto.From(task));
    }

    private static async Task<Ok<InstanceDto>> CompleteAsync(Guid id, CompleteTaskRequest? request, HttpRequest http, CurrentActor actor, WorkflowEngine engine, CancellationToken ct)
    {
        // A retry after success answers the first answer, even though the task is gone now.
        var view = await Replay.FirstAsync<InstanceView>(engine, "complete-task", http, actor, request, ct);
        if (view is null)
        {
            await WorkAccess.ReadableTaskAsync(engine, actor, id, ct);
            view = await CompleteTaskAsync(id, request, http, actor, engine, ct);
        }

        var tasks = await engine.QueryTasksAsync(new TaskQuery { InstanceId = view.Id, Take = RequestValues.MaxTake }, ct);
        return TypedResults.Ok(InstanceDto.From(view, tasks));
    }

    private static Task<InstanceView> CompleteTaskAsync(Guid id, CompleteTaskRequest? request, HttpRequest http, CurrentActor actor, WorkflowEngine engine, CancellationToken ct) =>
        engine.CompleteTaskAsync(new CompleteTaskCommand(id, RequestValues.Variables(request?.Variables))
        {
            Comment = RequestValues.Optional(request?.Comment),
            RequestId = RequestValues.RequestId(http),
            RequestFingerprint = RequestValues.Fingerprint(http, request),
            Actor = actor.UserName,
            ActorGroups = WorkAccess.GroupsFor(actor),
        }, ct);
}
