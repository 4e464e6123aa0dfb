using Workflows.Activities.Application;
using Workflows.Activities.Honours.Submission;
using Workflows.Activities.Organisations;
using Workflows.Engine;
using Workflows.Engine.Model;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;

namespace Workflows.Activities.Honours.UseCases;

/// <summary>整批报送: the level <see cref="UnitPath"/> passes the nominations on; <see cref="CanSee"/> says which filing organisations the actor may see.</summary>
public sealed record PassOnLevelCommand(
    Guid CampaignId, string UnitPath, string UnitName, IReadOnlyCollection<Guid> NominationIds, string Actor, IReadOnlyList<string>? ActorGroups,
    Func<string, bool> CanSee, string? Comment = null)
{
    public RequestKey? Request { get; init; }
}

/// <summary>A nomination of the batch whose process does not wait for this level.</summary>
public sealed record NotWaiting(Guid NominationId, string Message);

/// <summary>A review task the pass-on completed (or could not: <see cref="Error"/>).</summary>
public sealed record AdvancedTask(Guid NominationId, Guid InstanceId, Guid TaskId, string ElementId, bool Completed, string? Error);

/// <summary>The outcome: refused (<see cref="NotWaiting"/> or the submission's problems) or passed on with the tasks completed.</summary>
public sealed record PassOnResult(IReadOnlyList<NotWaiting> NotWaiting, LevelSubmissionResult? Submission, IReadOnlyList<AdvancedTask> Advanced)
{
    public bool Accepted => NotWaiting.Count == 0 && Submission?.Accepted == true;
}

/// <summary>
/// Passes a level's batch on and completes each nomination's review task of the level with the decision
/// <c>approved</c>, in one transaction: after a crash either the batch moved and every process went on, or nothing did.
/// A refusal changes nothing.
/// </summary>
public sealed class PassOnLevel(UseCaseRunner runner, HonoursServices honours)
{
    public const string Name = "pass-on-level";

    /// <summary>The reviewer roles whose tasks a level's pass-on completes.</summary>
    public static readonly string[] LevelRoles = [Roles.DistrictReviewer, Roles.CityReviewer, Roles.IndustryReviewer];

    public Task<PassOnResult> RunAsync(PassOnLevelCommand command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.RunAsync(Name, command.Request, async token =>
        {
            // Every nomination of the batch must wait for this level's decision: otherwise its process would not follow.
            var waiting = new List<(Guid NominationId, TaskRecord Task)>();
            var notWaiting = new List<NotWaiting>();
            foreach (var nominationId in command.NominationIds.Distinct())
            {
                var nomination = await honours.Nominations.FindAsync(nominationId, token).ConfigureAwait(false);
                if (nomination is null || nomination.CampaignId != command.CampaignId || !command.CanSee(nomination.FiledByOrganisationPath))
                {
                    continue; // the submission names it (unknown, or not held by this level)
                }

                if (await ReviewTaskAsync(nomination, command.UnitPath, token).ConfigureAwait(false) is { } task)
                {
                    waiting.Add((nominationId, task));
                }
                else
                {
                    notWaiting.Add(new(nominationId, $"「{nomination.Nominee!.Name}」的推荐当前不在等待{command.UnitName}的审核结论，不能随本级名单报送。"));
                }
            }

            if (notWaiting.Count > 0)
            {
                return new PassOnResult(notWaiting, null, []);
            }

            var result = await honours.Submissions.SubmitBatchAsync(command.CampaignId, command.UnitPath, command.NominationIds, command.Actor, token).ConfigureAwait(false);
            if (!result.Accepted)
            {
                return new PassOnResult([], result, []);
            }

            var comment = command.Comment ?? $"随{command.UnitName}名单整批报送{result.NextLevelName}。";
            var advanced = new List<AdvancedTask>();
            foreach (var (nominationId, task) in waiting)
            {
                advanced.Add(await CompleteAsync(command, nominationId, task, comment, token).ConfigureAwait(false));
            }

            return new PassOnResult([], result, advanced);
        }, keep: r => r.Accepted, ct);
    }

    /// <summary>The open task of the nomination's process that waits for this level (a candidate group of the level's reviewers).</summary>
    private async Task<TaskRecord?> ReviewTaskAsync(Nomination nomination, string unitPath, CancellationToken ct)
    {
        if (nomination.ProcessInstanceId is not { } instanceId)
        {
            return null;
        }

        var suffix = "@" + unitPath;
        var tasks = await runner.Engine.Store.GetTasksOfInstanceAsync(instanceId, ct).ConfigureAwait(false);
        return tasks.FirstOrDefault(t => t.CandidateGroups.Any(g => g.EndsWith(suffix, StringComparison.Ordinal)
            && LevelRoles.Contains(g[..^suffix.Length], StringComparer.Ordinal)));
    }

    /// <summary>Completes a review task with the node's decision <c>approved</c>; a refusal (someone else claimed it …) is reported, not thrown.</summary>
    private async Task<AdvancedTask> CompleteAsync(PassOnLevelCommand command, Guid nominationId, TaskRecord task, string comment, CancellationToken ct)
    {
        var engine = runner.Engine;
        try
        {
            var instance = await engine.Store.GetInstanceAsync(task.InstanceId, ct).ConfigureAwait(false)
                ?? throw new WorkflowException($"Task {task.Id} does not exist.", WorkflowErrorKind.NotFound);
            var node = (await engine.GetModelAsync(instance.DefinitionId, ct).ConfigureAwait(false)).GetNode(task.ElementId) as UserTaskNode;
            await engine.CompleteTaskAsync(new CompleteTaskCommand(task.Id, new Dictionary<string, object?> { [node?.OutcomeVariable ?? "approved"] = "approved" })
            {
                Actor = command.Actor,
                ActorGroups = command.ActorGroups,
                Comment = comment,
            }, ct).ConfigureAwait(false);
            return new AdvancedTask(nominationId, task.InstanceId, task.Id, task.ElementId, true, null);
        }
        catch (WorkflowException ex)
        {
            return new AdvancedTask(nominationId, task.InstanceId, task.Id, task.ElementId, false, ex.Message);
        }
    }
}
