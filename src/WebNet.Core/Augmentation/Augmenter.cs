using System.Buffers;
using WebNet.Core.Data;
using WebNet.Core.Training;

namespace WebNet.Core.Augmentation;

/// <summary>
/// Random transforms of training images: a share of them redrawn with a constant-width pen (<see cref="PenRedraw"/>),
/// stroke thickness on the source, then one resampling that composes the affine part (rotation, scale, shear, shift about the field's centre) with an elastic displacement field.
/// Every sample's transform comes from its own generator, seeded by the run's seed, the epoch and the sample's
/// index, so an epoch's images do not depend on how the work is split between threads, a resumed run continues
/// the same sequence, and every backend trains on the same images.
/// </summary>
public static class Augmenter
{
    /// <summary>Control points of the elastic field per axis: 4x4 over the field (9 pixels apart on 28x28).</summary>
    internal const int Grid = 4;

    /// <summary>
    /// Resampled values below this are background: interpolation smears a faint ring around every stroke, which made
    /// the sparse first layer's input half as dense again (19% of MNIST's pixels are ink, 31% of the augmented ones'
    /// with no floor, 23% with this one) for ink a person could not see.
    /// </summary>
    internal const float InkFloor = 0.1f;

    /// <summary>Floats of scratch one call of <see cref="Apply"/> needs for a (width, height) image.</summary>
    public static int ScratchLength(int width, int height) => Math.Max(width * height, AugmentKernel.ScratchLength(width, height));

    /// <summary>The seed of an epoch's transforms: the run's seed and the epoch's index (0 for the first).</summary>
    public static ulong EpochSeed(ulong runSeed, int epoch) =>
        new SplitMix64(runSeed ^ 0xA0761D6478BD642FUL).NextUInt64() + ((ulong)epoch * 0xE7037ED1A0B428DBUL);

    /// <summary>Images [start, end) of source transformed into the same rows of destination (Count, InputSize).</summary>
    public static void ApplyRange(Dataset source, Span<float> destination, AugmentationOptions options, ulong epochSeed, int start, int end, Span<float> scratch)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var n = source.InputSize;
        if (!options.Enabled)
        {
            source.Images.AsSpan(start * n, (end - start) * n).CopyTo(destination.Slice(start * n));
            return;
        }

