using WebNet.Core.Data;
using WebNet.Core.Training;

namespace WebNet.Web.Training;

/// <summary>
/// A small generated set for tests and demos (WebNet:Training:SyntheticData): ten learnable 28x28 patterns
/// (class c is a horizontal bar at row 2+2c and a vertical bar at column 25-2c) with random speckle.
/// Deterministic for a given seed.
/// </summary>
public sealed class SyntheticDatasetProvider(int trainCount = 300, int testCount = 100, ulong seed = 7) : IDatasetProvider
{
    private const int Side = 28;

    private readonly Lazy<(Dataset, Dataset)> _data = new(() =>
    {
        var random = new SplitMix64(seed);
        return (Generate(trainCount, random), Generate(testCount, random));
    });

    public (Dataset Train, Dataset Test) Load() => _data.Value;

    private static Dataset Generate(int count, SplitMix64 random)
    {
        var images = new float[count * Side * Side];
        var labels = new byte[count];
        for (var n = 0; n < count; n++)
        {
            var label = n % 10;
            labels[n] = (byte)label;
            var image = images.AsSpan(n * Side * Side, Side * Side);
            var row = 2 + (2 * label);
            var column = 25 - (2 * label);
            for (var i = 4; i < 24; i++)
            {
                image[(row * Side) + i] = 0.6f + (0.4f * (float)random.NextDouble());
                image[(i * Side) + column] = 0.6f + (0.4f * (float)random.NextDouble());
            }

            for (var k = 0; k < 20; k++)
            {
                image[random.NextInt(Side * Side)] = (float)random.NextDouble();
            }
        }

        return new Dataset(images, labels, Side, Side);
    }
}
