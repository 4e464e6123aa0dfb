using Workflows.Activities.Honours.Notices;
using Workflows.Engine.Activities;

namespace Workflows.Activities.Honours.ServiceTasks;

/// <summary>
/// <c>honours.closeNotice</c> (公示期满): closes a notice whose period is over and writes its report (公示期满，无异议 …).
/// <c>noticeClean</c> is true when no objection was upheld and none is still under investigation; the nominations of
/// upheld objections are listed (they are rejected already).
/// </summary>
public sealed class CloseNoticeActivity(PublicNoticeService notices) : IWorkflowActivity
{
    public const string ActivityType = "honours.closeNotice";

    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityType,
        Category = HonoursActivities.Category,
        DisplayNameZh = "结束公示",
        DisplayNameEn = "Close a public notice",
        DescriptionZh = "公示期满后结束公示并形成公示结果（无异议，或异议件数及核实结论）。输出是否无异议、公示结果和异议成立的推荐。",
        DescriptionEn = "Closes a notice whose period is over and writes its report (no objection, or the objections and their outcome). Outputs whether it is clean, the report, and the nominations whose objections were upheld.",
        Inputs =
        [
            new ActivityPort("noticeId", "string", "公示编号", "Notice id", Required: true),
            new ActivityPort("early", "boolean", "提前结束（管理员决定）", "Close before the period is over"),
        ],
        Outputs =
        [
            new ActivityPort("noticeClean", "boolean", "是否无异议（或异议均不成立）", "No objection upheld or pending"),
            new ActivityPort("noticeReport", "string", "公示结果", "Report"),
            new ActivityPort("objectionCount", "number", "异议件数", "Objections"),
            new ActivityPort("objectionsUpheld", "number", "异议成立件数", "Objections upheld"),
            new ActivityPort("objectionsInvestigating", "number", "正在核实的异议件数", "Objections under investigation"),
            new ActivityPort("rejectedNominationIds", "list", "异议成立的推荐", "Nominations whose objections were upheld"),
        ],
    };

    public async ValueTask<IReadOnlyDictionary<string, object?>> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await notices.CloseAsync(
            ActivityInputs.RequireGuid(context, ActivityType, "noticeId"),
            ActivityInputs.Actor(context),
            ActivityInputs.Bool(context, ActivityType, "early") ?? false,
            cancellationToken).ConfigureAwait(false);
        return new Dictionary<string, object?>
        {
            ["noticeClean"] = outcome.Clean,
            ["noticeReport"] = outcome.Notice.Report,
            ["objectionCount"] = outcome.Objections,
            ["objectionsUpheld"] = outcome.Upheld,
            ["objectionsInvestigating"] = outcome.Investigating,
            ["rejectedNominationIds"] = outcome.RejectedNominationIds.Select(id => id.ToString()).ToList(),
        };
    }
}
