using Microsoft.AspNetCore.Http.HttpResults;
using WebNet.Web.Contracts;
using WebNet.Web.Models;

namespace WebNet.Web.Api;

/// <summary>/api/classify: a drawing in, a model's digit out, with the 28x28 input it read.</summary>
public static class ClassifyEndpoints
{
    public const string QueryDescription =
        "preprocess=mnist (default) crops, fits 20x20 and centres the centre of mass in 28x28; stroke does the same after leaving out small far specks and bringing the pen's width to MNIST's (steps says what it did); none averages the whole canvas to 28x28. " +
        "compare=none (or another mode) adds that mode's answer for the same drawing as compare, from the one decode. " +
        "off=3,17 answers with those first-hidden-layer neurons switched off. " +
        "run=ID answers with that finished run's final model (404 unknown run, 409 a run still training or without an epoch); by default the current model answers. model names the one that did. " +
        "unsure is true when the top probability is under 0.5 or the runner-up has at least half of it.";

    public static IEndpointRouteBuilder MapClassifyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/classify", Classify)
            .WithTags("Classify")
            .WithName("Classify")
            .WithSummary("Classifies a drawn digit with the current model, or a finished run's.")
            .WithDescription("The body is a PNG (image/png, any pen colour on transparent, white or black), a multipart form with an 'image' file, or JSON {pixels, width, height} with grey ink 0..1 row-major; at most 1 MiB. " + QueryDescription)
            .AcceptsDrawing();
        return app;
    }

    /// <summary>A drawing as the body (PNG, multipart 'image' or JSON pixels) and the errors reading it can give.</summary>
    public static RouteHandlerBuilder AcceptsDrawing(this RouteHandlerBuilder builder) => builder
        .Accepts<ClassifyPixelsRequest>("application/json", "image/png", "multipart/form-data")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    public static async Task<Results<Ok<ClassifyResponse>, ValidationProblem, ProblemHttpResult>> Classify(
        HttpRequest request, ModelStore models, RunModelCache runs, CancellationToken cancellationToken,
        string? preprocess = null, string? off = null, string? compare = null, string? run = null)
    {
        var query = DrawingQuery.Parse(preprocess, off, compare, run);
        var answered = await DrawingAnswers.ClassifyAsync(request, models, runs, query, cancellationToken);
        if (answered.Invalid is { } invalid)
        {
            return invalid;
        }

        return answered.Problem is { } problem
            ? problem
            : TypedResults.Ok(ClassifyResponse.From(answered.Answer!, answered.Model, answered.Compared));
    }
}
