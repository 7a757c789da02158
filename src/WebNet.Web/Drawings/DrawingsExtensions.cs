using WebNet.Web.Storage;

namespace WebNet.Web.Drawings;

public static class DrawingsExtensions
{
    /// <summary>The labelled drawings: the current model's answers to them, and the hub event when they change.</summary>
    public static IServiceCollection AddDrawings(this IServiceCollection services)
    {
        services.AddSingleton<CurrentAnswers>();
        services.AddSingleton<DrawingsEvents>();
        return services;
    }
}
