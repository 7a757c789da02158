using Microsoft.AspNetCore.Http.HttpResults;
using WebNet.Web.Contracts;
using WebNet.Web.Models;

namespace WebNet.Web.Api;

/// <summary>
/// /api/insight/explain: a drawing read and classified exactly as /api/classify does (same bodies and query, same
/// errors, the same Core classifier), and explained: hidden activations and a per-pixel contribution map.
/// </summary>
public static class ExplainEndpoints
{
    public static IEndpointRouteBuilder MapExplainEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/insight/explain", Explain)
            .WithTags("Insight")
            .WithName("ExplainDrawing")
            .WithSummary("Classifies a drawn digit and explains the answer: the first hidden layer's activations and each pixel's contribution to the digit.")
            .WithDescription("Takes the same bodies and query parameters as POST /api/classify. " + ClassifyEndpoints.QueryDescription + " contributions[i] = input[i] * dz/dinput[i], z being the pre-activation (logit) of digit (default: the predicted digit), backpropagated through every layer with the off neurons passing nothing: gradient x input. Pixels without ink contribute 0. The drawing panel asks here once per click, with compare=none for its second answer.")
            .AcceptsDrawing();
        return app;
    }

    public static async Task<Results<Ok<ExplainResponse>, ValidationProblem, ProblemHttpResult>> Explain(
        HttpRequest request, ModelStore models, RunModelCache runs, CancellationToken cancellationToken,
        string? preprocess = null, string? off = null, int? digit = null, string? compare = null, string? run = null)
    {
        if (digit is < 0 or > 9)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["digit"] = ["digit is the class to explain, 0..9; leave it out to explain the predicted digit."] });
        }

        var query = DrawingQuery.Parse(preprocess, off, compare, run, explain: true, target: digit);
        var answered = await DrawingAnswers.ClassifyAsync(request, models, runs, query, cancellationToken);
        if (answered.Invalid is { } invalid)
        {
            return invalid;
        }

        return answered.Problem is { } problem
            ? problem
            : TypedResults.Ok(ExplainResponse.From(answered.Answer!, query.Options.Off, answered.Model, answered.Compared));
    }
}
