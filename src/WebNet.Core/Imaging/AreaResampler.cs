using System.Buffers;
using System.Diagnostics;
using System.Numerics.Tensors;

namespace WebNet.Core.Imaging;

/// <summary>
/// Box-filter (area-averaging) resampling of a piecewise-constant image. Source pixel i spans
/// [offset + i*scale, offset + (i+1)*scale) in target pixels; each target pixel becomes the mean of the source
/// over the area it covers, with fractional coverage at the edges and zero outside the source.
/// </summary>
internal static class AreaResampler
{
    /// <summary>src (h, w) to dst (dh, dw), both row-major.</summary>
    public static void Resample(
        ReadOnlySpan<float> src, int w, int h, Span<float> dst, int dw, int dh, double scaleX, double scaleY, double offsetX, double offsetY)
    {
        // The weights and the intermediate rows come from the pool: classify runs this several times a request.
        // A target pixel overlaps at most ceil(1/scale) + 1 source pixels; one more absorbs rounding in the bounds.
        var perX = Math.Min(w, (int)Math.Ceiling(1 / scaleX) + 2);
        var perY = Math.Min(h, (int)Math.Ceiling(1 / scaleY) + 2);
        var floats = ArrayPool<float>.Shared.Rent((dw * perX) + (dh * perY) + (dh * w));
        var ints = ArrayPool<int>.Shared.Rent(2 * (dw + dh));
        try
        {
            var wx = floats.AsSpan(0, dw * perX);
            var wy = floats.AsSpan(dw * perX, dh * perY);
            var tmp = floats.AsSpan((dw * perX) + (dh * perY), dh * w);
            var firstX = ints.AsSpan(0, dw);
            var countX = ints.AsSpan(dw, dw);
            var firstY = ints.AsSpan(2 * dw, dh);
            var countY = ints.AsSpan((2 * dw) + dh, dh);
            Weights(w, scaleX, offsetX, perX, firstX, countX, wx);
            Weights(h, scaleY, offsetY, perY, firstY, countY, wy);

            // Columns first: tmp (dh, w) = Wy x src adds whole source rows (long SIMD multiply-adds), then
            // dst (dh, dw) = tmp x Wx^T is one short dot product a target pixel. The other order cost a dot product
            // per source row and target column, five times the calls for a tall digit.
            for (var k = 0; k < dh; k++)
            {
                var weights = wy.Slice(k * perY, countY[k]);
                var tmpRow = tmp.Slice(k * w, w);
                tmpRow.Clear();
                for (var t = 0; t < weights.Length; t++)
                {
                    TensorPrimitives.MultiplyAdd(src.Slice((firstY[k] + t) * w, w), weights[t], tmpRow, tmpRow);
                }

                var outRow = dst.Slice(k * dw, dw);
                for (var x = 0; x < dw; x++)
                {
                    var count = weights.Length == 0 ? 0 : countX[x];
                    outRow[x] = count == 0 ? 0f : TensorPrimitives.Dot(wx.Slice(x * perX, count), tmpRow.Slice(firstX[x], count));
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(floats);
            ArrayPool<int>.Shared.Return(ints);
        }
    }

    /// <summary>
    /// For each target pixel k: the first source index it overlaps, how many source pixels it overlaps, and their
    /// weights (at weights[k * stride]), each the overlap length in source pixels times scale, so a fully covered
    /// target sums to 1.
    /// </summary>
    private static void Weights(int sourceLength, double scale, double offset, int stride, Span<int> first, Span<int> count, Span<float> weights)
    {
        for (var k = 0; k < first.Length; k++)
        {
            var a = (k - offset) / scale;
            var b = (k + 1 - offset) / scale;
            var lo = Math.Max(0, (int)Math.Floor(a));
            var hi = Math.Min(sourceLength - 1, (int)Math.Ceiling(b) - 1);
            (first[k], count[k]) = hi < lo ? (0, 0) : (lo, hi - lo + 1);
            Debug.Assert(count[k] <= stride, "The stride holds every overlapped source pixel.");
            for (var i = lo; i <= hi; i++)
            {
                var overlap = Math.Min(b, i + 1) - Math.Max(a, i);
                weights[(k * stride) + i - lo] = (float)(Math.Max(0, overlap) * scale);
            }
        }
    }
}
