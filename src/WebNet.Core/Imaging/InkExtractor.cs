namespace WebNet.Core.Imaging;

/// <summary>
/// Turns a decoded canvas into ink (1 ink, 0 background) whatever convention drew it: any pen on a transparent
/// canvas (ink is in alpha), or any pen colour on opaque paper of any colour (ink is the distance from the paper's colour).
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

        // Opaque paper: ink is the distance from the paper's colour (the largest difference in any channel), stretched
        // so the farthest colour from the paper is 1: a pure blue, red or green pen on white is full ink, as black is,
        // where the distance in luminance alone read green as 0.41. Translucent pixels are first laid over the paper, as
        // a viewer would show them, which scales their distance by their alpha.
        var paper = new Paper(BorderMedian(image, i => px[i * 4] / 255f), BorderMedian(image, i => px[(i * 4) + 1] / 255f), BorderMedian(image, i => px[(i * 4) + 2] / 255f));
        convention = paper.IsDark ? InkConvention.LightOnDark : InkConvention.DarkOnLight;
        for (var i = 0; i < count; i++)
        {
            ink[i] = paper.Ink(px[i * 4], px[(i * 4) + 1], px[(i * 4) + 2], px[(i * 4) + 3]);
        }

        return new InkGrid(image.Width, image.Height, ink);
    }

    /// <summary>
    /// An opaque canvas's background colour (R, G, B in 0..1, the border's per-channel medians) and the ink formula
    /// both ink readers use, so they give the same floats.
    /// </summary>
    internal readonly record struct Paper(float R, float G, float B)
    {
        /// <summary>The largest channel distance any colour can have from the paper (at least 1/255).</summary>
        public float Range { get; } = Math.Max(Math.Max(Far(R), Far(G)), Math.Max(Far(B), 1f / 255f));

        /// <summary>Dark paper (Rec. 601 luma under 0.5): light strokes on a dark background.</summary>
        public bool IsDark => (0.299f * R) + (0.587f * G) + (0.114f * B) < 0.5f;

        /// <summary>alpha times the largest channel distance from the paper, over Range, clamped to 0..1.</summary>
        public float Ink(byte r, byte g, byte b, byte a)
        {
            var distance = Math.Max(Math.Abs((r / 255f) - R), Math.Max(Math.Abs((g / 255f) - G), Math.Abs((b / 255f) - B)));
            return Math.Clamp(a / 255f * distance / Range, 0f, 1f);
        }

        private static float Far(float c) => Math.Max(c, 1f - c);
    }

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
