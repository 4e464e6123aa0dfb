using Workflows.Activities.Honours.UseCases;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Workflows.Activities.Identity;
using Workflows.Engine;
using Workflows.Engine.Model;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Host.Errors;
using Workflows.Host.Identity;

namespace Workflows.Host.Api;

/// <summary>
/// The approval operations on a task (同意, 驳回, 退回, 认领, 释放, 转办, 委派, 加签, 减签, 抄送, 催办, 意见, 表决) and on an
/// instance (撤回, 催办, the process picture's marks). Any signed-in user; the engine checks that the user is the task's
/// assignee or a candidate (administrators are trusted), and a task or instance the user may not read answers 404.
/// Every operation is recorded in the instance's history with the user, the time and the comment; a refusal is a
/// problem detail and changes nothing. Send an Idempotency-Key header to make a retry safe.
/// </summary>
public static class TaskOperationsApi
{
    /// <summary>The names of the operations, as <see cref="TaskDetailDto.Operations"/> lists them.</summary>
    public static class Operations
    {
        public const string Claim = "claim";
        public const string Release = "release";
        public const string Approve = "approve";
        public const string Reject = "reject";
        public const string Vote = "vote";
        public const string Return = "return";
        public const string Transfer = "transfer";
        public const string Delegate = "delegate";
        public const string Resolve = "resolve";
        public const string AddSigner = "add-signer";
        public const string RemoveSigner = "remove-signer";
        public const string Copy = "copy";
        public const string Urge = "urge";
        public const string Comment = "comment";
    }

    public static IEndpointRouteBuilder MapTaskOperationsApi(this IEndpointRouteBuilder routes)
    {
        var tasks = routes.MapGroup("/api/tasks/{id:guid}").WithTags("Task operations")
            .RequireAuthorization(IdentityServices.Policies.SignedIn).WithVariableLimits();

        tasks.MapGet("/detail", DetailAsync).WithName("GetTaskDetail")
            .WithSummary("The task with its node's rules, return targets, tally and the operations I may use now")
            .ProducesProblem(StatusCodes.Status404NotFound);
        Operation(tasks.MapPost("/approve", ApproveAsync).WithName("ApproveTask").WithSummary("同意: completes the task with approved = true (a vote for, on a committee vote)"));
        Operation(tasks.MapPost("/reject", RejectAsync).WithName("RejectTask").WithSummary("驳回: follows the node's rule (outcome, end, or return); a vote against on a committee vote"));
        Operation(tasks.MapPost("/vote", VoteAsync).WithName("VoteTask").WithSummary("表决: for, against or abstain (同意 / 反对 / 弃权) on a committee vote"));
        Operation(tasks.MapPost("/return", ReturnAsync).WithName("ReturnTask").WithSummary("退回: to an earlier node, or to the initiator (target = initiator) for correction"));
        Operation(tasks.MapPost("/claim", ClaimAsync).WithName("ClaimTask").WithSummary("认领: take an unassigned task I am a candidate for"));
        Operation(tasks.MapPost("/release", ReleaseAsync).WithName("ReleaseTask").WithSummary("释放: give a claimed task back to its candidates"));
        Operation(tasks.MapPost("/transfer", TransferAsync).WithName("TransferTask").WithSummary("转办: hand the task to another user for good"));
        Operation(tasks.MapPost("/delegate", DelegateAsync).WithName("DelegateTask").WithSummary("委派: another user works on it and resolves it back to me"));
        Operation(tasks.MapPost("/resolve", ResolveAsync).WithName("ResolveTask").WithSummary("The delegate gives the task back to its owner"));
        Operation(tasks.MapPost("/add-signer", AddSignerAsync).WithName("AddSigner").WithSummary("加签: add a signer before me (back to me afterwards) or after me"));
        Operation(tasks.MapPost("/remove-signer", RemoveSignerAsync).WithName("RemoveSigner").WithSummary("减签: remove a signer who has not acted yet"));
        Operation(tasks.MapPost("/copy", CopyAsync).WithName("CopyTask").WithSummary("抄送: copy to readers"));
        Operation(tasks.MapPost("/urge", UrgeTaskAsync).WithName("UrgeTask").WithSummary("催办: remind the task's handlers now"));
        Operation(tasks.MapPost("/comment", CommentAsync).WithName("CommentTask").WithSummary("审批意见: add a comment to the record"));

        var instances = routes.MapGroup("/api/instances/{id:guid}").WithTags("Instances")
            .RequireAuthorization(IdentityServices.Policies.SignedIn);
        instances.MapGet("/diagram-state", DiagramStateAsync).WithName("GetDiagramState")
            .WithSummary("The marks of the process picture: finished, active and rejected element ids and the flows taken")
            .ProducesProblem(StatusCodes.Status404NotFound);
        Operation(instances.MapPost("/withdraw", WithdrawAsync).WithName("WithdrawInstance").WithSummary("撤回: the initiator or the last approver takes the item back while nobody has acted on it"));
        Operation(instances.MapPost("/urge", UrgeInstanceAsync).WithName("UrgeInstance").WithSummary("催办: the initiator reminds the handlers of every open task"));
        return routes;
    }

