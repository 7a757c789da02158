using Microsoft.Extensions.Options;
using WebNet.Web.Training;

namespace WebNet.Web.Cluster;

/// <summary>
/// Scaled out: a replica without the lease re-reads the shared run when the trainer announces a change (Redis) and at
/// least every SyncInterval (covering missed messages and Redis outages), so its status and model follow the trainer's.
/// </summary>
public sealed class FollowerSync(RunController controller, ControlRelay relay, IOptions<ClusterOptions> options, ILogger<FollowerSync> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? lastFailure = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await relay.RetryFailedSubscriptionsAsync();
                controller.Follow();
                lastFailure = null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database is down: keep serving the model this replica has; say so once, not every tick.
                if (ex.Message != lastFailure)
                {
                    ClusterLog.SyncFailed(logger, ex.Message);
                    lastFailure = ex.Message;
                }
            }

            using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            tick.CancelAfter(options.Value.SyncInterval);
            try
            {
                await relay.Changes.ReadAsync(tick.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The tick: read again even without a message.
            }
        }
    }
}
