namespace WebNet.Core.Imaging;

/// <summary>
/// Turns a decoded canvas into ink (1 ink, 0 background) whatever convention drew it: black on a
/// transparent canvas (ink is in alpha, RGB zero), black on opaque white, or white on opaque black.
/// </summary>
public static class InkExtractor
{
    public static InkGrid Extract(RgbaImage image) => Extract(image, out _);

    /// <summary>
    /// A grey grid sent as numbers is already ink (1 ink, 0 background, row-major); it is only checked. Throws
    /// <see cref="ArgumentException"/> whose ParamName is the API field at fault; <see cref="InkGrid.Validate"/> lists every fault.
    /// </summary>
    public static InkGrid FromPixels(IReadOnlyList<float> pixels, int width, int height) => InkGrid.FromPixels(pixels, width, height);

    public static InkGrid Extract(RgbaImage image, out InkConvention convention)
    {
        ArgumentNullException.ThrowIfNull(image);
        var px = image.Pixels;
        var count = image.Width * image.Height;
        var ink = new float[count];

        // The border is almost all background, even when a stroke touches an edge, so its medians describe the
        // canvas. A see-through border means a transparent canvas, however many pixels are opaque inside it; a few
        // stray translucent pixels in an opaque picture do not.
        if (BorderMedian(image, i => px[(i * 4) + 3] / 255f) < 0.5f)
        {
            // Strokes are where paint is. Canvas PNGs are straight alpha with the pen's colour in RGB, so the
            // coverage alone is the ink, whatever the pen's colour.
            convention = InkConvention.Alpha;
            for (var i = 0; i < count; i++)
            {
                ink[i] = px[(i * 4) + 3] / 255f;
            }

            return new InkGrid(image.Width, image.Height, ink);
        }

        // Opaque paper: ink is the distance from the paper's luminance, stretched so full contrast is 1.
        // Translucent pixels are first laid over the paper, as a viewer would show them.
        var background = BorderMedian(image, i => Luminance(px, i));
        var dark = background < 0.5f;
        convention = dark ? InkConvention.LightOnDark : InkConvention.DarkOnLight;
        var range = Math.Max(dark ? 1f - background : background, 1f / 255f);
        for (var i = 0; i < count; i++)
        {
            var alpha = px[(i * 4) + 3] / 255f;
            var l = (alpha * Luminance(px, i)) + ((1f - alpha) * background);
            var v = dark ? (l - background) / range : (background - l) / range;
            ink[i] = Math.Clamp(v, 0f, 1f);
        }

        return new InkGrid(image.Width, image.Height, ink);
    }

    /// <summary>Rec. 601 luma of pixel i, 0..1.</summary>
    private static float Luminance(byte[] px, int i) =>
        ((0.299f * px[i * 4]) + (0.587f * px[(i * 4) + 1]) + (0.114f * px[(i * 4) + 2])) / 255f;

    private static float BorderMedian(RgbaImage image, Func<int, float> value)
    {
        var w = image.Width;
        var h = image.Height;
        var border = new List<float>((2 * w) + (2 * h));
        for (var x = 0; x < w; x++)
        {
            border.Add(value(x));
            if (h > 1)
            {
                border.Add(value(((h - 1) * w) + x));
            }
        }

        for (var y = 1; y < h - 1; y++)
        {
            border.Add(value(y * w));
            if (w > 1)
            {
                border.Add(value((y * w) + w - 1));
            }
        }

        border.Sort();
        return border[border.Count / 2];
    }
}
