using WebNet.Web.Options;

namespace WebNet.Web.Cluster;

/// <summary>
/// What the configuration asks for, read once while the services are registered. WebNet:Redis alone adds the SignalR
/// backplane; with WebNet:Storage:Provider=postgres and ConnectionStrings:WebNet as well the app is scaled out: one
/// replica at a time holds the trainer lease, the others follow the shared run and forward control to it. Neither
/// set: the single process, exactly as before.
/// </summary>
public sealed record ClusterSettings(string? Redis, string? Postgres)
{
    public const string RedisKey = "WebNet:Redis";

    public bool ScaledOut => Redis is not null && Postgres is not null;

    public static ClusterSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var redis = configuration[RedisKey];
        // The storage's own options are bound later, in the container; the provider is read here as they read it.
        var provider = configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.Provider)}"];
        var postgres = Enum.TryParse<StorageProvider>(provider, ignoreCase: true, out var parsed) && parsed == StorageProvider.Postgres
            ? configuration.GetConnectionString(StorageOptions.ConnectionStringName)
            : null;
        return new(string.IsNullOrWhiteSpace(redis) ? null : redis, string.IsNullOrWhiteSpace(postgres) ? null : postgres);
    }
}
