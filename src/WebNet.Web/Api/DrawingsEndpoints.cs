using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using WebNet.Core.Classification;
using WebNet.Core.Data;
using WebNet.Core.Drawings;
using WebNet.Core.Imaging;
using WebNet.Core.Network;
using WebNet.Web.Contracts;
using WebNet.Web.Drawings;
using WebNet.Web.Models;
using WebNet.Web.Security;
using WebNet.Web.Storage;

namespace WebNet.Web.Api;

/// <summary>
/// /api/drawings: the drawings people label ("that's wrong, it's a 7") kept as a real-world test set, listed, deleted,
/// exported (a zip of PNGs and labels.csv, or the IDX pair) and imported from such a zip. Every change is told to the
/// dashboards (DrawingsEvents, the hub's DrawingsChanged).
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
        drawings.MapGet("/", List).WithName("ListDrawings")
            .WithSummary("Every labelled drawing, oldest first, with what the current model reads in it now (currentAnswer, currentModel) when a model can answer.");
        drawings.MapGet("/{id:long}", Detail).WithName("GetDrawing")
            .WithSummary("A labelled drawing with the 28x28 input the network saw and the current model's digit and probabilities for it.")
            .ProducesProblem(StatusCodes.Status404NotFound);
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
        HttpRequest request, ModelStore models, RunModelCache runs, IDrawingStore store, DrawingsEvents events, CancellationToken cancellationToken,
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
        var png = await LabelledDrawingBody.PngAsSentAsync(request, sent, cancellationToken);
        var answer = answered.Answer!;
        var model = CurrentAnswers.Name(answered.Model);
        var now = DateTimeOffset.UtcNow;
        var ids = store.Add([(new LabelledDrawing(digit, png), LabelledDrawingBody.Bytes(answer.Input), answer.Digit, model)], now);
        if (ids is null)
        {
            return Full(store);
        }

        events.Labelled(ids[0], store.Count());
        return TypedResults.Created($"/api/drawings/{ids[0]}", new DrawingDto(ids[0], digit, answer.Digit, model, now, ImageUrl(ids[0])));
    }

    public static Ok<DrawingDto[]> List(CurrentAnswers answers)
    {
        var reading = answers.Read();
        var name = reading.ModelName;
        return TypedResults.Ok(reading.Drawings.Rows.Select((d, i) => Dto(d) with { CurrentAnswer = reading.AnswerAt(i), CurrentModel = reading.Answers is null ? null : name }).ToArray());
    }

    public static Results<Ok<DrawingDetailDto>, ProblemHttpResult> Detail(long id, IDrawingStore store, ModelStore models)
    {
        // One read of the store's drawings (not the list's cache of answers): the probabilities are this drawing's alone.
        if (store.Snapshot().Rows.FirstOrDefault(d => d.Id == id) is not { } drawing)
        {
            return NotFound(id);
        }

        var input = DrawingArchive.InputsFromBytes(drawing.Input, [(byte)drawing.Label]).Image(0).ToArray();
        CurrentReadingDto? current = null;
        if (models.Snapshot is { } published && DigitClassifier.Fits(published.Model))
        {
            var outputs = published.Model.Forward(input)[^1];
            current = new CurrentReadingDto(DigitClassifier.Argmax(outputs), OutputProbabilities.From(outputs), CurrentAnswers.Model(published));
        }

        return TypedResults.Ok(new DrawingDetailDto(Dto(drawing) with { CurrentAnswer = current?.Digit, CurrentModel = current is null ? null : CurrentAnswers.Name(current.Model) }, input, current));
    }

    public static Results<FileContentHttpResult, ProblemHttpResult> Image(long id, IDrawingStore store) =>
        store.Png(id) is { } png ? TypedResults.File(png, "image/png") : NotFound(id);

    public static Results<Ok<DrawingDeletedDto>, ProblemHttpResult> Delete(long id, IDrawingStore store, DrawingsEvents events)
    {
        if (!store.Delete(id))
        {
            return NotFound(id);
        }

        var total = store.Count();
        events.Deleted(id, total);
        return TypedResults.Ok(new DrawingDeletedDto(id, total));
    }

    public static Results<FileContentHttpResult, ValidationProblem> Export(IDrawingStore store, string? format = null)
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

    public static async Task<Results<Created<DrawingImportDto>, ProblemHttpResult>> Import(HttpRequest request, ModelStore models, IDrawingStore store, DrawingsEvents events, CancellationToken cancellationToken)
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
                int? answer = model?.Model is { } network && DigitClassifier.Fits(network) ? DigitClassifier.Argmax(network.Forward(input)[^1]) : null;
                rows.Add((set.Drawings[i], LabelledDrawingBody.Bytes(input), answer, answer is null ? null : CurrentAnswers.Name(CurrentAnswers.Model(model!))));
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

        var total = store.Count();
        events.Imported(rows.Count, total);
        return TypedResults.Created("/api/drawings", new DrawingImportDto(rows.Count, total));
    }

    private static DrawingDto Dto(StoredDrawing d) => new(d.Id, d.Label, d.Answer, d.Model, d.CreatedAt, ImageUrl(d.Id));

    private static string ImageUrl(long id) => string.Create(CultureInfo.InvariantCulture, $"/api/drawings/{id}/image");

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: string.Create(CultureInfo.InvariantCulture, $"There is no drawing {id}."));

    private static ProblemHttpResult Full(IDrawingStore store, int adding = 1) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The drawing set is full",
            detail: string.Create(CultureInfo.InvariantCulture, $"The store keeps at most {store.Capacity} drawings and holds {store.Count()}; adding {adding} would pass that. Delete some first."));
}
