using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using WebNet.Core.Insight;
using WebNet.Core.Network;
using WebNet.Web.Contracts;
using WebNet.Web.Models;

namespace WebNet.Web.Api;

/// <summary>
/// /api/insight/explain: a drawing read and classified exactly as /api/classify does (same bodies, preprocess and
/// off, same errors), then explained with the current model: hidden activations and a per-pixel contribution map.
/// </summary>
public static class ExplainEndpoints
{
    public static IEndpointRouteBuilder MapExplainEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/insight/explain", Explain)
            .WithTags("Insight")
            .WithName("ExplainDrawing")
            .WithSummary("Classifies a drawn digit and explains the answer: the first hidden layer's activations and each pixel's contribution to the digit.")
            .WithDescription("Takes the same bodies and query parameters as POST /api/classify (preprocess, off). contributions[i] = input[i] * dz/dinput[i], z being the pre-activation (logit) of digit (default: the predicted digit), backpropagated through every layer with the off neurons passing nothing: gradient x input. Pixels without ink contribute 0.")
            .AcceptsDrawing();
        return app;
    }

    public static async Task<Results<Ok<ExplainResponse>, ValidationProblem, ProblemHttpResult>> Explain(
        HttpRequest request, ModelStore models, CancellationToken cancellationToken, string? preprocess = null, string? off = null, int? digit = null)
    {
        if (digit is < 0 or > 9)
        {
            return Invalid("digit", "digit is the class to explain, 0..9; leave it out to explain the predicted digit.");
        }

        var classified = await ClassifyEndpoints.Classify(request, models, cancellationToken, preprocess, off);
        switch (classified.Result)
        {
            case ValidationProblem validation:
                return validation;
            case ProblemHttpResult problem:
                return problem;
        }

        var answer = ((Ok<ClassifyResponse>)classified.Result).Value!;
        if (!NeuronList.TryParse(off, out var disabled))
        {
            return Invalid("off", "off is a comma-separated list of hidden neuron indices, e.g. off=3,17.");
        }

        var model = models.Snapshot!.Model;

        // A model published since classify read it may differ; answer only for one that fits the request.
        if (model.Shape.InputSize != answer.Input.Length || model.Shape.OutputSize != 10)
        {
            request.HttpContext.Response.Headers.RetryAfter = ClassifyEndpoints.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Model changed", detail: "The model was replaced while answering; ask again.");
        }

        var hidden = model.Shape.Layers.Count > 1 ? model.Shape.Layers[0].Outputs : 0;
        if (disabled?.Any(j => j >= hidden) == true)
        {
            return Invalid("off", $"The current model's first hidden layer has neurons 0..{hidden - 1}.");
        }

        var explanation = InputAttribution.Explain(model, answer.Input, digit, disabled);
        var probabilities = OutputProbabilities.From(explanation.Outputs);
        var predicted = Array.IndexOf(probabilities, probabilities.Max());
        if (digit is null && predicted != explanation.Target)
        {
            // Probabilities and outputs disagree on a tie only; explain the digit the answer names.
            explanation = InputAttribution.Explain(model, answer.Input, predicted, disabled);
        }

        int[] offList = disabled is null ? [] : [.. disabled.Order()];
        return TypedResults.Ok(new ExplainResponse(
            predicted, probabilities[predicted], probabilities, explanation.Outputs, answer.Input, answer.Preprocess, offList,
            explanation.Target, explanation.Score, explanation.Hidden, explanation.Contributions));
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
