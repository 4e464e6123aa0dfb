using Workflows.Activities.Honours.Rules;
using Workflows.Engine.Activities;

namespace Workflows.Activities.Honours.ServiceTasks;

/// <summary>
/// <c>honours.checkQuota</c> (核对名额): applies the campaign's quotas of a level to its list (the nominations it holds,
/// or the chosen ones, plus what it passed on before). Outputs whether it passed, the failing messages (each naming the
/// unit and the quota) and every quota line; with <c>errorCode</c> a failure raises that BPMN error instead.
/// </summary>
public sealed class CheckQuotaActivity(LevelListChecks lists) : IWorkflowActivity
{
    public const string ActivityType = "honours.checkQuota";

    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityType,
        Category = HonoursActivities.Category,
        DisplayNameZh = "核对名额",
        DisplayNameEn = "Check quota",
        DescriptionZh = "按评选活动分配给本级（市总工会、产业工会）的总名额和分类名额核对推荐名单（本级持有的推荐或指定的推荐，加上已报送的推荐）。超出名额时列出每一项超额的名额及人数。",
        DescriptionEn = "Checks a level's list (the nominations it holds or the chosen ones, plus those it passed on) against the campaign's total and per-category quotas of that level; every exceeded quota is named with its numbers.",
        Inputs =
        [
            new ActivityPort("campaignId", "string", "评选活动", "Campaign", Required: true),
            new ActivityPort("unitPath", "string", "报送单位（组织路径，如 /gd/gz）", "Submitting level (organisation path, e.g. /gd/gz)", Required: true),
            new ActivityPort("nominationIds", "list", "推荐名单（可选，默认本级持有的全部推荐）", "Nominations (optional; default: all the level holds)"),
            new ActivityPort("errorCode", "string", "不通过时抛出的 BPMN 错误码（可选）", "BPMN error raised on failure (optional)"),
        ],
        Outputs =
        [
            new ActivityPort("quotaPassed", "boolean", "名额核对是否通过", "Whether the list is within its quotas"),
            new ActivityPort("quotaMessages", "list", "超额说明（每项名额一条）", "One message per exceeded quota"),
            new ActivityPort("quotaLines", "list", "各项名额的使用情况", "Every quota with its use"),
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
        var quota = check.Quota;
        HonoursActivities.RaiseIfFailed(context, quota.Passed, quota.FailureMessagesZh);
        return new Dictionary<string, object?>
        {
            ["quotaPassed"] = quota.Passed,
            ["quotaMessages"] = quota.FailureMessagesZh.ToList(),
            ["quotaLines"] = quota.Lines.Select(l => new Dictionary<string, object?>
            {
                ["quota"] = l.QuotaNameZh,
                ["unitPath"] = l.UnitPath,
                ["unitName"] = l.UnitName,
                ["categories"] = NomineeCategoryNames.Codes(l.Categories).ToList(),
                ["number"] = l.Quota,
                ["used"] = l.Used,
                ["excess"] = l.Excess,
                ["passed"] = l.Passed,
                ["message"] = l.MessageZh,
            }).ToList(),
        };
    }
}
