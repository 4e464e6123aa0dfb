using Workflows.Activities.Honours.Nominations;
using Workflows.Activities.Honours.Submission;
using Workflows.Activities.Organisations;
using Workflows.Engine.Activities;

namespace Workflows.Activities.Honours.ServiceTasks;

/// <summary>
/// <c>honours.passOn</c> (报送上级): after a level approved a nomination, makes sure the level passed it on to the next
/// one (逐级推荐). A level normally submits its chosen list as one batch (the honours API's level submission, which checks
/// the quotas and composition rules on the whole list and completes the level's tasks); then this step finds the
/// nomination passed on already and only confirms it. A nomination the level still holds (approved one by one, or the
/// filer's own submission) is submitted here as a batch of one, with the same checks: a refusal comes back with every
/// failing rule in <c>passOnMessages</c>, so that the design can send the level back to choose again; with
/// <c>failOnRefusal</c> the step fails instead, so that the task that approved it is not completed and its user reads
/// the reasons.
/// </summary>
public sealed class PassOnActivity(NominationService nominations, LevelSubmissionService submissions) : IWorkflowActivity
{
    public const string ActivityType = "honours.passOn";

    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityType,
        Category = HonoursActivities.Category,
        DisplayNameZh = "报送上级",
        DisplayNameEn = "Pass on to the next level",
        DescriptionZh = "本级同意后将推荐报送上一级审核单位（逐级推荐）。已随本级名单整批报送的只作确认；仍由本级持有的按一项名单报送，并校验名额和结构比例，不符合时列出每条不符合的规则。可指定上报单位（如南粤最美职工由市总工会推荐，不经县区）。",
        DescriptionEn = "After a level approved a nomination, passes it on to the next reviewing level. One already submitted with the level's batch is only confirmed; one the level still holds is submitted as a batch of one with the quota and composition checks, and a refusal lists every failing rule. The receiving level may be named (a round skipped).",
        Inputs =
        [
            new ActivityPort("nominationId", "string", "推荐", "Nomination", Required: true),
            new ActivityPort("unitPath", "string", "报送单位（本级组织路径）", "The level passing it on (organisation path)", Required: true),
            new ActivityPort("nextLevelPath", "string", "上报单位（可选，默认上一级审核单位）", "The receiving level (optional; default the next reviewing level)"),
            new ActivityPort("failOnRefusal", "boolean", "不能报送时是否中止（提交不成功并说明原因）", "Fail the step when refused (the approving task is not completed)"),
        ],
        Outputs =
        [
            new ActivityPort("passedOn", "boolean", "是否已报送上级", "Whether the nomination is passed on"),
            new ActivityPort("passedTo", "string", "当前所在审核单位", "The level that holds it now"),
            new ActivityPort("quotaPassed", "boolean", "名额是否符合", "Whether the quotas hold"),
            new ActivityPort("compositionPassed", "boolean", "结构比例是否符合", "Whether the composition rules hold"),
            new ActivityPort("passOnMessages", "list", "未能报送的原因（每条规则一条）", "Why not (one message per failing rule)"),
        ],
    };

    public async ValueTask<IReadOnlyDictionary<string, object?>> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = ActivityInputs.RequireGuid(context, ActivityType, "nominationId");
        var unit = OrganisationDirectory.Normalize(ActivityInputs.RequireText(context, ActivityType, "unitPath"))
            ?? throw new ArgumentException($"{ActivityType}: the input 'unitPath' is not an organisation path.");
        var next = OrganisationDirectory.Normalize(ActivityInputs.Text(context, "nextLevelPath"));
        var nomination = await nominations.FindAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException($"{ActivityType}: the nomination {id} does not exist.");
        var level = nomination.LevelPath;
        var name = nomination.Nominee!.Name;

        if (IsBelow(unit, level) && nomination.State is NominationState.Submitted or NominationState.UnderReview or NominationState.Approved)
        {
            return Outputs(true, level, true, true, []); // passed on with the level's batch, which was checked then
        }

        var stillWithFiler = IsBelow(level, unit) && nomination.State is NominationState.Draft or NominationState.Returned;
        if (level != unit && !stillWithFiler)
        {
            var message = $"「{name}」的推荐状态为「{NominationStates.Zh(nomination.State)}」，当前在 {level}，不能由 {unit} 报送。";
            return ActivityInputs.Bool(context, ActivityType, "failOnRefusal") ?? false
                ? throw new HonoursException(message)
                : Outputs(false, level, true, true, [message]);
        }

        var result = await submissions.SubmitBatchAsync(nomination.CampaignId, level, [id], ActivityInputs.Actor(context), next, cancellationToken).ConfigureAwait(false);
        if (!result.Accepted && (ActivityInputs.Bool(context, ActivityType, "failOnRefusal") ?? false))
        {
            throw new HonoursException(result.MessageZh, [.. result.Problems.Select(p => p.MessageZh)]);
        }

        return result.Accepted
            ? Outputs(true, result.NextLevelPath!, true, true, [])
            : Outputs(false, level,
                result.Problems.All(p => p.Kind != SubmissionProblemKind.Quota),
                result.Problems.All(p => p.Kind != SubmissionProblemKind.Composition),
                [.. result.Problems.Select(p => p.MessageZh)]);
    }

    /// <summary>True when <paramref name="path"/> lies strictly below <paramref name="ancestor"/>.</summary>
    private static bool IsBelow(string path, string ancestor) =>
        path.Length > ancestor.Length + 1 && path[ancestor.Length] == '/' && path.StartsWith(ancestor, StringComparison.Ordinal);

    private static Dictionary<string, object?> Outputs(bool passedOn, string passedTo, bool quotaPassed, bool compositionPassed, List<string> messages) => new()
    {
        ["passedOn"] = passedOn,
        ["passedTo"] = passedTo,
        ["quotaPassed"] = quotaPassed,
        ["compositionPassed"] = compositionPassed,
        ["passOnMessages"] = messages.Cast<object?>().ToList(),
    };
}
