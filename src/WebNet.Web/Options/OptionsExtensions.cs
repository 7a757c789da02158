using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace WebNet.Web.Options;

public static class OptionsExtensions
{
    public static IServiceCollection AddWebNetOptions(this IServiceCollection services)
    {
        // A relative DataPath is resolved against the content root, one place whatever the build configuration
        // (beside the app, Debug and Release runs each kept a history of their own in bin/<configuration>/).
        services.AddOptions<WebNetOptions>()
            .BindConfiguration(WebNetOptions.Section)
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                if (!string.IsNullOrWhiteSpace(options.DataPath))
                {
                    options.DataPath = Path.GetFullPath(options.DataPath, environment.ContentRootPath);
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<TrainingHostOptions>()
            .BindConfiguration(TrainingHostOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<BudgetOptions>()
            .BindConfiguration(BudgetOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ReplayOptions>()
            .BindConfiguration(ReplayOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddOptions<RequestLimitOptions>()
            .BindConfiguration(RequestLimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<RequestLimitOptions>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        return services;
    }
}