    private static void Operation(RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<Ok<TaskDetailDto>> DetailAsync(Guid id, CurrentActor actor, WorkflowEngine engine, TimeProvider time, CancellationToken ct)
    {
        var task = await WorkAccess.ReadableTaskAsync(engine, actor, id, ct);
        var instance = await engine.Store.GetInstanceAsync(task.InstanceId, ct) ?? throw WorkAccess.TaskNotFound(id);
        var model = await engine.GetModelAsync(instance.DefinitionId, ct);
        var node = model.GetNode(task.ElementId) as UserTaskNode;
        var history = await engine.Store.GetHistoryAsync(instance.Id, ct);
        var targets = history
            .Where(h => h.Type == HistoryTypes.TaskCompleted && h.ElementId is not null && h.ElementId != task.ElementId
                && model.NodesById.TryGetValue(h.ElementId, out var passed) && node is not null && passed.Scope == node.Scope)
            .Select(h => h.ElementId!)
            .Distinct(StringComparer.Ordinal)
            .Select(e => new ReturnTargetDto(e, model.NodesById[e].Name))
            .ToList();
        if (instance.StartedBy is not null && history.Any(h => h.Type == HistoryTypes.TaskCompleted && h.Actor == instance.StartedBy))
        {
            targets.Insert(0, new ReturnTargetDto(UserTaskNode.RejectToInitiator, "发起人"));
        }

        IReadOnlyDictionary<string, object?>? tally = null;
        var isVote = node is { ApprovalMethod: not ApprovalMethod.Single };
        if (isVote && (await engine.GetInstanceAsync(instance.Id, ct))?.Variables.TryGetValue(node!.TallyVariable, out var t) == true
            && t is IReadOnlyDictionary<string, object?> values)
        {
            tally = values;
        }

        return TypedResults.Ok(new TaskDetailDto(
            WorkTaskDto.From(task, time.GetUtcNow()),
            (node?.ApprovalMethod ?? ApprovalMethod.Single).ToString().ToLowerInvariant(),
            (node?.CommentRequired ?? CommentRequirement.None).ToString().ToLowerInvariant(),
            (node?.RejectAction ?? RejectAction.Outcome).ToString().ToLowerInvariant(),
            targets,
            tally,
            OperationsFor(task, actor, isVote, targets.Count > 0, instance.StartedBy)));
    }

    /// <summary>The operations the user may use on the task now (what the task page offers).</summary>
    internal static IReadOnlyList<string> OperationsFor(TaskRecord task, CurrentActor actor, bool isVote, bool canReturn, string? initiator)
    {
        var user = actor.UserName;
        var ops = new List<string>();
        var candidate = TaskPermissions.IsCandidate(task, user, actor.Groups);
        if (task.Delegation == DelegationState.Pending)
        {
            if (task.Assignee == user || actor.IsAdmin)
            {
                ops.AddRange([Operations.Resolve, Operations.Comment]);
            }
            else if (task.Owner == user)
            {
                ops.AddRange([Operations.Urge, Operations.Comment]);
            }

            return ops;
        }

        var handler = actor.IsAdmin || TaskPermissions.IsHandler(task, user, actor.Groups);
        if (handler)
        {
            if (task.Assignee is null)
            {
                ops.Add(Operations.Claim);
            }
            else if (task.Assignee == user && candidate)
            {
                ops.Add(Operations.Release);
            }

            ops.AddRange(isVote ? [Operations.Vote, Operations.Approve, Operations.Reject] : [Operations.Approve, Operations.Reject]);
            if (canReturn)
            {
                ops.Add(Operations.Return);
            }

            ops.AddRange([Operations.Transfer, Operations.Delegate, Operations.AddSigner, Operations.RemoveSigner, Operations.Copy, Operations.Urge, Operations.Comment]);
        }
        else if (candidate || task.Owner == user || task.Assignee == user)
        {
            ops.AddRange([Operations.Copy, Operations.Urge, Operations.Comment]);
        }
        else if (initiator is not null && initiator == user)
        {
            ops.Add(Operations.Urge);
        }

        return ops;
    }

    private static async Task<Ok<InstanceDto>> ApproveAsync(Guid id, TaskActionRequest? request, HttpRequest http, CurrentActor actor, WorkflowEngine engine, CancellationToken ct)
    {
        if (await Replay.FirstAsync<InstanceView>(engine, "complete-task", http, actor, request, ct) is { } first) { return TypedResults.Ok(await InstanceAsync(engine, first, ct)); }
        var task = await WorkAccess.ReadableTaskAsync(engine, actor, id, ct);
        var variables = new Dictionary<string, object?>(RequestValues.Variables(request?.Variables) ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
        var node = await NodeOfAsync(engine, task, ct);
        if (node is { ApprovalMethod: not ApprovalMethod.Single })
        {
            variables.TryAdd("vote", "for");
        }
        else
        {
            variables.TryAdd(node?.OutcomeVariable ?? "approved", true);
        }

        var view = await engine.CompleteTaskAsync(new CompleteTaskCommand(id, variables)
        {
            Comment = RequestValues.Optional(request?.Comment), RequestId = RequestValues.RequestId(http), RequestFingerprint = RequestValues.Fingerprint(http, request), Actor = actor.UserName, ActorGroups = WorkAccess.GroupsFor(actor),
        }, ct);
        return TypedResults.Ok(await InstanceAsync(engine, view, ct));
    }

    private static async Task<Ok<InstanceDto>> VoteAsync(Guid id, VoteRequest? request, HttpRequest http, CurrentActor actor, WorkflowEngine engine, CancellationToken ct)
    {
        if (await Replay.FirstAsync<InstanceView>(engine, "complete-task", http, actor, request, ct) is { } first) { return TypedResults.Ok(await InstanceAsync(engine, first, ct)); }
        await WorkAccess.ReadableTaskAsync(engine, actor, id, ct);
        var vote = RequestValues.Required(request?.Vote, "vote");
        var view = await engine.CompleteTaskAsync(new CompleteTaskCommand(id, new Dictionary<string, object?> { ["vote"] = vote })
        {
            Comment = RequestValues.Optional(request?.Comment), RequestId = RequestValues.RequestId(http), RequestFingerprint = RequestValues.Fingerprint(http, request), Actor = actor.UserName, ActorGroups = WorkAccess.GroupsFor(actor),
        }, ct);
        return TypedResults.Ok(await InstanceAsync(engine, view, ct));
    }

    private static async Task<Ok<InstanceDto>> RejectAsync(Guid id, TaskActionRequest? request, HttpRequest http, CurrentActor actor, WorkflowEngine engine, CancellationToken ct)
    {
        if (await Replay.FirstAsync<InstanceView>(engine, "reject-task", http, actor, request, ct) is { } first) { return TypedResults.Ok(await InstanceAsync(engine, first, ct)); }
        await WorkAccess.ReadableTaskAsync(engine, actor, id, ct);
        var view = await engine.RejectTaskAsync(new RejectTaskCommand(id, RequestValues.Optional(request?.Comment))
        {
            Variables = RequestValues.Variables(request?.Variables), RequestId = RequestValues.RequestId(http), RequestFingerprint = RequestValues.Fingerprint(http, request), Actor = actor.UserName, ActorGroups = WorkAccess.GroupsFor(actor),
        }, ct);
        return TypedResults.Ok(await InstanceAsync(engine, view, ct));
    }

    private static async Task<Ok<InstanceDto>> ReturnAsync(Guid id, ReturnTaskRequest? request, HttpRequest http, CurrentActor actor, WorkflowEngine engine, CancellationToken ct)
    {
        if (await Replay.FirstAsync<InstanceView>(engine, "return-task", http, actor, request, ct) is { } first) { return TypedResults.Ok(await InstanceAsync(engine, first, ct)); }
        await WorkAccess.ReadableTaskAsync(engine, actor, id, ct);
        var target = RequestValues.Required(request?.Target, "target");
        if (target is UserTaskNode.RejectToInitiator or "发起人")
        {
            target = ReturnTaskCommand.Initiator;
        }

        var view = await engine.ReturnToAsync(new ReturnTaskCommand(id, target, RequestValues.Optional(request?.Comment))
        {
            RequestId = RequestValues.RequestId(http), RequestFingerprint = RequestValues.Fingerprint(http, request), Actor = actor.UserName, ActorGroups = WorkAccess.GroupsFor(actor),
        }, ct);
        return TypedResults.Ok(await InstanceAsync(engine, view, ct));
    }

    private static Task<Ok<WorkTaskDto>> ClaimAsync(Guid id, CommentRequest? request, HttpRequest http, CurrentActor actor, WorkflowEngine engine, TimeProvider time, CancellationToken ct) =>
        AssignAsync(id, AssignmentKind.Claim, actor.UserName, request?.Comment, http, actor, engine, time, ct);

    private static Task<Ok<WorkTaskDto>> ReleaseAsync(Guid id, CommentRequest? request, HttpRequest http, CurrentActor actor, WorkflowEngine engine, TimeProvider time, CancellationToken ct) =>
        AssignAsync(id, AssignmentKind.Release, null, request?.Comment, http, actor, engine, time, ct);

    private static async Task<Ok<WorkTaskDto>> TransferAsync(Guid id, HandOverRequest? request, HttpRequest http, CurrentActor actor, WorkflowEngine engine, UserManager<WorkflowUser> users, TimeProvider time, CancellationToken ct)
    {
        var to = await ExistingUserAsync(users, request?.UserName, "userName");
        return await AssignAsync(id, AssignmentKind.Transfer, to, request?.Comment, http, actor, engine, time, ct);
    }

    private static async Task<Ok<WorkTaskDto>> AssignAsync(Guid id, AssignmentKind kind, string? to, string? comment, HttpRequest http, CurrentActor actor, WorkflowEngine engine, TimeProvider time, CancellationToken ct)
    {
        if (await Replay.FirstAsync<TaskRecord>(engine, "assign-task", http, actor, comment, ct) is { } first) { return TypedResults.Ok(WorkTaskDto.From(first, time.GetUtcNow())); }
        await WorkAccess.ReadableTaskAsync(engine, actor, id, ct);
        var task = await engine.AssignTaskAsync(new AssignTaskCommand(id, kind, to, RequestValues.Optional(comment))
        {
            RequestId = RequestValues.RequestId(http), RequestFingerprint = RequestValues.Fingerprint(http, comment), Actor = actor.UserName, ActorGroups = WorkAccess.GroupsFor(actor),
        }, ct);
        return TypedResults.Ok(WorkTaskDto.From(task, time.GetUtcNow()));
    }

    private static async Task<Ok<WorkTaskDto>> DelegateAsync(Guid id, HandOverRequest? request, HttpRequest http, CurrentActor actor, WorkflowEngine engine, UserManager<WorkflowUser> users, TimeProvider time, CancellationToken ct)
    {
        if (await Replay.FirstAsync<TaskRecord>(engine, "delegate-task", http, actor, request, ct) is { } first) { return TypedResults.Ok(WorkTaskDto.From(first, time.GetUtcNow())); }
        await WorkAccess.ReadableTaskAsync(engine, actor, id, ct);
        var to = await ExistingUserAsync(users, request?.UserName, "userName");
        var task = await engine.DelegateTaskAsync(new DelegateTaskCommand(id, to, RequestValues.Optional(request?.Comment))
        {
            RequestId = RequestValues.RequestId(http), RequestFingerprint = RequestValues.Fingerprint(http, request), Actor = actor.UserName, ActorGroups = WorkAccess.GroupsFor(actor),
        }, ct);
        return TypedResults.Ok(WorkTaskDto.From(task, time.GetUtcNow()));
    }

    private static async Task<Ok<WorkTaskDto>> ResolveAsync(Guid id, TaskActionRequest? request, HttpRequest http, CurrentActor actor, WorkflowEngine engine, TimeProvider time, CancellationToken ct)
    {
        if (await Replay.FirstAsync<TaskRecord>(engine, "resolve-task", http, actor, request, ct) is { } first) { return TypedResults.Ok(WorkTaskDto.From(first, time.GetUtcNow())); }
        await WorkAccess.ReadableTaskAsync(engine, actor, id, ct);
        var task = await engine.ResolveTaskAsync(new ResolveTaskCommand(id, RequestValues.Variables(request?.Variables), RequestValues.Optional(request?.Comment))
        {
            RequestId = RequestValues.RequestId(http), RequestFingerprint = RequestValues.Fingerprint(http, request), Actor = actor.UserName, ActorGroups = WorkAccess.GroupsFor(actor),
        }, ct);
        return TypedResults.Ok(WorkTaskDto.From(task, time.GetUtcNow()));
    }

    private static async Task<Ok<InstanceDto>> AddSignerAsync(Guid id, SignerRequest? request, HttpRequest http, CurrentActor actor, WorkflowEngine engine, UserManager<WorkflowUser> users, CancellationToken ct)
    {
        if (await Replay.FirstAsync<InstanceView>(engine, "add-signer", http, actor, request, ct) is { } first) { return TypedResults.Ok(await InstanceAsync(engine, first, ct)); }
        await WorkAccess.ReadableTaskAsync(engine, actor, id, ct);
        var signer = await ExistingUserAsync(users, request?.UserName, "userName");
        var position = RequestValues.Optional(request?.Position)?.ToLowerInvariant() switch
        {
            null or "after" or "后加签" => SignerPosition.After,
            "before" or "前加签" => SignerPosition.Before,
            var other => throw ApiProblemException.BadRequest($"position '{other}' is unknown; use before (前加签) or after (后加签)."),
        };
        var view = await engine.AddSignerAsync(new AddSignerCommand(id, signer, position, RequestValues.Optional(request?.Comment))
        {
            RequestId = RequestValues.RequestId(http), RequestFingerprint = RequestValues.Fingerprint(http, request), Actor = actor.UserName, ActorGroups = WorkAccess.GroupsFor(actor),
        }, ct);
        return TypedResults.Ok(await InstanceAsync(engine, view, ct));
    }

    private static async Task<Ok<InstanceDto>> RemoveSignerAsync(Guid id, SignerRequest? request, HttpRequest http, CurrentActor actor, WorkflowEngine engine, CancellationToken ct)
    {
        if (await Replay.FirstAsync<InstanceView>(engine, "remove-signer", http, actor, request, ct) is { } first) { return TypedResults.Ok(await InstanceAsync(engine, first, ct)); }
        await WorkAccess.ReadableTaskAsync(engine, actor, id, ct);
        var view = await engine.RemoveSignerAsync(new RemoveSignerCommand(id, RequestValues.Required(request?.UserName, "userName"), RequestValues.Optional(request?.Comment))
        {
            RequestId = RequestValues.RequestId(http), RequestFingerprint = RequestValues.Fingerprint(http, request), Actor = actor.UserName, ActorGroups = WorkAccess.GroupsFor(actor),
        }, ct);
        return TypedResults.Ok(await InstanceAsync(engine, view, ct));
    }

    private static async Task<Ok<NoteDto>> CopyAsync(Guid id, CopyRequest? request, HttpRequest http, CurrentActor actor, WorkflowEngine engine, UserManager<WorkflowUser> users, CancellationToken ct)
    {
        await WorkAccess.ReadableTaskAsync(engine, actor, id, ct);
        if (request?.Readers is not { Count: > 0 } readers)
        {
            throw ApiProblemException.BadRequest("'readers' is required: the users to copy the task to. 请选择抄送人。");
        }

        var checkedReaders = new List<string>(readers.Count);
        foreach (var reader in readers.Distinct(StringComparer.Ordinal))
        {
            checkedReaders.Add(await ExistingUserAsync(users, reader, "readers"));
        }

        return await AnnotateAsync(id, AnnotationKind.Copy, request.Comment, checkedReaders, http, actor, engine, ct);
    }

    private static Task<Ok<NoteDto>> UrgeTaskAsync(Guid id, CommentRequest? request, HttpRequest http, CurrentActor actor, WorkflowEngine engine, CancellationToken ct) =>
        AnnotateAsync(id, AnnotationKind.Urge, request?.Comment, null, http, actor, engine, ct);

    private static Task<Ok<NoteDto>> CommentAsync(Guid id, CommentRequest? request, HttpRequest http, CurrentActor actor, WorkflowEngine engine, CancellationToken ct)
    {
        RequestValues.Required(request?.Comment, "comment");
        return AnnotateAsync(id, AnnotationKind.Comment, request?.Comment, null, http, actor, engine, ct);
    }

    private static async Task<Ok<NoteDto>> AnnotateAsync(Guid id, AnnotationKind kind, string? comment, IReadOnlyList<string>? readers, HttpRequest http, CurrentActor actor, WorkflowEngine engine, CancellationToken ct)
    {
        if (await Replay.FirstAsync<HistoryNote>(engine, "annotate-task", http, actor, new { comment, readers }, ct) is { } first) { return TypedResults.Ok(new NoteDto(first.InstanceId, first.TaskId, first.Kind.ToString().ToLowerInvariant(), first.At)); }
        await WorkAccess.ReadableTaskAsync(engine, actor, id, ct);
        var note = await engine.AnnotateTaskAsync(new AnnotateTaskCommand(id, kind, RequestValues.Optional(comment), readers)
        {
            RequestId = RequestValues.RequestId(http), RequestFingerprint = RequestValues.Fingerprint(http, new { comment, readers }), Actor = actor.UserName, ActorGroups = WorkAccess.GroupsFor(actor),
        }, ct);
        return TypedResults.Ok(new NoteDto(note.InstanceId, note.TaskId, note.Kind.ToString().ToLowerInvariant(), note.At));
    }

    private static async Task<Ok<DiagramState>> DiagramStateAsync(Guid id, CurrentActor actor, WorkflowEngine engine, CancellationToken ct)
    {
        await WorkAccess.ReadableInstanceAsync(engine, actor, id, ct);
        return TypedResults.Ok(await engine.GetDiagramStateAsync(id, ct));
    }

    private static async Task<Ok<InstanceDto>> WithdrawAsync(
        Guid id, CommentRequest? request, HttpRequest http, CurrentActor actor, WorkflowEngine engine, WithdrawInstance withdraw, CancellationToken ct)
    {
        var key = RequestValues.Key(http, actor.UserName, request);
        var view = await withdraw.AnsweredAsync(key, ct);
        if (view is null)
        {
            await WorkAccess.ReadableInstanceAsync(engine, actor, id, ct);
            view = await withdraw.RunAsync(new WithdrawInstanceCommand(id, actor.UserName!, actor.OrganizationPath, RequestValues.Optional(request?.Comment)) { Request = key }, ct);
        }

        return TypedResults.Ok(await InstanceAsync(engine, view, ct));
    }

    private static async Task<Ok<IReadOnlyList<NoteDto>>> UrgeInstanceAsync(Guid id, CommentRequest? request, HttpRequest http, CurrentActor actor, WorkflowEngine engine, CancellationToken ct)
    {
        if (await Replay.FirstAsync<List<HistoryNote>>(engine, "urge-instance", http, actor, request, ct) is { } first) { return TypedResults.Ok<IReadOnlyList<NoteDto>>(first.Select(n => new NoteDto(n.InstanceId, n.TaskId, n.Kind.ToString().ToLowerInvariant(), n.At)).ToList()); }
        await WorkAccess.ReadableInstanceAsync(engine, actor, id, ct);
        var notes = await engine.UrgeInstanceAsync(new UrgeInstanceCommand(id, RequestValues.Optional(request?.Comment))
        {
            RequestId = RequestValues.RequestId(http), RequestFingerprint = RequestValues.Fingerprint(http, request), Actor = actor.UserName, ActorGroups = WorkAccess.GroupsFor(actor),
        }, ct);
        return TypedResults.Ok<IReadOnlyList<NoteDto>>(notes.Select(n => new NoteDto(n.InstanceId, n.TaskId, n.Kind.ToString().ToLowerInvariant(), n.At)).ToList());
    }

    private static async Task<UserTaskNode?> NodeOfAsync(WorkflowEngine engine, TaskRecord task, CancellationToken ct)
    {
        var instance = await engine.Store.GetInstanceAsync(task.InstanceId, ct);
        return instance is null ? null : (await engine.GetModelAsync(instance.DefinitionId, ct)).NodesById.GetValueOrDefault(task.ElementId) as UserTaskNode;
    }

    private static async Task<string> ExistingUserAsync(UserManager<WorkflowUser> users, string? userName, string field)
    {
        var name = RequestValues.Required(userName, field);
        if (await users.FindByNameAsync(name) is null)
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Unknown user", $"There is no user '{name}'. 用户“{name}”不存在。");
        }

        return name;
    }

    private static async Task<InstanceDto> InstanceAsync(WorkflowEngine engine, InstanceView view, CancellationToken ct)
    {
        var open = await engine.QueryTasksAsync(new TaskQuery { InstanceId = view.Id, Take = RequestValues.MaxTake }, ct);
        return InstanceDto.From(view, open);
    }
}
