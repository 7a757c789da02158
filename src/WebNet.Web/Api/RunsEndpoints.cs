using Microsoft.AspNetCore.Http.HttpResults;
using WebNet.Web.Contracts;
using WebNet.Web.Storage;
using WebNet.Web.Training;

namespace WebNet.Web.Api;

/// <summary>/api/runs: every run, finished ones included, with their history and per-epoch weight snapshots for replay.</summary>
public static class RunsEndpoints
{
    public static IEndpointRouteBuilder MapRunsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/runs").WithTags("Runs");
        group.MapGet("/", ListRuns).WithName("ListRuns").WithSummary("Every run, newest first.");
        group.MapGet("/{id:long}/history", GetHistory).WithName("GetRunHistory").WithSummary("One row per completed epoch of a run, without weights.").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:long}/epochs/{epoch:int}/weights", GetWeights).WithName("GetRunEpochWeights").WithSummary("The int8-quantised weights of a run after an epoch.").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static Ok<RunSummaryDto[]> ListRuns(RunStore store) => TypedResults.Ok(store.ListRuns()
        .Select(r => new RunSummaryDto(r.Id, r.Options.Preset, r.State.ToWireName(), r.StartedAt, r.Epoch, r.Options.Epochs, r.BestAccuracy, r.Options.ToDto()))
        .ToArray());

    public static Results<Ok<IReadOnlyList<EpochDto>>, ProblemHttpResult> GetHistory(long id, RunStore store) =>
        store.GetRun(id) is null ? NotFound($"There is no run {id}.") : TypedResults.Ok(store.GetHistory(id));

    public static Results<Ok<WeightsDto>, ProblemHttpResult> GetWeights(long id, int epoch, RunStore store) =>
        store.GetWeights(id, epoch) is { } weights ? TypedResults.Ok(weights) : NotFound($"Run {id} has no weights for epoch {epoch}.");

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);
}
