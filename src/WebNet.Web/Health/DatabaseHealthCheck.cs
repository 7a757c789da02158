using Microsoft.Extensions.Diagnostics.HealthChecks;
using WebNet.Web.Storage;

namespace WebNet.Web.Health;

/// <summary>Ready when the run database opened, passed its integrity check and was writable at start-up, and still answers.</summary>
public sealed class DatabaseHealthCheck(RunStore store) : IHealthCheck
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
            return Task.FromResult(HealthCheckResult.Healthy($"{store.DatabasePath}: {runs} runs"));
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"The run database {store.DatabasePath} does not answer: {ex.Message}", ex));
        }
    }
}
