using Workflows.Activities.Calendar;

namespace Workflows.Host.Configuration;

/// <summary>
/// Reloads the official calendar every minute, so that a year an administrator saves on one node reaches the
/// others without a restart, and warns when the current or (from November) the next year is unknown.
/// </summary>
internal sealed class CalendarReloader(OfficialCalendar calendar, TimeProvider time, ILogger<CalendarReloader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        do
        {
            try
            {
                await calendar.ReloadAsync(stoppingToken);
                var today = time.GetUtcNow().AddHours(8);
                if (!calendar.IsKnownYear(today.Year) || (today.Month >= 11 && !calendar.IsKnownYear(today.Year + 1)))
                {
                    logger.LogWarning("The official calendar lacks {Year}: working days there count Monday to Friday only. Add the year with PUT /api/calendar/years/{Year}.",
                        calendar.IsKnownYear(today.Year) ? today.Year + 1 : today.Year, calendar.IsKnownYear(today.Year) ? today.Year + 1 : today.Year);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Reloading the official calendar failed; the last loaded calendar stays in use.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
