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
        }).AddMessagePackProtocol(); // beside JSON: the page takes MessagePack, so an epoch's weights travel as raw bytes
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
