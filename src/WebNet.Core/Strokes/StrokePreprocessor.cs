using System.Buffers;
using WebNet.Core.Imaging;

namespace WebNet.Core.Strokes;

/// <summary>
/// preprocess=stroke: the MNIST fit (crop, 20x20, centre of mass) of a drawing first cleaned and reshaped like MNIST's
/// pen. (1) Specks are left out (<see cref="SpeckFilter"/>). (2) The pen width is measured (<see cref="StrokeWidth"/>)
/// on the cleaned ink. (3) Each stroke is widened or narrowed by a radius r so that after the fit it is
/// <see cref="StrokeWidth.MnistTarget"/> wide. The reshaping is done before the resample, on the source pixels (a
/// drawing whose strokes are under <see cref="MinPixelsAcross"/> pixels wide first enlarged bilinearly): there a stroke is many
/// pixels across, so a signed distance to its edge moves the edge by a fraction of a 28x28 pixel, and the area
/// average down to 20x20 anti-aliases the result as it does any drawing. Doing it after the resample would mean
/// dilating 2-3 pixel strokes by fractions of a pixel, where a grey-level dilation can only step by whole pixels.
/// Widening the strokes by 2r also widens the box by 2r, so r solves (w + 2r) * 20 / (D + 2r) = target exactly,
/// w being the measured width and D the box's longer side. (4) The reshaped ink is sheared to MNIST's median slant
/// (<see cref="Slant"/>): a pen drawing tilted by a hand or a pad leans further than MNIST's writers did.
/// </summary>
public static class StrokePreprocessor
{
    private const float HalfInk = 0.5f;

