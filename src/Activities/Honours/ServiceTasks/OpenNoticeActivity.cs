using Workflows.Activities.Honours.Notices;
using Workflows.Engine.Activities;

namespace Workflows.Activities.Honours.ServiceTasks;

/// <summary>
/// <c>honours.openNotice</c> (发布公示): opens a unit or provincial notice of a list of nominations for its period on the
/// official calendar. Idempotent per process step: running the step again returns the same notice.
/// </summary>
public sealed class OpenNoticeActivity(PublicNoticeService notices) : IWorkflowActivity
{
    public const string ActivityType = "honours.openNotice";

    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityType,
        Category = HonoursActivities.Category,
        DisplayNameZh = "发布公示",
        DisplayNameEn = "Open a public notice",
        DescriptionZh = "发布单位公示或省级公示：列出推荐名单，按工作日（或自然日）计算公示期，公示期内受理实名异议。输出公示编号和结束时刻，可接定时器等待公示期满。",
        DescriptionEn = "Opens a unit or provincial notice of a list of nominations, its period counted on the official calendar; objections are accepted while it runs. Outputs the notice id and its end moment (for a timer).",
        Inputs =
        [
            new ActivityPort("campaignId", "string", "评选活动", "Campaign", Required: true),
            new ActivityPort("level", "string", "公示级别：unit（单位）或 provincial（省级）", "Level: unit or provincial", Required: true),
            new ActivityPort("organisationPath", "string", "发布单位（组织路径）", "Publishing organisation (path)", Required: true),
            new ActivityPort("nominationIds", "list", "公示名单（推荐）", "Nominations listed"),
            new ActivityPort("nominationId", "string", "单个推荐（单位公示）", "One nomination (unit notice)"),
            new ActivityPort("start", "date", "开始日期（默认今天）", "Start day (default: today)"),
            new ActivityPort("days", "number", "公示天数（默认按评选活动设定）", "Days (default: the campaign's)"),
            new ActivityPort("inWorkingDays", "boolean", "是否按工作日计算", "Count working days"),
            new ActivityPort("title", "string", "公示标题", "Title"),
        ],
        Outputs =
        [
            new ActivityPort("noticeId", "string", "公示编号", "Notice id"),
            new ActivityPort("noticeStartsOn", "date", "公示开始日", "First day"),
            new ActivityPort("noticeEndsOn", "date", "公示结束日", "Last day"),
            new ActivityPort("noticeClosesAt", "string", "公示结束时刻（ISO 8601）", "End moment (ISO 8601)"),
        ],
    };

    public async ValueTask<IReadOnlyDictionary<string, object?>> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ids = ActivityInputs.Guids(context, ActivityType, "nominationIds")?.ToList() ?? [];
        if (ActivityInputs.Guid(context, ActivityType, "nominationId") is { } single)
        {
            ids.Add(single);
        }

        if (ids.Count == 0)
        {
            throw new ArgumentException($"{ActivityType} needs the nominations to list: 'nominationIds' or 'nominationId'.");
        }

        var notice = await notices.OpenAsync(new NoticeInput
        {
            CampaignId = ActivityInputs.RequireGuid(context, ActivityType, "campaignId"),
            Level = ActivityInputs.Enum<NoticeLevel>(context, ActivityType, "level") ?? throw new ArgumentException($"{ActivityType} needs the input 'level' (unit or provincial)."),
            OrganisationPath = ActivityInputs.RequireText(context, ActivityType, "organisationPath"),
            NominationIds = ids,
            OpenedBy = ActivityInputs.Actor(context),
            Title = ActivityInputs.Text(context, "title"),
            StartsOn = ActivityInputs.Date(context, ActivityType, "start"),
            Days = ActivityInputs.Int(context, ActivityType, "days"),
            InWorkingDays = ActivityInputs.Bool(context, ActivityType, "inWorkingDays"),
            SourceKey = ActivityInputs.SourceKey(context),
        }, cancellationToken).ConfigureAwait(false);
        return new Dictionary<string, object?>
        {
            ["noticeId"] = notice.Id.ToString(),
            ["noticeStartsOn"] = ActivityInputs.Day(notice.StartsOn),
            ["noticeEndsOn"] = ActivityInputs.Day(notice.EndsOn),
            ["noticeClosesAt"] = ActivityInputs.Moment(notice.ClosesAt),
        };
    }
}
