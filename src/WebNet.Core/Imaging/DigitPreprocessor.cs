using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using WebNet.Core.Strokes;

namespace WebNet.Core.Imaging;

/// <summary>
/// Makes the 28x28 network input from an ink grid the way MNIST was made (LeCun, Cortes, Burges): the digit is
/// cropped to its ink, size-normalised to fit a 20x20 box keeping its aspect ratio with area-averaging
/// anti-aliasing, and placed in 28x28 so that its centre of mass is at the centre of the field.
/// </summary>
public static class DigitPreprocessor
{
    public const int FieldSize = 28;
    public const int BoxSize = 20;

    /// <summary>A drawing whose strongest pixel has less ink than this is blank.</summary>
    public const float BlankThreshold = 0.1f;

    /// <summary>Pixels with less than this fraction of the strongest ink are noise (paper grain, JPEG-like haze, stray specks of faint ink).</summary>
    public const float NoiseFraction = 0.1f;

    // The centre of the field in continuous coordinates (pixel k spans [k, k+1)); index coordinates put it at 13.5.
    private const double Centre = FieldSize / 2.0;

    public static PreprocessResult Process(InkGrid grid, PreprocessMode mode) => Process(InkCrop.Whole(grid), mode);

    /// <summary>As for the whole canvas: the crop holds all its ink, so only the reported bounding box moves by the crop's origin.</summary>
    public static PreprocessResult Process(InkCrop crop, PreprocessMode mode)
    {
        ArgumentNullException.ThrowIfNull(crop);
        var maxInk = Math.Max(0f, TensorPrimitives.Max(crop.Ink));
        var blank = maxInk < BlankThreshold;
        return mode switch
        {
            PreprocessMode.None => WholeCanvas(crop, blank),
            PreprocessMode.Mnist when blank => Result(new float[FieldSize * FieldSize], mode, blank: true, null, 0f, null),
            PreprocessMode.Mnist => Mnist(crop, maxInk),
            PreprocessMode.Stroke when blank => Result(new float[FieldSize * FieldSize], mode, blank: true, null, 0f, null),
            PreprocessMode.Stroke => StrokePreprocessor.Process(crop, maxInk),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown preprocessing mode."),
        };
    }

