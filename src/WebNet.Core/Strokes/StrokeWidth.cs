using System.Buffers;
using System.Numerics.Tensors;

namespace WebNet.Core.Strokes;

/// <summary>
/// A drawing's pen width: the ink at or above half its strongest value is the stroke; the exact distance transform
/// gives each stroke pixel its distance d to the nearest background pixel; ridge pixels (d at least that of all eight
/// neighbours: the stroke's middle) have d about half the width plus half a pixel, so the width is 2 median(d) - 1.
/// The ink's box is first enlarged bilinearly to at least <see cref="MinMeasureSize"/> pixels, so a 28x28 digit's 2-3
/// pixel strokes, and a thin pen's, are measured to a small fraction of a pixel.
/// </summary>
public static class StrokeWidth
{
    /// <summary>
    /// MNIST's stroke width in the 28x28 field, measured with <see cref="Measure"/> on the training set: the median over
    /// the first 10,000 training digits is 2.357 (quartiles 1.96 and 2.87). StrokeWidthTests checks that the measure on
    /// MNIST digits still lands on it.
    /// </summary>
    public const float MnistTarget = 2.36f;

    /// <summary>
    /// The ink's box is enlarged by a whole factor until its longer side is at least this many pixels: a pad's 6-pixel pen
    /// then has 12 pixels across and an MNIST digit's 2-pixel stroke 30, so whole-pixel distances are good to a few per cent.
    /// </summary>
    public const int MinMeasureSize = 300;

    /// <summary>The largest enlargement (a tiny drawing is not blown up past it).</summary>
    public const int MaxFactor = 16;

    /// <summary>The whole factor that brings a box with this longer side to <see cref="MinMeasureSize"/>.</summary>
    public static int Factor(int longerSide) => Math.Clamp((int)Math.Ceiling((double)MinMeasureSize / longerSide), 1, MaxFactor);

    /// <summary>The stroke width of ink (height, width) in its own pixels; 0 without ink.</summary>
    public static float Measure(ReadOnlySpan<float> ink, int width, int height)
    {
        var max = ink.IsEmpty ? 0f : TensorPrimitives.Max(ink);
        if (!(max > 0f))
        {
            return 0f;
        }

        // Only the box around the ink is enlarged, with a two-pixel margin of background (ink touching an edge still has a border).
        var bounds = Imaging.DigitPreprocessor.InkBoundsOf(ink, width, Imaging.DigitPreprocessor.NoiseFraction * max);
        var (bx, by) = (Math.Max(0, bounds.X - 1), Math.Max(0, bounds.Y - 1));
        var (bw, bh) = (Math.Min(width, bounds.X + bounds.Width + 1) - bx, Math.Min(height, bounds.Y + bounds.Height + 1) - by);
        var factor = Factor(Math.Max(bw, bh));
        var (w, h) = ((bw * factor) + 2, (bh * factor) + 2);
        var boxed = ArrayPool<float>.Shared.Rent(bw * bh);
        var grid = ArrayPool<float>.Shared.Rent(w * h);
        var distances = ArrayPool<float>.Shared.Rent(w * h);
        try
        {
            for (var y = 0; y < bh; y++)
            {
                ink.Slice(((by + y) * width) + bx, bw).CopyTo(boxed.AsSpan(y * bw, bw));
            }

            Bilinear.Enlarge(boxed.AsSpan(0, bw * bh), bw, bh, factor, 1, grid);
            var stroke = grid.AsSpan(0, w * h);
            var inside = distances.AsSpan(0, w * h);
            DistanceTransform.Squared(stroke, w, h, 0.5f * max, toInk: false, inside);
            return OfDistances(inside, w, h) / factor;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(boxed);
            ArrayPool<float>.Shared.Return(grid);
            ArrayPool<float>.Shared.Return(distances);
        }
    }

    /// <summary>2 median(d) - 1 over the ridge pixels, given squared distances to the background (h, w); 0 when there are none.</summary>
    internal static float OfDistances(ReadOnlySpan<float> squared, int w, int h)
    {
        var ridge = new List<float>();
        for (var y = 1; y < h - 1; y++)
        {
            for (var x = 1; x < w - 1; x++)
            {
                var d = squared[(y * w) + x];
                if (d <= 0f || !IsRidge(squared, w, x, y, d))
                {
                    continue;
                }

                ridge.Add(MathF.Sqrt(d));
            }
        }

        if (ridge.Count == 0)
        {
            return 0f;
        }

        ridge.Sort();
        var median = ridge.Count % 2 == 1 ? ridge[ridge.Count / 2] : 0.5f * (ridge[(ridge.Count / 2) - 1] + ridge[ridge.Count / 2]);
        return Math.Max(1f, (2f * median) - 1f);
    }

    private static bool IsRidge(ReadOnlySpan<float> squared, int w, int x, int y, float d)
    {
        for (var dy = -1; dy <= 1; dy++)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                if (squared[((y + dy) * w) + x + dx] > d)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
