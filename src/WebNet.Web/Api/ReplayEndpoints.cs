using Microsoft.AspNetCore.Http.HttpResults;
using WebNet.Core.Imaging;
using WebNet.Web.Replay;
using WebNet.Web.Storage;

namespace WebNet.Web.Api;

/// <summary>
/// A run's stored weight snapshots as files: the first hidden layer's heatmap grid after one epoch (PNG), or the
/// run as an animated GIF (thinned to a frame cap, rendered once and cached on disk by HeatmapGifCache).
/// </summary>
public static class ReplayEndpoints
{
    public static IEndpointRouteBuilder MapReplayEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/runs").WithTags("Runs");
        group.MapGet("/{id:long}/epochs/{epoch:int}/heatmap.png", GetHeatmapPng).WithName("GetRunEpochHeatmapPng")
            .WithSummary("The first hidden layer's weights after an epoch as one PNG: a grid of 28x28 heatmaps (8x8 for 64 neurons), red positive, blue negative, symmetric scale.")
            .RequireRateLimiting(RateLimits.Images)
            .CacheOutput(policy => policy.Expire(TimeSpan.FromMinutes(10)))
            .Produces<byte[]>(StatusCodes.Status200OK, "image/png")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/{id:long}/heatmaps.gif", GetHeatmapsGif).WithName("GetRunHeatmapsGif")
            .WithSummary("The run's first-hidden-layer heatmaps as an animated GIF: one frame per stored epoch, a long run thinned evenly to at most WebNet:Replay:MaxGifFrames (first and last kept). Rendered once per run and last epoch; 503 with Retry-After while the renders allowed at once are busy.")
            .RequireRateLimiting(RateLimits.GifRendering)
            .Produces<byte[]>(StatusCodes.Status200OK, "image/gif")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static Results<FileContentHttpResult, ProblemHttpResult> GetHeatmapPng(long id, int epoch, IRunStore store, HttpResponse response)
    {
        if (store.GetReplayWeights(id, epoch) is not var (stored, weights))
        {
            return NotFound($"Run {id} has no weights for epoch {epoch}.");
        }

        response.Headers[RunsEndpoints.SnapshotEpochHeader] = stored.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (values, neurons, inputs) = ReplayFrames.FirstLayer(weights);
        return TypedResults.File(HeatmapRenderer.Png(values, neurons, inputs), "image/png", $"webnet-run-{id}-epoch-{epoch}-heatmaps.png");
    }

    public static Results<FileStreamHttpResult, ProblemHttpResult> GetHeatmapsGif(long id, HeatmapGifCache gifs) =>
        gifs.Open(id) is { } gif
            ? TypedResults.File(gif, "image/gif", $"webnet-run-{id}-heatmaps.gif")
            : NotFound($"Run {id} has no stored epochs.");

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);
}
