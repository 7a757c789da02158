using System.Text.Json;
using WebNet.Core.Training;

namespace WebNet.Core.Serialization;

/// <summary>
/// Reads and writes WebNet's model JSON ("webnet-mlp", version 1; README and /swagger) and imports the JSON of machine.academy,
/// the seed author's C# library. Reading treats the document as untrusted: size, depth and every shape are checked
/// and non-finite numbers are refused before a network is built.
/// </summary>
public static class ModelJson
{
    public const string Format = "webnet-mlp";
    public const int Version = 1;

    /// <summary>Hidden layers the trainer allows, plus the output layer, so every trained model can be read back.</summary>
    public const int MaxLayers = TrainingOptions.MaxHiddenLayers + 1;

    public const int MaxLayerWidth = TrainingOptions.MaxLayerWidth;

    /// <summary>Weights and biases in all layers; 8M floats is 32 MB, far beyond the presets (about 50k and 200k).</summary>
    public const int MaxParameters = 8 * 1024 * 1024;

    /// <summary>The largest document read, in bytes: about 6M numbers as JSON text.</summary>
    public const int MaxDocumentBytes = 64 * 1024 * 1024;

    /// <summary>Nesting allowed in a document; a model needs 4 (root, layers, layer, weights row) plus room in "training".</summary>
    public const int MaxDepth = 16;

    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        MaxDepth = MaxDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>Reads a model document, either format; throws <see cref="ModelFormatException"/> naming what is wrong.</summary>
    public static ModelDocument Read(ReadOnlyMemory<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            throw new ModelFormatException("The model document is empty.", path: null);
        }

        if (utf8.Length > MaxDocumentBytes)
        {
            throw new ModelFormatException($"The model document is {utf8.Length} bytes; at most {MaxDocumentBytes} bytes are read.", path: null);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, ParseOptions);
        }
        catch (JsonException ex)
        {
            throw new ModelFormatException($"The model document is not valid JSON: {ex.Message}", null, ex);
        }

        using (document)
        {
            var root = JsonChecks.Object(document.RootElement, "");
            if (root.ContainsKey("format") || root.ContainsKey("version"))
            {
                return ModelJsonReader.Read(root);
            }

            if (MachineAcademyImporter.Recognises(root))
            {
                return MachineAcademyImporter.Read(root);
            }

            throw new ModelFormatException(
                $"The document is neither a WebNet model (\"format\": \"{Format}\") nor a machine.academy network (\"layers\" with \"weightMx\").", path: null);
        }
    }

    /// <summary>Reads a document from a stream, refusing to buffer more than <see cref="MaxDocumentBytes"/>.</summary>
    public static async Task<ModelDocument> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxDocumentBytes)
            {
                throw new ModelFormatException($"The model document is larger than {MaxDocumentBytes} bytes.", path: null);
            }

            buffer.Write(chunk, 0, read);
        }

        return Read(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    /// <summary>The document as compact UTF-8 JSON.</summary>
    public static byte[] Serialize(ModelDocument model)
    {
        using var stream = new MemoryStream();
        Write(stream, model);
        return stream.ToArray();
    }

    public static void Write(Stream stream, ModelDocument model)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream);
        ModelJsonWriter.Write(writer, model);
    }
}
