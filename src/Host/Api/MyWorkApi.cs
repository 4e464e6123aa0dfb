using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Engine;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Host.Errors;
using Workflows.Host.Identity;

namespace Workflows.Host.Api;

/// <summary>
/// <c>/api/me</c>: the signed-in user's lists — to do (待办), done (已办), copied to me (抄送我的) and started by me
/// (我发起的) — with filters, paging, a total and sorting. Any signed-in user; each list holds only the user's own items.
/// </summary>
public static class MyWorkApi
{
    public static IEndpointRouteBuilder MapMyWorkApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/me").WithTags("My work")
            .RequireAuthorization(IdentityServices.Policies.SignedIn);

        group.MapGet("/todo", TodoAsync)
            .WithName("MyTodo")
            .WithSummary("待办: tasks assigned to me, and unclaimed tasks where I or one of my roles is a candidate")
            .WithDescription("Filters: definitionKey, campaign, businessKey, dueBefore (ISO date-time). sort: created (oldest first, default), -created (newest first), due (earliest deadline first). Paging: skip, take.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/done", DoneAsync)
            .WithName("MyDone")
            .WithSummary("已办: what I did on tasks (approved, voted, rejected, returned, transferred, delegated, resolved, withdrew), newest first")
            .WithDescription("Filters: definitionKey, campaign, status (of the instance: active, completed, terminated, cancelled). Paging: skip, take.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/copies", CopiesAsync)
            .WithName("MyCopies")
            .WithSummary("抄送我的: tasks copied to me, newest first")
            .WithDescription("Filters: definitionKey, campaign, unread (true: unread only; false: read only). Paging: skip, take.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapPost("/copies/{id:guid}/read", ReadCopyAsync)
            .WithName("ReadCopy")
            .WithSummary("Marks a copy to me as read")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/started", StartedAsync)
            .WithName("MyStarted")
            .WithSummary("我发起的: instances I started, newest first")
            .WithDescription("Filters: definitionKey, campaign, status. Paging: skip, take.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        return routes;
    }

    private static async Task<Ok<CountedPageDto<WorkTaskDto>>> TodoAsync(
        string? definitionKey, string? campaign, string? businessKey, DateTimeOffset? dueBefore, string? sort, int? skip, int? take,
        CurrentActor actor, WorkflowEngine engine, TimeProvider time, CancellationToken ct)
    {
        var (s, t) = RequestValues.Page(skip, take);
        var page = await engine.Store.QueryTaskPageAsync(new TaskQuery
        {
            Handler = new TaskHandler(User(actor), actor.Groups),
            DefinitionKey = RequestValues.Optional(definitionKey),
            Campaign = RequestValues.Optional(campaign),
            BusinessKey = RequestValues.Optional(businessKey),
            DueBefore = dueBefore,
            OrderBy = TaskOrderOf(sort),
            Skip = s,
            Take = t,
        }, ct);
        var now = time.GetUtcNow();
        return TypedResults.Ok(new CountedPageDto<WorkTaskDto>(page.Tasks.Select(x => WorkTaskDto.From(x, now)).ToList(), s, t, page.Total));
    }

    private static async Task<Ok<CountedPageDto<DoneTaskDto>>> DoneAsync(
        string? definitionKey, string? campaign, string? status, int? skip, int? take, CurrentActor actor, WorkflowEngine engine, CancellationToken ct)
    {
        var (s, t) = RequestValues.Page(skip, take);
        var page = await engine.Store.QueryDoneTasksAsync(new DoneTaskQuery(User(actor))
        {
            DefinitionKey = RequestValues.Optional(definitionKey),
            Campaign = RequestValues.Optional(campaign),
            InstanceStatus = StatusOf(status),
            Skip = s,
            Take = t,
        }, ct);
        return TypedResults.Ok(new CountedPageDto<DoneTaskDto>(page.Items.Select(DoneTaskDto.From).ToList(), s, t, page.Total));
    }

    private static async Task<Ok<CountedPageDto<CopyDto>>> CopiesAsync(
        string? definitionKey, string? campaign, bool? unread, int? skip, int? take, CurrentActor actor, WorkflowEngine engine, CancellationToken ct)
    {
        var (s, t) = RequestValues.Page(skip, take);
        var page = await engine.Store.QueryCopiesAsync(new CopyQuery(User(actor))
        {
            DefinitionKey = RequestValues.Optional(definitionKey),
            Campaign = RequestValues.Optional(campaign),
            Unread = unread,
            Skip = s,
            Take = t,
        }, ct);
        return TypedResults.Ok(new CountedPageDto<CopyDto>(page.Items.Select(CopyDto.From).ToList(), s, t, page.Total));
    }

    private static async Task<Ok<CopyDto>> ReadCopyAsync(Guid id, CurrentActor actor, WorkflowEngine engine, TimeProvider time, CancellationToken ct)
    {
        var user = User(actor);
        if (!await engine.Store.MarkCopyReadAsync(id, user, time.GetUtcNow(), ct) || await engine.Store.GetCopyAsync(id, ct) is not { } copy)
        {
            throw new WorkflowException($"Copy {id} does not exist. 抄送记录不存在。", WorkflowErrorKind.NotFound);
        }

        return TypedResults.Ok(CopyDto.From(copy));
    }

    private static async Task<Ok<CountedPageDto<WorkInstanceDto>>> StartedAsync(
        string? definitionKey, string? campaign, string? status, int? skip, int? take, CurrentActor actor, WorkflowEngine engine, CancellationToken ct)
    {
        var (s, t) = RequestValues.Page(skip, take);
        var page = await engine.Store.QueryInstancePageAsync(new InstanceQuery
        {
            StartedBy = User(actor),
            DefinitionKey = RequestValues.Optional(definitionKey),
            Campaign = RequestValues.Optional(campaign),
            Status = StatusOf(status),
            Skip = s,
            Take = t,
        }, ct);
        return TypedResults.Ok(new CountedPageDto<WorkInstanceDto>(page.Instances.Select(WorkInstanceDto.From).ToList(), s, t, page.Total));
    }

    private static string User(CurrentActor actor) =>
        actor.UserName ?? throw new ApiProblemException(StatusCodes.Status401Unauthorized, "Not signed in", "Sign in first. 请先登录。");

    internal static TaskOrder TaskOrderOf(string? sort) => RequestValues.Optional(sort) switch
    {
        null or "created" => TaskOrder.Created,
        "-created" => TaskOrder.CreatedDescending,
        "due" => TaskOrder.Due,
        var other => throw ApiProblemException.BadRequest($"sort '{other}' is unknown; use created, -created or due."),
    };

    internal static InstanceStatus? StatusOf(string? status)
    {
        if (RequestValues.Optional(status) is not { } text)
        {
            return null;
        }

        if (!Enum.TryParse<InstanceStatus>(text, ignoreCase: true, out var value) || !Enum.IsDefined(value) || int.TryParse(text, out _))
        {
            throw ApiProblemException.BadRequest($"status '{text}' is unknown; use one of {string.Join(", ", Enum.GetNames<InstanceStatus>().Select(n => n.ToLowerInvariant()))}.");
        }

        return value;
    }
}
