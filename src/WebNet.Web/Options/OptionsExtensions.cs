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
        return services;
    }
}
