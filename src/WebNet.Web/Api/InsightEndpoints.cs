using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using WebNet.Core.Imaging;
using WebNet.Core.Insight;
using WebNet.Web.Contracts;
using WebNet.Web.Models;

namespace WebNet.Web.Api;

/// <summary>/api/insight: what the current model's hidden neurons do on the test set, and where it errs.</summary>
public static class InsightEndpoints
{
    public const int MaxCellImages = 500;

    public static IEndpointRouteBuilder MapInsightEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/insight").WithTags("Insight");
        group.MapGet("/importance", GetImportance).WithName("GetNeuronImportance")
            .WithSummary("Each first-hidden-layer neuron's outgoing weight norm, mean activation and the test accuracy lost when it alone is switched off, with the dim ones marked.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/ablation", PostAblation).WithName("RunAblation")
            .WithSummary("Test accuracy with the given hidden neurons switched off ({off: [indices]}) or the N dimmest ({dimmest: N}).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/heatmap.png", GetHeatmapPng).WithName("GetCurrentHeatmapPng")
            .WithSummary("The current model's first hidden layer as one PNG: a grid of 28x28 weight heatmaps (zoom 4, 2-pixel gaps), red positive, blue negative.")
            .Produces<byte[]>(StatusCodes.Status200OK, "image/png")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/confusion", GetConfusion).WithName("GetConfusionMatrix")
            .WithSummary("The 10x10 confusion matrix on the test set: rows the true label, columns the prediction.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/confusion/{actual:int}/{predicted:int}", GetConfusionCell).WithName("GetConfusionCell")
            .WithSummary("The test images of one confusion-matrix cell (true label actual, predicted as predicted), with the model's probabilities; at most limit (default 50).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>
    /// Computed once per model for every caller (ModelInsight's shared computation); a caller that leaves stops waiting,
    /// and the computation stops when no caller is left (RequestAborted reaches Core's loops).
    /// </summary>
    public static async Task<Results<Ok<ImportanceDto>, ProblemHttpResult>> GetImportance(
        ModelInsightCache cache, ModelStore models, HttpResponse response, CancellationToken cancellationToken)
    {
        if (Lookup(cache, response, out var insight) is { } problem)
        {
            return problem;
        }

        var report = await insight.ImportanceAsync(cancellationToken);
        var info = models.Snapshot is { } published && ReferenceEquals(published.Model, insight.Model) ? published.Info : null;
        return TypedResults.Ok(new ImportanceDto(
            report.BaselineAccuracy,
            report.Count,
            report.DimCount,
            $"dim: switching it off alone costs under {NeuronImportance.DimMaxAccuracyDrop * 100:0.###} percentage point of test accuracy and its contribution (RMS of what it adds to the next layer) is under {NeuronImportance.DimMaxContributionOfMedian:0.##} x the layer's median",
            [.. report.Neurons.Select(n => new NeuronImportanceDto(n.Neuron, n.OutgoingNorm, n.MeanActivation, n.Contribution, n.AccuracyWithout, n.AccuracyDrop, n.Dim))],
            report.DimmestFirst,
            info?.RunId,
            info?.Epoch));
    }

    public static async Task<Results<Ok<AblationDto>, ValidationProblem, ProblemHttpResult>> PostAblation(
        AblationRequest request, ModelInsightCache cache, HttpResponse response, CancellationToken cancellationToken)
    {
        if ((request.Off is null) == (request.Dimmest is null))
        {
            return Invalid("body", "Give either off (hidden neuron indices) or dimmest (a count), not both.");
        }

        if (Lookup(cache, response, out var insight) is { } problem)
        {
            return problem;
        }

        var hidden = insight.Model.Shape.Layers[0].Outputs;
        if (request.Off?.Where(j => j < 0 || j >= hidden).Select(j => (int?)j).FirstOrDefault() is { } bad)
        {
            return Invalid("off", $"Neuron {bad} is outside the hidden layer's 0..{hidden - 1}.");
        }

        if (request.Dimmest is < 0)
        {
            return Invalid("dimmest", "The count must not be negative.");
        }

        await insight.ProbeAsync(cancellationToken);
        if (request.Dimmest is not null)
        {
            await insight.ImportanceAsync(cancellationToken);
        }

        var started = Stopwatch.GetTimestamp();
        var result = request.Off is { } indices ? insight.Ablate(indices) : insight.AblateDimmest(request.Dimmest!.Value);
        var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return TypedResults.Ok(new AblationDto(result.Off, result.Accuracy, result.BaselineAccuracy, result.AccuracyDrop, result.Correct, result.Count, milliseconds));
    }

    public static Results<FileContentHttpResult, ProblemHttpResult> GetHeatmapPng(ModelInsightCache cache, HttpResponse response)
    {
        if (Lookup(cache, response, out var insight) is { } problem)
        {
            return problem;
        }

        var layer = insight.Model.Shape.Layers[0];
        return TypedResults.File(HeatmapRenderer.Png(insight.Model.Weights(0), layer.Outputs, layer.Inputs), "image/png", "webnet-heatmaps.png");
    }

    public static async Task<Results<Ok<ConfusionDto>, ProblemHttpResult>> GetConfusion(ModelInsightCache cache, HttpResponse response, CancellationToken cancellationToken)
    {
        if (Lookup(cache, response, out var insight) is { } problem)
        {
            return problem;
        }

        await insight.ProbeAsync(cancellationToken);

        var matrix = insight.Confusion;
        return TypedResults.Ok(new ConfusionDto(matrix.Classes, matrix.Total, matrix.Correct, matrix.Accuracy, matrix.Counts()));
    }

    public static async Task<Results<Ok<ConfusionCellDto>, ValidationProblem, ProblemHttpResult>> GetConfusionCell(
        int actual, int predicted, ModelInsightCache cache, HttpResponse response, CancellationToken cancellationToken, int limit = 50)
    {
        if (limit is < 0 or > MaxCellImages)
        {
            return Invalid("limit", $"limit must be within 0..{MaxCellImages}.");
        }

        if (Lookup(cache, response, out var insight) is { } problem)
        {
            return problem;
        }

        await insight.ProbeAsync(cancellationToken);
        var matrix = insight.Confusion;
        if ((uint)actual >= (uint)matrix.Classes || (uint)predicted >= (uint)matrix.Classes)
        {
            return Invalid((uint)actual >= (uint)matrix.Classes ? "actual" : "predicted", $"A class is within 0..{matrix.Classes - 1}.");
        }

        var samples = matrix.Samples(actual, predicted);
        return TypedResults.Ok(new ConfusionCellDto(actual, predicted, samples.Count, [.. samples.Take(limit).Select(s => InsightImages.ToDto(insight, s))]));
    }

    private static ProblemHttpResult? Lookup(ModelInsightCache cache, HttpResponse response, out ModelInsight insight)
    {
        var lookup = cache.Get();
        insight = lookup.Insight!;
        switch (lookup.Reason)
        {
            case null:
                return null;
            case InsightUnavailable.UnsuitableModel:
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Model cannot be examined", detail: lookup.Detail);
            default:
                return ModelProblems.NoModel(response, lookup.Detail, lookup.Reason == InsightUnavailable.NoModel ? "No model yet" : "No test set");
        }
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
