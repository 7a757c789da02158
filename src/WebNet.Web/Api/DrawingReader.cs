using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using WebNet.Core.Imaging;
using WebNet.Web.Contracts;

namespace WebNet.Web.Api;

/// <summary>
/// Reads POST /api/classify's drawing, whichever way it came: a raw PNG body, a multipart form with an "image" file,
/// or JSON pixels. Exactly one of the drawing, Errors (a 400 naming fields) and Problem (any other status) is set; the
/// drawing is Grid (the whole canvas) from <see cref="ReadAsync"/>, Crop (only its inked part) from <see cref="ReadCropAsync"/>.
/// </summary>
public sealed record DrawingReader(InkGrid? Grid, Dictionary<string, string[]>? Errors, ProblemHttpResult? Problem)
{
    /// <summary>The drawing cropped to where it can have ink, from pooled memory: the reader's caller disposes it.</summary>
    public InkCrop? Crop { get; init; }

    /// <summary>The largest body accepted: a 280x280 canvas PNG is about 10 KB, its pixels as JSON about 200 KB.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public const string ImageField = "image";

    public static Task<DrawingReader> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ReadAsync(request, crop: false, cancellationToken);

    /// <summary>
    /// As <see cref="ReadAsync"/>, but the drawing comes back as Crop: a PNG's rows are scanned in the decoder's pooled
    /// memory and only the rectangle that can hold ink becomes numbers, which is what keeps classify cheap.
    /// </summary>
    public static Task<DrawingReader> ReadCropAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ReadAsync(request, crop: true, cancellationToken);

    private static async Task<DrawingReader> ReadAsync(HttpRequest request, bool crop, CancellationToken cancellationToken)
    {
        var kind = Kind(request.ContentType);
        if (kind is null)
        {
            return Fail(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"Send the drawing as image/png, as multipart/form-data with an '{ImageField}' file, or as application/json {{\"pixels\", \"width\", \"height\"}}; not {request.ContentType}.");
        }

        var body = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return new(null, null, RequestBody.TooLarge(MaxBodyBytes, "A drawing"));
        }

        return kind switch
        {
            "json" => WithCrop(FromJson(body), crop),
            "form" => await FromFormAsync(request, body, crop, cancellationToken),
            _ => FromPng(body, crop),
        };
    }

    private static string? Kind(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return "image";
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return null;
        }

        var type = media.MediaType.Value ?? "";
        if (type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return "json";
        }

        if (type.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return "form";
        }

        return type.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || type.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase)
            ? "image"
            : null;
    }

    /// <summary>Numbers sent as JSON are already a grid; as a crop they are the whole of it.</summary>
    private static DrawingReader WithCrop(DrawingReader read, bool crop) =>
        crop && read.Grid is { } grid ? read with { Grid = null, Crop = InkCrop.Whole(grid) } : read;

    private static DrawingReader FromPng(byte[] bytes, bool crop)
    {
        try
        {
            return crop
                ? new(null, null, null) { Crop = CanvasInkReader.Read(bytes, out _) }
                : new(InkExtractor.Extract(PngImageDecoder.Decode(bytes)), null, null);
        }
        catch (ImageDecodeException ex)
        {
            return ex.Kind switch
            {
                ImageDecodeErrorKind.UnsupportedFormat => Fail(StatusCodes.Status415UnsupportedMediaType, "Unsupported image format", ex.Message),
                ImageDecodeErrorKind.TooLarge => Fail(StatusCodes.Status413PayloadTooLarge, "Image too large", ex.Message),
                ImageDecodeErrorKind.Empty => Fail(StatusCodes.Status400BadRequest, "Empty image", ex.Message),
                _ => Fail(StatusCodes.Status400BadRequest, "Unreadable image", ex.Message),
            };
        }
    }

    private static async Task<DrawingReader> FromFormAsync(HttpRequest request, byte[] body, bool crop, CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            request.Body = new MemoryStream(body, writable: false);
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return Fail(StatusCodes.Status400BadRequest, "Unreadable form", $"The multipart form could not be read: {ex.Message}");
        }

        if (form.Files.GetFile(ImageField) is not { } file)
        {
            return Invalid(ImageField, $"The form has no '{ImageField}' file; send the PNG in a file field named '{ImageField}'.");
        }

        using var stream = new MemoryStream();
        await file.CopyToAsync(stream, cancellationToken);
        return FromPng(stream.ToArray(), crop);
    }

    private static DrawingReader FromJson(byte[] body)
    {
        if (body.Length == 0)
        {
            return Fail(StatusCodes.Status400BadRequest, "Empty body", "The body is empty; send {\"pixels\": [...], \"width\": W, \"height\": H}.");
        }

        try
        {
            using var syntax = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return Invalid("body", $"The body is not valid JSON: {ex.Message}");
        }

        ClassifyPixelsRequest? pixels;
        try
        {
            pixels = JsonSerializer.Deserialize<ClassifyPixelsRequest>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException ex)
        {
            // The syntax is fine, so this is a value of the wrong type: "$.pixels[3]" names the field.
            var field = ex.Path is { Length: > 2 } path ? path[2..].Split('[', '.')[0] : "body";
            return Invalid(field.Length == 0 ? "body" : field, $"The JSON could not be read at {ex.Path ?? "the start"}: every pixel must be a number from 0 to 1, and width and height whole numbers.");
        }

        if (pixels is null)
        {
            return Invalid("body", "The body must be a JSON object {\"pixels\", \"width\", \"height\"}.");
        }

        float[]? values = pixels.Pixels is null ? null : [.. pixels.Pixels.Select(v => (float)v)];
        var errors = InkGrid.Validate(values, pixels.Width, pixels.Height);
        return errors.Count > 0 ? new(null, errors, null) : new(new InkGrid(pixels.Width, pixels.Height, values!), null, null);
    }

    private static DrawingReader Invalid(string field, string message) => new(null, new() { [field] = [message] }, null);

    private static DrawingReader Fail(int status, string title, string detail) =>
        new(null, null, TypedResults.Problem(statusCode: status, title: title, detail: detail));
}
