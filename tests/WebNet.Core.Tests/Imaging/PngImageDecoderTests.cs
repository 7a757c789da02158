using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using WebNet.Core.Imaging;

namespace WebNet.Core.Tests.Imaging;

public class PngImageDecoderTests
{
    [Fact]
    public void DecodingAPngGivesItsRgbaPixels()
    {
        using var image = new Image<Rgba32>(3, 2);
        image[0, 0] = new Rgba32(10, 20, 30, 40);
        image[2, 1] = new Rgba32(200, 150, 100, 255);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);

        var decoded = PngImageDecoder.Decode(stream.ToArray());

        Assert.Equal(3, decoded.Width);
        Assert.Equal(2, decoded.Height);
        Assert.Equal(new byte[] { 10, 20, 30, 40 }, decoded.Pixels[..4]);
        Assert.Equal(new byte[] { 200, 150, 100, 255 }, decoded.Pixels[^4..]);
    }

    [Fact]
    public void EmptyBytesAreRejectedAsEmpty()
    {
        var ex = Assert.Throws<ImageDecodeException>(() => PngImageDecoder.Decode([]));
        Assert.Equal(ImageDecodeErrorKind.Empty, ex.Kind);
        Assert.Contains("empty", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AGifIsRejectedAsAnUnsupportedFormat()
    {
        var ex = Assert.Throws<ImageDecodeException>(() => PngImageDecoder.Decode(Encode(i => i.image.SaveAsGif(i.stream))));
        Assert.Equal(ImageDecodeErrorKind.UnsupportedFormat, ex.Kind);
        Assert.Contains("GIF", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AJpegIsRejectedAsAnUnsupportedFormat()
    {
        var ex = Assert.Throws<ImageDecodeException>(() => PngImageDecoder.Decode(Encode(i => i.image.SaveAsJpeg(i.stream))));
        Assert.Equal(ImageDecodeErrorKind.UnsupportedFormat, ex.Kind);
        Assert.Contains("JPEG", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(4096)]
    public void RandomBytesAreRejectedAsCorrupt(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        var ex = Assert.Throws<ImageDecodeException>(() => PngImageDecoder.Decode(bytes));
        Assert.Equal(ImageDecodeErrorKind.Corrupt, ex.Kind);
    }

    [Fact]
    public void RandomBytesAfterAPngSignatureAreRejectedAsCorrupt()
    {
        var bytes = new byte[512];
        new Random(7).NextBytes(bytes);
        new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        var ex = Assert.Throws<ImageDecodeException>(() => PngImageDecoder.Decode(bytes));
        Assert.Equal(ImageDecodeErrorKind.Corrupt, ex.Kind);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void ATruncatedPngIsRejectedAsCorrupt(double keep)
    {
        var png = TestDrawings.ToPng(TestDrawings.Draw(TestDrawings.Two, 200, 40, 40), InkConvention.DarkOnLight);
        var truncated = png[..(int)(png.Length * keep)];
        var ex = Assert.Throws<ImageDecodeException>(() => PngImageDecoder.Decode(truncated));
        Assert.Equal(ImageDecodeErrorKind.Corrupt, ex.Kind);
    }

    [Fact]
    public void AColossalHeaderIsRejectedAsTooLargeWithoutAllocatingItsPixels()
    {
        var png = TestDrawings.PngWithHeader(50_000, 50_000);
        Assert.InRange(png.Length, 50, 80);
        PngImageDecoder.Decode(TestDrawings.PngWithHeader(1, 1)); // warm up the configuration outside the measurement

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<ImageDecodeException>(() => PngImageDecoder.Decode(png));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(ImageDecodeErrorKind.TooLarge, ex.Kind);
        Assert.Contains("50000x50000", ex.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 1 << 20);
    }

    [Theory]
    [InlineData(4097, 1)]
    [InlineData(1, 4097)]
    public void OneSideOverTheLimitIsRejectedAsTooLarge(int width, int height)
    {
        var ex = Assert.Throws<ImageDecodeException>(() => PngImageDecoder.Decode(TestDrawings.PngWithHeader(width, height)));
        Assert.Equal(ImageDecodeErrorKind.TooLarge, ex.Kind);
    }

    private static byte[] Encode(Action<(Image<Rgba32> image, Stream stream)> save)
    {
        using var image = new Image<Rgba32>(8, 8, new Rgba32(255, 255, 255, 255));
        using var stream = new MemoryStream();
        save((image, stream));
        return stream.ToArray();
    }
}
