using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing.Processors.Quantization;

namespace WebNet.Core.Imaging;

/// <summary>
/// A layer's incoming weights as a grid of heatmaps, one tile per neuron (a first-hidden-layer neuron of an
/// MNIST network is a 28x28 picture; 64 of them make an 8x8 grid). Colours follow the dashboard: ColorBrewer
/// RdBu, red positive, blue negative, near white 0, on a symmetric scale of ±max|w| of the frame, or ±scale when
/// one is given (weights beyond it at full colour). Values are put on 255 levels (-127..127, as the int8 snapshots
/// are), so with the gap colour every picture has at most 256 colours and every GIF frame shares one fixed palette
/// (no per-frame quantising; see Palette). A GIF's frames after the first carry only the pixels that changed (the rest
/// transparent over the frame before), which is what keeps a long run's animation small.
/// </summary>
public static class HeatmapRenderer
{
    private static readonly Rgb24 Gap = new(64, 64, 64);
    private static readonly Rgb24[] Negative = [new(247, 247, 247), new(146, 197, 222), new(33, 102, 172)];
    private static readonly Rgb24[] Positive = [new(247, 247, 247), new(244, 165, 130), new(178, 24, 43)];
    private static readonly Rgb24[] Levels = [.. Enumerable.Range(-127, 255).Select(level => Colour(level / 127f))];
    private static readonly Rgba32 Unchanged = new(0, 0, 0, 0);
    // A GIF palette holds 256 colours: the levels but the two extremes (±127 come out as their neighbours ±126, one
    // step of 255 away), the gap colour, and transparent for a pixel unchanged since the frame before.
    private static readonly Color[] Palette = [.. Levels[1..^1].Select(c => new Color(c)), new Color(Gap), new Color(Unchanged)];

    /// <summary>The grid's size in pixels for neurons tiles of inputs weights each (see Render).</summary>
    public static (int Width, int Height) Size(int neurons, int inputs, int zoom = 4, int gap = 2)
    {
        var (columns, rows) = Grid(neurons);
        var (tileWidth, tileHeight) = Tile(inputs);
        return ((columns * tileWidth * zoom) + ((columns - 1) * gap), (rows * tileHeight * zoom) + ((rows - 1) * gap));
    }

    /// <summary>
    /// weights (neurons, inputs) row-major: row j is neuron j's incoming weights, drawn as a tile of
    /// ceil(sqrt(inputs)) columns (28x28 for MNIST), zoom pixels per weight, in ceil(sqrt(neurons)) columns
    /// of tiles with gap pixels between them; scale: the weight drawn at full colour (null: the largest |w|).
    /// </summary>
    public static Image<Rgb24> Render(ReadOnlySpan<float> weights, int neurons, int inputs, int zoom = 4, int gap = 2, float? scale = null)
    {
        var (width, height) = Size(neurons, inputs, zoom, gap);
        return Image.LoadPixelData<Rgb24>(Pixels(weights, neurons, inputs, zoom, gap, scale), width, height);
    }

    private static Rgb24[] Pixels(ReadOnlySpan<float> weights, int neurons, int inputs, int zoom, int gap, float? fixedScale)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(neurons);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(zoom);
        ArgumentOutOfRangeException.ThrowIfNegative(gap);
        if (weights.Length != neurons * inputs)
        {
            throw new ArgumentException($"{neurons} neurons of {inputs} weights need {neurons * inputs} values, got {weights.Length}.", nameof(weights));
        }

        var scale = fixedScale ?? 0f;
        if (fixedScale is null)
        {
            foreach (var w in weights)
            {
                scale = float.IsFinite(w) ? MathF.Max(scale, MathF.Abs(w)) : scale;
            }
        }

        var (width, height) = Size(neurons, inputs, zoom, gap);
        var (columns, _) = Grid(neurons);
        var (tileWidth, _) = Tile(inputs);
        var pixels = new Rgb24[width * height];
        Array.Fill(pixels, Gap);
        for (var j = 0; j < neurons; j++)
        {
            var left = j % columns * ((tileWidth * zoom) + gap);
            var top = j / columns * ((Tile(inputs).Height * zoom) + gap);
            for (var i = 0; i < inputs; i++)
            {
                var w = weights[(j * inputs) + i];
                var level = scale > 0f && float.IsFinite(w) ? (int)MathF.Round(Math.Clamp(w / scale, -1f, 1f) * 127f) : 0;
                var colour = Levels[level + 127];
                var x0 = left + (i % tileWidth * zoom);
                var y0 = top + (i / tileWidth * zoom);
                for (var dy = 0; dy < zoom; dy++)
                {
                    pixels.AsSpan(((y0 + dy) * width) + x0, zoom).Fill(colour);
                }
            }
        }

