using WebNet.Core.Imaging;

namespace WebNet.Core.Tests.Imaging;

/// <summary>The classify fast path (cropped ink from the decoder's rows) must give what the whole-grid path gives.</summary>
public class CanvasInkReaderTests
{
    [Theory]
    [InlineData(InkConvention.Alpha, PreprocessMode.Mnist, 150, 60, 70)]
    [InlineData(InkConvention.DarkOnLight, PreprocessMode.Mnist, 90, 5, 180)]
    [InlineData(InkConvention.LightOnDark, PreprocessMode.Mnist, 240, 20.5, 10.25)]
    [InlineData(InkConvention.Alpha, PreprocessMode.None, 120, 150, 30)]
    [InlineData(InkConvention.DarkOnLight, PreprocessMode.None, 200, 40, 40)]
    [InlineData(InkConvention.LightOnDark, PreprocessMode.None, 70, 0, 0)]
    public void TheCroppedReadGivesTheSameInputAsTheWholeCanvas(InkConvention convention, PreprocessMode mode, double size, double left, double top)
    {
        var png = TestDrawings.ToPng(TestDrawings.Draw(TestDrawings.Four, size, left, top), convention);
        var whole = DigitPreprocessor.Process(InkExtractor.Extract(PngImageDecoder.Decode(png)), mode);

        using var crop = CanvasInkReader.Read(png, out var detected);
        var fast = DigitPreprocessor.Process(crop, mode);

        Assert.Equal(convention, detected);
        Assert.Equal(whole.BoundingBox, fast.BoundingBox);
        Assert.Equal(whole.Scale, fast.Scale);
        for (var i = 0; i < whole.Input.Length; i++)
        {
            Assert.Equal(whole.Input[i], fast.Input[i], 1e-5f);
        }
    }

    [Theory]
    [InlineData(InkConvention.Alpha)]
    [InlineData(InkConvention.DarkOnLight)]
    [InlineData(InkConvention.LightOnDark)]
    public void AnImageLargerThanOnePoolBufferGivesTheSameInputAsTheWholeCanvas(InkConvention convention)
    {
        // 1200x1200 RGBA is 5.8 MB: more than one of ImageSharp's pooled buffers, so its rows are not one span and the
        // reader takes them one at a time.
        var png = TestDrawings.ToPng(TestDrawings.Draw(TestDrawings.Seven, 500, 300, 420, width: 1200, height: 1200), convention);
        using (var image = PngImageDecoder.Load(png))
        {
            Assert.False(image.DangerousTryGetSinglePixelMemory(out _));
        }

        var whole = DigitPreprocessor.Process(InkExtractor.Extract(PngImageDecoder.Decode(png)), PreprocessMode.Mnist);
        using var crop = CanvasInkReader.Read(png, out var detected);
        var fast = DigitPreprocessor.Process(crop, PreprocessMode.Mnist);

        Assert.Equal(convention, detected);
        Assert.Equal(whole.BoundingBox, fast.BoundingBox);
        for (var i = 0; i < whole.Input.Length; i++)
        {
            Assert.Equal(whole.Input[i], fast.Input[i], 1e-5f);
        }
    }

    [Theory]
    [InlineData(InkConvention.Alpha)]
    [InlineData(InkConvention.DarkOnLight)]
    [InlineData(InkConvention.LightOnDark)]
    public void ASpeckledBorderGivesTheSameInputAsTheWholeCanvas(InkConvention convention)
    {
        // Faint specks on the edge make the border non-uniform, so its median is found by sorting, as the reference does.
        var grid = TestDrawings.Draw(TestDrawings.Two, 140, 70, 60);
        for (var x = 0; x < grid.Width; x += 7)
        {
            grid.Ink[x] = 0.05f;
            grid.Ink[((grid.Height - 1) * grid.Width) + x] = 0.3f;
        }

        var png = TestDrawings.ToPng(grid, convention);
        var whole = DigitPreprocessor.Process(InkExtractor.Extract(PngImageDecoder.Decode(png)), PreprocessMode.Mnist);
        using var crop = CanvasInkReader.Read(png, out _);
        var fast = DigitPreprocessor.Process(crop, PreprocessMode.Mnist);

        Assert.Equal(whole.BoundingBox, fast.BoundingBox);
        for (var i = 0; i < whole.Input.Length; i++)
        {
            Assert.Equal(whole.Input[i], fast.Input[i], 1e-5f);
        }
    }

    [Fact]
    public void TheCropHoldsAllTheInkAndNoMore()
    {
        var grid = TestDrawings.Draw(TestDrawings.One, 100, 120, 90);
        using var crop = CanvasInkReader.Read(TestDrawings.ToPng(grid, InkConvention.DarkOnLight), out _);

        Assert.Equal((grid.Width, grid.Height), (crop.CanvasWidth, crop.CanvasHeight));
        var inside = 0.0;
        foreach (var v in crop.Ink)
        {
            inside += v;
        }

        Assert.Equal(grid.Ink.Sum(), inside, 0.01 * grid.Ink.Sum());
        Assert.True(crop.Width * crop.Height < grid.Width * grid.Height / 4, $"the crop is {crop.Width}x{crop.Height}");
    }

    [Fact]
    public void ABlankCanvasReadsAsBlank()
    {
        var grid = new InkGrid(280, 280, new float[280 * 280]);
        using var crop = CanvasInkReader.Read(TestDrawings.ToPng(grid, InkConvention.Alpha), out _);

        Assert.True(DigitPreprocessor.Process(crop, PreprocessMode.Mnist).Blank);
    }

    [Fact]
    public void DamagedBytesFailAsTheDecoderSays()
    {
        var ex = Assert.Throws<ImageDecodeException>(() => CanvasInkReader.Read([1, 2, 3], out _));
        Assert.Equal(ImageDecodeErrorKind.Corrupt, ex.Kind);
    }
}
