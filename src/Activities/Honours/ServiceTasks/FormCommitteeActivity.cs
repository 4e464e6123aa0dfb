using Workflows.Activities.Honours.Campaigns;
using Workflows.Engine.Activities;

namespace Workflows.Activities.Honours.ServiceTasks;

/// <summary>
/// <c>honours.formCommittee</c> (组成评审委员会): the members of the campaign's review committee (see
/// <see cref="CampaignCommittee"/>), as the collection of the committee vote (<c>committee</c>). The list always comes
/// from the campaign's data and the organisation tree: a <c>committee</c> variable given at the start is overwritten.
/// </summary>
public sealed class FormCommitteeActivity(CampaignCommittee committees) : IWorkflowActivity
{
    public const string ActivityType = "honours.formCommittee";

    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityType,
        Category = HonoursActivities.Category,
        DisplayNameZh = "组成评审委员会",
        DisplayNameEn = "Form the review committee",
        DescriptionZh = "取评选活动主办单位的评审委员会（组织机构中其下的评审委员会及其委员）的全体委员作为表决人；表决人从不取自申报人提交的内容。",
        DescriptionEn = "Takes every member of the review committee of the organisation that runs the campaign (the committee under it in the organisation tree) as the voters; the voters never come from what the filer sent.",
        Inputs =
        [
            new ActivityPort("campaignId", "string", "评选活动", "Campaign", Required: true),
        ],
        Outputs =
        [
            new ActivityPort("committee", "list", "评审委员（用户名）", "Committee members (user names)"),
            new ActivityPort("committeeName", "string", "评审委员会名称", "Committee name"),
            new ActivityPort("committeePath", "string", "评审委员会路径", "Committee path"),
        ],
    };

    public async ValueTask<IReadOnlyDictionary<string, object?>> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var roster = await committees.ForCampaignAsync(ActivityInputs.RequireGuid(context, ActivityType, "campaignId"), cancellationToken).ConfigureAwait(false);
        return new Dictionary<string, object?>
        {
            ["committee"] = roster.Members.Cast<object?>().ToList(),
            ["committeeName"] = roster.Name,
            ["committeePath"] = roster.Path,
        };
    }
}
