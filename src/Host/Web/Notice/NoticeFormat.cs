using System.Globalization;
using Workflows.Host.Api;
using Workflows.Host.Web.Localization;

namespace Workflows.Host.Web.Notice;

/// <summary>How the public notice page writes dates and periods: 2026年11月24日 in Chinese, 24 Nov 2026 in English.</summary>
public static class NoticeFormat
{
    public static string Date(DateOnly date) => UiCulture.IsChinese
        ? $"{date.Year}年{date.Month}月{date.Day}日"
        : date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A time of receipt in China time, with the date written as <see cref="Date"/>.</summary>
    public static string Time(DateTimeOffset time)
    {
        var china = time.ToOffset(TimeSpan.FromHours(8));
        return $"{Date(DateOnly.FromDateTime(china.DateTime))} {china:HH:mm}";
    }

    /// <summary>The notice period with its length: 公示期：2026年11月24日 至 2026年11月30日（5个工作日）.</summary>
    public static string Period(PublicNoticeDto notice) => UiText.Format(
        UiText.Notice.Period, Date(notice.StartsOn), Date(notice.EndsOn),
        UiText.Format(notice.InWorkingDays ? UiText.Notice.WorkingDays : UiText.Notice.CalendarDays, notice.Days));
}
