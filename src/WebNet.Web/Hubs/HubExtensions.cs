using MessagePack.Resolvers;
using Microsoft.AspNetCore.SignalR;
using WebNet.Web.Security;

namespace WebNet.Web.Hubs;

public static class HubExtensions
{
    /// <summary>Client messages are a few hundred bytes; a larger one closes that connection only.</summary>
    public const long MaximumReceiveMessageSize = 32 * 1024;

    public const string Path = "/hubs/training";

    public static IServiceCollection AddTrainingHub(this IServiceCollection services)
    {
        services.AddSignalR(options =>
        {
            options.MaximumReceiveMessageSize = MaximumReceiveMessageSize;
            options.AddFilter<AdminKeyHubFilter>();
        })
        // Beside JSON: the page takes MessagePack, so an epoch's weights travel as raw bytes. A JsonElement argument
        // (Start's request) reads a MessagePack value as JSON, for the reader REST's start body goes through.
        .AddMessagePackProtocol(options => options.SerializerOptions = options.SerializerOptions.WithResolver(
            CompositeResolver.Create([JsonElementFormatter.Instance], [options.SerializerOptions.Resolver])));
        services.AddSingleton<HubPusher>();
        services.AddHostedService(sp => sp.GetRequiredService<HubPusher>());
        return services;
    }

    public static WebApplication MapTrainingHub(this WebApplication app)
    {
        app.UseHubOriginGuard(Path);
        app.MapHub<TrainingHub>(Path);
        return app;
    }
}
