using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using WebNet.Core.Imaging;

namespace WebNet.Web.Api;

/// <summary>
/// POST /api/classify (and /api/insight/explain, which reads the same bodies) reads its body itself (DrawingReader), so the generator gives every media type the JSON
/// schema; this filter documents each as it is read: a raw PNG, a form with an 'image' file, or JSON pixels.
/// </summary>
public sealed class ClassifyRequestBodyFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.OperationId is not ("Classify" or "ExplainDrawing") || operation.RequestBody?.Content is not { } content)
        {
            return;
        }

        content["image/png"] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Format = "binary",
                Description = "The canvas as a PNG: black ink on transparent, black on white or white on black.",
            },
        };
        content["multipart/form-data"] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { DrawingReader.ImageField },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    [DrawingReader.ImageField] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Format = "binary",
                        Description = "The drawing as a PNG file.",
                    },
                },
            },
            Encoding = new Dictionary<string, OpenApiEncoding>
            {
                [DrawingReader.ImageField] = new OpenApiEncoding { ContentType = "image/png" },
            },
        };

        Describe(operation, "preprocess", $"{DrawingQuery.DefaultMode.ToWireName()} (default). mnist: crop, fit 20x20, centre the centre of mass in 28x28, as MNIST was made; stroke: mnist after leaving out small far specks and bringing the pen's width to MNIST's; none: scale the whole canvas to 28x28.", DrawingQuery.DefaultMode.ToWireName());
        Describe(operation, "compare", "Another preprocessing to answer with too (e.g. none), from the same decoded drawing: the answer's compare field.", null);
        if (operation.Parameters?.FirstOrDefault(p => p.Name == "run") is OpenApiParameter run)
        {
            run.Description = "A finished run's id (GET /api/runs): answer with its final model. Default: the current model.";
        }
    }

    private static void Describe(OpenApiOperation operation, string name, string description, string? defaultValue)
    {
        if (operation.Parameters?.FirstOrDefault(p => p.Name == name) is OpenApiParameter parameter)
        {
            parameter.Description = description;
            parameter.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. PreprocessModes.Names.Select(n => (JsonNode)JsonValue.Create(n))],
                Default = defaultValue is null ? null : JsonValue.Create(defaultValue),
            };
        }
    }
}
