using Microsoft.AspNetCore.Http.HttpResults;
using WebNet.Core.Network;
using WebNet.Core.Serialization;
using WebNet.Web.Contracts;
using WebNet.Web.Models;
using WebNet.Web.Security;
using WebNet.Web.Training;

namespace WebNet.Web.Api;

/// <summary>/api/model: download the current model as model JSON, or import one (validated, then swapped in whole).</summary>
public static class ModelEndpoints
{
    public static IEndpointRouteBuilder MapModelEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/model").WithTags("Model");
        group.MapGet("/", Download).WithName("DownloadModel")
            .WithSummary("The current model as model JSON (format webnet-mlp, version 1), served as a file download.")
            .Produces<object>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPut("/", Import).WithName("ImportModel")
            .WithSummary("Replaces the current model with a webnet-mlp or machine.academy JSON file; a rejected file leaves the old model in place.")
            .Accepts<object>("application/json")
            .RequireControl()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    public static Results<FileContentHttpResult, ProblemHttpResult> Download(ModelStore models, ModelImports imports, HttpResponse response)
    {
        if (models.Snapshot is not { } published)
        {
            return ModelProblems.NoModel(response);
        }

        var (model, info) = (published.Model, published.Info);
        var document = imports.DocumentOf(model) is { } imported
            ? imported with { Network = model }
            : new ModelDocument(model, ModelInput.Mnist, info.Options is { } options ? ModelTrainingInfo.From(options, info.Epoch ?? 0, info.TestAccuracy) : null);
        var name = info.Source == ModelInfo.FromTraining
            ? $"webnet-{info.Options?.Preset ?? "model"}-epoch-{info.Epoch ?? 0}.json"
            : "webnet-imported.json";
        return TypedResults.File(ModelJson.Serialize(document), "application/json", name);
    }

    public static async Task<Results<Ok<ModelSummaryDto>, ValidationProblem, ProblemHttpResult>> Import(
        HttpRequest request, ModelImports imports, RunController controller, CancellationToken cancellationToken)
    {
        var status = controller.Status;
        if (status.State == "running")
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Training is running",
                detail: "The running training publishes a new model after every epoch and would replace the import; pause or stop it first.");
        }

        var body = await RequestBody.ReadAsync(request, ModelJson.MaxDocumentBytes, cancellationToken);
        if (body is null)
        {
            return RequestBody.TooLarge(ModelJson.MaxDocumentBytes, "A model file");
        }

        ModelDocument document;
        try
        {
            document = ModelJson.Read(body);
        }
        catch (ModelFormatException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.Path ?? "body"] = [ex.Message] }, title: "The model file was rejected");
        }

        var shape = document.Network.Shape;
        if (shape.InputSize != 28 * 28 || shape.OutputSize != 10)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["layers"] = [$"The network is {shape}; this app classifies 28x28 digits, so it needs 784 inputs and 10 outputs."] },
                title: "The model file was rejected");
        }

        imports.Import(document, body, status.RunId, status.Epoch);
        return TypedResults.Ok(new ModelSummaryDto(
            ModelInfo.FromImport, document.SourceFormat, shape.ToString(), shape.ParameterCount, document.Training?.Epochs, document.Training?.TestAccuracy));
    }
}
