using System.Globalization;
using System.Text;
using WebNet.Core.Imaging;
using WebNet.Core.Network;
using WebNet.Core.Serialization;
using WebNet.Core.Tests.Imaging;

namespace WebNet.Core.Tests.Serialization;

public class MachineAcademyImportTests
{
    [Fact]
    public void AMachineAcademyNetworkImportsWithTheSameOutputsAsAPlainForwardPass()
    {
        var layers = RandomLayers([784, 30, 10], seed: 5);
        var document = ModelJson.Read(TestModels.Bytes(MachineAcademyJson(layers, perLayerActivation: "SigmoidActivation")));

        Assert.Equal("machine.academy", document.SourceFormat);
        Assert.Equal(ModelInput.Mnist, document.Input);
        Assert.Equal("784-30-10 sigmoid,sigmoid cross-entropy", document.Network.Shape.ToString());
        foreach (var input in TestModels.Inputs(10, 784))
        {
            var expected = Forward(layers, input, relu: false);
            var actual = new float[10];
            document.Network.Predict(input, actual);
            for (var i = 0; i < 10; i++)
            {
                Assert.Equal(expected[i], actual[i], 1e-5f);
            }

            Assert.Equal(Array.IndexOf(expected, expected.Max()), Array.IndexOf(actual, actual.Max()));
        }
    }

    [Fact]
    public void AnImportedNetworkClassifiesDrawnDigits()
    {
        // A template matcher in machine.academy's format: neuron d's weights are the preprocessed picture of digit d.
        var digits = new Dictionary<int, (double X, double Y)[][]> { [1] = TestDrawings.One, [2] = TestDrawings.Two, [4] = TestDrawings.Four, [7] = TestDrawings.Seven };
        var weights = new float[10][];
        var biases = new float[10];
        for (var d = 0; d < 10; d++)
        {
            weights[d] = new float[784];
            biases[d] = -20f;
            if (digits.TryGetValue(d, out var strokes))
            {
                var template = DigitPreprocessor.Process(TestDrawings.Draw(strokes, 150, 60, 60), PreprocessMode.Mnist).Input;
                // Scaled so that the template itself scores z = 8 - 4: a match is near 1, a poor one near 0, none saturate.
                var squared = template.Sum(v => v * v);
                weights[d] = [.. template.Select(v => 8f * v / squared)];
                biases[d] = -4f;
            }
        }

        var network = ModelJson.Read(TestModels.Bytes(MachineAcademyJson([(weights, biases)], perLayerActivation: "SigmoidActivation"))).Network;
        foreach (var (digit, strokes) in digits)
        {
            var drawn = DigitPreprocessor.Process(TestDrawings.Draw(strokes, 90, 170.5, 20.25), PreprocessMode.Mnist).Input;
            var output = new float[10];
            network.Predict(drawn, output);
            Assert.Equal(digit, Array.IndexOf(output, output.Max()));
        }
    }

