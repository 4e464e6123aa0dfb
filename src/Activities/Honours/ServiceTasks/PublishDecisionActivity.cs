using Workflows.Activities.Honours.Registry;
using Workflows.Engine.Activities;

namespace Workflows.Activities.Honours.ServiceTasks;

/// <summary>
/// <c>honours.publishDecision</c> (发布表彰决定): publishes the campaign's decision; the approved nominations become the
/// honour roll. Running it again returns the decision already published.
/// </summary>
public sealed class PublishDecisionActivity(DecisionService decisions) : IWorkflowActivity
{
    public const string ActivityType = "honours.publishDecision";

    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityType,
        Category = HonoursActivities.Category,
        DisplayNameZh = "发布表彰决定",
        DisplayNameEn = "Publish the decision",
        DescriptionZh = "发布评选活动的表彰决定：已审定的推荐列入表彰名单，评选活动转为已发布。输出决定编号、表彰人数和表彰名单。",
        DescriptionEn = "Publishes the campaign's decision: the approved nominations form the honour roll and the campaign is published. Outputs the decision id, the number honoured and the roll.",
        Inputs =
        [
            new ActivityPort("campaignId", "string", "评选活动", "Campaign", Required: true),
            new ActivityPort("title", "string", "决定标题（默认：关于表彰…获得者的决定）", "Title (default: 关于表彰…获得者的决定)"),
            new ActivityPort("documentNumber", "string", "文号", "Document number"),
        ],
        Outputs =
        [
            new ActivityPort("decisionId", "string", "表彰决定编号", "Decision id"),
            new ActivityPort("decisionTitle", "string", "决定标题", "Decision title"),
            new ActivityPort("honourCount", "number", "表彰人数（个数）", "Number honoured"),
            new ActivityPort("honourRoll", "list", "表彰名单", "Honour roll"),
        ],
    };

    public async ValueTask<IReadOnlyDictionary<string, object?>> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var published = await decisions.PublishAsync(
            ActivityInputs.RequireGuid(context, ActivityType, "campaignId"),
            ActivityInputs.Text(context, "title"),
            ActivityInputs.Text(context, "documentNumber"),
            ActivityInputs.Actor(context),
            cancellationToken).ConfigureAwait(false);
        return new Dictionary<string, object?>
        {
            ["decisionId"] = published.Decision.Id.ToString(),
            ["decisionTitle"] = published.Decision.Title,
            ["honourCount"] = published.Roll.Count,
            ["honourRoll"] = published.Roll.Select(e => new Dictionary<string, object?>
            {
                ["nominationId"] = e.NominationId.ToString(),
                ["name"] = e.NomineeName,
                ["kind"] = e.NomineeKind.ToString(),
                ["organisation"] = e.OrganisationName ?? e.OrganisationPath,
            }).ToList(),
        };
    }
}
