using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace WebNet.Core.Augmentation;

/// <summary>
/// The vectorised form of <see cref="Augmenter.Apply(ReadOnlySpan{float}, Span{float}, int, int, in ImageTransform, ReadOnlySpan{float}, Span{float})"/>,
/// eight output pixels at a time with AVX2, giving the same floats as the scalar loops (the same operations in the same
/// order, no fused multiply-adds; a test compares them bit for bit). The x86 instructions are used directly: Vector256's
/// Min, Max and ConvertToInt32 add work for NaN and overflow that finite pixel coordinates never need. The source is first copied into a padded buffer
/// (one zero row and column before, two after, rows Stride long), so every bilinear tap is a plain read: coordinates are
/// clamped to [-1, size], where all four taps fall on the zero border.
/// </summary>
internal static class AugmentKernel
{
    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>Floats in a padded row: the image, a zero column before, two after, and room for a whole last vector.</summary>
    public static int Stride(int width) => (((width + 2 + 7) / 8) * 8) + 8;

    /// <summary>Floats of scratch for one image: two padded planes.</summary>
    public static int ScratchLength(int width, int height) => 2 * Stride(width) * (height + 3);

    public static unsafe void Apply(ReadOnlySpan<float> source, Span<float> destination, int width, int height, in ImageTransform transform, ReadOnlySpan<float> field, Span<float> scratch)
    {
        var stride = Stride(width);
        var plane = stride * (height + 3);
        var padded = scratch[..plane];
        var work = scratch.Slice(plane, plane);
        padded.Clear();
        int inkTop = height, inkBottom = -1, inkLeft = width, inkRight = -1;
        for (var y = 0; y < height; y++)
        {
            var row = source.Slice(y * width, width);
            row.CopyTo(padded.Slice(((y + 1) * stride) + 1, width));
            var first = row.IndexOfAnyExcept(0f);
            if (first >= 0)
            {
                (inkTop, inkBottom) = (Math.Min(inkTop, y), y);
                (inkLeft, inkRight) = (Math.Min(inkLeft, first), Math.Max(inkRight, row.LastIndexOfAnyExcept(0f)));
            }
        }

        if (transform.Thickness != 0f)
        {
            Thicken(padded, work, width, height, stride, transform.Thickness);

            // A dilation spreads the ink one pixel further.
            (inkTop, inkBottom, inkLeft, inkRight) = (inkTop - 1, inkBottom + 1, inkLeft - 1, inkRight + 1);
        }

        // A sample point at least a pixel outside the ink's box reads only background: such a vector needs no gathers.
        var boxLeft = Vector256.Create(inkLeft - 1f);
        var boxRight = Vector256.Create(inkRight + 1f);
        var boxTop = Vector256.Create(inkTop - 1f);
        var boxBottom = Vector256.Create(inkBottom + 1f);

        var (i00, i01, i10, i11) = transform.Inverse();
        var cx = (width - 1) / 2f;
        var cy = (height - 1) / 2f;
        var grid = Augmenter.Grid;
        var spacingX = (width - 1) / (float)(grid - 1);
        var spacingY = (height - 1) / (float)(grid - 1);
        var elastic = !field.IsEmpty;

        var lanes = Vector256.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f);
        var vi00 = Vector256.Create(i00);
        var vi01 = Vector256.Create(i01);
        var vi10 = Vector256.Create(i10);
        var vi11 = Vector256.Create(i11);
        var vcx = Vector256.Create(cx);
        var vcy = Vector256.Create(cy);
        var shiftX = Vector256.Create(transform.ShiftX);
        var minus1 = Vector256.Create(-1f);
        var maxX = Vector256.Create((float)width);
        var maxY = Vector256.Create((float)height);
        var one = Vector256.Create(1f);
        var floor = Vector256.Create(Augmenter.InkFloor);
        var vstride = Vector256.Create(stride);
        var vspacingX = Vector256.Create(spacingX);
        var lastCell = Vector256.Create(grid - 2);
        var oneInt = Vector256.Create(1);
        Span<float> tail = stackalloc float[8];

