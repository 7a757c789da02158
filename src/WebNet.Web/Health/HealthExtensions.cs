using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using WebNet.Web.Options;

namespace WebNet.Web.Health;

/// <summary>
/// ASP.NET Core's health checks: /health/live answers 200 while the process serves requests (it runs no checks);
/// /health/ready runs the database, data, model and disk checks (and postgres with that provider) and answers 503 when any fails. Both write
/// {status, checks: {name: {status, description}}}.
/// </summary>
public static class HealthExtensions
{
    public const string Ready = "ready";

    public static IServiceCollection AddWebNetHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<DataHealthCheck>("data", tags: [Ready])
            .AddCheck<ModelHealthCheck>("model", tags: [Ready])
            .AddCheck<DiskHealthCheck>("disk", tags: [Ready]);

        // The PostgreSQL server itself, only where it holds the runs (WebNet:Storage:Provider=postgres).
        services.AddOptions<HealthCheckServiceOptions>().Configure<IOptions<StorageOptions>>((health, storage) =>
        {
            if (storage.Value.Provider == StorageProvider.Postgres)
            {
                health.Registrations.Add(new HealthCheckRegistration(
                    "postgres", sp => ActivatorUtilities.CreateInstance<PostgresHealthCheck>(sp), HealthStatus.Unhealthy, [Ready]));
            }
        });
        return services;
    }

    public static IEndpointRouteBuilder MapWebNetHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains(Ready), ResponseWriter = WriteAsync }).DisableRateLimiting();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }
}