        // One generator and field for the range, re-seeded per sample: the same draws as Apply's, without an allocation each.
        var random = new SplitMix64(0);
        Span<float> field = stackalloc float[ImageTransform.FieldLength];
        var redraws = options.Pen > 0 ? PenRedraws.For(source) : null;
        var pen = redraws is null ? null : ArrayPool<float>.Shared.Rent(2 * n);
        try
        {
            for (var i = start; i < end; i++)
            {
                random.State = SampleSeed(epochSeed, i);
                var transform = ImageTransform.Draw(options, random, field);
                var image = source.Image(i);
                if (redraws is not null && DrawsPen(options, random))
                {
                    redraws.CopyTo(i, pen.AsSpan(0, n), pen.AsSpan(n, n));
                    image = pen.AsSpan(0, n);
                }

                Apply(image, destination.Slice(i * n, n), source.Width, source.Height, transform, options.Elastic > 0 ? field : default, scratch);
            }
        }
        finally
        {
            if (pen is not null)
            {
                ArrayPool<float>.Shared.Return(pen);
            }
        }
    }

    /// <summary>Whether this sample is redrawn with a pen: drawn after the transform, and only when the option is on, so a run without it keeps its sequence.</summary>
    private static bool DrawsPen(AugmentationOptions options, SplitMix64 random) => options.Pen > 0 && random.NextDouble() < options.Pen;

    /// <summary>
    /// One image (height, width) row-major, ink 0..1, transformed into destination (the same size) by a transform drawn
    /// from options with this seed. All ranges 0 copies the image unchanged.
    /// </summary>
    public static void Apply(ReadOnlySpan<float> source, Span<float> destination, int width, int height, AugmentationOptions options, ulong seed, Span<float> scratch)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            CheckSizes(source, destination, width, height);
            source.CopyTo(destination);
            return;
        }

        Span<float> field = stackalloc float[ImageTransform.FieldLength];
        var random = new SplitMix64(seed);
        var transform = ImageTransform.Draw(options, random, field);
        if (DrawsPen(options, random))
        {
            var pen = new float[width * height];
            PenRedraw.Redraw(source, width, height, pen);
            source = pen;
        }

        Apply(source, destination, width, height, transform, options.Elastic > 0 ? field : default, scratch);
    }

    /// <summary>
    /// One image transformed by the given transform: thickness on the source, then each output pixel p sampled
    /// (bilinear, background outside) at q = A^-1 (p - c - t) + c + elastic(p), A = rotation * shear * scale, c the
    /// field's centre. field holds the elastic control points (x then y, 4x4 each), or is empty for none.
    /// </summary>
    public static void Apply(ReadOnlySpan<float> source, Span<float> destination, int width, int height, in ImageTransform transform, ReadOnlySpan<float> field, Span<float> scratch)
    {
        CheckSizes(source, destination, width, height);
        if (AugmentKernel.IsSupported && scratch.Length >= AugmentKernel.ScratchLength(width, height) && (field.IsEmpty || field.Length >= ImageTransform.FieldLength))
        {
            AugmentKernel.Apply(source, destination, width, height, transform, field, scratch);
            return;
        }

        ApplyScalar(source, destination, width, height, transform, field, scratch);
    }

    /// <summary>The plain loops: the reference for <see cref="AugmentKernel"/>, and the path without AVX2.</summary>
    internal static void ApplyScalar(ReadOnlySpan<float> source, Span<float> destination, int width, int height, in ImageTransform transform, ReadOnlySpan<float> field, Span<float> scratch)
    {
        CheckSizes(source, destination, width, height);
        var n = width * height;
        var ink = source;
        if (transform.Thickness != 0f)
        {
            var thick = scratch[..n];
            Morphology.Blend(source, thick, width, height, transform.Thickness);
            ink = thick;
        }

        var (i00, i01, i10, i11) = transform.Inverse();
        var cx = (width - 1) / 2f;
        var cy = (height - 1) / 2f;
        var spacingX = (width - 1) / (float)(Grid - 1);
        var spacingY = (height - 1) / (float)(Grid - 1);
        var elastic = !field.IsEmpty;
        var fieldX = elastic ? field[..(Grid * Grid)] : default;
        var fieldY = elastic ? field[(Grid * Grid)..] : default;
        for (var y = 0; y < height; y++)
        {
            var v = y - cy - transform.ShiftY;
            var gy = y / spacingY;
            var gj = Math.Min((int)gy, Grid - 2);
            var fy = gy - gj;
            for (var x = 0; x < width; x++)
            {
                var u = x - cx - transform.ShiftX;
                var sx = (i00 * u) + (i01 * v) + cx;
                var sy = (i10 * u) + (i11 * v) + cy;
                if (elastic)
                {
                    var gx = x / spacingX;
                    var gi = Math.Min((int)gx, Grid - 2);
                    var fx = gx - gi;
                    sx += Bilinear(fieldX, gi, gj, fx, fy);
                    sy += Bilinear(fieldY, gi, gj, fx, fy);
                }

                destination[(y * width) + x] = Sample(ink, width, height, sx, sy);
            }
        }
    }

    private static void CheckSizes(ReadOnlySpan<float> source, Span<float> destination, int width, int height)
    {
        if (source.Length != width * height || destination.Length != width * height)
        {
            throw new ArgumentException($"Images of {width}x{height} need {width * height} pixels.");
        }
    }

    private static ulong SampleSeed(ulong epochSeed, int index)
    {
        // SplitMix64's output function on one step from epochSeed ^ index * odd constant.
        var z = (epochSeed ^ ((ulong)index * 0xD1B54A32D192ED03UL)) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static float Bilinear(ReadOnlySpan<float> grid, int i, int j, float fx, float fy)
    {
        var top = grid[(j * Grid) + i] + (fx * (grid[(j * Grid) + i + 1] - grid[(j * Grid) + i]));
        var bottom = grid[((j + 1) * Grid) + i] + (fx * (grid[((j + 1) * Grid) + i + 1] - grid[((j + 1) * Grid) + i]));
        return top + (fy * (bottom - top));
    }

    /// <summary>Bilinear sample at (x, y) in index coordinates; outside the image is background. Clamped to 0..1.</summary>
    private static float Sample(ReadOnlySpan<float> image, int width, int height, float x, float y)
    {
        if (!(x > -1f && y > -1f && x < width && y < height))
        {
            return 0f;
        }

        var x0 = (int)MathF.Floor(x);
        var y0 = (int)MathF.Floor(y);
        var fx = x - x0;
        var fy = y - y0;
        var p00 = At(image, width, height, x0, y0);
        var p10 = At(image, width, height, x0 + 1, y0);
        var p01 = At(image, width, height, x0, y0 + 1);
        var p11 = At(image, width, height, x0 + 1, y0 + 1);
        var top = p00 + (fx * (p10 - p00));
        var bottom = p01 + (fx * (p11 - p01));
        var value = top + (fy * (bottom - top));

        // Faint smears of interpolation would make the sparse rows denser for nothing.
        return value < InkFloor ? 0f : Math.Min(value, 1f);
    }

    private static float At(ReadOnlySpan<float> image, int width, int height, int x, int y) =>
        (uint)x < (uint)width && (uint)y < (uint)height ? image[(y * width) + x] : 0f;
}
