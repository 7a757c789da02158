using Microsoft.AspNetCore.Http.HttpResults;
using WebNet.Core.Imaging;
using WebNet.Web.Contracts;
using WebNet.Web.Storage;

namespace WebNet.Web.Api;

/// <summary>
/// A run's stored weight snapshots as files: the first hidden layer's heatmap grid after one epoch (PNG), or
/// every epoch as an animated GIF. Rendered from the int8 snapshots by Core's HeatmapRenderer.
/// </summary>
public static class ReplayEndpoints
{
    public static IEndpointRouteBuilder MapReplayEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/runs").WithTags("Runs");
        group.MapGet("/{id:long}/epochs/{epoch:int}/heatmap.png", GetHeatmapPng).WithName("GetRunEpochHeatmapPng")
            .WithSummary("The first hidden layer's weights after an epoch as one PNG: a grid of 28x28 heatmaps (8x8 for 64 neurons), red positive, blue negative, symmetric scale.")
            .Produces<byte[]>(StatusCodes.Status200OK, "image/png")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:long}/heatmaps.gif", GetHeatmapsGif).WithName("GetRunHeatmapsGif")
            .WithSummary("The run's first-hidden-layer heatmaps as an animated GIF, one frame per stored epoch.")
            .Produces<byte[]>(StatusCodes.Status200OK, "image/gif")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static Results<FileContentHttpResult, ProblemHttpResult> GetHeatmapPng(long id, int epoch, RunStore store)
    {
        if (store.GetWeights(id, epoch) is not { } weights)
        {
            return NotFound($"Run {id} has no weights for epoch {epoch}.");
        }

        var (values, neurons, inputs) = FirstLayer(weights);
        return TypedResults.File(HeatmapRenderer.Png(values, neurons, inputs), "image/png", $"webnet-run-{id}-epoch-{epoch}-heatmaps.png");
    }

    public static Results<FileContentHttpResult, ProblemHttpResult> GetHeatmapsGif(long id, RunStore store)
    {
        var snapshots = store.GetSnapshots(id);
        if (snapshots.Count == 0)
        {
            return NotFound($"Run {id} has no stored epochs.");
        }

        var first = snapshots[0].Weights.Layers[0];
        var frames = snapshots.Select(s => FirstLayer(s.Weights)).Where(f => f.Neurons == first.Outputs && f.Inputs == first.Inputs).Select(f => f.Values);
        return TypedResults.File(HeatmapRenderer.AnimatedGif(frames, first.Outputs, first.Inputs), "image/gif", $"webnet-run-{id}-heatmaps.gif");
    }

    /// <summary>The first layer's weights (Out, In) back from int8: value = byte / 127 * scale.</summary>
    private static (float[] Values, int Neurons, int Inputs) FirstLayer(WeightsDto weights)
    {
        var layer = weights.Layers[0];
        var bytes = layer.Weights;
        var values = new float[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            values[i] = unchecked((sbyte)bytes[i]) / 127f * layer.Scale;
        }

        return (values, layer.Outputs, layer.Inputs);
    }

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);
}
