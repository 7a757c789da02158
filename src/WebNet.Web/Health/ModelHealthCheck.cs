using Microsoft.Extensions.Diagnostics.HealthChecks;
using WebNet.Web.Models;

namespace WebNet.Web.Health;

/// <summary>Ready when a model answers classify: one trained (after a run's first epoch) or imported.</summary>
public sealed class ModelHealthCheck(ModelStore models) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(models.Snapshot is { } published
            ? HealthCheckResult.Healthy($"{published.Model.Shape} from {published.Info.Source}")
            : HealthCheckResult.Unhealthy(ModelStore.NoModelDetail));
}
