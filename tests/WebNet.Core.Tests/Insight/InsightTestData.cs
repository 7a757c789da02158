using System.Numerics.Tensors;
using WebNet.Core.Data;
using WebNet.Core.Network;
using WebNet.Core.Training;

namespace WebNet.Core.Tests.Insight;

/// <summary>Small networks and datasets for the Insight tests, and the brute-force reference they are checked against.</summary>
internal static class InsightTestData
{
    /// <summary>count images of side x side with labels s % classes (balanced when count is a multiple of classes).</summary>
    public static Dataset Balanced(int count, int side, int classes, ulong seed)
    {
        var random = new SplitMix64(seed);
        var size = side * side;
        var images = new float[count * size];
        var labels = new byte[count];
        for (var s = 0; s < count; s++)
        {
            labels[s] = (byte)(s % classes);
            for (var i = 0; i < size; i++)
            {
                // A class band plus noise, so a random network's answers still depend on the input.
                var inBand = i * classes / size == labels[s];
                images[(s * size) + i] = (float)((inBand ? 0.5 : 0.0) + (0.5 * random.NextDouble()));
            }
        }

        return new Dataset(images, labels, side, side, classes);
    }

    public static Mlp Network(ulong seed, Activation hidden, Cost cost, params int[] sizes) =>
        Initializers.Create(NetworkShape.Create(sizes, hidden, cost), Initializer.Xavier, new SplitMix64(seed));

    /// <summary>Reference: Mlp.Forward with the neurons disabled, sample by sample.</summary>
    public static int[] Predictions(Mlp model, Dataset data, IReadOnlySet<int>? off = null) =>
        [.. Enumerable.Range(0, data.Count).Select(s => TensorPrimitives.IndexOfMax(model.Forward(data.Image(s), off)[^1]))];

    public static int Correct(Mlp model, Dataset data, IReadOnlySet<int>? off = null) =>
        Predictions(model, data, off).Where((p, s) => p == data.Labels[s]).Count();
}
