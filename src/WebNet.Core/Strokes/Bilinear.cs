namespace WebNet.Core.Strokes;

/// <summary>Integer-factor bilinear enlargement, so that thin strokes have enough pixels across to measure and reshape.</summary>
internal static class Bilinear
{
    /// <summary>
    /// src (h, w) enlarged factor times into dst (h*factor + 2*margin, w*factor + 2*margin), the picture placed margin
    /// pixels in; dst pixel X's centre reads source position (X - margin + 0.5) / factor - 0.5, outside the source 0.
    /// </summary>
    public static void Enlarge(ReadOnlySpan<float> src, int w, int h, int factor, int margin, Span<float> dst)
    {
        var (dw, dh) = ((w * factor) + (2 * margin), (h * factor) + (2 * margin));
        dst[..(dw * dh)].Clear();
        for (var y = 0; y < h * factor; y++)
        {
            var sy = ((y + 0.5) / factor) - 0.5;
            var y0 = (int)Math.Floor(sy);
            var fy = (float)(sy - y0);
            for (var x = 0; x < w * factor; x++)
            {
                var sx = ((x + 0.5) / factor) - 0.5;
                var x0 = (int)Math.Floor(sx);
                var fx = (float)(sx - x0);
                var top = ((1 - fx) * At(src, w, h, x0, y0)) + (fx * At(src, w, h, x0 + 1, y0));
                var bottom = ((1 - fx) * At(src, w, h, x0, y0 + 1)) + (fx * At(src, w, h, x0 + 1, y0 + 1));
                dst[((y + margin) * dw) + x + margin] = ((1 - fy) * top) + (fy * bottom);
            }
        }
    }

    private static float At(ReadOnlySpan<float> src, int w, int h, int x, int y) =>
        (uint)x < (uint)w && (uint)y < (uint)h ? src[(y * w) + x] : 0f;
}
