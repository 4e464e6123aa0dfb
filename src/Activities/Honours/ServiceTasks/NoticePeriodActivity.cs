using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Honours.Notices;
using Workflows.Activities.Persistence;
using Workflows.Engine.Activities;
using Workflows.Engine.Time;

namespace Workflows.Activities.Honours.ServiceTasks;

/// <summary>
/// <c>honours.noticePeriod</c> (计算公示期): the first and last day of a notice of N working days (on the official
/// calendar) or N calendar days from a start day, and the moment it is over (for a timer). The length is given, or taken
/// from the campaign for the level (unit: its working days; provincial: 5 working days or 7 calendar days as set).
/// </summary>
public sealed class NoticePeriodActivity(IWorkingCalendar calendar, HonoursDatabase database) : IWorkflowActivity
{
    public const string ActivityType = "honours.noticePeriod";

    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityType,
        Category = HonoursActivities.Category,
        DisplayNameZh = "计算公示期",
        DisplayNameEn = "Compute a notice period",
        DescriptionZh = "按法定节假日和调休安排计算公示期：从开始日起若干个工作日（或自然日），输出起止日期和公示结束时刻（可作定时器）。未给出天数时按评选活动的设定（单位公示不少于5个工作日；省级公示5个工作日或7个自然日）。",
        DescriptionEn = "Computes a notice period on the official calendar: N working days (or calendar days) from the start day; outputs the first and last day and the moment it ends (for a timer). Without a length, the campaign's setting for the level is used.",
        Inputs =
        [
            new ActivityPort("start", "date", "开始日期（默认今天）", "Start day (default: today)"),
            new ActivityPort("workingDays", "number", "工作日数", "Working days"),
            new ActivityPort("calendarDays", "number", "自然日数", "Calendar days"),
            new ActivityPort("campaignId", "string", "评选活动（未给天数时取其设定）", "Campaign (its setting when no length is given)"),
            new ActivityPort("level", "string", "公示级别：unit 或 provincial", "Level: unit or provincial"),
        ],
        Outputs =
        [
            new ActivityPort("noticeStartsOn", "date", "公示开始日", "First day"),
            new ActivityPort("noticeEndsOn", "date", "公示结束日", "Last day"),
            new ActivityPort("noticeClosesAt", "string", "公示结束时刻（ISO 8601）", "End moment (ISO 8601)"),
            new ActivityPort("noticeDays", "number", "公示天数", "Length in days"),
            new ActivityPort("noticeInWorkingDays", "boolean", "是否按工作日计算", "Whether counted in working days"),
        ],
    };

    public async ValueTask<IReadOnlyDictionary<string, object?>> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var start = ActivityInputs.Date(context, ActivityType, "start") ?? ActivityInputs.ChinaDay(context.Time.GetUtcNow());
        var workingDays = ActivityInputs.Int(context, ActivityType, "workingDays");
        var calendarDays = ActivityInputs.Int(context, ActivityType, "calendarDays");
        if (workingDays is not null && calendarDays is not null)
        {
            throw new ArgumentException($"{ActivityType}: give 'workingDays' or 'calendarDays', not both.");
        }

        if (workingDays is null && calendarDays is null)
        {
            var campaignId = ActivityInputs.Guid(context, ActivityType, "campaignId")
                ?? throw new ArgumentException($"{ActivityType} needs 'workingDays', 'calendarDays', or a 'campaignId' and 'level' to take the length from.");
            var level = ActivityInputs.Enum<NoticeLevel>(context, ActivityType, "level") ?? NoticeLevel.Unit;
            await using var db = database.CreateDbContext();
            var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken).ConfigureAwait(false)
                ?? throw new ArgumentException($"{ActivityType}: the campaign {campaignId} does not exist.");
            if (level == NoticeLevel.Unit || campaign.ProvincialNoticeInWorkingDays)
            {
                workingDays = level == NoticeLevel.Unit ? campaign.UnitNoticeWorkingDays : campaign.ProvincialNoticeDays;
            }
            else
            {
                calendarDays = campaign.ProvincialNoticeDays;
            }
        }

        var days = workingDays ?? calendarDays!.Value;
        if (days is < 1 or > NoticePeriod.MaxDays)
        {
            throw new ArgumentException($"{ActivityType}: a notice lasts 1 to {NoticePeriod.MaxDays} days, not {days}.");
        }

        var period = workingDays is not null ? NoticePeriod.Compute(start, days, calendar) : NoticePeriod.ComputeCalendarDays(start, days);
        return Outputs(period);
    }

    internal static Dictionary<string, object?> Outputs(NoticePeriod period) => new()
    {
        ["noticeStartsOn"] = ActivityInputs.Day(period.StartsOn),
        ["noticeEndsOn"] = ActivityInputs.Day(period.EndsOn),
        ["noticeClosesAt"] = ActivityInputs.Moment(period.ClosesAt),
        ["noticeDays"] = period.Days,
        ["noticeInWorkingDays"] = period.InWorkingDays,
    };
}
