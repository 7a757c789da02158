using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace WebNet.Web.Options;

public static class OptionsExtensions
{
    public static IServiceCollection AddWebNetOptions(this IServiceCollection services)
    {
        services.AddOptions<WebNetOptions>()
            .BindConfiguration(WebNetOptions.Section)
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
        services.AddOptions<RequestLimitOptions>()
            .BindConfiguration(RequestLimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<RequestLimitOptions>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        return services;
    }
}
