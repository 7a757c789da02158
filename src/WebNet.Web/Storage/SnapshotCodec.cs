using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using WebNet.Web.Contracts;

namespace WebNet.Web.Storage;

/// <summary>
/// A weight snapshot as stored (schema 2): a compact BLOB instead of base64 in JSON (a third smaller for the seed net,
/// and no text to parse). Little-endian: "WNS1", int32 layers; per layer int32 inputs, int32 outputs, a byte-length
/// and the UTF-8 activation name, float32 scale, outputs*inputs int8 weights, outputs float32 biases.
/// </summary>
internal static class SnapshotCodec
{
    private static readonly byte[] Magic = "WNS1"u8.ToArray();
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static byte[] Encode(WeightsDto weights)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(weights.Layers.Count);
            foreach (var layer in weights.Layers)
            {
                var activation = Encoding.UTF8.GetBytes(layer.Activation);
                writer.Write(layer.Inputs);
                writer.Write(layer.Outputs);
                writer.Write((byte)activation.Length);
                writer.Write(activation);
                writer.Write(layer.Scale);
                writer.Write(layer.Weights);
                writer.Write(MemoryMarshal.AsBytes(layer.Biases.AsSpan()));
            }
        }

        return stream.ToArray();
    }

    /// <summary>A stored value: a BLOB, or the JSON text of schema 1 (read while migrating).</summary>
    public static WeightsDto Decode(object value) => value switch
    {
        byte[] blob => Decode(blob),
        string json => JsonSerializer.Deserialize<WeightsDto>(json, Json)!,
        _ => throw new InvalidDataException($"A weight snapshot is stored as {value.GetType().Name}."),
    };

    private static WeightsDto Decode(byte[] blob)
    {
        using var reader = new BinaryReader(new MemoryStream(blob, writable: false), Encoding.UTF8);
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException("A weight snapshot does not start with WNS1.");
        }

        var layers = new LayerWeightsDto[reader.ReadInt32()];
        for (var l = 0; l < layers.Length; l++)
        {
            var inputs = reader.ReadInt32();
            var outputs = reader.ReadInt32();
            var activation = Encoding.UTF8.GetString(reader.ReadBytes(reader.ReadByte()));
            var scale = reader.ReadSingle();
            var weights = reader.ReadBytes(checked(inputs * outputs));
            var biases = MemoryMarshal.Cast<byte, float>(reader.ReadBytes(checked(outputs * sizeof(float)))).ToArray();
            if (weights.Length != inputs * outputs || biases.Length != outputs)
            {
                throw new InvalidDataException($"A weight snapshot's layer {l} is cut short.");
            }

            layers[l] = new LayerWeightsDto(inputs, outputs, activation, scale, weights, biases);
        }

        return new WeightsDto(layers);
    }
}
