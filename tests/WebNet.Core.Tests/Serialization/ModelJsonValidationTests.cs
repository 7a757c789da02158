using System.Text;
using System.Text.Json.Nodes;
using WebNet.Core.Serialization;

namespace WebNet.Core.Tests.Serialization;

public class ModelJsonValidationTests
{
    private static readonly byte[] Valid = ModelJson.Serialize(TestModels.Seed());

    [Fact]
    public void ARaggedWeightsRowIsRejectedNamingItsPath()
    {
        var ex = Reject(json => json["layers"]![1]!["weights"]![3]!.AsArray().RemoveAt(0));
        Assert.Equal("layers[1].weights[3] has 63 numbers, expected 64.", ex.Message);
        Assert.Equal("layers[1].weights[3]", ex.Path);
    }

    [Fact]
    public void AMissingWeightsRowIsRejected()
    {
        var ex = Reject(json => json["layers"]![0]!["weights"]!.AsArray().RemoveAt(10));
        Assert.Equal("layers[0].weights has 63 rows, expected 64 (one per neuron).", ex.Message);
    }

    [Fact]
    public void TooFewBiasesAreRejected()
    {
        var ex = Reject(json => json["layers"]![1]!["biases"]!.AsArray().RemoveAt(9));
        Assert.Equal("layers[1].biases has 9 numbers, expected 10.", ex.Message);
    }

    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("null")]
    [InlineData("true")]
    public void ANonNumberWeightIsRejected(string value)
    {
        var ex = Reject(json => json["layers"]![0]!["weights"]![2]![7] = JsonNode.Parse(value));
        Assert.Equal("layers[0].weights[2][7]", ex.Path);
        Assert.Contains("finite number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABareNaNTokenIsNotJson()
    {
        var text = Encoding.UTF8.GetString(Valid);
        var at = text.IndexOf("\"biases\":[", StringComparison.Ordinal) + "\"biases\":[".Length;
        var ex = Assert.Throws<ModelFormatException>(() => ModelJson.Read(TestModels.Bytes(text.Insert(at, "NaN,"))));
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANumberBeyondFloatRangeIsRejected()
    {
        var ex = Reject(json => json["layers"]![1]!["biases"]![0] = JsonNode.Parse("1e39"));
        Assert.Equal("layers[1].biases[0] is 1e39, which is outside the float32 range.", ex.Message);
    }

    [Theory]
    [InlineData("format", "\"keras\"", "format is \"keras\"; expected \"webnet-mlp\".")]
    [InlineData("version", "2", "version is 2; this app reads version 1.")]
    [InlineData("cost", "\"hinge\"", "cost is \"hinge\"")]
    [InlineData("input", "{\"width\":28,\"height\":27}", "layers[0].inputs is 784, but the input is 28x27 = 756 pixels.")]
    [InlineData("input", "{\"width\":28,\"height\":28,\"preprocess\":\"magic\"}", "input.preprocess is \"magic\"")]
    public void AWrongHeaderFieldIsRejected(string field, string value, string message)
    {
        var ex = Reject(json => json[field] = JsonNode.Parse(value));
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("format")]
    [InlineData("version")]
    [InlineData("cost")]
    [InlineData("input")]
    [InlineData("layers")]
    public void AMissingRequiredFieldIsRejected(string field)
    {
        var ex = Reject(json => json.Remove(field));
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LayersThatDoNotChainAreRejected()
    {
        var ex = Reject(json => json["layers"]![1]!["inputs"] = 65);
        Assert.Equal("layers[1].inputs is 65, but layers[0] has 64 outputs.", ex.Message);
    }

    [Fact]
    public void AnOutputLayerThatDoesNotMatchTheCostIsRejected()
    {
        var ex = Reject(json => json["layers"]![1]!["activation"] = "relu");
        Assert.Equal("layers[1].activation is relu, but the cost cross-entropy needs a sigmoid output layer.", ex.Message);
    }

    [Fact]
    public void SoftmaxOnAHiddenLayerIsRejected()
    {
        var ex = Reject(json => json["layers"]![0]!["activation"] = "softmax");
        Assert.Equal("layers[0].activation is softmax, which is only allowed on the last layer.", ex.Message);
    }

    [Theory]
    [InlineData("$type")]
    [InlineData("$ref")]
    public void ATypeHintIsRejectedWherever(string hint)
    {
        var atRoot = Reject(json => json[hint] = "System.Object, System.Private.CoreLib");
        Assert.Equal(hint, atRoot.Path);
        var inLayer = Reject(json => json["layers"]![0]![hint] = "WebNet.Core.Network.Mlp");
        Assert.Equal($"layers[0].{hint}", inLayer.Path);
        var inTraining = Reject(json => json["training"]!["hyperparameters"]![hint] = "x");
        Assert.Equal($"training.hyperparameters.{hint}", inTraining.Path);
    }

    [Fact]
    public void TooManyLayersAreRejected()
    {
        var ex = Reject(json =>
        {
            var layers = json["layers"]!.AsArray();
            while (layers.Count <= ModelJson.MaxLayers)
            {
                layers.Insert(1, new JsonObject { ["activation"] = "sigmoid", ["inputs"] = 64, ["outputs"] = 64 });
            }
        });
        Assert.StartsWith($"layers has {ModelJson.MaxLayers + 1} layers", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALayerWiderThanTheCapIsRejectedBeforeItsWeightsAreRead()
    {
        var ex = Reject(json => json["layers"]![0]!["outputs"] = 5000);
        Assert.Equal("layers[0].outputs is 5000; it must be between 1 and 4096.", ex.Message);
    }

    [Fact]
    public void DeclaredShapesBeyondTheParameterCapAreRejectedBeforeAnythingIsAllocated()
    {
        var ex = Reject(json =>
        {
            var layers = json["layers"]!.AsArray();
            layers[0]!["outputs"] = 4096;
            layers.Insert(1, new JsonObject { ["activation"] = "sigmoid", ["inputs"] = 4096, ["outputs"] = 4096 });
            layers[2]!["inputs"] = 4096;
        });
        Assert.StartsWith("layers declare", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADocumentOverTheByteCapIsRejectedUnread()
    {
        var ex = Assert.Throws<ModelFormatException>(() => ModelJson.Read(new byte[ModelJson.MaxDocumentBytes + 1]));
        Assert.Contains("bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADocumentNestedTooDeeplyIsRejected()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 40)) + string.Concat(Enumerable.Repeat("]", 40));
        var ex = Reject(json => json["training"]!["hyperparameters"]!["hidden"] = JsonNode.Parse(deep, documentOptions: new() { MaxDepth = 64 }));
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"hello\":1}")]
    [InlineData("{\"format\":\"webnet-mlp\",\"version\":1,\"input\":{\"width\":28,\"height\":28},\"cost\":\"quadratic\",\"layers\":[]}")]
    public void CorruptDocumentsAreRejected(string text)
    {
        var ex = Assert.Throws<ModelFormatException>(() => ModelJson.Read(TestModels.Bytes(text)));
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void ADuplicatedPropertyIsRejected()
    {
        var text = Encoding.UTF8.GetString(Valid).Replace("\"cost\":", "\"cost\":\"quadratic\",\"cost\":", StringComparison.Ordinal);
        var ex = Assert.Throws<ModelFormatException>(() => ModelJson.Read(TestModels.Bytes(text)));
        Assert.Equal("cost appears twice.", ex.Message);
    }

    [Fact]
    public void AnAccuracyOutsideZeroToOneIsRejected()
    {
        var ex = Reject(json => json["training"]!["testAccuracy"] = 92.5);
        Assert.Equal("training.testAccuracy", ex.Path);
    }

    [Fact]
    public void TruncatedJsonIsRejected()
    {
        var ex = Assert.Throws<ModelFormatException>(() => ModelJson.Read(Valid.AsMemory(0, Valid.Length / 2)));
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    private static ModelFormatException Reject(Action<JsonObject> corrupt)
    {
        var json = TestModels.Parse(Valid);
        corrupt(json);
        return Assert.Throws<ModelFormatException>(() => ModelJson.Read(TestModels.Bytes(json)));
    }
}
