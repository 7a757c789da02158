using Microsoft.AspNetCore.Http.HttpResults;
using WebNet.Web.Contracts;
using WebNet.Web.Health;
using WebNet.Web.Models;
using WebNet.Web.Training;

namespace WebNet.Web.Api;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        // /health stays what the page, the scripts and the tests read: liveness with the training state. Orchestrators
        // use /health/live and /health/ready (ASP.NET Core's health checks: database, data, model, disk).
        app.MapGet("/health", GetHealth).WithTags("Health").WithName("GetHealth").WithSummary("Liveness: the app answers, with the training state and whether a model is loaded (readiness: /health/ready).");
        app.MapWebNetHealthChecks();
        return app;
    }

    public static Ok<HealthDto> GetHealth(RunController controller, ModelStore models) =>
        TypedResults.Ok(new HealthDto("ok", controller.Status.State, models.Current is not null));
}
