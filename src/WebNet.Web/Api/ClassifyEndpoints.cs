using Microsoft.AspNetCore.Http.HttpResults;
using WebNet.Core.Imaging;
using WebNet.Core.Network;
using WebNet.Web.Contracts;
using WebNet.Web.Models;

namespace WebNet.Web.Api;

/// <summary>/api/classify: a drawing in, the current model's digit out, with the 28x28 input it read.</summary>
public static class ClassifyEndpoints
{
    /// <summary>Seconds a client should wait before asking again when no model is published yet.</summary>
    public const int RetryAfterSeconds = 5;

    public static IEndpointRouteBuilder MapClassifyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/classify", Classify)
            .WithTags("Classify")
            .WithName("Classify")
            .WithSummary("Classifies a drawn digit with the current model.")
            .WithDescription("The body is a PNG (image/png, black on transparent, black on white or white on black), a multipart form with an 'image' file, or JSON {pixels, width, height} with grey ink 0..1 row-major; at most 1 MiB. preprocess=mnist (default) crops, fits 20x20 and centres the centre of mass in 28x28; none averages the whole canvas to 28x28. off=3,17 answers with those first-hidden-layer neurons switched off.")
            .AcceptsDrawing();
        return app;
    }

    /// <summary>A drawing as the body (PNG, multipart 'image' or JSON pixels) and the errors reading it can give.</summary>
    public static RouteHandlerBuilder AcceptsDrawing(this RouteHandlerBuilder builder) => builder
        .Accepts<ClassifyPixelsRequest>("application/json", "image/png", "multipart/form-data")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    public static async Task<Results<Ok<ClassifyResponse>, ValidationProblem, ProblemHttpResult>> Classify(
        HttpRequest request, ModelStore models, CancellationToken cancellationToken, string? preprocess = null, string? off = null)
    {
        if (!NeuronList.TryParse(off, out var disabled))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["off"] = ["off is a comma-separated list of hidden neuron indices, e.g. off=3,17."] });
        }

        var mode = PreprocessMode.Mnist;
        if (preprocess is not null && !PreprocessModes.TryParse(preprocess, out mode))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["preprocess"] = [$"Unknown preprocessing '{preprocess}'; use {string.Join(" or ", PreprocessModes.Names)}."],
            });
        }

        var drawing = await DrawingReader.ReadCropAsync(request, cancellationToken);
        using var crop = drawing.Crop;
        if (drawing.Problem is { } problem)
        {
            return problem;
        }

        if (drawing.Errors is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var prepared = DigitPreprocessor.Process(crop!, mode);
        if (prepared.Blank)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Blank drawing",
                detail: "The drawing has no ink; draw a digit first.");
        }

        var published = models.Snapshot;
        if (published is null || published.Model.Shape.InputSize != prepared.Input.Length || published.Model.Shape.OutputSize != 10)
        {
            request.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "No model yet",
                detail: "No model has been published yet: training publishes one after its first epoch, or PUT /api/model imports one.");
        }

        if (disabled is { Count: > 0 } && (published.Model.Shape.Layers.Count < 2 || disabled.Max() >= published.Model.Shape.Layers[0].Outputs))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["off"] = [$"The current model's first hidden layer has neurons 0..{published.Model.Shape.Layers[0].Outputs - 1}."] });
        }

        // With off, the first hidden layer's listed neurons are forced to 0 (as the Insight ablation does).
        var outputs = published.Model.Forward(prepared.Input, disabled)[^1];
        var probabilities = OutputProbabilities.From(outputs);
        var digit = Array.IndexOf(probabilities, probabilities.Max());
        return TypedResults.Ok(new ClassifyResponse(
            digit, probabilities[digit], probabilities, outputs, prepared.Input, mode.ToWireName(),
            prepared.BoundingBox, prepared.Shift, prepared.Scale, prepared.CentreOfMass));
    }
}
