using System.Globalization;
using Workflows.Engine.Time;

namespace Workflows.Activities.Honours;

/// <summary>The Chinese names of campaign states, and times as people in Guangdong read them.</summary>
public static class CampaignStates
{
    public static string Zh(CampaignState state) => state switch
    {
        CampaignState.Draft => "筹备中",
        CampaignState.Open => "申报中",
        CampaignState.Closed => "申报已截止",
        CampaignState.Published => "已发布表彰决定",
        _ => state.ToString(),
    };

    /// <summary><c>2026-03-31 17:00</c> in China Standard Time.</summary>
    public static string Time(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, WorkingDays.ChinaStandardTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
