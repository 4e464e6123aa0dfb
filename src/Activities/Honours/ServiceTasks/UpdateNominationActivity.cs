using Workflows.Activities.Honours.Nominations;
using Workflows.Activities.Persistence;
using Workflows.Engine.Activities;

namespace Workflows.Activities.Honours.ServiceTasks;

/// <summary>
/// <c>honours.updateNomination</c> (更新推荐状态): records what the process decided about a nomination — returned for
/// correction (退回补正: it goes back to its filer), rejected (未通过), approved (审定) or under provincial review — and,
/// unless <c>notify</c> is false, tells the filer with the event's mail (<see cref="NotifyActivity.Events"/>). A
/// nomination already in that state is left as it is (a command that runs again changes nothing twice), so an upheld
/// objection, which rejects the nomination itself, may be followed by this step.
/// </summary>
public sealed class UpdateNominationActivity(NominationService nominations, HonoursDatabase database) : IWorkflowActivity
{
    public const string ActivityType = "honours.updateNomination";

    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityType,
        Category = HonoursActivities.Category,
        DisplayNameZh = "更新推荐状态",
        DisplayNameEn = "Update the nomination's state",
        DescriptionZh = "按流程结论更新推荐的状态：returned 退回补正（退回填报单位）、rejected 未通过、approved 已审定、underReview 省级审核中，并通知填报人（可关闭）。推荐已处于该状态时不重复更新。",
        DescriptionEn = "Records the process's decision on a nomination: returned (back to its filer), rejected, approved or underReview, and tells the filer (unless notify is false). A nomination already in that state is left alone.",
        Inputs =
        [
            new ActivityPort("nominationId", "string", "推荐", "Nomination", Required: true),
            new ActivityPort("state", "string", "新状态：returned / rejected / approved / underReview", "New state: returned / rejected / approved / underReview", Required: true),
            new ActivityPort("reason", "string", "原因（退回、未通过时）", "Reason (returned, rejected)"),
            new ActivityPort("notify", "boolean", "是否通知填报人（默认是）", "Tell the filer (default: yes)"),
        ],
        Outputs =
        [
            new ActivityPort("nominationState", "string", "推荐当前状态", "The nomination's state"),
            new ActivityPort("stateChanged", "boolean", "本次是否改变了状态", "Whether this step changed the state"),
            new ActivityPort("notifiedCount", "number", "发出的通知数", "Mails written"),
        ],
    };

    /// <summary>The states a design may set, and the mail each sends.</summary>
    private static readonly Dictionary<NominationState, string?> Targets = new()
    {
        [NominationState.Returned] = "returned",
        [NominationState.Rejected] = "rejected",
        [NominationState.Approved] = "approved",
        [NominationState.UnderReview] = null,
    };

    public async ValueTask<IReadOnlyDictionary<string, object?>> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = ActivityInputs.RequireGuid(context, ActivityType, "nominationId");
        var target = ActivityInputs.Enum<NominationState>(context, ActivityType, "state")
            ?? throw new ArgumentException($"{ActivityType} needs the input 'state' (returned, rejected, approved or underReview).");
        if (!Targets.TryGetValue(target, out var mailEvent))
        {
            throw new ArgumentException($"{ActivityType}: a process sets the state returned, rejected, approved or underReview, not {target}.");
        }

        var nomination = await nominations.FindAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException($"{ActivityType}: the nomination {id} does not exist.");
        var reason = ActivityInputs.Text(context, "reason");
        var changed = nomination.State != target;
        if (changed)
        {
            nomination = await nominations.MoveAsync(id, target, reason, cancellationToken).ConfigureAwait(false);
        }

        var mails = 0;
        if (mailEvent is not null && (ActivityInputs.Bool(context, ActivityType, "notify") ?? true))
        {
            var (subject, body) = NotifyActivity.Events[mailEvent];
            (mails, _) = await NotifyActivity.TellFilersAsync(context, database, [id], subject, body, [], NotifyActivity.Model(context), cancellationToken).ConfigureAwait(false);
        }

        return new Dictionary<string, object?>
        {
            ["nominationState"] = StateCode(nomination.State),
            ["stateChanged"] = changed,
            ["notifiedCount"] = mails,
        };
    }

    /// <summary>The camelCase name of a state, as designs and the API write it (<c>underReview</c>).</summary>
    public static string StateCode(NominationState state)
    {
        var name = state.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
