using Microsoft.OpenApi;
using WebNet.Web.Models;
using WebNet.Web.Replay;
using WebNet.Web.Security;

namespace WebNet.Web.Api;

public static class ApiExtensions
{
    /// <summary>ProblemDetails for every error, the admin-key check, and the Swagger document.</summary>
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<StorageUnavailableHandler>();
        services.AddSingleton<AdminKeyCheck>();
        services.AddSingleton<ModelInsightCache>();
        services.AddSingleton<RunModelCache>();
        services.AddSingleton<HeatmapGifCache>();
        services.AddRateLimits();
        services.AddOutputCache(); // replay PNGs: a stored epoch's snapshot never changes, so each is rendered once
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "WebNet",
                Version = "v1",
                Description = "Watch an MNIST network learn: training control, run history, weights.",
            });
            options.OperationFilter<ClassifyRequestBodyFilter>();
        });
        return services;
    }

    public static WebApplication UseApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseOutputCache();
        app.UseSwagger();
        app.UseSwaggerUI();
        return app;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        app.MapHealthEndpoints();
        app.MapTrainingEndpoints();
        app.MapPresetEndpoints();
        app.MapRunsEndpoints();
        app.MapModelEndpoints();
        app.MapReplayEndpoints();

        // Rate limits for groups whose files map their own routes: an empty-prefix group adds the policy to each.
        var drawing = app.MapGroup(string.Empty).RequireRateLimiting(RateLimits.Drawing).ProducesProblem(StatusCodes.Status429TooManyRequests);
        drawing.MapClassifyEndpoints();
        drawing.MapExplainEndpoints();
        drawing.MapDrawingsEndpoints();
        app.MapGroup(string.Empty).RequireRateLimiting(RateLimits.Insight).ProducesProblem(StatusCodes.Status429TooManyRequests).MapInsightEndpoints();
        return app;
    }
}
