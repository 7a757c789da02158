using WebNet.Core.Data;
using WebNet.Core.Network;
using WebNet.Core.Training;

namespace WebNet.Core.Tests.Training;

internal static class TestData
{
    /// <summary>
    /// A small learnable dataset: each class lights its own band of pixels, plus noise; density sets how
    /// many pixels are non-zero, so the sparse and dense input paths both get exercised.
    /// </summary>
    public static Dataset Synthetic(int count, int width, int height, int classes, ulong seed, double density = 0.3)
    {
        var random = new SplitMix64(seed);
        var size = width * height;
        var images = new float[count * size];
        var labels = new byte[count];
        for (var s = 0; s < count; s++)
        {
            var label = random.NextInt(classes);
            labels[s] = (byte)label;
            for (var i = 0; i < size; i++)
            {
                var inBand = i * classes / size == label;
                if (inBand || random.NextDouble() < density)
                {
                    images[(s * size) + i] = (float)(inBand ? 0.5 + (0.5 * random.NextDouble()) : random.NextDouble());
                }
            }
        }

        return new Dataset(images, labels, width, height, classes);
    }

    public static NetworkShape Shape(Activation hidden, Cost cost, params int[] sizes) => NetworkShape.Create(sizes, hidden, cost);

    public static double[] RandomParameters(NetworkShape shape, ulong seed, double scale = 0.5)
    {
        var random = new SplitMix64(seed);
        return [.. Enumerable.Range(0, shape.ParameterCount).Select(_ => ((2 * random.NextDouble()) - 1) * scale)];
    }

    public static double[][] Rows(Dataset data) => [.. Enumerable.Range(0, data.Count).Select(s => data.Image(s).ToArray().Select(v => (double)v).ToArray())];

    public static int[] Labels(Dataset data) => [.. data.Labels.Select(l => (int)l)];
}
