using Microsoft.Extensions.Diagnostics.HealthChecks;
using WebNet.Core.Data;
using WebNet.Web.Training;

namespace WebNet.Web.Health;

/// <summary>Ready when the training and test sets load (MNIST, checked by SHA-256; read once and kept).</summary>
public sealed class DataHealthCheck(IDatasetProvider datasets) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var (train, test) = datasets.Load();
            return Task.FromResult(HealthCheckResult.Healthy($"{train.Count} training and {test.Count} test images"));
        }
        catch (DataFormatException ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(ex.Message));
        }
    }
}
