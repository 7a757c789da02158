using HealthChecks.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WebNet.Web.Health;
using WebNet.Web.Training;

namespace WebNet.Web.Cluster;

public static class ClusterExtensions
{
    /// <summary>The hub's channels on Redis, apart from the replicas' own messages (webnet:control, webnet:changed...).</summary>
    public const string BackplanePrefix = "webnet-hub";

    /// <summary>
    /// Nothing when neither WebNet:Redis nor PostgreSQL storage is configured. WebNet:Redis: the SignalR Redis backplane
    /// (an epoch sent on one replica reaches the dashboards on all) and a "redis" readiness check. Redis and
    /// PostgreSQL: scaled out, with the trainer lease, control forwarding and following (the storage adds its "postgres" readiness check).
    /// </summary>
    public static WebApplicationBuilder AddCluster(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = ClusterSettings.From(builder.Configuration);
        var services = builder.Services;
        if (settings.Redis is not { } redis)
        {
            return builder;
        }

        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(RedisOptions(redis)));
        services.AddSignalR().AddStackExchangeRedis(options =>
        {
            options.Configuration = RedisOptions(redis);
            options.Configuration.ChannelPrefix = RedisChannel.Literal(BackplanePrefix);
        });
        services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            "redis", sp => new RedisHealthCheck(sp.GetRequiredService<IConnectionMultiplexer>()), null, [HealthExtensions.Ready], TimeSpan.FromSeconds(3)));
        if (!settings.ScaledOut)
        {
            return builder;
        }

        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new TrainerLease(settings.Postgres!, sp.GetRequiredService<ILogger<TrainerLease>>()));
        services.AddSingleton<ControlRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<ControlRelay>());
        services.AddSingleton<ClusterLink>();
        services.AddHostedService<FollowerSync>();
        services.AddHostedService<LeaseService>();
        return builder;
    }

    // Never throws at start-up or while Redis is away: the multiplexer reconnects in the background, and a command
    // sent meanwhile fails at once (FailFast) instead of waiting in a backlog, so control answers 503 promptly.
    private static ConfigurationOptions RedisOptions(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 3000);
        options.ReconnectRetryPolicy = new LinearRetry(1000);
        return options;
    }
}
