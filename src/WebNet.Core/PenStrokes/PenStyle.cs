using WebNet.Core.Training;

namespace WebNet.Core.PenStrokes;

/// <summary>
/// How one digit is drawn with a pen. CanvasSize: the square canvas's side in pixels. DigitHeight: the upright
/// digit's ink height (stroke path plus pen width) as a fraction of the canvas. PositionX, PositionY: where the
/// tilted digit sits in the room the canvas leaves around it, 0 (left, top) to 1 (right, bottom). TiltDegrees:
/// rotation about the digit's centre, positive clockwise on screen. PenWidth: the pen's diameter in canvas pixels.
/// Shake: the amplitude of a smooth wobble of the stroke path as a fraction of the digit height, from ShakeSeed.
/// Colour: the pen's RGB for the coloured inks (black or white otherwise).
/// </summary>
public sealed record PenStyle(
    int CanvasSize,
    double DigitHeight,
    double PositionX,
    double PositionY,
    double TiltDegrees,
    double PenWidth,
    double Shake,
    ulong ShakeSeed,
    PenInk Ink,
    (byte R, byte G, byte B) Colour)
{
    /// <summary>Canvas sides drawn by <see cref="Random"/>: a phone's pad to a desktop's.</summary>
    public const int MinCanvas = 200, MaxCanvas = 400;

    /// <summary>The digit's height as a fraction of the canvas: a small scribble in a corner to nearly filling it.</summary>
    public const double MinDigitHeight = 0.25, MaxDigitHeight = 0.8;

    /// <summary>
    /// Tilt either way: normal with this spread (most people write nearly upright, some slant), cut off at the maximum.
    /// </summary>
    public const double TiltSpreadDegrees = 8, MaxTiltDegrees = 25;

    /// <summary>
    /// Pen width as a fraction of the digit height: a thin pencil (1.5%) to a fat marker (18%), most often a felt tip or
    /// a drawing pad's default brush near the mode (a triangular distribution of the logarithm). MNIST's own strokes
    /// are about 10-15% of the digit's height.
    /// </summary>
    public const double MinPenFraction = 0.015, ModePenFraction = 0.10, MaxPenFraction = 0.18;

    /// <summary>A coloured pen on white is no lighter than this luminance (0 black, 1 white).</summary>
    public const double MaxColourLuminanceOnWhite = 0.5;

    /// <summary>Half the drawings have no shake; the rest a wobble of up to this fraction of the digit height.</summary>
    public const double MaxShake = 0.02;

    /// <summary>The pen width as a fraction of the digit height.</summary>
    public double PenFraction => PenWidth / (DigitHeight * CanvasSize);

    /// <summary>One style drawn from the ranges above; the same generator state gives the same style.</summary>
    public static PenStyle Random(SplitMix64 random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var size = MinCanvas + random.NextInt(MaxCanvas - MinCanvas + 1);
        var height = MinDigitHeight + ((MaxDigitHeight - MinDigitHeight) * random.NextDouble());
        var x = random.NextDouble();
        var y = random.NextDouble();
        var tilt = Math.Clamp(TiltSpreadDegrees * random.NextGaussian(), -MaxTiltDegrees, MaxTiltDegrees);
        var fraction = Math.Exp(Triangular(random.NextDouble(), Math.Log(MinPenFraction), Math.Log(ModePenFraction), Math.Log(MaxPenFraction)));
        var shake = random.NextDouble() < 0.5 ? 0 : MaxShake * random.NextDouble();
        var shakeSeed = random.NextUInt64();
        var ink = PenInks.All[random.NextInt(PenInks.All.Count)];
        var colour = ink switch
        {
            PenInk.ColourOnWhite => SaturatedColour(random, MaxColourLuminanceOnWhite),
            PenInk.ColourOnTransparent => SaturatedColour(random, maxLuminance: 1),
            PenInk.LightOnDark => ((byte)255, (byte)255, (byte)255),
            _ => ((byte)0, (byte)0, (byte)0),
        };
        return new PenStyle(size, height, x, y, tilt, fraction * height * size, shake, shakeSeed, ink, colour);
    }

    /// <summary>
    /// A random hue at high saturation and value. On white, colours lighter than maxLuminance (yellow, light green,
    /// cyan) are drawn again: nobody writes with a highlighter, and the app would read them as faint ink, as it should.
    /// </summary>
    private static (byte R, byte G, byte B) SaturatedColour(SplitMix64 random, double maxLuminance)
    {
        while (true)
        {
            var hue = 360 * random.NextDouble();
            var saturation = 0.75 + (0.25 * random.NextDouble());
            var value = 0.55 + (0.4 * random.NextDouble());
            var (r, g, b) = FromHsv(hue, saturation, value);
            if ((0.299 * r) + (0.587 * g) + (0.114 * b) <= maxLuminance)
            {
                return ((byte)Math.Round(255 * r), (byte)Math.Round(255 * g), (byte)Math.Round(255 * b));
            }
        }
    }

    /// <summary>The triangular distribution on [low, high] peaking at mode, by inverting its CDF at u in [0, 1).</summary>
    private static double Triangular(double u, double low, double mode, double high)
    {
        var split = (mode - low) / (high - low);
        return u < split
            ? low + Math.Sqrt(u * (high - low) * (mode - low))
            : high - Math.Sqrt((1 - u) * (high - low) * (high - mode));
    }

    private static (double R, double G, double B) FromHsv(double hue, double saturation, double value)
    {
        var c = value * saturation;
        var h = hue / 60;
        var x = c * (1 - Math.Abs((h % 2) - 1));
        var (r, g, b) = (int)h switch
        {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        var m = value - c;
        return (r + m, g + m, b + m);
    }
}
