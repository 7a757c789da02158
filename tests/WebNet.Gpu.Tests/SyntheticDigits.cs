using WebNet.Core.Data;
using WebNet.Core.Training;

namespace WebNet.Gpu.Tests;

/// <summary>
/// Small MNIST-shaped data (28x28 grey ink, mostly background, 10 classes) that a network can learn:
/// class c is a horizontal and a vertical stroke placed by c, jittered by a pixel, with grey levels and
/// speckle. Deterministic for a seed, so both backends see the same bytes.
/// </summary>
internal static class SyntheticDigits
{
    public const int Side = 28;

    public static Dataset Create(int count, ulong seed)
    {
        var random = new SplitMix64(seed);
        var images = new float[count * Side * Side];
        var labels = new byte[count];
        for (var s = 0; s < count; s++)
        {
            var label = (byte)(s % 10);
            labels[s] = label;
            var image = images.AsSpan(s * Side * Side, Side * Side);
            var row = 4 + (2 * label) + random.NextInt(3) - 1;
            var column = 22 - (2 * label) + random.NextInt(3) - 1;
            for (var i = 3; i < Side - 3; i++)
            {
                image[(row * Side) + i] = 0.5f + (0.5f * (float)random.NextDouble());
                image[(i * Side) + column] = 0.5f + (0.5f * (float)random.NextDouble());
            }

            for (var k = 0; k < 12; k++)
            {
                image[random.NextInt(Side * Side)] = (float)random.NextDouble();
            }
        }

        return new Dataset(images, labels, Side, Side);
    }
}
