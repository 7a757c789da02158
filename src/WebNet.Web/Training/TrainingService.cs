using Microsoft.Extensions.Options;
using WebNet.Web.Options;

namespace WebNet.Web.Training;

/// <summary>Hosts the run controller: restores or auto-starts training at start-up and ends the loop on shutdown.</summary>
public sealed class TrainingService(RunController controller, IOptions<TrainingHostOptions> options, ILogger<TrainingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await controller.InitializeAsync(options.Value.AutoStart, stoppingToken);
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
