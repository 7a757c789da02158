using System.Text.Json;
using WebNet.Core.Imaging;
using WebNet.Core.Network;

namespace WebNet.Core.Serialization;

/// <summary>Writes the "webnet-mlp" version 1 document; floats use the shortest text that reads back to the same float.</summary>
internal static class ModelJsonWriter
{
    public static void Write(Utf8JsonWriter writer, ModelDocument model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var network = model.Network;
        var shape = network.Shape;
        for (var i = 0; i < network.Parameters.Length; i++)
        {
            if (!float.IsFinite(network.Parameters[i]))
            {
                throw new ArgumentException($"The network has a non-finite parameter ({network.Parameters[i]} at index {i}); a diverged network cannot be saved.", nameof(model));
            }
        }

        writer.WriteStartObject();
        writer.WriteString("format", ModelJson.Format);
        writer.WriteNumber("version", ModelJson.Version);

        writer.WriteStartObject("input");
        writer.WriteNumber("width", model.Input.Width);
        writer.WriteNumber("height", model.Input.Height);
        writer.WriteString("preprocess", model.Input.Preprocess.ToWireName());
        writer.WriteEndObject();

        writer.WriteString("cost", shape.Cost.ToWireName());
        writer.WriteStartArray("layers");
        for (var l = 0; l < shape.Layers.Count; l++)
        {
            var layer = shape.Layers[l];
            writer.WriteStartObject();
            writer.WriteString("activation", layer.Activation.ToWireName());
            writer.WriteNumber("inputs", layer.Inputs);
            writer.WriteNumber("outputs", layer.Outputs);
            writer.WriteStartArray("weights");
            for (var j = 0; j < layer.Outputs; j++)
            {
                WriteFloats(writer, network.NeuronWeights(l, j));
            }

            writer.WriteEndArray();
            writer.WritePropertyName("biases");
            WriteFloats(writer, network.Biases(l));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        if (model.Training is { } training)
        {
            writer.WriteStartObject("training");
            if (training.Preset is null)
            {
                writer.WriteNull("preset");
            }
            else
            {
                writer.WriteString("preset", training.Preset);
            }

            writer.WriteNumber("epochs", training.Epochs);
            if (training.TestAccuracy is { } accuracy)
            {
                writer.WriteNumber("testAccuracy", accuracy);
            }
            else
            {
                writer.WriteNull("testAccuracy");
            }

            writer.WritePropertyName("hyperparameters");
            training.Hyperparameters.WriteTo(writer);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    private static void WriteFloats(Utf8JsonWriter writer, ReadOnlySpan<float> values)
    {
        writer.WriteStartArray();
        foreach (var v in values)
        {
            writer.WriteNumberValue(v);
        }

        writer.WriteEndArray();
    }
}