    [Fact]
    public void AnOldFileWithOneTopLevelActivationNameImports()
    {
        var layers = RandomLayers([5, 32, 5], seed: 9);
        var json = MachineAcademyJson(layers, perLayerActivation: null, topLevelActivation: "SigmoidActivation");
        var document = ModelJson.Read(TestModels.Bytes(json));

        Assert.Equal(new ModelInput(5, 1, PreprocessMode.None), document.Input);
        var input = new[] { 0.1f, 0.9f, 0.3f, 0.0f, 1.0f };
        var output = new float[5];
        document.Network.Predict(input, output);
        var expected = Forward(layers, input, relu: false);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(expected[i], output[i], 1e-5f);
        }
    }

    [Fact]
    public void AFileWithoutAnyActivationNameDefaultsToSigmoidAsTheLibraryDoes()
    {
        var document = ModelJson.Read(TestModels.Bytes(MachineAcademyJson(RandomLayers([4, 3, 2], 2), perLayerActivation: null)));
        Assert.All(document.Network.Shape.Layers, l => Assert.Equal(Activation.Sigmoid, l.Activation));
    }

    [Fact]
    public void ReluHiddenLayersImport()
    {
        var layers = RandomLayers([6, 8, 3], seed: 4);
        var json = MachineAcademyJson(layers, perLayerActivation: "ReLUActivation").Replace(
            "\"activationFunction\": \"ReLUActivation\",\n      \"weightMx\": [\n        [\n          " + Number(layers[1].Weights[0][0]),
            "\"activationFunction\": \"SigmoidActivation\",\n      \"weightMx\": [\n        [\n          " + Number(layers[1].Weights[0][0]),
            StringComparison.Ordinal);
        var network = ModelJson.Read(TestModels.Bytes(json)).Network;
        Assert.Equal(Activation.Relu, network.Shape.Layers[0].Activation);
        Assert.Equal(Activation.Sigmoid, network.Shape.Layers[1].Activation);
        var input = new[] { 0.5f, 0.1f, 0.9f, 0.2f, 0.7f, 0.3f };
        var output = new float[3];
        network.Predict(input, output);
        var expected = Forward(layers, input, relu: true);
        Assert.Equal(expected[2], output[2], 1e-5f);
    }

    [Theory]
    [InlineData("PasstroughActivation", "activationFunction is \"PasstroughActivation\"")]
    [InlineData("ReLUActivation", "only networks with sigmoid outputs")]
    public void UnsupportedActivationsAreRejected(string activation, string message)
    {
        var ex = Assert.Throws<ModelFormatException>(() => ModelJson.Read(TestModels.Bytes(MachineAcademyJson(RandomLayers([4, 2], 1), activation))));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARaggedWeightMatrixIsRejectedNamingItsPath()
    {
        var layers = RandomLayers([4, 3, 2], 3);
        layers[1].Weights[1] = layers[1].Weights[1][..2];
        var ex = Assert.Throws<ModelFormatException>(() => ModelJson.Read(TestModels.Bytes(MachineAcademyJson(layers, "SigmoidActivation"))));
        Assert.Equal("layers[1].weightMx[1] has 2 numbers, expected 3.", ex.Message);
    }

    [Fact]
    public void LayersThatDoNotChainAreRejected()
    {
        var layers = RandomLayers([4, 3, 2], 3);
        layers[1] = RandomLayers([5, 2], 3)[0];
        var ex = Assert.Throws<ModelFormatException>(() => ModelJson.Read(TestModels.Bytes(MachineAcademyJson(layers, "SigmoidActivation"))));
        Assert.Equal("layers[1].weightMx[0] has 5 numbers, but layers[0] has 3 neurons.", ex.Message);
    }

    [Fact]
    public void ATypeHintInAMachineAcademyFileIsRejected()
    {
        var json = MachineAcademyJson(RandomLayers([4, 2], 1), "SigmoidActivation").Replace("\"name\": null", "\"$type\": \"Macademy.Network, Macademy\"", StringComparison.Ordinal);
        var ex = Assert.Throws<ModelFormatException>(() => ModelJson.Read(TestModels.Bytes(json)));
        Assert.Equal("$type", ex.Path);
    }

    private static (float[][] Weights, float[] Biases)[] RandomLayers(int[] sizes, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, sizes.Length - 1).Select(l => (
            Enumerable.Range(0, sizes[l + 1]).Select(_ => Enumerable.Range(0, sizes[l]).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray()).ToArray(),
            Enumerable.Range(0, sizes[l + 1]).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray()))];
    }

    /// <summary>The reference forward pass: a = f(W a + b), row j of W being neuron j's weights; ReLU on hidden layers when asked.</summary>
    private static float[] Forward((float[][] Weights, float[] Biases)[] layers, float[] input, bool relu)
    {
        var a = input;
        for (var l = 0; l < layers.Length; l++)
        {
            var (w, b) = layers[l];
            var next = new float[b.Length];
            for (var j = 0; j < b.Length; j++)
            {
                double z = b[j];
                for (var i = 0; i < a.Length; i++)
                {
                    z += w[j][i] * a[i];
                }

                next[j] = relu && l < layers.Length - 1 ? (float)Math.Max(0, z) : (float)(1 / (1 + Math.Exp(-z)));
            }

            a = next;
        }

        return a;
    }

    /// <summary>What Newtonsoft.Json writes for machine.academy's ISerializable Network and Layer (indented, as its sample files are).</summary>
    private static string MachineAcademyJson((float[][] Weights, float[] Biases)[] layers, string? perLayerActivation, string? topLevelActivation = null)
    {
        var sb = new StringBuilder("{\n  \"name\": null,\n  \"description\": null,\n");
        if (topLevelActivation is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  \"activationFunctionName\": \"{topLevelActivation}\",\n");
        }

        sb.Append("  \"layers\": [\n");
        for (var l = 0; l < layers.Length; l++)
        {
            sb.Append("    {\n");
            if (perLayerActivation is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"      \"activationFunction\": \"{perLayerActivation}\",\n");
            }

            sb.Append("      \"weightMx\": [\n");
            sb.AppendJoin(",\n", layers[l].Weights.Select(row => "        [\n          " + string.Join(",\n          ", row.Select(Number)) + "\n        ]"));
            sb.Append("\n      ],\n      \"biases\": [\n        ").AppendJoin(",\n        ", layers[l].Biases.Select(Number)).Append("\n      ]\n    }");
            sb.Append(l < layers.Length - 1 ? ",\n" : "\n");
        }

        return sb.Append("  ]\n}").ToString();
    }

    private static string Number(float v) => v.ToString("R", CultureInfo.InvariantCulture);
}
