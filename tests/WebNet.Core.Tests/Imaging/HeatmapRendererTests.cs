using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using WebNet.Core.Imaging;

namespace WebNet.Core.Tests.Imaging;

public sealed class HeatmapRendererTests
{
    private static readonly Rgb24 Red = new(178, 24, 43);
    private static readonly Rgb24 Blue = new(33, 102, 172);
    private static readonly Rgb24 White = new(247, 247, 247);

    [Fact]
    public void ThePngOfSixtyFourHiddenNeuronsIsAnEightByEightGridOfTwentyEightPixelTiles()
    {
        var weights = Weights(64, 784, frame: 0);

        var png = HeatmapRenderer.Png(weights, 64, 784, zoom: 4, gap: 2);

        using var image = Image.Load<Rgb24>(png);
        Assert.Equal((8 * 28 * 4) + (7 * 2), image.Width);
        Assert.Equal((8 * 28 * 4) + (7 * 2), image.Height);
        Assert.Equal((image.Width, image.Height), HeatmapRenderer.Size(64, 784, 4, 2));
    }

    [Fact]
    public void PositiveWeightsAreRedNegativeBlueAndZeroNearWhiteOnASymmetricScale()
    {
        // Neuron 0: +0.5 everywhere; neuron 1: -0.5; neuron 2: 0; neuron 3: ±0.25 (half the scale).
        var weights = new float[4 * 4];
        Array.Fill(weights, 0.5f, 0, 4);
        Array.Fill(weights, -0.5f, 4, 4);
        Array.Fill(weights, 0.25f, 12, 4);

        using var image = HeatmapRenderer.Render(weights, 4, 4, zoom: 3, gap: 1);

        // 2x2 tiles of 2x2 weights at 3 pixels each, 1 pixel apart: 13 x 13.
        Assert.Equal(13, image.Width);
        Assert.Equal(Red, image[0, 0]);
        Assert.Equal(Blue, image[7, 0]);
        Assert.Equal(White, image[0, 7]);
        var half = image[12, 12];
        Assert.InRange(half.R, 240, 246);
        Assert.InRange(half.G, 150, 180);
        Assert.True(half.B < half.G);
    }

    [Fact]
    public void TheGifHasOneFrameForEachSnapshotWithItsColours()
    {
        var frames = Enumerable.Range(0, 5).Select(f => Weights(9, 784, f)).ToArray();

        var gif = HeatmapRenderer.AnimatedGif(frames, 9, 784, zoom: 1, gap: 2);

        using var image = Image.Load<Rgb24>(gif);
        Assert.Equal(5, image.Frames.Count);
        Assert.Equal(HeatmapRenderer.Size(9, 784, 1, 2), (image.Width, image.Height));
        for (var f = 0; f < 5; f++)
        {
            using var expected = HeatmapRenderer.Render(frames[f], 9, 784, zoom: 1, gap: 2);
            using var frame = image.Frames.CloneFrame(f);
            // The encoder's palette lookup caches by reduced-precision colour, so a pixel may come back a few levels off.
            Close(expected[3, 5], frame[3, 5]);
            Close(expected[40, 70], frame[40, 70]);
        }
    }

    [Fact]
    public void AGifOnOneScaleDrawsEveryFrameAsARenderOnThatScaleThoughLaterFramesCarryOnlyTheirChanges()
    {
        // Three frames that differ in neuron 4 alone; the weights grow, the scale stays 0.5.
        var first = Weights(9, 784, frame: 0);
        var frames = new[] { first, (float[])first.Clone(), (float[])first.Clone() };
        for (var i = 4 * 784; i < 5 * 784; i++)
        {
            frames[1][i] *= 2;
            frames[2][i] *= 3;
        }

        var oneScale = HeatmapRenderer.AnimatedGif(frames, 9, 784, zoom: 1, gap: 2, scale: 0.5f);
        var ownScales = HeatmapRenderer.AnimatedGif(frames, 9, 784, zoom: 1, gap: 2, scale: null);

        Assert.True(oneScale.Length < ownScales.Length, $"unchanged pixels should cost next to nothing: {oneScale.Length} vs {ownScales.Length} bytes");
        using var image = Image.Load<Rgb24>(oneScale);
        for (var f = 0; f < frames.Length; f++)
        {
            using var expected = HeatmapRenderer.Render(frames[f], 9, 784, zoom: 1, gap: 2, scale: 0.5f);
            using var frame = image.Frames.CloneFrame(f);
            for (var y = 0; y < expected.Height; y += 3)
            {
                for (var x = 0; x < expected.Width; x += 3)
                {
                    Close(expected[x, y], frame[x, y]);
                }
            }
        }
    }

    [Fact]
    public void WeightsThatDoNotFillTheGridAreRefused()
    {
        Assert.Throws<ArgumentException>(() => HeatmapRenderer.Render(new float[10], 64, 784));
        Assert.Throws<ArgumentException>(() => HeatmapRenderer.AnimatedGif([], 64, 784));
    }

    private static void Close(Rgb24 expected, Rgb24 actual)
    {
        Assert.InRange(actual.R, expected.R - 8, expected.R + 8);
        Assert.InRange(actual.G, expected.G - 8, expected.G + 8);
        Assert.InRange(actual.B, expected.B - 8, expected.B + 8);
    }

    /// <summary>Smooth, frame-dependent weights in -1..1.</summary>
    private static float[] Weights(int neurons, int inputs, int frame) =>
        [.. Enumerable.Range(0, neurons * inputs).Select(i => MathF.Sin((i * 0.37f) + frame) * (1 + (i % inputs / (float)inputs)))];
}