    /// <summary>Centre of mass of a field (size, size) in index coordinates (pixel k at k, so the centre is (size-1)/2); NaN when empty.</summary>
    public static (float X, float Y) CentreOfMass(ReadOnlySpan<float> field, int size)
    {
        double sum = 0, sx = 0, sy = 0;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                double v = field[(y * size) + x];
                sum += v;
                sx += v * x;
                sy += v * y;
            }
        }

        return sum > 0 ? ((float)(sx / sum), (float)(sy / sum)) : (float.NaN, float.NaN);
    }

    private static PreprocessResult WholeCanvas(InkCrop crop, bool blank)
    {
        var input = new float[FieldSize * FieldSize];
        double sx = (double)FieldSize / crop.CanvasWidth, sy = (double)FieldSize / crop.CanvasHeight;

        // The crop sits where it was on the canvas; the resampler treats everything outside it as background.
        AreaResampler.Resample(crop.Ink, crop.Width, crop.Height, input, FieldSize, FieldSize, sx, sy, crop.X * sx, crop.Y * sy);
        Clamp(input);
        return Result(input, PreprocessMode.None, blank, null, (float)Math.Min(sx, sy), null);
    }

    private static PreprocessResult Mnist(InkCrop source, float maxInk)
    {
        // Faint pixels would widen the crop and pull the centre of mass toward the paper, so they are dropped.
        var (input, scale, shift, bounds) = FitAndCentre(source.Ink, source.Width, NoiseFraction * maxInk);
        var canvasBounds = bounds with { X = bounds.X + source.X, Y = bounds.Y + source.Y };
        return Result(input, PreprocessMode.Mnist, blank: false, canvasBounds, (float)scale, shift);
    }

    /// <summary>
    /// The MNIST fit of ink (rows of width): the pixels at or above floor cropped to their box, scaled to fit
    /// <see cref="BoxSize"/> and placed with their centre of mass at the centre of the field. Bounds is the box in ink's
    /// pixels; Scale is field pixels per ink pixel.
    /// </summary>
    internal static (float[] Input, double Scale, FieldShift Shift, InkBounds Bounds) FitAndCentre(ReadOnlySpan<float> ink, int width, float floor)
    {
        var bounds = InkBoundsOf(ink, width, floor);
        var (cw, ch) = (bounds.Width, bounds.Height);
        var rented = ArrayPool<float>.Shared.Rent(cw * ch);
        var crop = rented.AsSpan(0, cw * ch);

        // Pixels below the floor become 0 and add nothing to the sums. A row's sums are taken in float, eight
        // pixels at a time, then added up in double: a row has at most a few hundred pixels, so its float sums are
        // good to about 1e-7, far below what the centring below can see (it corrects the offset until the centre of
        // mass of the result is within 0.005 pixels anyway).
        double mass = 0, mx = 0, my = 0;
        for (var y = 0; y < ch; y++)
        {
            var (rowMass, rowMoment) = KeepInk(ink.Slice(((bounds.Y + y) * width) + bounds.X, cw), floor, crop.Slice(y * cw, cw));
            mass += rowMass;
            mx += rowMoment;
            my += rowMass * (y + 0.5);
        }

        var scale = (double)BoxSize / Math.Max(cw, ch);

        // Sub-pixel placement: the resampler integrates over continuous coordinates, so the box can sit at a
        // fractional offset at no cost. A whole-pixel shift would leave up to half a pixel of error and make the
        // same digit at two positions or sizes land differently; the continuous offset puts the centre of mass
        // on the centre to within a hundredth of a pixel. The first offset uses the source centre of mass; a few
        // corrections absorb the box filter's discretisation and any clipping at the field's edge.
        var offsetX = Centre - (scale * mx / mass);
        var offsetY = Centre - (scale * my / mass);
        var input = new float[FieldSize * FieldSize];
        for (var iteration = 0; iteration < 6; iteration++)
        {
            AreaResampler.Resample(crop, cw, ch, input, FieldSize, FieldSize, scale, scale, offsetX, offsetY);
            var (cx, cy) = CentreOfMass(input, FieldSize);
            var dx = Centre - (cx + 0.5);
            var dy = Centre - (cy + 0.5);
            if (Math.Abs(dx) < 0.005 && Math.Abs(dy) < 0.005)
            {
                break;
            }

            offsetX += dx;
            offsetY += dy;
        }

        ArrayPool<float>.Shared.Return(rented);
        Clamp(input);
        var shift = new FieldShift(
            (float)(offsetX - ((FieldSize - (scale * cw)) / 2)),
            (float)(offsetY - ((FieldSize - (scale * ch)) / 2)));
        return (input, scale, shift, bounds);
    }

    /// <summary>
    /// Copies row to kept with every pixel below floor set to 0, and returns the kept ink's sum and its moment about
    /// the row's start (pixel x counted at its centre, x + 0.5).
    /// </summary>
    internal static (double Mass, double Moment) KeepInk(ReadOnlySpan<float> row, float floor, Span<float> kept)
    {
        float mass = 0, moment = 0;
        var x = 0;
        if (Vector256.IsHardwareAccelerated && row.Length >= Vector256<float>.Count)
        {
            var threshold = Vector256.Create(floor);
            var centres = Vector256.Create(0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f, 7.5f);
            var step = Vector256.Create((float)Vector256<float>.Count);
            Vector256<float> sums = default, moments = default;
            for (; x <= row.Length - Vector256<float>.Count; x += Vector256<float>.Count)
            {
                var v = Vector256.Create(row.Slice(x, Vector256<float>.Count));
                var k = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(v, threshold), v, Vector256<float>.Zero);
                k.CopyTo(kept.Slice(x, Vector256<float>.Count));
                sums += k;
                moments += k * centres;
                centres += step;
            }

            (mass, moment) = (Vector256.Sum(sums), Vector256.Sum(moments));
        }

        for (; x < row.Length; x++)
        {
            var v = row[x] >= floor ? row[x] : 0f;
            kept[x] = v;
            mass += v;
            moment += v * (x + 0.5f);
        }

        return (mass, moment);
    }

    /// <summary>The box around the pixels of ink (height, width) at or above floor.</summary>
    internal static InkBounds InkBoundsOf(ReadOnlySpan<float> ink, int width, float floor)
    {
        int x0 = width, y0 = int.MaxValue, x1 = -1, y1 = -1;
        for (var y = 0; y < ink.Length / width; y++)
        {
            // Only the first and last such pixel of a row matter: scan in from both ends.
            var row = ink.Slice(y * width, width);
            var first = FirstAtLeast(row, floor);
            if (first < 0)
            {
                continue;
            }

            (x0, x1, y0, y1) = (Math.Min(x0, first), Math.Max(x1, LastAtLeast(row, floor)), Math.Min(y0, y), y);
        }

        return new InkBounds(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    /// <summary>The index of the first value at or above floor (NaN never is), or -1.</summary>
    internal static int FirstAtLeast(ReadOnlySpan<float> values, float floor)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var threshold = Vector256.Create(floor);
            for (; i <= values.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var hits = Vector256.GreaterThanOrEqual(Vector256.Create(values.Slice(i, Vector256<float>.Count)), threshold).ExtractMostSignificantBits();
                if (hits != 0)
                {
                    return i + BitOperations.TrailingZeroCount(hits);
                }
            }
        }

        for (; i < values.Length; i++)
        {
            if (values[i] >= floor)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of the last value at or above floor (NaN never is), or -1.</summary>
    internal static int LastAtLeast(ReadOnlySpan<float> values, float floor)
    {
        var end = values.Length;
        if (Vector256.IsHardwareAccelerated)
        {
            var threshold = Vector256.Create(floor);
            for (; end >= Vector256<float>.Count; end -= Vector256<float>.Count)
            {
                var hits = Vector256.GreaterThanOrEqual(Vector256.Create(values.Slice(end - Vector256<float>.Count, Vector256<float>.Count)), threshold).ExtractMostSignificantBits();
                if (hits != 0)
                {
                    return end - Vector256<float>.Count + 31 - BitOperations.LeadingZeroCount(hits);
                }
            }
        }

        for (var i = end - 1; i >= 0; i--)
        {
            if (values[i] >= floor)
            {
                return i;
            }
        }

        return -1;
    }

    internal static void Clamp(Span<float> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Clamp(values[i], 0f, 1f);
        }
    }

    internal static PreprocessResult Result(float[] input, PreprocessMode mode, bool blank, InkBounds? bounds, float scale, FieldShift? shift)
    {
        var (cx, cy) = CentreOfMass(input, FieldSize);
        FieldPoint? centre = float.IsNaN(cx) ? null : new FieldPoint(cx, cy);
        return new PreprocessResult(input, mode, blank, bounds, scale, shift, centre);
    }
}
