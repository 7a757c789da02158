using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using WebNet.Core.Data;
using WebNet.Core.Imaging;
using WebNet.Core.PenStrokes;
using WebNet.Core.Training;

namespace WebNet.Cli;

/// <summary>
/// Turns MNIST test digits into browser-like canvas PNGs, in two styles. Canvas: the digit's ink cropped, scaled up
/// to 25-80% of a 200-400 px square canvas, placed off-centre, and written in one of the three canvas conventions.
/// Pen: the digit's skeleton redrawn with a constant-width pen in a random <see cref="PenStyle"/>.
/// </summary>
internal static class CanvasRenderer
{
    // Mixed into each pen drawing's seed, so its style does not repeat the canvas style's random draws.
    private const ulong PenSalt = 0x70E5_7A0C_E5D1_6175UL;

    public sealed record Canvas(byte[] Png, int Label, InkConvention Convention, int Size, int DigitHeight, int Left, int Top);

    public sealed record PenCanvas(byte[] Png, int Label, PenStyle Style);

    /// <summary>
    /// Test digit index drawn with a pen; the style comes from the seed and the drawing's number alone, so drawings can
    /// be made in parallel and any one of them again.
    /// </summary>
    public static PenCanvas RenderPen(Dataset data, int index, ulong seed, int number)
    {
        // A hashed state per drawing: consecutive raw states would give overlapping streams.
        var style = PenStyle.Random(new SplitMix64(new SplitMix64((seed ^ PenSalt) + (ulong)number).NextUInt64()));
        var skeleton = Skeleton.Of(data.Image(index), data.Width, data.Height);
        return new PenCanvas(PenStrokeRenderer.DrawPng(skeleton.Segments, style), data.Labels[index], style);
    }

    public static Canvas Render(Dataset data, int index, SplitMix64 random)
    {
        var size = 200 + random.NextInt(201);
        var convention = (InkConvention)random.NextInt(3);
        var image = data.Image(index);

        // The digit's ink bounding box in its 28x28 field.
        int x0 = data.Width, y0 = data.Height, x1 = -1, y1 = -1;
        for (var y = 0; y < data.Height; y++)
        {
            for (var x = 0; x < data.Width; x++)
            {
                if (image[(y * data.Width) + x] > 0f)
                {
                    (x0, y0, x1, y1) = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x), Math.Max(y1, y));
                }
            }
        }

        var cropWidth = x1 - x0 + 1;
        var cropHeight = y1 - y0 + 1;
        using var digit = new Image<L8>(cropWidth, cropHeight);
        for (var y = 0; y < cropHeight; y++)
        {
            for (var x = 0; x < cropWidth; x++)
            {
                digit[x, y] = new L8((byte)Math.Round(image[((y + y0) * data.Width) + x + x0] * 255f));
            }
        }

        var height = (int)Math.Round(size * (0.25 + (0.55 * random.NextDouble())));
        var width = Math.Clamp((int)Math.Round(height * (double)cropWidth / cropHeight), 1, size);
        digit.Mutate(c => c.Resize(width, height, KnownResamplers.Bicubic));

        // Anywhere on the canvas, most often away from the centre.
        var left = random.NextInt(size - width + 1);
        var top = random.NextInt(size - height + 1);
        using var canvas = new Image<Rgba32>(size, size, Background(convention));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var ink = digit[x, y].PackedValue;
                if (ink > 0)
                {
                    canvas[left + x, top + y] = Ink(convention, ink);
                }
            }
        }

        using var png = new MemoryStream();
        canvas.SaveAsPng(png);
        return new Canvas(png.ToArray(), data.Labels[index], convention, size, height, left, top);
    }

    private static Rgba32 Background(InkConvention convention) => convention switch
    {
        InkConvention.Alpha => new Rgba32(0, 0, 0, 0),
        InkConvention.DarkOnLight => new Rgba32(255, 255, 255, 255),
        _ => new Rgba32(0, 0, 0, 255),
    };

    private static Rgba32 Ink(InkConvention convention, byte ink) => convention switch
    {
        InkConvention.Alpha => new Rgba32(0, 0, 0, ink),
        InkConvention.DarkOnLight => new Rgba32((byte)(255 - ink), (byte)(255 - ink), (byte)(255 - ink), 255),
        _ => new Rgba32(ink, ink, ink, 255),
    };
}
