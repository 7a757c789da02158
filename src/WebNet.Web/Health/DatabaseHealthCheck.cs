using Microsoft.Extensions.Diagnostics.HealthChecks;
using WebNet.Web.Storage;

namespace WebNet.Web.Health;

/// <summary>Ready when the run database opened, passed its integrity check and was writable at start-up, and still answers.</summary>
public sealed class DatabaseHealthCheck(IRunStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (store.Fault is { } fault)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(fault.Describe()));
        }

        try
        {
            var runs = store.ListRuns().Count;
            return Task.FromResult(HealthCheckResult.Healthy($"{store.Location}: {runs} runs"));
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or StorageUnavailableException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"The run database {store.Location} does not answer: {ex.Message}", ex));
        }
    }
}
