using System.Buffers;
using System.Text.Json;
using WebNet.Core.Training;
using WebNet.Web.Contracts;
using WebNet.Web.Training;

namespace WebNet.Web.Api;

/// <summary>
/// Reads a start request field by field, so a bad request names every bad field: malformed JSON ("body"), unknown
/// fields (by name) and wrong types. The one reader of start requests: POST /api/training/start's body, and the hub's
/// Start in either protocol (TrainingHub), so both accept the same names in any case and refuse the same fields. An
/// empty body means the seed preset. The request comes back with the readable fields even when others are bad (null
/// only when the body is not a JSON object), so range checks can name the rest.
/// </summary>
public static class StartRequestReader
{
    public const string BodyField = "body";
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly string[] Known = ["preset", "hidden", "activation", "cost", "initializer", "optimizer", "learningRate", "momentum", "batchSize", "l2", "epochs", "seed", "backend", "schedule", "augmentation", "drawings"];

    private static readonly string[] KnownAugmentation = ["rotation", "scale", "shear", "shift", "elastic", "thickness", "pen"];

    private static readonly string[] KnownDrawings = ["copies", "heldOut"];

    /// <summary>
    /// The request and the bad fields; TooLarge when the body is over the server's limit (serverLimit bytes, by its
    /// Content-Length or as it arrives), which the caller answers 413. A body over 64 KB but under that is a 400 naming it.
    /// </summary>
    public static async Task<(StartRequest? Request, Dictionary<string, string[]> Errors, bool TooLarge)> ReadAsync(
        HttpRequest request, long serverLimit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.ContentLength > serverLimit)
        {
            return (null, errors, true);
        }

        using var body = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (body.Length + read > MaxBodyBytes)
                {
                    // Drain without keeping (the server's request-size limit bounds it), so the client sees a clean 400.
                    while (await request.Body.ReadAsync(buffer, cancellationToken) > 0)
                    {
                    }

                    errors[BodyField] = [$"The body is larger than {MaxBodyBytes / 1024} KB; a start request is a few hundred bytes."];
                    return (null, errors, false);
                }

                body.Write(buffer, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's MaxRequestBodySize, reached by a body sent without a length (or longer than it said).
            return (null, errors, true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (body.Length == 0)
        {
            return (new StartRequest(), errors, false);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException ex)
        {
            errors[BodyField] = [$"The body is not valid JSON: {ex.Message}"];
            return (null, errors, false);
        }

        using (document)
        {
            return (Read(document.RootElement, BodyField, errors), errors, false);
        }
    }

    /// <summary>
    /// The request's options, resolved and checked once, or null with every bad field in errors: the unreadable ones
    /// (already there) first, then the readable ones out of range.
    /// </summary>
    public static TrainingOptions? Resolve(StartRequest? request, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Dictionary<string, string[]>? invalid = null;
        var options = request?.ToOverrides().Resolve(out invalid);
        foreach (var (field, messages) in invalid ?? [])
        {
            errors.TryAdd(field, messages);
        }

        return errors.Count > 0 ? null : options;
    }

    /// <summary>A start request from a JSON object; null, named under whole ("body"), when the value is not one.</summary>
    public static StartRequest? Read(JsonElement root, string whole, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors[whole] = [$"The {whole} must be a JSON object."];
            return null;
        }

        var request = new StartRequest();
        foreach (var property in root.EnumerateObject())
        {
            var name = Known.FirstOrDefault(k => k.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
            var value = property.Value;
            if (name is null)
            {
                errors[property.Name] = [$"Unknown field '{property.Name}'; the fields are {string.Join(", ", Known)}."];
                continue;
            }

            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            request = name switch
            {
                "preset" => request with { Preset = Text(value, name, errors) },
                "activation" => request with { Activation = Text(value, name, errors) },
                "cost" => request with { Cost = Text(value, name, errors) },
                "initializer" => request with { Initializer = Text(value, name, errors) },
                "optimizer" => request with { Optimizer = Text(value, name, errors) },
                "backend" => request with { Backend = Text(value, name, errors) },
                "schedule" => request with { Schedule = Text(value, name, errors) },
                "augmentation" => request with { Augmentation = Augmentation(value, errors) },
                "drawings" => request with { Drawings = Drawings(value, errors) },
                "learningRate" => request with { LearningRate = Number(value, name, errors) },
                "momentum" => request with { Momentum = Number(value, name, errors) },
                "l2" => request with { L2 = Number(value, name, errors) },
                "batchSize" => request with { BatchSize = Integer(value, name, errors) },
                "epochs" => request with { Epochs = Integer(value, name, errors) },
                "seed" => request with { Seed = value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var seed) ? seed : Fail<ulong>(name, "must be a whole number of at least 0", errors) },
                _ => request with { Hidden = Hidden(value, errors) },
            };
        }

        return request;
    }

