namespace WebNet.Core.Imaging;

/// <summary>
/// Turns a decoded canvas into ink (1 ink, 0 background) whatever convention drew it: black on a
/// transparent canvas (ink is in alpha, RGB zero), black on opaque white, or white on opaque black.
/// </summary>
public static class InkExtractor
{
    // Below this alpha a pixel counts as see-through; a canvas that is opaque everywhere has 255.
    private const byte OpaqueAlpha = 250;

    public static InkGrid Extract(RgbaImage image) => Extract(image, out _);

    public static InkGrid Extract(RgbaImage image, out InkConvention convention)
    {
        ArgumentNullException.ThrowIfNull(image);
        var px = image.Pixels;
        var count = image.Width * image.Height;
        var ink = new float[count];

        var transparent = false;
        for (var i = 0; i < count; i++)
        {
            if (px[(i * 4) + 3] < OpaqueAlpha)
            {
                transparent = true;
                break;
            }
        }

        if (transparent)
        {
            // A transparent canvas: strokes are where paint is. Canvas PNGs are straight alpha with the
            // colour of the pen in RGB, so the coverage alone is the ink.
            convention = InkConvention.Alpha;
            for (var i = 0; i < count; i++)
            {
                ink[i] = px[(i * 4) + 3] / 255f;
            }

            return new InkGrid(image.Width, image.Height, ink);
        }

        // Opaque: the border is almost all background, even when a stroke touches an edge, so its median
        // luminance is the paper. Ink is the distance from the paper, stretched so full contrast is 1.
        var background = BorderMedianLuminance(image);
        var dark = background < 0.5f;
        convention = dark ? InkConvention.LightOnDark : InkConvention.DarkOnLight;
        var range = dark ? 1f - background : background;
        range = Math.Max(range, 1f / 255f);
        for (var i = 0; i < count; i++)
        {
            var l = Luminance(px, i);
            var v = dark ? (l - background) / range : (background - l) / range;
            ink[i] = Math.Clamp(v, 0f, 1f);
        }

        return new InkGrid(image.Width, image.Height, ink);
    }

    /// <summary>Rec. 601 luma of pixel i, 0..1.</summary>
    private static float Luminance(byte[] px, int i) =>
        ((0.299f * px[i * 4]) + (0.587f * px[(i * 4) + 1]) + (0.114f * px[(i * 4) + 2])) / 255f;

    private static float BorderMedianLuminance(RgbaImage image)
    {
        var w = image.Width;
        var h = image.Height;
        var border = new List<float>((2 * w) + (2 * h));
        for (var x = 0; x < w; x++)
        {
            border.Add(Luminance(image.Pixels, x));
            if (h > 1)
            {
                border.Add(Luminance(image.Pixels, ((h - 1) * w) + x));
            }
        }

        for (var y = 1; y < h - 1; y++)
        {
            border.Add(Luminance(image.Pixels, y * w));
            if (w > 1)
            {
                border.Add(Luminance(image.Pixels, (y * w) + w - 1));
            }
        }

        border.Sort();
        return border[border.Count / 2];
    }
}
