using System.Buffers.Binary;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using WebNet.Core.Imaging;

namespace WebNet.Core.Tests.Imaging;

/// <summary>Digits drawn in code: strokes in a unit box, rendered as anti-aliased round-capped pen lines.</summary>
internal static class TestDrawings
{
    public const int Canvas = 280;

    /// <summary>A "2": a hook, a diagonal and a base line.</summary>
    public static readonly (double X, double Y)[][] Two =
    [
        [(0.15, 0.28), (0.3, 0.08), (0.55, 0.02), (0.8, 0.12), (0.85, 0.32), (0.7, 0.52), (0.15, 0.96), (0.9, 0.96)],
    ];

    /// <summary>A "7" with a crossbar: most of its mass is high up.</summary>
    public static readonly (double X, double Y)[][] Seven =
    [
        [(0.1, 0.04), (0.9, 0.04), (0.45, 0.96)],
        [(0.35, 0.5), (0.8, 0.5)],
    ];

    /// <summary>A "4" in two strokes.</summary>
    public static readonly (double X, double Y)[][] Four =
    [
        [(0.6, 0.02), (0.08, 0.66), (0.92, 0.66)],
        [(0.68, 0.3), (0.68, 0.98)],
    ];

    /// <summary>A "1": a single tall, thin stroke, far from square.</summary>
    public static readonly (double X, double Y)[][] One =
    [
        [(0.5, 0.02), (0.5, 0.98)],
    ];

    /// <summary>
    /// Renders strokes scaled to a size x size box with its top-left at (left, top) on a width x height grid; the pen
    /// radius is a fixed fraction of the size, as the same digit drawn bigger is drawn with a proportionally wider pen.
    /// </summary>
    public static InkGrid Draw((double X, double Y)[][] strokes, double size, double left, double top, int width = Canvas, int height = Canvas, double penFraction = 0.06)
    {
        var ink = new float[width * height];
        var radius = penFraction * size;
        var points = strokes.SelectMany(s => s).ToArray();
        var (x0, x1) = Span(points.Min(p => p.X), points.Max(p => p.X), left, width);
        var (y0, y1) = Span(points.Min(p => p.Y), points.Max(p => p.Y), top, height);
        (int, int) Span(double min, double max, double origin, int limit) =>
            (Math.Max(0, (int)(origin + (min * size) - radius - 2)), Math.Min(limit, (int)(origin + (max * size) + radius + 2)));

        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                var px = x + 0.5;
                var py = y + 0.5;
                var distance = double.MaxValue;
                foreach (var stroke in strokes)
                {
                    for (var s = 0; s + 1 < stroke.Length; s++)
                    {
                        var a = (left + (stroke[s].X * size), top + (stroke[s].Y * size));
                        var b = (left + (stroke[s + 1].X * size), top + (stroke[s + 1].Y * size));
                        distance = Math.Min(distance, SegmentDistance(px, py, a, b));
                    }
                }

                // Coverage of a one-pixel-wide ramp across the pen's edge: the usual canvas anti-aliasing.
                ink[(y * width) + x] = (float)Math.Clamp(radius + 0.5 - distance, 0, 1);
            }
        }

        return new InkGrid(width, height, ink);
    }

    public static byte[] ToPng(InkGrid grid, InkConvention convention)
    {
        using var image = new Image<Rgba32>(grid.Width, grid.Height);
        for (var y = 0; y < grid.Height; y++)
        {
            for (var x = 0; x < grid.Width; x++)
            {
                var ink = (byte)Math.Round(grid[x, y] * 255);
                image[x, y] = convention switch
                {
                    InkConvention.Alpha => new Rgba32(0, 0, 0, ink),
                    InkConvention.DarkOnLight => new Rgba32((byte)(255 - ink), (byte)(255 - ink), (byte)(255 - ink), 255),
                    _ => new Rgba32(ink, ink, ink, 255),
                };
            }
        }

        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    /// <summary>A complete, well-formed PNG (signature, IHDR, a tiny IDAT, IEND) whose header claims the given size.</summary>
    public static byte[] PngWithHeader(int width, int height) => global::WebNet.Tests.Shared.HeaderOnlyPng.Create(width, height);

    public static double MeanAbsoluteDifference(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += Math.Abs(a[i] - b[i]);
        }

        return sum / a.Length;
    }

    /// <summary>Cosine similarity of two inputs: 1 when they have the same shape regardless of overall intensity.</summary>
    public static double Similarity(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }

    private static double SegmentDistance(double px, double py, (double X, double Y) a, (double X, double Y) b)
    {
        var dx = b.X - a.X;
        var dy = b.Y - a.Y;
        var lengthSquared = (dx * dx) + (dy * dy);
        var t = lengthSquared == 0 ? 0 : Math.Clamp((((px - a.X) * dx) + ((py - a.Y) * dy)) / lengthSquared, 0, 1);
        var cx = a.X + (t * dx) - px;
        var cy = a.Y + (t * dy) - py;
        return Math.Sqrt((cx * cx) + (cy * cy));
    }
}
