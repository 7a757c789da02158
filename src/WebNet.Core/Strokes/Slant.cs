using System.Buffers;

namespace WebNet.Core.Strokes;

/// <summary>
/// A drawing's slant, the dx/dy of its ink's principal vertical direction (second moments: mu11 / mu02, y down, so a
/// digit leaning right has a negative slant), and the shear that brings it to MNIST's. A pen drawn tilted, or on a
/// pad held at an angle, leans further than MNIST's writers did; the shear x' = x + k (y - cy) changes the slant by
/// exactly k and keeps every row's ink, so the digit's strokes and widths stay as drawn.
/// </summary>
public static class Slant
{
    /// <summary>MNIST's median slant over its training digits (measured by a test with <see cref="Of"/>).</summary>
    public const float MnistMedian = -0.125f;

    /// <summary>The largest shear applied, about 27 degrees: beyond it a slant is more likely the digit's shape than a tilt.</summary>
    public const float MaxCorrection = 0.5f;

    /// <summary>Below this (about 1 degree) the shear is not worth a resample.</summary>
    public const float MinCorrection = 0.02f;

    /// <summary>The slant of ink (height, width) with pixel k's centre at k; 0 for no ink or a single row.</summary>
    public static float Of(ReadOnlySpan<float> ink, int width, int height)
    {
        double mass = 0, sx = 0, sy = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                double v = ink[(y * width) + x];
                mass += v;
                sx += v * x;
                sy += v * y;
            }
        }

        if (mass <= 0)
        {
            return 0f;
        }

        double cx = sx / mass, cy = sy / mass, mu11 = 0, mu02 = 0;
        for (var y = 0; y < height; y++)
        {
            var dy = y - cy;
            for (var x = 0; x < width; x++)
            {
                double v = ink[(y * width) + x];
                mu11 += v * (x - cx) * dy;
                mu02 += v * dy * dy;
            }
        }

        return mu02 > 1e-9 * mass ? (float)(mu11 / mu02) : 0f;
    }

    /// <summary>The shear that brings a slant to MNIST's, within <see cref="MaxCorrection"/>; 0 when under <see cref="MinCorrection"/>.</summary>
    public static float Correction(float slant)
    {
        var k = Math.Clamp(MnistMedian - slant, -MaxCorrection, MaxCorrection);
        return Math.Abs(k) < MinCorrection ? 0f : k;
    }

    /// <summary>
    /// ink (height, width) sheared by x' = x + k (y - cy) about its centre of mass row cy, linearly interpolated along
    /// each row, into a pooled array (height, shearedWidth) the caller returns; the ink's sum is kept.
    /// </summary>
    public static float[] Shear(ReadOnlySpan<float> ink, int width, int height, float k, out int shearedWidth)
    {
        double mass = 0, sy = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                mass += ink[(y * width) + x];
                sy += ink[(y * width) + x] * y;
            }
        }

        var cy = mass > 0 ? sy / mass : (height - 1) / 2.0;
        var reach = (int)Math.Ceiling(Math.Abs(k) * Math.Max(cy, height - 1 - cy)) + 1;
        shearedWidth = width + (2 * reach);
        var result = ArrayPool<float>.Shared.Rent(shearedWidth * height);
        var output = result.AsSpan(0, shearedWidth * height);
        output.Clear();
        for (var y = 0; y < height; y++)
        {
            // Row y moves right by k (y - cy): a fractional shift splits each pixel between two neighbours.
            var offset = reach + (k * (y - cy));
            var whole = (int)Math.Floor(offset);
            var frac = (float)(offset - whole);
            var row = ink.Slice(y * width, width);
            var target = output.Slice(y * shearedWidth, shearedWidth);
            for (var x = 0; x < width; x++)
            {
                var v = row[x];
                if (v == 0f)
                {
                    continue;
                }

                target[x + whole] += v * (1f - frac);
                target[x + whole + 1] += v * frac;
            }
        }

        return result;
    }
}
