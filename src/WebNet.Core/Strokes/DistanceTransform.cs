using System.Buffers;

namespace WebNet.Core.Strokes;

/// <summary>
/// Exact squared Euclidean distance transform (Felzenszwalb and Huttenlocher, "Distance Transforms of Sampled
/// Functions", 2012): one pass of lower envelopes of parabolas down the columns, then along the rows, O(pixels).
/// Distances are between pixel centres, in pixels squared. The grid has no outside: a caller that wants the border to
/// count as background pads the grid with it.
/// </summary>
internal static class DistanceTransform
{
    private const double Far = 1e20;

    /// <summary>
    /// ink (height, width) row-major to destination (height, width): for every pixel, the squared distance to the
    /// nearest target pixel, targets being the pixels at or above threshold (toInk) or below it (!toInk); 0 on a
    /// target. With no target at all every value is about 1e20.
    /// </summary>
    public static void Squared(ReadOnlySpan<float> ink, int width, int height, float threshold, bool toInk, Span<float> destination)
    {
        var n = Math.Max(width, height);
        var grid = ArrayPool<double>.Shared.Rent(width * height);
        var line = ArrayPool<double>.Shared.Rent(3 * n + 1);
        var v = ArrayPool<int>.Shared.Rent(n);
        var gap = ArrayPool<int>.Shared.Rent(width);
        try
        {
            // Columns: on a binary image the column pass's envelope is the squared distance to the nearest target in the
            // column, found by one scan down and one up, a row at a time (the same doubles the envelope gives, in a
            // fraction of its time: this pass was half the transform's cost).
            var none = height + n;
            var above = gap.AsSpan(0, width);
            above.Fill(none);
            for (var y = 0; y < height; y++)
            {
                var source = ink.Slice(y * width, width);
                var row = grid.AsSpan(y * width, width);
                for (var x = 0; x < width; x++)
                {
                    above[x] = (source[x] >= threshold) == toInk ? 0 : Math.Min(above[x] + 1, none);
                    row[x] = above[x];
                }
            }

            var below = above;
            below.Fill(none);
            for (var y = height - 1; y >= 0; y--)
            {
                var source = ink.Slice(y * width, width);
                var row = grid.AsSpan(y * width, width);
                for (var x = 0; x < width; x++)
                {
                    below[x] = (source[x] >= threshold) == toInk ? 0 : Math.Min(below[x] + 1, none);
                    var nearest = Math.Min(row[x], below[x]);
                    row[x] = nearest >= none ? Far : nearest * nearest;
                }
            }

            var f = line.AsSpan(0, n);
            var d = line.AsSpan(n, n);
            var z = line.AsSpan(2 * n, n + 1);

            for (var y = 0; y < height; y++)
            {
                var row = grid.AsSpan(y * width, width);
                row.CopyTo(f);
                Envelope(f[..width], d[..width], v, z);
                for (var x = 0; x < width; x++)
                {
                    destination[(y * width) + x] = (float)d[x];
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(grid);
            ArrayPool<double>.Shared.Return(line);
            ArrayPool<int>.Shared.Return(v);
            ArrayPool<int>.Shared.Return(gap);
        }
    }

    /// <summary>d[q] = min over p of (q - p)^2 + f[p], by the lower envelope of the parabolas rooted at each p.</summary>
    private static void Envelope(ReadOnlySpan<double> f, Span<double> d, Span<int> v, Span<double> z)
    {
        var n = f.Length;
        var k = 0;
        v[0] = 0;
        z[0] = double.NegativeInfinity;
        z[1] = double.PositiveInfinity;
        for (var q = 1; q < n; q++)
        {
            var s = Intersection(f, q, v[k]);
            while (s <= z[k])
            {
                k--;
                s = Intersection(f, q, v[k]);
            }

            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = double.PositiveInfinity;
        }

        k = 0;
        for (var q = 0; q < n; q++)
        {
            while (z[k + 1] < q)
            {
                k++;
            }

            d[q] = ((double)(q - v[k]) * (q - v[k])) + f[v[k]];
        }
    }

    private static double Intersection(ReadOnlySpan<double> f, int q, int p) =>
        ((f[q] + ((double)q * q)) - (f[p] + ((double)p * p))) / (2.0 * (q - p));
}
