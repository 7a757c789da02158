using WebNet.Core.Data;
using WebNet.Core.Imaging;
using WebNet.Core.Tests.Imaging;
using WebNet.Core.Strokes;
using Xunit.Abstractions;

namespace WebNet.Core.Tests.Strokes;

public sealed class SlantTests(ITestOutputHelper output)
{
    [Fact]
    public void AnUprightBarHasNoSlantAndALeaningOneHasItsSlope()
    {
        Assert.Equal(0f, Slant.Of(Bar(0f), 40, 40), 0.01f);

        // x = 20 + s (y - 20): y down, so a negative s leans the top to the right.
        Assert.Equal(-0.3f, Slant.Of(Bar(-0.3f), 40, 40), 0.02f);
        Assert.Equal(0.25f, Slant.Of(Bar(0.25f), 40, 40), 0.02f);
    }

    [Fact]
    public void TheShearChangesTheSlantByItsAmountAndKeepsTheInk()
    {
        var bar = Bar(0.3f);
        var sheared = Slant.Shear(bar, 40, 40, -0.4f, out var width);
        try
        {
            var ink = sheared.AsSpan(0, width * 40);
            Assert.Equal(-0.1f, Slant.Of(ink, width, 40), 0.02f);
            Assert.Equal(bar.Sum(), ink.ToArray().Sum(), 0.01f);
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(sheared);
        }
    }

    [Fact]
    public void TheCorrectionBringsASlantToMnistsWithinItsLimits()
    {
        Assert.Equal(Slant.MnistMedian - 0.3f, Slant.Correction(0.3f), 1e-6f);
        Assert.Equal(0f, Slant.Correction(Slant.MnistMedian + 0.01f));
        Assert.Equal(Slant.MaxCorrection, Slant.Correction(-2f));
        Assert.Equal(-Slant.MaxCorrection, Slant.Correction(2f));
        Assert.Equal(0f, Slant.Of(new float[16], 4, 4));
    }

    [Fact]
    public void AStrokeDrawingThatLeansFarIsStraightenedTowardsMnistsSlant()
    {
        // A one drawn leaning well to the right (slope -0.45: about 24 degrees).
        var leaning = TestDrawings.Draw([[(0.72, 0.0), (0.28, 1.0)]], 180, 50, 40, penFraction: 0.05);
        Assert.True(Slant.Of(leaning.Ink, leaning.Width, leaning.Height) < -0.3f);

        var stroke = DigitPreprocessor.Process(leaning, PreprocessMode.Stroke);
        var mnist = DigitPreprocessor.Process(leaning, PreprocessMode.Mnist);

        Assert.True(stroke.Steps!.SlantCorrection > 0.2f, $"correction {stroke.Steps.SlantCorrection}");
        Assert.Equal(Slant.MnistMedian, Slant.Of(stroke.Input, 28, 28), 0.08f);
        Assert.True(Slant.Of(mnist.Input, 28, 28) < -0.3f, "mnist mode keeps the slant as drawn");
    }

    [Fact]
    public void MnistDigitsMedianSlantIsTheTarget()
    {
        var train = MnistLoader.Load().Train;
        var slants = Enumerable.Range(0, 5000).Select(i => Slant.Of(train.Image(i), 28, 28)).Order().ToArray();
        var median = slants[slants.Length / 2];
        output.WriteLine($"MNIST slant over {slants.Length} training digits: median {median:F3}, quartiles {slants[slants.Length / 4]:F3} .. {slants[3 * slants.Length / 4]:F3}");
        Assert.InRange(median, Slant.MnistMedian - 0.02f, Slant.MnistMedian + 0.02f);
    }

    /// <summary>A bar 4 px wide from y = 5 to 35 along x = 20 + s (y - 20) on a 40x40 grid.</summary>
    private static float[] Bar(float s)
    {
        var ink = new float[40 * 40];
        for (var y = 5; y <= 35; y++)
        {
            var centre = 20 + (s * (y - 20));
            for (var x = 0; x < 40; x++)
            {
                ink[(y * 40) + x] = Math.Clamp(2.5f - Math.Abs(x - centre), 0f, 1f);
            }
        }

        return ink;
    }
}
