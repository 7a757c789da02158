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
        group.MapGet("/{id:long}/epochs/{epoch:int}/weights", GetWeights).WithName("GetRunEpochWeights").WithSummary("The int8-quantised weights of a run after an epoch (an epoch thinned by retention answers the nearest kept one before it, named by X-Snapshot-Epoch).").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static Ok<RunSummaryDto[]> ListRuns(IRunStore store) => TypedResults.Ok(store.ListRuns()
        .Select(r => new RunSummaryDto(r.Id, r.Options.Preset, r.State.ToWireName(), r.StartedAt, r.Epoch, r.Options.Epochs, r.BestAccuracy, r.Options.ToDto()))
        .ToArray());

    public static Results<Ok<IReadOnlyList<EpochDto>>, ProblemHttpResult> GetHistory(long id, IRunStore store) =>
        store.GetRun(id) is null ? NotFound($"There is no run {id}.") : TypedResults.Ok(store.GetHistory(id));

    /// <summary>Names the epoch whose snapshot answered: the asked one, or the nearest kept before it where retention thinned it.</summary>
    public const string SnapshotEpochHeader = "X-Snapshot-Epoch";

    public static Results<Ok<WeightsDto>, ProblemHttpResult> GetWeights(long id, int epoch, IRunStore store, HttpResponse response)
    {
        if (store.GetReplayWeights(id, epoch) is not var (stored, weights))
        {
            return NotFound($"Run {id} has no weights for epoch {epoch}.");
        }

        response.Headers[SnapshotEpochHeader] = stored.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(weights);
    }

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);
}
