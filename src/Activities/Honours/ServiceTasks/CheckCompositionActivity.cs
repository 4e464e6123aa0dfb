using Workflows.Activities.Honours.Rules;
using Workflows.Engine.Activities;

namespace Workflows.Activities.Honours.ServiceTasks;

/// <summary>
/// <c>honours.checkComposition</c> (核对结构比例): applies the campaign's composition rules to a city's or industry
/// union's list (产业工人 ≥ 35% …). Outputs whether it passed, the failing messages (each naming the rule, the counts and
/// the shortfall) and every rule line; with <c>errorCode</c> a failure raises that BPMN error instead.
/// </summary>
public sealed class CheckCompositionActivity(LevelListChecks lists) : IWorkflowActivity
{
    public const string ActivityType = "honours.checkComposition";

    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityType,
        Category = HonoursActivities.Category,
        DisplayNameZh = "核对结构比例",
        DisplayNameEn = "Check composition rules",
        DescriptionZh = "按评选活动的结构比例规则（如产业工人不少于35%、企业负责人不超过20%、女性不少于若干名）核对市总工会或产业工会的推荐名单，不符合时列出每条规则的人数和差额。",
        DescriptionEn = "Checks a city's or industry union's list against the campaign's composition rules (e.g. industrial workers at least 35%, enterprise heads at most 20%, at least N women); each failing rule is named with its counts and shortfall.",
        Inputs =
        [
            new ActivityPort("campaignId", "string", "评选活动", "Campaign", Required: true),
            new ActivityPort("unitPath", "string", "报送单位（组织路径）", "Submitting level (organisation path)", Required: true),
            new ActivityPort("nominationIds", "list", "推荐名单（可选，默认本级持有的全部推荐）", "Nominations (optional; default: all the level holds)"),
            new ActivityPort("errorCode", "string", "不通过时抛出的 BPMN 错误码（可选）", "BPMN error raised on failure (optional)"),
        ],
        Outputs =
        [
            new ActivityPort("compositionPassed", "boolean", "结构比例是否符合", "Whether every rule holds"),
            new ActivityPort("compositionMessages", "list", "不符合的规则说明", "One message per failing rule"),
            new ActivityPort("compositionLines", "list", "各条规则的核对情况", "Every rule with its counts"),
        ],
    };

    public async ValueTask<IReadOnlyDictionary<string, object?>> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var check = await lists.CheckAsync(
            ActivityInputs.RequireGuid(context, ActivityType, "campaignId"),
            ActivityInputs.RequireText(context, ActivityType, "unitPath"),
            ActivityInputs.Guids(context, ActivityType, "nominationIds"),
            cancellationToken).ConfigureAwait(false);
        var composition = check.Composition;
        HonoursActivities.RaiseIfFailed(context, composition.Passed, composition.FailureMessagesZh);
        return new Dictionary<string, object?>
        {
            ["compositionPassed"] = composition.Passed,
            ["compositionMessages"] = composition.FailureMessagesZh.ToList(),
            ["compositionLines"] = composition.Lines.Select(l => new Dictionary<string, object?>
            {
                ["rule"] = l.RuleNameZh,
                ["kind"] = l.Kind.ToString(),
                ["listSize"] = l.BaseSize,
                ["actual"] = l.Actual,
                ["required"] = l.Required,
                ["shortfall"] = l.Shortfall,
                ["excess"] = l.Excess,
                ["passed"] = l.Passed,
                ["message"] = l.MessageZh,
            }).ToList(),
        };
    }
}
