using Microsoft.Extensions.Diagnostics.HealthChecks;
using WebNet.Web.Storage;
using WebNet.Web.Storage.Postgres;

namespace WebNet.Web.Health;

/// <summary>With WebNet:Storage:Provider=postgres: ready while the server answers a query on the app's schema.</summary>
public sealed class PostgresHealthCheck(PostgresDatabase database) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return Task.FromResult(HealthCheckResult.Healthy($"{database.Location}: {database.Describe()}"));
        }
        catch (StorageUnavailableException ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(ex.Message, ex.InnerException));
        }
    }
}
