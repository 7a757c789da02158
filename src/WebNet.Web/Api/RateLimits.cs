using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using WebNet.Web.Options;

namespace WebNet.Web.Api;

/// <summary>
/// Every rate-limit policy, registered here and applied with RequireRateLimiting where the endpoints are mapped.
/// A client over its window gets 429, a GIF request while the renders are busy 503; both ProblemDetails with
/// Retry-After. Partitioned by the connection's remote address; behind a reverse proxy, forward it
/// (UseForwardedHeaders) or every client shares the proxy's window.
/// </summary>
public static class RateLimits
{
    public const string Drawing = "drawing";
    public const string Insight = "insight";
    public const string Images = "images";
    public const string GifRendering = "gif-rendering";

    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, configured) =>
        {
            var limits = configured.Value;
            PerClient(limiter, Drawing, limits.DrawingPerSecond, TimeSpan.FromSeconds(1));
            PerClient(limiter, Insight, limits.InsightPerMinute, TimeSpan.FromMinutes(1));
            PerClient(limiter, Images, limits.ImagesPerMinute, TimeSpan.FromMinutes(1));
            limiter.AddConcurrencyLimiter(GifRendering, o =>
            {
                o.PermitLimit = limits.GifRenders;
                o.QueueLimit = limits.GifQueue;
                o.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static void PerClient(RateLimiterOptions limiter, string policy, int permits, TimeSpan window) =>
        limiter.AddPolicy(policy, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true }));

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        var busy = policy == GifRendering;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : busy ? 5 : 1;
        var status = busy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status429TooManyRequests;
        context.Response.StatusCode = status;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = busy ? "Busy rendering" : "Too many requests",
                Detail = busy
                    ? $"Every heatmap GIF render is in use (WebNet:RateLimits:GifRenders); try again in {retryAfter} s."
                    : $"This address has used its requests for {context.Request.Path} in this window ({policy} limit, WebNet:RateLimits); try again in {retryAfter} s.",
                Extensions = { ["retryAfterSeconds"] = retryAfter },
            },
        });
    }
}
