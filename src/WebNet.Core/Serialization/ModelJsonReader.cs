using System.Text.Json;
using System.Text.Json.Nodes;
using WebNet.Core.Imaging;
using WebNet.Core.Network;
using WebNet.Core.Training;
using static WebNet.Core.Serialization.JsonChecks;

namespace WebNet.Core.Serialization;

/// <summary>Reads and validates a "webnet-mlp" version 1 document.</summary>
internal static class ModelJsonReader
{
    public static ModelDocument Read(Dictionary<string, JsonElement> root)
    {
        var format = String(Required(root, "", "format"), "format");
        if (format != ModelJson.Format)
        {
            throw Error("format", $"is \"{format}\"; expected \"{ModelJson.Format}\".");
        }

        var version = Int(Required(root, "", "version"), "version", int.MinValue, int.MaxValue);
        if (version != ModelJson.Version)
        {
            throw Error("version", $"is {version}; this app reads version {ModelJson.Version}.");
        }

        var input = ReadInput(Object(Required(root, "", "input"), "input"));
        var costText = String(Required(root, "", "cost"), "cost");
        if (!Costs.TryParse(costText, out var cost))
        {
            throw Error("cost", $"is \"{costText}\"; expected cross-entropy, softmax-cross-entropy or quadratic.");
        }

        var (specs, layers) = ReadLayerHeaders(Required(root, "", "layers"));
        if (specs[0].Inputs != input.Width * input.Height)
        {
            throw Error("layers[0].inputs", $"is {specs[0].Inputs}, but the input is {input.Width}x{input.Height} = {input.Width * input.Height} pixels.");
        }

        var expectedOutput = cost.OutputActivation();
        if (specs[^1].Activation != expectedOutput)
        {
            throw Error($"layers[{specs.Length - 1}].activation", $"is {specs[^1].Activation.ToWireName()}, but the cost {cost.ToWireName()} needs a {expectedOutput.ToWireName()} output layer.");
        }

        NetworkShape shape;
        try
        {
            shape = new NetworkShape(specs, cost);
        }
        catch (ArgumentException ex)
        {
            throw new ModelFormatException($"The layers do not form a network: {ex.Message}", "layers", ex);
        }

        var parameters = new float[shape.ParameterCount];
        for (var l = 0; l < specs.Length; l++)
        {
            var path = $"layers[{l}]";
            ReadMatrix(Required(layers[l], path, "weights"), $"{path}.weights", specs[l], parameters.AsSpan(shape.WeightOffset(l), specs[l].WeightCount));
            Floats(Required(layers[l], path, "biases"), $"{path}.biases", specs[l].Outputs, parameters.AsSpan(shape.BiasOffset(l), specs[l].Outputs));
        }

        var training = Optional(root, "training") is { } t ? ReadTraining(Object(t, "training")) : null;
        return new ModelDocument(new Mlp(shape, parameters), input, training);
    }

    /// <summary>Rows (Outputs) of Inputs numbers each, row j being neuron j's incoming weights, into w (Out, In).</summary>
    public static void ReadMatrix(JsonElement element, string path, LayerSpec spec, Span<float> w)
    {
        var rows = ArrayLength(element, path);
        if (rows != spec.Outputs)
        {
            throw Error(path, $"has {rows} rows, expected {spec.Outputs} (one per neuron).");
        }

        var j = 0;
        foreach (var row in element.EnumerateArray())
        {
            Floats(row, $"{path}[{j}]", spec.Inputs, w.Slice(j * spec.Inputs, spec.Inputs));
            j++;
        }
    }

    /// <summary>Checks the declared sizes of every layer, and the total, before anything is allocated.</summary>
    public static void CheckTotal(IEnumerable<LayerSpec> specs)
    {
        var total = specs.Sum(s => (long)s.ParameterCount);
        if (total > ModelJson.MaxParameters)
        {
            throw Error("layers", $"declare {total} parameters; at most {ModelJson.MaxParameters} are accepted.");
        }
    }

