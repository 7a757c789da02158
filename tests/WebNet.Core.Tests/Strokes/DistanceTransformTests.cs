using WebNet.Core.Strokes;
using WebNet.Core.Training;

namespace WebNet.Core.Tests.Strokes;

public sealed class DistanceTransformTests
{
    [Theory]
    [InlineData(1, 1, 0.5)]
    [InlineData(17, 9, 0.1)]
    [InlineData(9, 23, 0.3)]
    [InlineData(40, 40, 0.02)]
    [InlineData(31, 12, 0.9)]
    public void EveryPixelGetsItsExactSquaredDistanceToTheNearestTarget(int width, int height, double density)
    {
        var random = new SplitMix64((ulong)(width * 100) + (ulong)height);
        var ink = new float[width * height];
        for (var i = 0; i < ink.Length; i++)
        {
            ink[i] = random.NextDouble() < density ? 0.5f + (0.5f * (float)random.NextDouble()) : 0.49f * (float)random.NextDouble();
        }

        foreach (var toInk in new[] { true, false })
        {
            var fast = new float[ink.Length];
            DistanceTransform.Squared(ink, width, height, 0.5f, toInk, fast);
            Assert.Equal(BruteForce(ink, width, height, 0.5f, toInk), fast);
        }
    }

    [Fact]
    public void WithoutATargetEveryPixelIsFarAway()
    {
        var blank = new float[12 * 7];
        var result = new float[blank.Length];
        DistanceTransform.Squared(blank, 12, 7, 0.5f, toInk: true, result);
        Assert.All(result, d => Assert.Equal(1e20f, d));
    }

    private static float[] BruteForce(float[] ink, int width, int height, float threshold, bool toInk)
    {
        var result = new float[ink.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var best = 1e20;
                for (var ty = 0; ty < height; ty++)
                {
                    for (var tx = 0; tx < width; tx++)
                    {
                        if ((ink[(ty * width) + tx] >= threshold) == toInk)
                        {
                            best = Math.Min(best, ((double)(x - tx) * (x - tx)) + ((double)(y - ty) * (y - ty)));
                        }
                    }
                }

                result[(y * width) + x] = (float)best;
            }
        }

        return result;
    }
}
