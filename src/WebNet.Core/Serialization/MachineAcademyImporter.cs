using System.Text.Json;
using WebNet.Core.Imaging;
using WebNet.Core.Network;
using static WebNet.Core.Serialization.JsonChecks;

namespace WebNet.Core.Serialization;

/// <summary>
/// Imports a network saved by machine.academy (github.com/zbendefy/machine.academy), the seed author's C# library.
/// Its Network and Layer classes are ISerializable and written by Newtonsoft.Json:
/// <code>
/// { "name": null, "description": null,
///   "layers": [ { "activationFunction": "SigmoidActivation", "weightMx": [[...], ...], "biases": [...] }, ... ] }
/// </code>
/// weightMx is float[neurons, weightsPerNeuron], so a row is one neuron's incoming weights, as in our format.
/// The activation is the class name (SigmoidActivation or ReLUActivation). Older files have no per-layer name; some
/// carry one top-level "activationFunctionName" instead, and the library itself falls back to sigmoid for files
/// without either, as does this importer. The files record no cost: the library trains sigmoid outputs, imported
/// here as cross-entropy, which only matters if the network is trained further. A 784-input network is taken to
/// read a 28x28 MNIST-preprocessed digit; any other input size is recorded as a 1-pixel-high row.
/// </summary>
internal static class MachineAcademyImporter
{
    public const string FormatName = "machine.academy";

    public static bool Recognises(Dictionary<string, JsonElement> root) =>
        root.TryGetValue("layers", out var layers)
        && layers.ValueKind == JsonValueKind.Array
        && layers.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } first
        && first.TryGetProperty("weightMx", out _);

    public static ModelDocument Read(Dictionary<string, JsonElement> root)
    {
        foreach (var name in new[] { "name", "description" })
        {
            if (Optional(root, name) is { } text)
            {
                String(text, name);
            }
        }

        var defaultActivation = Optional(root, "activationFunctionName") is { } top
            ? ParseActivation(top, "activationFunctionName")
            : Activation.Sigmoid;

        var layersElement = Required(root, "", "layers");
        var count = ArrayLength(layersElement, "layers");
        if (count is < 1 or > ModelJson.MaxLayers)
        {
            throw Error("layers", $"has {count} layers; between 1 and {ModelJson.MaxLayers} are accepted.");
        }

        var specs = new LayerSpec[count];
        var layers = new Dictionary<string, JsonElement>[count];
        var l = 0;
        foreach (var item in layersElement.EnumerateArray())
        {
            var path = $"layers[{l}]";
            var layer = Object(item, path);
            var activation = Optional(layer, "activationFunction") is { } a ? ParseActivation(a, $"{path}.activationFunction") : defaultActivation;
            var rows = Required(layer, path, "weightMx");
            var outputs = ArrayLength(rows, $"{path}.weightMx");
            if (outputs is < 1 or > ModelJson.MaxLayerWidth)
            {
                throw Error($"{path}.weightMx", $"has {outputs} rows; between 1 and {ModelJson.MaxLayerWidth} neurons are accepted.");
            }

            var inputs = ArrayLength(rows[0], $"{path}.weightMx[0]");
            if (inputs is < 1 or > ModelJson.MaxLayerWidth)
            {
                throw Error($"{path}.weightMx[0]", $"has {inputs} numbers; between 1 and {ModelJson.MaxLayerWidth} inputs are accepted.");
            }

            if (l > 0 && inputs != specs[l - 1].Outputs)
            {
                throw Error($"{path}.weightMx[0]", $"has {inputs} numbers, but layers[{l - 1}] has {specs[l - 1].Outputs} neurons.");
            }

            specs[l] = new LayerSpec(inputs, outputs, activation);
            layers[l] = layer;
            l++;
        }

        if (specs[^1].Activation != Activation.Sigmoid)
        {
            throw Error($"layers[{count - 1}].activationFunction", "is ReLUActivation; only networks with sigmoid outputs can be imported, as their outputs are read as per-digit scores.");
        }

        ModelJsonReader.CheckTotal(specs);
        var shape = new NetworkShape(specs, Cost.CrossEntropy);
        var parameters = new float[shape.ParameterCount];
        for (l = 0; l < count; l++)
        {
            var path = $"layers[{l}]";
            ModelJsonReader.ReadMatrix(layers[l]["weightMx"], $"{path}.weightMx", specs[l], parameters.AsSpan(shape.WeightOffset(l), specs[l].WeightCount));
            Floats(Required(layers[l], path, "biases"), $"{path}.biases", specs[l].Outputs, parameters.AsSpan(shape.BiasOffset(l), specs[l].Outputs));
        }

        var input = specs[0].Inputs == 28 * 28 ? ModelInput.Mnist : new ModelInput(specs[0].Inputs, 1, PreprocessMode.None);
        return new ModelDocument(new Mlp(shape, parameters), input) { SourceFormat = FormatName };
    }

    private static Activation ParseActivation(JsonElement element, string path)
    {
        var name = String(element, path);
        return name switch
        {
            "SigmoidActivation" => Activation.Sigmoid,
            "ReLUActivation" => Activation.Relu,
            _ => throw Error(path, $"is \"{name}\"; machine.academy networks with SigmoidActivation or ReLUActivation can be imported."),
        };
    }
}
