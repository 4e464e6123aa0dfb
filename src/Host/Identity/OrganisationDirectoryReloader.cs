using Workflows.Activities.Organisations;

namespace Workflows.Host.Identity;

/// <summary>
/// Reloads the <see cref="OrganisationDirectory"/> every <see cref="Period"/>, so that organisations and role
/// assignments changed on another node (or straight in the database) reach the expressions of this node. The host
/// loads it once at start-up before serving; code that changes organisations calls
/// <see cref="OrganisationDirectory.ReloadAsync"/> itself for the node it runs on.
/// </summary>
internal sealed class OrganisationDirectoryReloader(OrganisationDirectory directory, TimeProvider time, ILogger<OrganisationDirectoryReloader> logger)
    : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await directory.ReloadAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Reloading the organisation directory failed; the last loaded one stays in use.");
            }
        }
    }
}
