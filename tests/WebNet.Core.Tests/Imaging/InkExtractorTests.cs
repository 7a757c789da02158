using WebNet.Core.Imaging;

namespace WebNet.Core.Tests.Imaging;

public class InkExtractorTests
{
    [Theory]
    [InlineData(InkConvention.Alpha)]
    [InlineData(InkConvention.DarkOnLight)]
    [InlineData(InkConvention.LightOnDark)]
    public void EachCanvasConventionIsDetectedAndGivesTheInkBack(InkConvention convention)
    {
        var grid = TestDrawings.Draw(TestDrawings.Four, 150, 60, 70);
        var image = PngImageDecoder.Decode(TestDrawings.ToPng(grid, convention));

        var ink = InkExtractor.Extract(image, out var detected);

        Assert.Equal(convention, detected);
        for (var i = 0; i < grid.Ink.Length; i++)
        {
            Assert.True(Math.Abs(grid.Ink[i] - ink.Ink[i]) <= 1f / 255, $"pixel {i}: {ink.Ink[i]} instead of {grid.Ink[i]}");
        }
    }

    [Fact]
    public void TheThreeConventionsGiveTheSameNetworkInput()
    {
        var grid = TestDrawings.Draw(TestDrawings.Seven, 180, 50.5, 40.25);
        var inputs = new[] { InkConvention.Alpha, InkConvention.DarkOnLight, InkConvention.LightOnDark }
            .Select(c => DigitPreprocessor.Process(InkExtractor.Extract(PngImageDecoder.Decode(TestDrawings.ToPng(grid, c))), PreprocessMode.Mnist).Input)
            .ToArray();
        var direct = DigitPreprocessor.Process(grid, PreprocessMode.Mnist).Input;

        foreach (var input in inputs)
        {
            Assert.Equal(784, input.Length);
            for (var i = 0; i < 784; i++)
            {
                Assert.Equal(direct[i], input[i], 0.01f);
                Assert.Equal(inputs[0][i], input[i], 1e-6f);
            }
        }
    }

    [Fact]
    public void AStrokeTouchingTheEdgeDoesNotFoolTheBackgroundDetection()
    {
        // A thick bar across the whole top edge: a quarter of the border is ink, the median still finds the paper.
        var grid = TestDrawings.Draw([[(0.0, 0.0), (1.0, 0.0)], [(0.5, 0.0), (0.5, 1.0)]], 280, 0, 0, penFraction: 0.08);
        var ink = InkExtractor.Extract(PngImageDecoder.Decode(TestDrawings.ToPng(grid, InkConvention.DarkOnLight)), out var detected);
        Assert.Equal(InkConvention.DarkOnLight, detected);
        Assert.Equal(1f, ink[140, 5], 0.01f);
        Assert.Equal(0f, ink[20, 200], 0.01f);
    }

    [Fact]
    public void AFewTranslucentPixelsDoNotTurnAnOpaqueCanvasIntoAnAlphaCanvas()
    {
        var grid = TestDrawings.Draw(TestDrawings.Two, 150, 60, 70);
        var image = PngImageDecoder.Decode(TestDrawings.ToPng(grid, InkConvention.DarkOnLight));
        image.Pixels[3] = 0;
        image.Pixels[(140 * 280 * 4) + 3] = 128;

        var ink = InkExtractor.Extract(image, out var detected);

        Assert.Equal(InkConvention.DarkOnLight, detected);
        Assert.Equal(0f, ink[0, 0]);
        Assert.True(TestDrawings.MeanAbsoluteDifference(grid.Ink, ink.Ink) < 0.01);
    }

    [Fact]
    public void WhiteInkOnATransparentCanvasIsStillInk()
    {
        var grid = TestDrawings.Draw(TestDrawings.One, 150, 60, 70);
        var image = PngImageDecoder.Decode(TestDrawings.ToPng(grid, InkConvention.Alpha));
        for (var i = 0; i < image.Pixels.Length; i += 4)
        {
            (image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2]) = (255, 255, 255);
        }

        Assert.True(TestDrawings.MeanAbsoluteDifference(grid.Ink, InkExtractor.Extract(image).Ink) < 0.01);
    }

    [Fact]
    public void OffWhitePaperCountsAsBackground()
    {
        var pixels = new byte[10 * 10 * 4];
        for (var i = 0; i < 100; i++)
        {
            var v = (byte)(i == 55 ? 0 : 230);
            (pixels[i * 4], pixels[(i * 4) + 1], pixels[(i * 4) + 2], pixels[(i * 4) + 3]) = (v, v, v, 255);
        }

        var ink = InkExtractor.Extract(new RgbaImage(10, 10, pixels));
        Assert.Equal(0f, ink[0, 0]);
        Assert.Equal(1f, ink[5, 5], 0.001f);
    }

    [Fact]
    public void APixelGridOfInkIsAcceptedAsIs()
    {
        var grid = InkExtractor.FromPixels([0f, 0.5f, 1f, 0.25f], 2, 2);
        Assert.Equal(0.5f, grid[1, 0]);
        Assert.Equal(0.25f, grid[1, 1]);
    }

    [Theory]
    [InlineData(3, 2, "pixels", "needs 6")]
    [InlineData(0, 4, "width", "width")]
    [InlineData(2, 5000, "height", "height")]
    public void APixelGridOfTheWrongSizeIsRejectedNamingTheField(int width, int height, string field, string text)
    {
        var errors = InkGrid.Validate([0f, 0f, 0f, 0f], width, height);
        Assert.Contains(text, Assert.Single(errors[field]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(-0.01f)]
    [InlineData(1.5f)]
    public void APixelThatIsNotANumberFromZeroToOneIsRejectedWithItsIndex(float bad)
    {
        var errors = InkGrid.Validate([0f, 0f, bad, 0f], 2, 2);
        Assert.Contains("pixels[2]", Assert.Single(errors["pixels"]), StringComparison.Ordinal);
        var ex = Assert.Throws<ArgumentException>(() => InkGrid.FromPixels([0f, 0f, bad, 0f], 2, 2));
        Assert.Equal("pixels", ex.ParamName);
    }

    [Fact]
    public void MissingPixelsAreRejected()
    {
        Assert.True(InkGrid.Validate(null, 28, 28).ContainsKey("pixels"));
        Assert.True(InkGrid.Validate([], 28, 28).ContainsKey("pixels"));
    }
}
