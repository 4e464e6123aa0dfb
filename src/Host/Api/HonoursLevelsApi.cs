using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Activities.Honours;
using Workflows.Activities.Honours.UseCases;
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
    private static readonly string[] LevelRoles = PassOnLevel.LevelRoles;

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
        Guid id, string unitPath, LevelSubmissionRequest? request, HttpRequest http, CurrentActor actor, HonoursServices honours, OrganisationDirectory directory,
        PassOnLevel passOn, CancellationToken ct)
    {
        var unit = LevelOf(unitPath, actor, directory);
        var campaign = await honours.Campaigns.FindAsync(id, ct) ?? throw ApiProblemException.NotFound($"Campaign {id} does not exist. 评选活动不存在。");
        var ids = request?.NominationIds ?? throw ApiProblemException.BadRequest("'nominationIds' is required. 请选择报送的推荐。");
        var outcome = await passOn.RunAsync(new PassOnLevelCommand(
            campaign.Id, unit.Path, unit.Name, ids, actor.UserName!, WorkAccess.GroupsFor(actor), actor.CanSee, RequestValues.Optional(request.Comment))
        {
            Request = RequestValues.Key(http, actor.UserName, request),
        }, ct);
        if (outcome.NotWaiting.Count > 0)
        {
            var problems = outcome.NotWaiting.Select(p => new SubmissionProblemDto("batch", "审核流程", p.Message, null, null, null, null, p.NominationId)).ToList();
            return Refused($"{unit.Name}的名单未能报送，共 {problems.Count} 项不符合要求：\n" + string.Join("\n", problems.Select((p, i) => $"{i + 1}. {p.Message}")), problems, null, null);
        }

        var result = outcome.Submission!;
        if (!result.Accepted)
        {
            return Refused(result.MessageZh, [.. result.Problems.Select(SubmissionProblemDto.From)],
                result.Quota?.Lines.Select(QuotaLineDto.From).ToList(), result.Composition?.Lines.Select(CompositionLineDto.From).ToList());
        }

        return TypedResults.Ok(new LevelSubmissionDto(
            result.SubmissionId!.Value, result.UnitPath, result.UnitName, result.NextLevelPath!, result.NextLevelName!, result.BatchSize, result.ListSize,
            result.MessageZh,
            result.Quota?.Lines.Select(QuotaLineDto.From).ToList() ?? [],
            result.Composition?.Lines.Select(CompositionLineDto.From).ToList() ?? [],
            outcome.Advanced.Select(a => new AdvancedTaskDto(a.NominationId, a.InstanceId, a.TaskId, a.ElementId, a.Completed, a.Error)).ToList()));
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
