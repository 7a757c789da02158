using Microsoft.Extensions.Options;
using WebNet.Web.Options;
using WebNet.Web.Training;

namespace WebNet.Web.Cluster;

/// <summary>
/// Scaled out: tries for the trainer lease every LeaseInterval. The replica that gets it restores the shared run
/// (resuming it from its last checkpoint) and serves forwarded control; the holder checks its lease session as often,
/// and on losing it stops training at once and goes back to following.
/// </summary>
public sealed class LeaseService(
    TrainerLease lease,
    RunController controller,
    ControlRelay relay,
    IOptions<ClusterOptions> options,
    IOptions<TrainingHostOptions> host,
    ILogger<LeaseService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LeaseInterval);
        var leading = false;
        try
        {
            do
            {
                // Lost: the session died, a check before storing failed, or the loop gave the lease up.
                if (leading && !await lease.CheckAsync(stoppingToken))
                {
                    await HandOverAsync();
                    leading = false;
                }

                if (!leading && await lease.TryAcquireAsync(stoppingToken))
                {
                    leading = await LeadAsync(stoppingToken);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown: the loop ends in StopAsync; releasing the lease ends its session, which frees the lock.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await controller.ShutdownAsync(cancellationToken);
        await relay.StopServingAsync();
        await lease.ReleaseAsync();
    }

    private async Task<bool> LeadAsync(CancellationToken stoppingToken)
    {
        try
        {
            await controller.TakeLeadAsync(host.Value.AutoStart, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // E.g. the database failed while the run was read: give the lease up so that the next try starts clean.
            TrainingLog.AutoStartFailed(logger, ex, ex.Message);
            await lease.ReleaseAsync();
            await controller.LoseLeadAsync();
            return false;
        }

        await relay.ServeAsync(controller.ExecuteForwardedAsync, stoppingToken);
        return true;
    }

    private async Task HandOverAsync()
    {
        await relay.StopServingAsync();
        await controller.LoseLeadAsync();
    }
}
