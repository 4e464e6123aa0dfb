using Workflows.Activities.Privacy;

namespace Workflows.Host.Scheduling;

/// <summary>
/// On every node: once at start, seals the objectors' names and contacts still stored in the clear (rows from before
/// they were sealed; idempotent); then every <see cref="SweepMinutesSetting"/> minutes erases those whose retention
/// after their notice closed ran out (<see cref="PersonalDataService.ObjectionContactDaysSetting"/>, default
/// <see cref="PersonalDataService.DefaultObjectionContactDays"/> days). Both are <see cref="PersonalDataService"/>'s use
/// cases; two nodes doing the same work change the same rows to the same values.
/// </summary>
public sealed class PersonalDataSweeper(PersonalDataService personalData, IConfiguration configuration, TimeProvider time, ILogger<PersonalDataSweeper> logger)
    : BackgroundService
{
    /// <summary>The minutes between two retention sweeps (default 60).</summary>
    public const string SweepMinutesSetting = "Workflows:Retention:SweepMinutes";

    private readonly int _days = Math.Max(0, configuration.GetValue(PersonalDataService.ObjectionContactDaysSetting, PersonalDataService.DefaultObjectionContactDays));
    private readonly int _minutes = Math.Max(1, configuration.GetValue(SweepMinutesSetting, 60));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            var sealedRows = await personalData.SealClearObjectorDataAsync(stoppingToken);
            if (sealedRows > 0 && logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Sealed the personal data of {Count} objections stored in the clear.", sealedRows);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Sealing the personal data stored in the clear failed; the next start tries again.");
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(_minutes), time);
        do
        {
            try
            {
                var erased = await personalData.EraseExpiredObjectorDataAsync(_days, stoppingToken);
                if (erased > 0 && logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Erased the objector's name and contact of {Count} objections ({Days} days after their notice closed).", erased, _days);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The personal data retention sweep failed; the next one in {Minutes} min tries again.", _minutes);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
