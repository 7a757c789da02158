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
        var wx = Weights(w, dw, scaleX, offsetX);
        var wy = Weights(h, dh, scaleY, offsetY);

        // Rows first: tmp (h, dw) = src (h, w) x Wx^T, then dst (dh, dw) = Wy x tmp, touching only overlaps.
        var tmp = new float[h * dw];
        for (var j = 0; j < h; j++)
        {
            var row = src.Slice(j * w, w);
            for (var k = 0; k < dw; k++)
            {
                var (first, weights) = wx[k];
                var sum = 0f;
                for (var t = 0; t < weights.Length; t++)
                {
                    sum += weights[t] * row[first + t];
                }

                tmp[(j * dw) + k] = sum;
            }
        }

        dst[..(dw * dh)].Clear();
        for (var k = 0; k < dh; k++)
        {
            var (first, weights) = wy[k];
            var outRow = dst.Slice(k * dw, dw);
            for (var t = 0; t < weights.Length; t++)
            {
                var weight = weights[t];
                var tmpRow = tmp.AsSpan((first + t) * dw, dw);
                for (var x = 0; x < dw; x++)
                {
                    outRow[x] += weight * tmpRow[x];
                }
            }
        }
    }

    /// <summary>
    /// For each target pixel k: the first source index it overlaps and the weights of the overlapped source
    /// pixels, each the overlap length in source pixels times scale, so a fully covered target sums to 1.
    /// </summary>
    private static (int First, float[] Weights)[] Weights(int sourceLength, int targetLength, double scale, double offset)
    {
        var result = new (int, float[])[targetLength];
        for (var k = 0; k < targetLength; k++)
        {
            var a = (k - offset) / scale;
            var b = (k + 1 - offset) / scale;
            var first = Math.Max(0, (int)Math.Floor(a));
            var last = Math.Min(sourceLength - 1, (int)Math.Ceiling(b) - 1);
            if (last < first)
            {
                result[k] = (0, []);
                continue;
            }

            var weights = new float[last - first + 1];
            for (var i = first; i <= last; i++)
            {
                var overlap = Math.Min(b, i + 1) - Math.Max(a, i);
                weights[i - first] = (float)(Math.Max(0, overlap) * scale);
            }

            result[k] = (first, weights);
        }

        return result;
    }
}
