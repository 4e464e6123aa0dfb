using Workflows.Activities.Honours.Rules;
using Workflows.Engine.Activities;

namespace Workflows.Activities.Honours.ServiceTasks;

/// <summary>
/// <c>honours.checkEligibility</c> (资格审查与一票否决): checks a nomination's nominee for vetoes (a safety accident,
/// occupational disease or mass incident within the veto years, wage arrears …), a second nomination in the campaign,
/// and the prerequisite honours. With <c>errorCode</c> an ineligible nominee raises that BPMN error instead.
/// </summary>
public sealed class CheckEligibilityActivity(EligibilityCheck eligibility) : IWorkflowActivity
{
    public const string ActivityType = "honours.checkEligibility";

    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityType,
        Category = HonoursActivities.Category,
        DisplayNameZh = "资格审查",
        DisplayNameEn = "Check eligibility and vetoes",
        DescriptionZh = "审查被推荐对象的资格：近3年（按评选活动设定）发生安全生产事故、严重职业病危害或群体性事件的单位及其负责人一票否决；存在欠薪等未解决问题的一票否决；每次评选每个对象只能推荐一次；须具备前置荣誉的项目查荣誉库。",
        DescriptionEn = "Checks the nominee: a safety accident, serious occupational disease or mass incident within the campaign's veto years bars the unit and its head; unsettled wage arrears and the like bar; one nomination per nominee per campaign; prerequisite honours from the registry.",
        Inputs =
        [
            new ActivityPort("nominationId", "string", "推荐", "Nomination", Required: true),
            new ActivityPort("errorCode", "string", "不符合资格时抛出的 BPMN 错误码（可选）", "BPMN error raised when not eligible (optional)"),
        ],
        Outputs =
        [
            new ActivityPort("eligible", "boolean", "是否符合资格", "Whether the nominee is eligible"),
            new ActivityPort("eligibilityMessages", "list", "不符合资格的原因", "Why not"),
            new ActivityPort("eligibilityProblems", "list", "问题明细（代码与说明）", "Problems (code and message)"),
        ],
    };

    public async ValueTask<IReadOnlyDictionary<string, object?>> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await eligibility.CheckNominationAsync(ActivityInputs.RequireGuid(context, ActivityType, "nominationId"), cancellationToken).ConfigureAwait(false);
        HonoursActivities.RaiseIfFailed(context, result.Eligible, result.MessagesZh);
        return new Dictionary<string, object?>
        {
            ["eligible"] = result.Eligible,
            ["eligibilityMessages"] = result.MessagesZh.ToList(),
            ["eligibilityProblems"] = result.Problems.Select(p => new Dictionary<string, object?> { ["code"] = p.Code, ["message"] = p.MessageZh }).ToList(),
        };
    }
}
