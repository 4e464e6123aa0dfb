using Workflows.Activities.Honours.Registry;
using Workflows.Engine.Activities;

namespace Workflows.Activities.Honours.ServiceTasks;

/// <summary>
/// <c>honours.registerHonours</c> (登记荣誉): enters the honoured of a published campaign in the registry with
/// certificate numbers. Running it again adds nothing twice.
/// </summary>
public sealed class RegisterHonoursActivity(HonourRegistry registry) : IWorkflowActivity
{
    public const string ActivityType = "honours.registerHonours";

    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityType,
        Category = HonoursActivities.Category,
        DisplayNameZh = "登记荣誉",
        DisplayNameEn = "Register honours",
        DescriptionZh = "表彰决定发布后，将获表彰者登记入荣誉库并编制证书编号（同一对象同一荣誉同一年度只登记一次）。",
        DescriptionEn = "Enters the honoured of a published decision in the honours registry with certificate numbers (once per nominee, honour and year).",
        Inputs =
        [
            new ActivityPort("campaignId", "string", "评选活动", "Campaign", Required: true),
            new ActivityPort("awardedOn", "date", "授予日期（默认今天）", "Award date (default: today)"),
            new ActivityPort("nominationIds", "list", "只登记这些推荐（可选）", "Only these nominations (optional)"),
        ],
        Outputs =
        [
            new ActivityPort("registeredCount", "number", "本次新登记条数", "Records added"),
            new ActivityPort("certificateNumbers", "list", "证书编号", "Certificate numbers"),
            new ActivityPort("honourRecords", "list", "荣誉记录", "Registry records"),
        ],
    };

    public async ValueTask<IReadOnlyDictionary<string, object?>> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await registry.RegisterCampaignAsync(
            ActivityInputs.RequireGuid(context, ActivityType, "campaignId"),
            ActivityInputs.Date(context, ActivityType, "awardedOn") ?? ActivityInputs.ChinaDay(context.Time.GetUtcNow()),
            ActivityInputs.Actor(context),
            ActivityInputs.Guids(context, ActivityType, "nominationIds"),
            cancellationToken).ConfigureAwait(false);
        return new Dictionary<string, object?>
        {
            ["registeredCount"] = result.Added,
            ["certificateNumbers"] = result.Records.Select(r => r.CertificateNumber).ToList(),
            ["honourRecords"] = result.Records.Select(r => new Dictionary<string, object?>
            {
                ["recordId"] = r.Id.ToString(),
                ["nominationId"] = r.NominationId?.ToString(),
                ["name"] = r.NomineeName,
                ["certificateNumber"] = r.CertificateNumber,
                ["year"] = r.Year,
            }).ToList(),
        };
    }
}
