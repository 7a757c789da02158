using System.Text;
using System.Text.Json.Nodes;
using WebNet.Core.Network;
using WebNet.Core.Serialization;
using WebNet.Core.Training;

namespace WebNet.Core.Tests.Serialization;

internal static class TestModels
{
    public static Mlp Random(IReadOnlyList<int> sizes, Activation hidden = Activation.Sigmoid, Cost cost = Cost.CrossEntropy, ulong seed = 7) =>
        Initializers.Create(NetworkShape.Create(sizes, hidden, cost), Initializer.Xavier, new SplitMix64(seed));

    public static ModelDocument Seed() =>
        new(Random([784, 64, 10]), ModelInput.Mnist, ModelTrainingInfo.From(Presets.Seed, 230, 0.925));

    /// <summary>Inputs in 0..1 to compare predictions on.</summary>
    public static float[][] Inputs(int count, int size, int seed = 1)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, size).Select(_ => (float)random.NextDouble()).ToArray())];
    }

    public static JsonObject Parse(byte[] json) => (JsonObject)JsonNode.Parse(json)!;

    public static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    public static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);
}