    public static PreprocessResult Process(InkCrop source, float maxInk)
    {
        ArgumentNullException.ThrowIfNull(source);
        var floor = DigitPreprocessor.NoiseFraction * maxInk;
        var outer = DigitPreprocessor.InkBoundsOf(source.Ink, source.Width, floor);
        var (bw, bh) = (outer.Width, outer.Height);
        var cleaned = ArrayPool<float>.Shared.Rent(bw * bh);
        try
        {
            var ink = cleaned.AsSpan(0, bw * bh);
            for (var y = 0; y < bh; y++)
            {
                DigitPreprocessor.KeepInk(source.Ink.Slice(((outer.Y + y) * source.Width) + outer.X, bw), floor, ink.Slice(y * bw, bw));
            }

            var (specks, pixels) = SpeckFilter.Remove(ink, bw, bh);
            var box = DigitPreprocessor.InkBoundsOf(ink, bw, floor);
            var reshaped = Reshape(ink, bw, box, maxInk, out var factor, out var width, out var radius, out var gridWidth, out var gridHeight);
            float[]? sheared = null;
            try
            {
                var fitted = reshaped.AsSpan(0, gridWidth * gridHeight);
                var slant = Slant.Of(fitted, gridWidth, gridHeight);
                var correction = Slant.Correction(slant);
                if (correction != 0f)
                {
                    sheared = Slant.Shear(fitted, gridWidth, gridHeight, correction, out var shearedWidth);
                    fitted = sheared.AsSpan(0, shearedWidth * gridHeight);
                    gridWidth = shearedWidth;
                }

                var (input, scale, shift, _) = DigitPreprocessor.FitAndCentre(fitted, gridWidth, DigitPreprocessor.NoiseFraction);
                var longer = Math.Max(box.Width, box.Height) * factor;
                var steps = new StrokeSteps(specks, pixels, width * DigitPreprocessor.BoxSize / longer, StrokeWidth.MnistTarget, (float)(2 * radius * scale), slant, correction);
                var canvasBounds = new InkBounds(source.X + outer.X + box.X, source.Y + outer.Y + box.Y, box.Width, box.Height);
                return DigitPreprocessor.Result(input, PreprocessMode.Stroke, blank: false, canvasBounds, (float)(scale * factor), shift) with { Steps = steps };
            }
            finally
            {
                ArrayPool<float>.Shared.Return(reshaped);
                if (sheared is not null)
                {
                    ArrayPool<float>.Shared.Return(sheared);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(cleaned);
        }
    }

    /// <summary>Pixels across a stroke that make its measured width good to a few per cent (half a pixel in 12).</summary>
    public const int MinPixelsAcross = 12;

    private const double Target = StrokeWidth.MnistTarget;
    private const double Box = DigitPreprocessor.BoxSize;

    /// <summary>
    /// The ink in box with a margin for widening, and every stroke moved out (or in) by radius; a pooled array
    /// (gridHeight, gridWidth) the caller returns. The box is measured as it is, and only when its strokes have fewer
    /// than <see cref="MinPixelsAcross"/> pixels across (a pad's pen usually has more) is it enlarged bilinearly by
    /// factor, at most as much as <see cref="StrokeWidth"/> would, and measured again. width: the pen width in grid pixels.
    /// </summary>
    private static float[] Reshape(ReadOnlySpan<float> ink, int inkWidth, InkBounds box, float maxInk, out int factor, out float width, out double radius, out int gridWidth, out int gridHeight)
    {
        var boxed = ArrayPool<float>.Shared.Rent(box.Width * box.Height);
        float[]? grid = null, inside = null, outside = null;
        try
        {
            for (var y = 0; y < box.Height; y++)
            {
                ink.Slice(((box.Y + y) * inkWidth) + box.X, box.Width).CopyTo(boxed.AsSpan(y * box.Width, box.Width));
            }

            var threshold = HalfInk * maxInk;
            factor = 1;
            (grid, inside) = Measure(boxed, box, factor, threshold, out width, out var w, out var h);
            if (width < MinPixelsAcross)
            {
                var finer = Math.Clamp((int)Math.Ceiling(MinPixelsAcross / Math.Max(width, 1f)), 1, StrokeWidth.Factor(Math.Max(box.Width, box.Height)));
                if (finer > 1)
                {
                    ArrayPool<float>.Shared.Return(grid);
                    ArrayPool<float>.Shared.Return(inside);
                    (grid, inside) = (null, null);
                    factor = finer;
                    (grid, inside) = Measure(boxed, box, factor, threshold, out width, out w, out h);
                }
            }

            (gridWidth, gridHeight) = (w, h);
            var longer = Math.Max(box.Width, box.Height) * factor;
            // A blob as wide as it is long (a big dot) would be narrowed to nothing; it keeps two pixels across.
            radius = Math.Max(((Target * longer) - (Box * width)) / (2 * (Box - Target)), 1 - (width / 2));
            outside = ArrayPool<float>.Shared.Rent(w * h);
            var g = grid.AsSpan(0, w * h);
            DistanceTransform.Squared(g, w, h, threshold, toInk: true, outside);

            // Signed distance to the stroke's edge (positive inside, the edge half a pixel beyond the last ink centre),
            // moved by radius, as coverage of a one-pixel ramp: the same anti-aliasing a canvas gives a pen's edge.
            var r = (float)radius;
            for (var i = 0; i < w * h; i++)
            {
                var signed = g[i] >= threshold ? MathF.Sqrt(inside[i]) - 0.5f : 0.5f - MathF.Sqrt(outside[i]);
                g[i] = Math.Clamp(signed + r + 0.5f, 0f, 1f);
            }

            var result = grid;
            grid = null;
            return result;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(boxed);
            foreach (var rented in new[] { grid, inside, outside })
            {
                if (rented is not null)
                {
                    ArrayPool<float>.Shared.Return(rented);
                }
            }
        }
    }

    /// <summary>
    /// boxed (box.Height, box.Width) enlarged by factor into a grid with a margin wide enough for the largest widening
    /// (r = (target * D - 20 w) / (2 (20 - target)) with w near 0), its squared distances to the background, and the
    /// pen width measured from them; both arrays pooled, (h, w).
    /// </summary>
    private static (float[] Grid, float[] Inside) Measure(float[] boxed, InkBounds box, int factor, float threshold, out float width, out int w, out int h)
    {
        var longer = Math.Max(box.Width, box.Height) * factor;
        var margin = (int)Math.Ceiling(Target * longer / (2 * (Box - Target))) + 2;
        (w, h) = ((box.Width * factor) + (2 * margin), (box.Height * factor) + (2 * margin));
        var grid = ArrayPool<float>.Shared.Rent(w * h);
        var inside = ArrayPool<float>.Shared.Rent(w * h);
        if (factor == 1)
        {
            grid.AsSpan(0, w * h).Clear();
            for (var y = 0; y < box.Height; y++)
            {
                boxed.AsSpan(y * box.Width, box.Width).CopyTo(grid.AsSpan(((y + margin) * w) + margin, box.Width));
            }
        }
        else
        {
            Bilinear.Enlarge(boxed.AsSpan(0, box.Width * box.Height), box.Width, box.Height, factor, margin, grid);
        }

        DistanceTransform.Squared(grid.AsSpan(0, w * h), w, h, threshold, toInk: false, inside);
        width = StrokeWidth.OfDistances(inside.AsSpan(0, w * h), w, h);
        return (grid, inside);
    }
}