    private static ModelInput ReadInput(Dictionary<string, JsonElement> input)
    {
        var width = Int(Required(input, "input", "width"), "input.width", 1, ModelJson.MaxLayerWidth);
        var height = Int(Required(input, "input", "height"), "input.height", 1, ModelJson.MaxLayerWidth);
        var mode = PreprocessMode.Mnist;
        if (Optional(input, "preprocess") is { } p)
        {
            var text = String(p, "input.preprocess");
            if (!PreprocessModes.TryParse(text, out mode))
            {
                throw Error("input.preprocess", $"is \"{text}\"; expected {string.Join(" or ", PreprocessModes.Names)}.");
            }
        }

        if ((long)width * height > ModelJson.MaxLayerWidth)
        {
            throw Error("input", $"is {width}x{height}; at most {ModelJson.MaxLayerWidth} inputs are accepted.");
        }

        return new ModelInput(width, height, mode);
    }

    private static (LayerSpec[] Specs, Dictionary<string, JsonElement>[] Layers) ReadLayerHeaders(JsonElement element)
    {
        var count = ArrayLength(element, "layers");
        if (count is < 1 or > ModelJson.MaxLayers)
        {
            throw Error("layers", $"has {count} layers; between 1 and {ModelJson.MaxLayers} are accepted.");
        }

        var specs = new LayerSpec[count];
        var layers = new Dictionary<string, JsonElement>[count];
        var l = 0;
        foreach (var item in element.EnumerateArray())
        {
            var path = $"layers[{l}]";
            var layer = Object(item, path);
            var activationText = String(Required(layer, path, "activation"), $"{path}.activation");
            if (!Activations.TryParse(activationText, out var activation))
            {
                throw Error($"{path}.activation", $"is \"{activationText}\"; expected sigmoid, tanh, relu or softmax.");
            }

            var inputs = Int(Required(layer, path, "inputs"), $"{path}.inputs", 1, ModelJson.MaxLayerWidth);
            var outputs = Int(Required(layer, path, "outputs"), $"{path}.outputs", 1, ModelJson.MaxLayerWidth);
            if (l > 0 && inputs != specs[l - 1].Outputs)
            {
                throw Error($"{path}.inputs", $"is {inputs}, but layers[{l - 1}] has {specs[l - 1].Outputs} outputs.");
            }

            if (activation == Activation.Softmax && l < count - 1)
            {
                throw Error($"{path}.activation", "is softmax, which is only allowed on the last layer.");
            }

            specs[l] = new LayerSpec(inputs, outputs, activation);
            layers[l] = layer;
            l++;
        }

        CheckTotal(specs);
        return (specs, layers);
    }

    private static ModelTrainingInfo ReadTraining(Dictionary<string, JsonElement> training)
    {
        var preset = Optional(training, "preset") is { } p ? String(p, "training.preset") : null;
        var epochs = Optional(training, "epochs") is { } e ? Int(e, "training.epochs", 0, TrainingOptions.MaxEpochs) : 0;
        double? accuracy = null;
        if (Optional(training, "testAccuracy") is { } a)
        {
            accuracy = Double(a, "training.testAccuracy");
            if (accuracy is < 0 or > 1)
            {
                throw Error("training.testAccuracy", $"is {Number(accuracy.Value)}; accuracy is a fraction from 0 to 1.");
            }
        }

        var hyperparameters = new JsonObject();
        if (Optional(training, "hyperparameters") is { } h)
        {
            CheckPlainData(h, "training.hyperparameters");
            hyperparameters = JsonNode.Parse(h.GetRawText()) as JsonObject
                ?? throw Error("training.hyperparameters", "must be an object.");
        }

        return new ModelTrainingInfo(preset, epochs, accuracy, hyperparameters);
    }

    /// <summary>Free-form metadata may hold anything plain: no type hints, no numbers beyond double range.</summary>
    private static void CheckPlainData(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var (name, value) in Object(element, path))
                {
                    CheckPlainData(value, Join(path, name));
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CheckPlainData(item, $"{path}[{i++}]");
                }

                break;
            case JsonValueKind.Number:
                Double(element, path);
                break;
        }
    }
}
