using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.PixelFormats;

namespace WebNet.Core.PenStrokes;

/// <summary>
/// Draws strokes with a round pen of constant width onto an RGBA canvas, as a person draws on a pad. Each pixel's
/// ink is its coverage by the pen: 1 within the pen's radius of the nearest segment, falling linearly to 0 over
/// one pixel at the edge (anti-aliased), which rounds the caps and joins by itself. Only the pixels near each
/// segment are visited, so the cost follows the ink, not the canvas. The same strokes and style give the same
/// pixels.
/// </summary>
public static class PenStrokeRenderer
{
    /// <summary>The drawing as an image; the caller disposes it.</summary>
    public static Image<Rgba32> Draw(IReadOnlyList<StrokeSegment> strokes, PenStyle style)
    {
        ArgumentNullException.ThrowIfNull(strokes);
        ArgumentNullException.ThrowIfNull(style);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(style.CanvasSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(style.PenWidth);
        var size = style.CanvasSize;
        var image = new Image<Rgba32>(size, size, Background(style.Ink));
        var placed = StrokeLayout.Place(strokes, style);
        if (placed.Length == 0)
        {
            return image;
        }

        var coverage = Coverage(placed, style.PenWidth / 2, size, out var region);
        for (var y = 0; y < region.Height; y++)
        {
            var row = image.DangerousGetPixelRowMemory(region.Y + y).Span.Slice(region.X, region.Width);
            var ink = coverage.AsSpan(y * region.Width, region.Width);
            for (var x = 0; x < row.Length; x++)
            {
                if (ink[x] > 0f)
                {
                    row[x] = Ink(style, ink[x]);
                }
            }
        }

        return image;
    }

    /// <summary>The drawing as PNG bytes, as a browser's canvas.toBlob would send it.</summary>
    public static byte[] DrawPng(IReadOnlyList<StrokeSegment> strokes, PenStyle style)
    {
        using var image = Draw(strokes, style);
        using var png = new MemoryStream();
        image.SaveAsPng(png);
        return png.ToArray();
    }

    /// <summary>
    /// Pen coverage 0..1 over region (the segments' box widened by the pen, clipped to the canvas), row-major. Each
    /// segment updates the squared distance to the nearest segment over its own box only.
    /// </summary>
    internal static float[] Coverage(StrokeSegment[] segments, double radius, int size, out Rectangle region)
    {
        var reach = (float)radius + 1f;
        float minX = float.MaxValue, minY = float.MaxValue, maxX = float.MinValue, maxY = float.MinValue;
        foreach (var s in segments)
        {
            (minX, maxX) = (Math.Min(minX, Math.Min(s.X0, s.X1)), Math.Max(maxX, Math.Max(s.X0, s.X1)));
            (minY, maxY) = (Math.Min(minY, Math.Min(s.Y0, s.Y1)), Math.Max(maxY, Math.Max(s.Y0, s.Y1)));
        }

        var x0 = Math.Clamp((int)MathF.Floor(minX - reach), 0, size - 1);
        var y0 = Math.Clamp((int)MathF.Floor(minY - reach), 0, size - 1);
        var x1 = Math.Clamp((int)MathF.Ceiling(maxX + reach), x0 + 1, size);
        var y1 = Math.Clamp((int)MathF.Ceiling(maxY + reach), y0 + 1, size);
        region = new Rectangle(x0, y0, x1 - x0, y1 - y0);
        var width = region.Width;
        var nearest = new float[width * region.Height];
        Array.Fill(nearest, reach * reach);
        foreach (var s in segments)
        {
            var (dx, dy) = (s.X1 - s.X0, s.Y1 - s.Y0);
            var lengthSquared = (dx * dx) + (dy * dy);
            var sx0 = Math.Max(x0, (int)MathF.Floor(Math.Min(s.X0, s.X1) - reach));
            var sx1 = Math.Min(x1, (int)MathF.Ceiling(Math.Max(s.X0, s.X1) + reach));
            var sy0 = Math.Max(y0, (int)MathF.Floor(Math.Min(s.Y0, s.Y1) - reach));
            var sy1 = Math.Min(y1, (int)MathF.Ceiling(Math.Max(s.Y0, s.Y1) + reach));
            for (var y = sy0; y < sy1; y++)
            {
                var py = y + 0.5f - s.Y0;
                var row = nearest.AsSpan((y - y0) * width, width);
                for (var x = sx0; x < sx1; x++)
                {
                    // The pixel centre's squared distance to the segment: project onto it, clamp to its ends.
                    var px = x + 0.5f - s.X0;
                    var t = lengthSquared > 0f ? Math.Clamp(((px * dx) + (py * dy)) / lengthSquared, 0f, 1f) : 0f;
                    var (ex, ey) = (px - (t * dx), py - (t * dy));
                    row[x - x0] = Math.Min(row[x - x0], (ex * ex) + (ey * ey));
                }
            }
        }

        // Full ink within the radius, a linear one-pixel edge beyond it.
        var edge = (float)radius + 0.5f;
        for (var i = 0; i < nearest.Length; i++)
        {
            nearest[i] = Math.Clamp(edge - MathF.Sqrt(nearest[i]), 0f, 1f);
        }

        return nearest;
    }

    private static Rgba32 Background(PenInk ink) => ink switch
    {
        PenInk.Alpha or PenInk.ColourOnTransparent => new Rgba32(0, 0, 0, 0),
        PenInk.DarkOnLight or PenInk.ColourOnWhite => new Rgba32(255, 255, 255, 255),
        _ => new Rgba32(0, 0, 0, 255),
    };

    private static Rgba32 Ink(PenStyle style, float coverage)
    {
        var c = (byte)MathF.Round(coverage * 255f);
        var (r, g, b) = style.Colour;
        return style.Ink switch
        {
            PenInk.Alpha or PenInk.ColourOnTransparent => new Rgba32(r, g, b, c),
            PenInk.DarkOnLight => new Rgba32((byte)(255 - c), (byte)(255 - c), (byte)(255 - c), 255),
            PenInk.LightOnDark => new Rgba32(c, c, c, 255),
            _ => new Rgba32(Blend(r, coverage), Blend(g, coverage), Blend(b, coverage), 255),
        };
    }

    /// <summary>The pen's channel over white paper at this coverage.</summary>
    private static byte Blend(byte channel, float coverage) => (byte)MathF.Round(255f - (coverage * (255f - channel)));
}
