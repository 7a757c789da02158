using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using WebNet.Web.Options;
using WebNet.Web.Storage;

namespace WebNet.Web.Health;

/// <summary>Ready while the data folder's disk has WebNet:Storage:MinFreeBytes free (below it, training pauses).</summary>
public sealed class DiskHealthCheck(DiskSpace disk, IOptions<WebNetOptions> web) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var folder = web.Value.ResolvedDataPath;
        return Task.FromResult(disk.Shortage(folder) is { } shortage
            ? HealthCheckResult.Unhealthy(shortage)
            : HealthCheckResult.Healthy($"{DiskSpace.Bytes(disk.FreeBytes(folder))} free in {folder}"));
    }
}
