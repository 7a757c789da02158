using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using WebNet.Core.Imaging;

namespace WebNet.Core.Tests.Imaging;

/// <summary>Coloured pens read as full ink, on white, black or transparent canvases, by both ink readers alike.</summary>
public class ColourInkTests
{
    [Theory]
    [InlineData(0, 0, 255, "white")]
    [InlineData(255, 0, 0, "white")]
    [InlineData(0, 160, 0, "white")]
    [InlineData(255, 255, 0, "black")]
    [InlineData(0, 0, 255, "transparent")]
    [InlineData(0, 255, 0, "transparent")]
    public void AColouredPenIsFullInk(byte r, byte g, byte b, string paper)
    {
        var background = paper switch
        {
            "white" => new Rgba32(255, 255, 255, 255),
            "black" => new Rgba32(0, 0, 0, 255),
            _ => new Rgba32(0, 0, 0, 0),
        };
        var png = Bar(new Rgba32(r, g, b, 255), background);

        var whole = InkExtractor.Extract(PngImageDecoder.Decode(png));
        using var crop = CanvasInkReader.Read(png, out _);

        Assert.Equal(1f, whole[140, 140], 1e-6f);
        Assert.Equal(0f, whole[10, 10]);
        Assert.Equal(1f, crop.Ink.ToArray().Max(), 1e-6f);
        var grey = DigitPreprocessor.Process(InkExtractor.Extract(PngImageDecoder.Decode(Bar(paper == "black" ? new Rgba32(255, 255, 255, 255) : new Rgba32(0, 0, 0, 255), background))), PreprocessMode.Mnist);
        Assert.Equal(grey.Input, DigitPreprocessor.Process(crop, PreprocessMode.Mnist).Input);
    }

    [Fact]
    public void AHalfTransparentBluePenOnWhiteIsHalfInk()
    {
        var png = Bar(new Rgba32(0, 0, 255, 128), new Rgba32(255, 255, 255, 255));

        Assert.Equal(128 / 255f, InkExtractor.Extract(PngImageDecoder.Decode(png))[140, 140], 1e-6f);
    }

    private static byte[] Bar(Rgba32 pen, Rgba32 background)
    {
        using var image = new Image<Rgba32>(280, 280, background);
        for (var y = 60; y < 220; y++)
        {
            for (var x = 130; x < 150; x++)
            {
                image[x, y] = pen;
            }
        }

        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }
}
