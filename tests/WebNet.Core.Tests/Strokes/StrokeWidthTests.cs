using WebNet.Core.Data;
using WebNet.Core.Imaging;
using WebNet.Core.Strokes;
using WebNet.Core.Tests.Imaging;
using Xunit.Abstractions;

namespace WebNet.Core.Tests.Strokes;

public class StrokeWidthTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(280, 6.0)]
    [InlineData(280, 20.0)]
    [InlineData(280, 40.0)]
    [InlineData(28, 2.5)]
    [InlineData(28, 4.0)]
    public void ALineOfKnownWidthMeasuresWithinTenPercent(int canvas, double width)
    {
        // A diagonal and a horizontal stroke, anti-aliased as a canvas draws them.
        var size = canvas * 0.7;
        var grid = TestDrawings.Draw([[(0.1, 0.1), (0.9, 0.8)], [(0.1, 0.95), (0.9, 0.95)]], size, canvas * 0.15, canvas * 0.1, canvas, canvas, penFraction: width / 2 / size);

        var measured = StrokeWidth.Measure(grid.Ink, grid.Width, grid.Height);

        Assert.InRange(measured, 0.9 * width, 1.1 * width);
    }

    [Fact]
    public void MnistDigitsMeasureNearTheTarget()
    {
        var train = MnistLoader.Load().Train;
        var widths = Enumerable.Range(0, 2000).Select(i => StrokeWidth.Measure(train.Image(i), 28, 28)).Order().ToArray();
        var median = widths[widths.Length / 2];
        output.WriteLine($"MNIST stroke width over {widths.Length} training digits: median {median:F3}, quartiles {widths[widths.Length / 4]:F3} .. {widths[3 * widths.Length / 4]:F3}");

        Assert.InRange(median, 0.95 * StrokeWidth.MnistTarget, 1.05 * StrokeWidth.MnistTarget);
    }

    [Fact]
    public void ABlankPictureHasNoWidth()
    {
        Assert.Equal(0f, StrokeWidth.Measure(new float[784], 28, 28));
    }
}