        fixed (float* p = padded)
        fixed (float* f = field)
        {
            for (var y = 0; y < height; y++)
            {
                var v = y - cy - transform.ShiftY;
                var vv = Vector256.Create(v);
                var gy = y / spacingY;
                var gj = Math.Min((int)gy, grid - 2);
                var fy = Vector256.Create(gy - gj);
                Vector256<float> tx0 = default, tx1 = default, ty0 = default, ty1 = default;
                if (elastic)
                {
                    // Rows gj and gj + 1 of the 4x4 control points, x then y; a lane picks its column with a permute.
                    tx0 = Vector256.Create(f[(gj * grid) + 0], f[(gj * grid) + 1], f[(gj * grid) + 2], f[(gj * grid) + 3], 0, 0, 0, 0);
                    tx1 = Vector256.Create(f[((gj + 1) * grid) + 0], f[((gj + 1) * grid) + 1], f[((gj + 1) * grid) + 2], f[((gj + 1) * grid) + 3], 0, 0, 0, 0);
                    var fy0 = f + (grid * grid);
                    ty0 = Vector256.Create(fy0[(gj * grid) + 0], fy0[(gj * grid) + 1], fy0[(gj * grid) + 2], fy0[(gj * grid) + 3], 0, 0, 0, 0);
                    ty1 = Vector256.Create(fy0[((gj + 1) * grid) + 0], fy0[((gj + 1) * grid) + 1], fy0[((gj + 1) * grid) + 2], fy0[((gj + 1) * grid) + 3], 0, 0, 0, 0);
                }

                for (var x = 0; x < width; x += 8)
                {
                    var xs = Vector256.Create((float)x) + lanes;
                    var u = xs - vcx - shiftX;
                    var sx = (vi00 * u) + (vi01 * vv) + vcx;
                    var sy = (vi10 * u) + (vi11 * vv) + vcy;
                    if (elastic)
                    {
                        var gx = xs / vspacingX;
                        var gi = Avx2.Min(Avx.ConvertToVector256Int32WithTruncation(gx), lastCell);
                        var fx = gx - Avx.ConvertToVector256Single(gi);
                        var gi1 = gi + oneInt;
                        sx += Bilinear(tx0, tx1, gi, gi1, fx, fy);
                        sy += Bilinear(ty0, ty1, gi, gi1, fx, fy);
                    }

                    var row = destination.Slice(y * width);
                    var near = Vector256.GreaterThan(sx, boxLeft) & Vector256.LessThan(sx, boxRight) & Vector256.GreaterThan(sy, boxTop) & Vector256.LessThan(sy, boxBottom);
                    if (near == Vector256<float>.Zero)
                    {
                        Store(Vector256<float>.Zero, row, x, width, tail);
                        continue;
                    }

                    // Outside (-1, size) every tap reads the zero border; clamping keeps the reads inside the buffer.
                    sx = Avx.Min(Avx.Max(sx, minus1), maxX);
                    sy = Avx.Min(Avx.Max(sy, minus1), maxY);
                    var x0f = Avx.Floor(sx);
                    var y0f = Avx.Floor(sy);
                    var fxs = sx - x0f;
                    var fys = sy - y0f;
                    var index = Avx2.MultiplyLow(Avx.ConvertToVector256Int32WithTruncation(y0f) + oneInt, vstride) + Avx.ConvertToVector256Int32WithTruncation(x0f) + oneInt;
                    var p00 = Avx2.GatherVector256(p, index, 4);
                    var p10 = Avx2.GatherVector256(p + 1, index, 4);
                    var p01 = Avx2.GatherVector256(p + stride, index, 4);
                    var p11 = Avx2.GatherVector256(p + stride + 1, index, 4);
                    var top = p00 + (fxs * (p10 - p00));
                    var bottom = p01 + (fxs * (p11 - p01));
                    var value = top + (fys * (bottom - top));
                    value = Avx.BlendVariable(Avx.Min(value, one), Vector256<float>.Zero, Avx.CompareLessThan(value, floor));
                    Store(value, row, x, width, tail);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<float> value, Span<float> row, int x, int width, Span<float> tail)
    {
        if (x + 8 <= width)
        {
            value.CopyTo(row[x..]);
        }
        else
        {
            value.CopyTo(tail);
            tail[..(width - x)].CopyTo(row[x..width]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Bilinear(Vector256<float> row0, Vector256<float> row1, Vector256<int> i, Vector256<int> i1, Vector256<float> fx, Vector256<float> fy)
    {
        var a = Avx2.PermuteVar8x32(row0, i);
        var b = Avx2.PermuteVar8x32(row0, i1);
        var c = Avx2.PermuteVar8x32(row1, i);
        var d = Avx2.PermuteVar8x32(row1, i1);
        var top = a + (fx * (b - a));
        var bottom = c + (fx * (d - c));
        return top + (fy * (bottom - top));
    }

    /// <summary>
    /// padded's image blended in place towards its 3x3 maximum (t &gt; 0) or minimum (t &lt; 0), as <see cref="Morphology.Blend"/>:
    /// a row pass into work, then a column pass back; the zero border stays zero.
    /// </summary>
    private static void Thicken(Span<float> padded, Span<float> work, int width, int height, int stride, float t)
    {
        var dilate = t > 0;
        var weight = Vector256.Create(Math.Min(Math.Abs(t), 1f));
        var columns = Vector256.Create(1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f);
        var last = Vector256.Create((float)width);

        // Rows 0 and height + 1 are border; the row pass reads columns x - 1 .. x + 1 of rows 1..height.
        work.Clear();
        for (var y = 1; y <= height; y++)
        {
            var row = padded.Slice(y * stride, stride);
            var outRow = work.Slice(y * stride, stride);
            for (var x = 1; x <= width; x += 8)
            {
                var left = Vector256.Create(row.Slice(x - 1, 8));
                var centre = Vector256.Create(row.Slice(x, 8));
                var right = Vector256.Create(row.Slice(x + 1, 8));
                var m = dilate ? Avx.Max(Avx.Max(left, centre), right) : Avx.Min(Avx.Min(left, centre), right);
                m.CopyTo(outRow.Slice(x, 8));
            }
        }

        for (var y = 1; y <= height; y++)
        {
            // The column pass reads the row pass's results only, and each row's own value before its blend.
            var above = work.Slice((y - 1) * stride, stride);
            var here = work.Slice(y * stride, stride);
            var below = work.Slice((y + 1) * stride, stride);
            var target = padded.Slice(y * stride, stride);
            for (var x = 1; x <= width; x += 8)
            {
                var a = Vector256.Create(above.Slice(x, 8));
                var h = Vector256.Create(here.Slice(x, 8));
                var b = Vector256.Create(below.Slice(x, 8));
                var m = dilate ? Avx.Max(Avx.Max(a, h), b) : Avx.Min(Avx.Min(a, h), b);
                var centre = Vector256.Create(target.Slice(x, 8));
                var blended = centre + (weight * (m - centre));

                // Columns past the image's last belong to the border and stay 0.
                var inside = Vector256.LessThanOrEqual(columns + Vector256.Create((float)(x - 1)), last);
                Vector256.ConditionalSelect(inside, blended, Vector256<float>.Zero).CopyTo(target.Slice(x, 8));
            }
        }
    }
}
