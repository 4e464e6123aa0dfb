using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Activities.Honours;
using Workflows.Activities.Organisations;
using Workflows.Engine;
using Workflows.Engine.Model;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Host.Errors;
using Workflows.Host.Identity;

namespace Workflows.Host.Api;

/// <summary>
/// 整批报送: a district, a city union or an industry union passes its chosen list on as one batch
/// (<c>POST /api/campaigns/{id}/levels/{unitPath}/submit</c>, the unit's path URL-encoded: <c>%2Fgd%2Fgz</c>). The
/// quotas and composition rules are checked on the level's whole list (this batch and what it passed on before); a
/// refusal is a 422 problem naming every failing rule with its counts and shortfall (<c>problems</c>), and changes
/// nothing. An accepted batch moves the nominations to the next level and completes each nomination's review task of
/// this level with its decision <c>approved</c>, so that every nominee's process goes on. Only the level's own
/// reviewers (and administrators) submit its list; a level the user cannot see answers 404.
/// </summary>
public static class HonoursLevelsApi
{
    /// <summary>The reviewer roles that submit a level's list.</summary>
    private static readonly string[] LevelRoles = [Roles.DistrictReviewer, Roles.CityReviewer, Roles.IndustryReviewer];

    public static IEndpointRouteBuilder MapHonoursLevelsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/campaigns/{id:guid}/levels").WithTags("Campaigns")
            .RequireAuthorization(IdentityServices.Policies.Reviewer)
            .MapPost("/{unitPath}/submit", SubmitAsync).WithName("SubmitLevelList")
            .WithSummary("整批报送: a level passes its chosen nominations on; 422 names every failing quota and composition rule with counts and shortfall")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return routes;
    }

    private static async Task<Results<Ok<LevelSubmissionDto>, ProblemHttpResult>> SubmitAsync(
        Guid id, string unitPath, LevelSubmissionRequest? request, CurrentActor actor, HonoursServices honours, OrganisationDirectory directory,
        WorkflowEngine engine, CancellationToken ct)
    {
        var unit = LevelOf(unitPath, actor, directory);
        var campaign = await honours.Campaigns.FindAsync(id, ct) ?? throw ApiProblemException.NotFound($"Campaign {id} does not exist. 评选活动不存在。");
        var ids = request?.NominationIds ?? throw ApiProblemException.BadRequest("'nominationIds' is required. 请选择报送的推荐。");

        // Every nomination of the batch must wait for this level's decision: otherwise its process would not follow.
        var waiting = new List<(Guid NominationId, TaskRecord Task)>();
        var problems = new List<SubmissionProblemDto>();
        foreach (var nominationId in ids.Distinct())
        {
            var nomination = await honours.Nominations.FindAsync(nominationId, ct);
            if (nomination is null || nomination.CampaignId != campaign.Id || !actor.CanSee(nomination.FiledByOrganisationPath))
            {
                continue; // the submission names it (unknown, or not held by this level)
            }

            var task = await ReviewTaskAsync(engine, nomination, unit.Path, ct);
            if (task is null)
            {
                problems.Add(new SubmissionProblemDto("batch", "审核流程", $"「{nomination.Nominee!.Name}」的推荐当前不在等待{unit.Name}的审核结论，不能随本级名单报送。",
                    null, null, null, null, nominationId));
            }
            else
            {
                waiting.Add((nominationId, task));
            }
        }

        if (problems.Count > 0)
        {
            return Refused($"{unit.Name}的名单未能报送，共 {problems.Count} 项不符合要求：\n" + string.Join("\n", problems.Select((p, i) => $"{i + 1}. {p.Message}")), problems, null, null);
        }

        var result = await honours.Submissions.SubmitBatchAsync(campaign.Id, unit.Path, ids, actor.UserName!, ct);
        if (!result.Accepted)
        {
            return Refused(result.MessageZh, [.. result.Problems.Select(SubmissionProblemDto.From)],
                result.Quota?.Lines.Select(QuotaLineDto.From).ToList(), result.Composition?.Lines.Select(CompositionLineDto.From).ToList());
        }

        var comment = RequestValues.Optional(request.Comment) ?? $"随{unit.Name}名单整批报送{result.NextLevelName}。";
        var advanced = new List<AdvancedTaskDto>();
        foreach (var (nominationId, task) in waiting)
        {
            advanced.Add(await CompleteAsync(engine, actor, nominationId, task, comment, ct));
        }

        return TypedResults.Ok(new LevelSubmissionDto(
            result.SubmissionId!.Value, result.UnitPath, result.UnitName, result.NextLevelPath!, result.NextLevelName!, result.BatchSize, result.ListSize,
            result.MessageZh,
            result.Quota?.Lines.Select(QuotaLineDto.From).ToList() ?? [],
            result.Composition?.Lines.Select(CompositionLineDto.From).ToList() ?? [],
            advanced));
    }

    /// <summary>The level from the route (URL-encoded path, the leading slash optional), when the user may submit its list.</summary>
    private static DirectoryOrganisation LevelOf(string unitPath, CurrentActor actor, OrganisationDirectory directory)
    {
        var text = Uri.UnescapeDataString(unitPath ?? "").Trim();
        var path = OrganisationDirectory.Normalize(text.StartsWith('/') ? text : "/" + text);
        var unit = path is null ? null : directory.Find(path);
        if (unit is null || !actor.CanSee(unit.Path))
        {
            throw ApiProblemException.NotFound($"Organisation '{text}' does not exist. 组织不存在。");
        }

        if (!actor.IsAdmin && !LevelRoles.Any(role => actor.IsInGroup(Roles.GroupKey(role, unit.Path))))
        {
            throw new ApiProblemException(StatusCodes.Status403Forbidden, "Forbidden",
                $"只有{unit.Name}的审核人可以报送本级名单。 / Only the reviewers of {unit.Path} may submit its list.");
        }

        return unit;
    }

    /// <summary>The open task of the nomination's process that waits for this level (a candidate group of the level's reviewers).</summary>
    private static async Task<TaskRecord?> ReviewTaskAsync(WorkflowEngine engine, Nomination nomination, string unitPath, CancellationToken ct)
    {
        if (nomination.ProcessInstanceId is not { } instanceId)
        {
            return null;
        }

        var suffix = "@" + unitPath;
        var tasks = await engine.Store.GetTasksOfInstanceAsync(instanceId, ct);
        return tasks.FirstOrDefault(t => t.CandidateGroups.Any(g => g.EndsWith(suffix, StringComparison.Ordinal)
            && LevelRoles.Contains(g[..^suffix.Length], StringComparer.Ordinal)));
    }

    /// <summary>Completes a review task with the node's decision <c>approved</c>; a refusal (someone else claimed it …) is reported, not thrown.</summary>
    private static async Task<AdvancedTaskDto> CompleteAsync(WorkflowEngine engine, CurrentActor actor, Guid nominationId, TaskRecord task, string comment, CancellationToken ct)
    {
        try
        {
            var instance = await engine.Store.GetInstanceAsync(task.InstanceId, ct) ?? throw WorkAccess.TaskNotFound(task.Id);
            var node = (await engine.GetModelAsync(instance.DefinitionId, ct)).GetNode(task.ElementId) as UserTaskNode;
            await engine.CompleteTaskAsync(new CompleteTaskCommand(task.Id, new Dictionary<string, object?> { [node?.OutcomeVariable ?? "approved"] = "approved" })
            {
                Actor = actor.UserName,
                ActorGroups = WorkAccess.GroupsFor(actor),
                Comment = comment,
            }, ct);
            return new AdvancedTaskDto(nominationId, task.InstanceId, task.Id, task.ElementId, true, null);
        }
        catch (WorkflowException ex)
        {
            return new AdvancedTaskDto(nominationId, task.InstanceId, task.Id, task.ElementId, false, ex.Message);
        }
    }

    private static ProblemHttpResult Refused(string detail, IReadOnlyList<SubmissionProblemDto> problems, List<QuotaLineDto>? quota, List<CompositionLineDto>? composition) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "The list cannot be submitted",
            extensions: new Dictionary<string, object?>
            {
                ["problems"] = problems,
                ["quota"] = quota ?? [],
                ["composition"] = composition ?? [],
            });
}
