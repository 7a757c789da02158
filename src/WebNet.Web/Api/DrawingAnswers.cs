using Microsoft.AspNetCore.Http.HttpResults;
using WebNet.Core.Classification;
using WebNet.Core.Network;
using WebNet.Web.Contracts;
using WebNet.Web.Models;

namespace WebNet.Web.Api;

/// <summary>
/// What classify and explain share between HTTP and Core: the drawing read (DrawingReader), the answering model chosen
/// (the current one, or run=ID's), <see cref="DigitClassifier"/> called once, and its failures mapped to one status each.
/// Exactly one of Answer, Invalid and Problem is set.
/// </summary>
public sealed record DrawingAnswers(DigitAnswer? Answer, DigitAnswer? Compared, AnsweringModelDto? Model, ValidationProblem? Invalid, ProblemHttpResult? Problem)
{
    public static async Task<DrawingAnswers> ClassifyAsync(
        HttpRequest request, ModelStore current, RunModelCache runs, DrawingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(query);
        if (query.Errors is { } errors)
        {
            return new(null, null, null, TypedResults.ValidationProblem(errors), null);
        }

        var drawing = await DrawingReader.ReadCropAsync(request, cancellationToken);
        using var crop = drawing.Crop;
        if (drawing.Problem is { } problem)
        {
            return new(null, null, null, null, problem);
        }

        if (drawing.Errors is { } invalid)
        {
            return new(null, null, null, TypedResults.ValidationProblem(invalid), null);
        }

        Mlp? model;
        AnsweringModelDto? name;
        if (query.Run is { } runId)
        {
            var lookup = runs.Get(runId);
            if (lookup.Model is null)
            {
                return new(null, null, null, null, TypedResults.Problem(
                    statusCode: lookup.Status, title: lookup.Status == StatusCodes.Status404NotFound ? "Not found" : "Run has no model", detail: lookup.Detail));
            }

            (model, name) = (lookup.Model.Network, lookup.Model.Name);
        }
        else
        {
            // One snapshot for the whole request: the model and its name stay consistent if training publishes meanwhile.
            var published = current.Snapshot;
            model = published?.Model;
            name = published is null ? null : new AnsweringModelDto(published.Info.Source, published.Info.RunId, published.Info.Epoch, published.Info.TestAccuracy);
        }

        var result = DigitClassifier.Classify(model, crop!, query.Options);
        return result.Failure switch
        {
            null => new(result.Answer, result.Compared, name, null, null),
            ClassifyFailure.Blank => new(null, null, null, null, TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Blank drawing", detail: result.Detail)),
            ClassifyFailure.OffOutOfRange => new(null, null, null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["off"] = [result.Detail!] }), null),
            _ => new(null, null, null, null, ModelProblems.NoModel(request.HttpContext.Response, model is null ? null : result.Detail)),
        };
    }
}
