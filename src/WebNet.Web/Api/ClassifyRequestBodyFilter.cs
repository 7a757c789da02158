using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

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

        if (operation.Parameters?.FirstOrDefault(p => p.Name == "preprocess") is OpenApiParameter preprocess)
        {
            preprocess.Description = "mnist (default): crop, fit 20x20, centre the centre of mass in 28x28, as MNIST was made; none: scale the whole canvas to 28x28.";
            preprocess.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [JsonValue.Create("mnist"), JsonValue.Create("none")],
                Default = JsonValue.Create("mnist"),
            };
        }
    }
}
