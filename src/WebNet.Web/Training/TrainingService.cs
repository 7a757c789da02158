using Microsoft.Extensions.Options;
using WebNet.Web.Options;
using WebNet.Web.Storage;

namespace WebNet.Web.Training;

/// <summary>
/// Hosts the run controller: restores or auto-starts training at start-up and ends the loop on shutdown. A run database
/// that does not answer yet (a PostgreSQL server still starting) is tried again until it does.
/// </summary>
public sealed class TrainingService(RunController controller, IOptions<TrainingHostOptions> options, ILogger<TrainingService> logger) : BackgroundService
{
    internal static readonly TimeSpan StorageRetry = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                try
                {
                    await controller.InitializeAsync(options.Value.AutoStart, stoppingToken);
                    return;
                }
                catch (StorageUnavailableException ex)
                {
                    TrainingLog.StorageNotReady(logger, StorageRetry.TotalSeconds, ex.Message);
                    await Task.Delay(StorageRetry, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // The app still serves the dashboard, history and classification; the log says why training is idle.
            TrainingLog.AutoStartFailed(logger, ex, ex.Message);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await controller.ShutdownAsync(cancellationToken);
    }
}