    private static AugmentationRequest? Augmentation(JsonElement value, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return Fail<AugmentationRequest>("augmentation", $"must be an object with any of {string.Join(", ", KnownAugmentation)}", errors);
        }

        var augmentation = new AugmentationRequest();
        foreach (var property in value.EnumerateObject())
        {
            var name = KnownAugmentation.FirstOrDefault(k => k.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                errors[$"augmentation.{property.Name}"] = [$"Unknown field 'augmentation.{property.Name}'; augmentation's fields are {string.Join(", ", KnownAugmentation)}."];
                continue;
            }

            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var number = Number(property.Value, $"augmentation.{name}", errors);
            augmentation = name switch
            {
                "rotation" => augmentation with { Rotation = number },
                "scale" => augmentation with { Scale = number },
                "shear" => augmentation with { Shear = number },
                "shift" => augmentation with { Shift = number },
                "elastic" => augmentation with { Elastic = number },
                "thickness" => augmentation with { Thickness = number },
                _ => augmentation with { Pen = number },
            };
        }

        return augmentation;
    }

    private static DrawingsRequest? Drawings(JsonElement value, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return Fail<DrawingsRequest>("drawings", $"must be an object with any of {string.Join(", ", KnownDrawings)}", errors);
        }

        var drawings = new DrawingsRequest();
        foreach (var property in value.EnumerateObject())
        {
            var name = KnownDrawings.FirstOrDefault(k => k.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                errors[$"drawings.{property.Name}"] = [$"Unknown field 'drawings.{property.Name}'; drawings' fields are {string.Join(", ", KnownDrawings)}."];
                continue;
            }

            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            drawings = name == "copies"
                ? drawings with { Copies = Integer(property.Value, "drawings.copies", errors) }
                : drawings with { HeldOut = Fraction(property.Value, "drawings.heldOut", errors) };
        }

        return drawings;
    }

    private static double? Fraction(JsonElement value, string name, Dictionary<string, string[]> errors) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : Fail<double>(name, "must be a finite number", errors);

    private static string? Text(JsonElement value, string name, Dictionary<string, string[]> errors) =>
        value.ValueKind == JsonValueKind.String ? value.GetString() : Fail<string>(name, "must be a string", errors);

    private static float? Number(JsonElement value, string name, Dictionary<string, string[]> errors) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && float.IsFinite((float)number)
            ? (float)number
            : Fail<float>(name, "must be a finite number", errors);

    private static int? Integer(JsonElement value, string name, Dictionary<string, string[]> errors) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : Fail<int>(name, "must be a whole number", errors);

    private static int[]? Hidden(JsonElement value, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out _)))
        {
            errors["hidden"] = ["Hidden must be an array of whole numbers (neurons per hidden layer)."];
            return null;
        }

        return [.. value.EnumerateArray().Select(e => e.GetInt32())];
    }

    private static T? Fail<T>(string name, string problem, Dictionary<string, string[]> errors)
    {
        errors[name] = [$"The field '{name}' {problem}."];
        return default;
    }
}
