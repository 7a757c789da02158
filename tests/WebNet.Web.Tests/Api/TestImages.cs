using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using WebNet.Core.Network;
using WebNet.Core.Training;

namespace WebNet.Web.Tests.Api;

/// <summary>Drawings and networks made in code for the classify and model endpoints.</summary>
internal static class TestImages
{
    /// <summary>A "7" as a canvas sends it: black ink on a transparent 280x280 canvas, anti-aliased pen strokes (moved right by shift pixels: other bytes).</summary>
    public static byte[] SevenPng(bool transparent = true, int shift = 0)
    {
        (double X, double Y)[][] strokes = [[(70 + shift, 60), (210 + shift, 60), (130 + shift, 230)], [(110 + shift, 150), (180 + shift, 150)]];
        using var image = new Image<Rgba32>(280, 280);
        for (var y = 0; y < 280; y++)
        {
            for (var x = 0; x < 280; x++)
            {
                var distance = strokes.Min(s => Enumerable.Range(0, s.Length - 1).Min(i => Distance(x + 0.5, y + 0.5, s[i], s[i + 1])));
                var ink = (byte)Math.Round(255 * Math.Clamp(10.5 - distance, 0, 1));
                image[x, y] = transparent ? new Rgba32(0, 0, 0, ink) : new Rgba32((byte)(255 - ink), (byte)(255 - ink), (byte)(255 - ink), 255);
            }
        }

        return Encode(image, i => i.SaveAsPng);
    }

    public static byte[] Encode(Image<Rgba32> image, Func<Image<Rgba32>, Action<Stream>> save)
    {
        using var stream = new MemoryStream();
        save(image)(stream);
        return stream.ToArray();
    }

    public static byte[] Blank(Func<Image<Rgba32>, Action<Stream>> save)
    {
        using var image = new Image<Rgba32>(16, 16, new Rgba32(255, 255, 255, 255));
        return Encode(image, save);
    }

    /// <summary>A PNG of a signature and IHDR claiming width x height, a tiny IDAT and IEND (CRCs included).</summary>
    public static byte[] HugeHeaderPng(int width = 50_000, int height = 50_000) => global::WebNet.Tests.Shared.HeaderOnlyPng.Create(width, height);

    public static Mlp Network(int seed = 11) =>
        Initializers.Create(NetworkShape.Create([784, 16, 10], Activation.Sigmoid, Cost.CrossEntropy), Initializer.Xavier, new SplitMix64((ulong)seed));

    private static double Distance(double px, double py, (double X, double Y) a, (double X, double Y) b)
    {
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        var t = Math.Clamp((((px - a.X) * dx) + ((py - a.Y) * dy)) / ((dx * dx) + (dy * dy)), 0, 1);
        return Math.Sqrt(Math.Pow(a.X + (t * dx) - px, 2) + Math.Pow(a.Y + (t * dy) - py, 2));
    }
}