        return pixels;
    }

    public static byte[] Png(ReadOnlySpan<float> weights, int neurons, int inputs, int zoom = 4, int gap = 2)
    {
        using var image = Render(weights, neurons, inputs, zoom, gap);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream, new PngEncoder { ColorType = PngColorType.Rgb, BitDepth = PngBitDepth.Bit8 });
        return stream.ToArray();
    }

    /// <summary>
    /// An animated GIF, one frame per element of frames (each (neurons, inputs) weights), every frame on the
    /// symmetric scale ±scale (null: each frame its own ±max|w|), looping, delayCentiseconds per frame and the last
    /// held for holdCentiseconds.
    /// </summary>
    public static byte[] AnimatedGif(IEnumerable<float[]> frames, int neurons, int inputs, int zoom = 2, int gap = 2, int delayCentiseconds = 10, int holdCentiseconds = 200, float? scale = null)
    {
        using var stream = new MemoryStream();
        AnimatedGif(frames, neurons, inputs, stream, zoom, gap, delayCentiseconds, holdCentiseconds, scale);
        return stream.ToArray();
    }

    /// <summary>
    /// The animated GIF written to destination. frames is read one element at a time and each is rendered straight
    /// into the animation, so a lazy sequence never holds more than one frame's weights; the encoder still needs
    /// every frame's pixels (Size(...) x 3 bytes each), so callers bound the number of frames.
    /// </summary>
    public static void AnimatedGif(IEnumerable<float[]> frames, int neurons, int inputs, Stream destination, int zoom = 2, int gap = 2, int delayCentiseconds = 10, int holdCentiseconds = 200, float? scale = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(neurons);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        var (width, height) = Size(neurons, inputs, zoom, gap);
        Image<Rgba32>? animation = null;
        Rgb24[]? previous = null;
        var delta = new Rgba32[width * height];
        try
        {
            foreach (var weights in frames)
            {
                var pixels = Pixels(weights, neurons, inputs, zoom, gap, scale);
                for (var i = 0; i < pixels.Length; i++)
                {
                    delta[i] = previous is not null && previous[i] == pixels[i] ? Unchanged : new Rgba32(pixels[i].R, pixels[i].G, pixels[i].B);
                }

                previous = pixels;
                var frame = Image.LoadPixelData<Rgba32>(delta, width, height);
                var metadata = frame.Frames.RootFrame.Metadata.GetGifMetadata();
                metadata.FrameDelay = delayCentiseconds;
                metadata.DisposalMethod = GifDisposalMethod.NotDispose; // the next frame's transparent pixels show this one
                if (animation is null)
                {
                    animation = frame; // the first frame is the animation itself: no copy
                    animation.Metadata.GetGifMetadata().RepeatCount = 0;
                    continue;
                }

                using (frame)
                {
                    animation.Frames.AddFrame(frame.Frames.RootFrame);
                }
            }

            if (animation is null)
            {
                throw new ArgumentException("An animation needs at least one frame.", nameof(frames));
            }

            animation.Frames[^1].Metadata.GetGifMetadata().FrameDelay = holdCentiseconds;
            animation.SaveAsGif(destination, new GifEncoder
            {
                ColorTableMode = GifColorTableMode.Global,
                Quantizer = new PaletteQuantizer(Palette, new QuantizerOptions { Dither = null }),
            });
        }
        finally
        {
            animation?.Dispose();
        }
    }

    /// <summary>RdBu colour of t in [-1, 1], interpolated over three stops on each side.</summary>
    private static Rgb24 Colour(float t)
    {
        var stops = t >= 0 ? Positive : Negative;
        var s = MathF.Abs(t) * 2f;
        var i = s < 1f ? 0 : 1;
        var f = s - i;
        byte Mix(byte a, byte b) => (byte)MathF.Round(a + ((b - a) * f));
        return new Rgb24(Mix(stops[i].R, stops[i + 1].R), Mix(stops[i].G, stops[i + 1].G), Mix(stops[i].B, stops[i + 1].B));
    }

    private static (int Columns, int Rows) Grid(int neurons)
    {
        var columns = (int)Math.Ceiling(Math.Sqrt(neurons));
        return (columns, (neurons + columns - 1) / columns);
    }

    private static (int Width, int Height) Tile(int inputs)
    {
        var width = (int)Math.Ceiling(Math.Sqrt(inputs));
        return (width, (inputs + width - 1) / width);
    }
}
