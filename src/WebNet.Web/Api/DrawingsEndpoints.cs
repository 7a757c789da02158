using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using WebNet.Core.Data;
using WebNet.Core.Drawings;
using WebNet.Core.Imaging;
using WebNet.Web.Contracts;
using WebNet.Web.Models;
using WebNet.Web.Security;
using WebNet.Web.Storage;

namespace WebNet.Web.Api;

/// <summary>
/// /api/drawings: the drawings people label ("that's wrong, it's a 7") kept as a real-world test set, listed, deleted,
/// exported (a zip of PNGs and labels.csv, or the IDX pair) and imported from such a zip.
/// </summary>
public static class DrawingsEndpoints
{
    /// <summary>The largest import: a zip of at most this many bytes (a thousand pad drawings are about 10 MB).</summary>
    public const int MaxImportBytes = 30 * 1024 * 1024;

    public static IEndpointRouteBuilder MapDrawingsEndpoints(this IEndpointRouteBuilder app)
    {
        var drawings = app.MapGroup("/api/drawings").WithTags("Drawings");
        drawings.MapPost("/", Label)
            .WithName("LabelDrawing")
            .WithSummary("Keeps a drawing with the digit it really is, as the current model (or run=ID's) reads it.")
            .WithDescription("label=N (0-9) is the digit the person drew. The body is what POST /api/classify takes. The PNG is kept as sent (JSON pixels are kept as a grey PNG), with the 28x28 input the network saw, the model and its answer. 201 with the stored drawing; 422 when the store is full. " + ClassifyEndpoints.QueryDescription)
            .AcceptsDrawing()
            .Produces<DrawingDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        drawings.MapGet("/", List).WithName("ListDrawings").WithSummary("Every labelled drawing, oldest first.");
        drawings.MapGet("/{id:long}/image", Image).WithName("DrawingImage").WithSummary("A labelled drawing's PNG as it was sent.")
            .Produces<byte[]>(StatusCodes.Status200OK, "image/png").ProducesProblem(StatusCodes.Status404NotFound);
        drawings.MapDelete("/{id:long}", Delete).RequireControl().WithName("DeleteDrawing").WithSummary("Deletes a labelled drawing (the admin key when one is set).")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        drawings.MapGet("/export", Export).WithName("ExportDrawings")
            .WithSummary("The labelled drawings as a zip: format=zip (default) the PNGs and labels.csv, which import reads back; format=idx the 28x28 inputs the network saw and the labels as IDX files, which any MNIST loader reads and the drawings curve scores.")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/zip").ProducesValidationProblem();
        drawings.MapPost("/import", Import).AddEndpointFilter<RouteHandlerBuilder, AdminKeyEndpointFilter>().WithName("ImportDrawings")
            .WithSummary("Adds the drawings of a zip as export format=zip writes it (application/zip; the admin key when one is set).")
            .Accepts<byte[]>("application/zip")
            .Produces<DrawingImportDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public static async Task<Results<Created<DrawingDto>, ValidationProblem, ProblemHttpResult>> Label(
        HttpRequest request, ModelStore models, RunModelCache runs, DrawingStore store, CancellationToken cancellationToken,
        string? label = null, string? preprocess = null, string? run = null)
    {
        if (SameOrigin.Refusal(request) is { } refusal)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused", detail: refusal.Reason);
        }

        if (!int.TryParse(label, NumberStyles.None, CultureInfo.InvariantCulture, out var digit) || digit > 9)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["label"] = [label is null ? "label=N is required: the digit (0-9) the drawing really is." : $"'{label}' is not a digit; label is 0 to 9."] });
        }

        // The body is read twice: once as sent (what is kept), once by the classifier (what the model read).
        request.EnableBuffering(DrawingReader.MaxBodyBytes);
        var sent = await RequestBody.ReadAsync(request, DrawingReader.MaxBodyBytes, cancellationToken);
        if (sent is null)
        {
            return RequestBody.TooLarge(DrawingReader.MaxBodyBytes, "A drawing");
        }

        request.Body.Position = 0;
        var answered = await DrawingAnswers.ClassifyAsync(request, models, runs, DrawingQuery.Parse(preprocess, null, null, run), cancellationToken);
        if (answered.Invalid is { } invalid)
        {
            return invalid;
        }

        if (answered.Problem is { } problem)
        {
            return problem;
        }

        request.Body.Position = 0;
        var png = await PngAsSentAsync(request, sent, cancellationToken);
        var answer = answered.Answer!;
        var model = Describe(answered.Model);
        var now = DateTimeOffset.UtcNow;
        var ids = store.Add([(new LabelledDrawing(digit, png), Bytes(answer.Input), answer.Digit, model)], now);
        if (ids is null)
        {
            return Full(store);
        }

        return TypedResults.Created($"/api/drawings/{ids[0]}", new DrawingDto(ids[0], digit, answer.Digit, model, now, ImageUrl(ids[0])));
    }

    public static Ok<DrawingDto[]> List(DrawingStore store) =>
        TypedResults.Ok(store.List().Select(d => new DrawingDto(d.Id, d.Label, d.Answer, d.Model, d.CreatedAt, ImageUrl(d.Id))).ToArray());

    public static Results<FileContentHttpResult, ProblemHttpResult> Image(long id, DrawingStore store) =>
        store.Png(id) is { } png ? TypedResults.File(png, "image/png") : NotFound(id);

    public static Results<Ok<DrawingDeletedDto>, ProblemHttpResult> Delete(long id, DrawingStore store) =>
        store.Delete(id) ? TypedResults.Ok(new DrawingDeletedDto(id, store.Count())) : NotFound(id);

    public static Results<FileContentHttpResult, ValidationProblem> Export(DrawingStore store, string? format = null)
    {
        var kind = format?.Trim().ToLowerInvariant() ?? "zip";
        if (kind is not ("zip" or "idx"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [$"Unknown format '{format}'; use zip (PNGs and labels.csv) or idx (MNIST's IDX files)."] });
        }

        using var zip = new MemoryStream();
        if (kind == "zip")
        {
            DrawingArchive.WriteZip(store.All(), zip);
        }
        else
        {
            // The inputs the network saw, as stored: the drawings curve scores exactly these.
            DrawingArchive.WriteIdxZip(store.Inputs() ?? new Dataset([], [], DigitPreprocessor.FieldSize, DigitPreprocessor.FieldSize), zip);
        }

        return TypedResults.File(zip.ToArray(), "application/zip", kind == "zip" ? "drawings.zip" : "drawings-idx.zip");
    }

    public static async Task<Results<Created<DrawingImportDto>, ProblemHttpResult>> Import(HttpRequest request, ModelStore models, DrawingStore store, CancellationToken cancellationToken)
    {
        if (SameOrigin.Refusal(request) is { } refusal)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused", detail: refusal.Reason);
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media) || !(media.MediaType.Equals("application/zip", StringComparison.OrdinalIgnoreCase) || media.MediaType.Equals("application/x-zip-compressed", StringComparison.OrdinalIgnoreCase)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Import takes application/zip",
                detail: $"Send the zip that GET /api/drawings/export writes with Content-Type: application/zip; this request sent {(string.IsNullOrEmpty(request.ContentType) ? "no Content-Type" : request.ContentType)}.");
        }

        var body = await RequestBody.ReadAsync(request, MaxImportBytes, cancellationToken);
        if (body is null)
        {
            return RequestBody.TooLarge(MaxImportBytes, "A drawing set");
        }

        var model = models.Snapshot;
        var rows = new List<(LabelledDrawing, byte[], int?, string?)>();
        try
        {
            var set = DrawingArchive.ReadZip(new MemoryStream(body, writable: false));
            for (var i = 0; i < set.Count; i++)
            {
                var input = DrawingSet.Input(set.Drawings[i], PreprocessModes.Default, $"drawing {i + 1} ({i + 1:D5}.png as export names it)");
                int? answer = model?.Model is { } network && Core.Classification.DigitClassifier.Fits(network) ? Core.Classification.DigitClassifier.Argmax(network.Forward(input)[^1]) : null;
                rows.Add((set.Drawings[i], Bytes(input), answer, answer is null ? null : Describe(new AnsweringModelDto(model!.Info.Source, model.Info.RunId, model.Info.Epoch, model.Info.TestAccuracy))));
            }
        }
        catch (DataFormatException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a drawing set", detail: e.Message);
        }

        if (store.Add(rows, DateTimeOffset.UtcNow) is null)
        {
            return Full(store, rows.Count);
        }

        return TypedResults.Created("/api/drawings", new DrawingImportDto(rows.Count, store.Count()));
    }

    /// <summary>The drawing as it came: a PNG body as is, a form's image file, JSON pixels as a grey PNG (white ink on black).</summary>
    private static async Task<byte[]> PngAsSentAsync(HttpRequest request, byte[] sent, CancellationToken cancellationToken)
    {
        var type = request.ContentType ?? "";
        if (type.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var form = await request.ReadFormAsync(cancellationToken);
            using var copy = new MemoryStream();
            await form.Files[DrawingReader.ImageField]!.CopyToAsync(copy, cancellationToken);
            return copy.ToArray();
        }

        if (request.HasJsonContentType())
        {
            var read = await DrawingReader.ReadAsync(request, cancellationToken);
            var grid = read.Grid!;
            using var image = new Image<L8>(grid.Width, grid.Height);
            for (var y = 0; y < grid.Height; y++)
            {
                for (var x = 0; x < grid.Width; x++)
                {
                    image[x, y] = new L8((byte)MathF.Round(Math.Clamp(grid[x, y], 0f, 1f) * 255f));
                }
            }

            using var png = new MemoryStream();
            await image.SaveAsPngAsync(png, cancellationToken);
            return png.ToArray();
        }

        return sent;
    }

    private static byte[] Bytes(float[] input)
    {
        var bytes = new byte[input.Length];
        for (var i = 0; i < input.Length; i++)
        {
            bytes[i] = (byte)MathF.Round(Math.Clamp(input[i], 0f, 1f) * 255f);
        }

        return bytes;
    }

    private static string? Describe(AnsweringModelDto? model) => model switch
    {
        null => null,
        { RunId: { } run, Epoch: { } epoch } => string.Create(CultureInfo.InvariantCulture, $"run {run}, epoch {epoch}"),
        _ => model.Source,
    };

    private static string ImageUrl(long id) => string.Create(CultureInfo.InvariantCulture, $"/api/drawings/{id}/image");

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: string.Create(CultureInfo.InvariantCulture, $"There is no drawing {id}."));

    private static ProblemHttpResult Full(DrawingStore store, int adding = 1) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The drawing set is full",
            detail: string.Create(CultureInfo.InvariantCulture, $"The store keeps at most {store.Capacity} drawings and holds {store.Count()}; adding {adding} would pass that. Delete some first."));
}
