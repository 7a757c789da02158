using WebNet.Core.Imaging;

namespace WebNet.Core.PenStrokes;

/// <summary>How a pen drawing stores its ink: the three canvas conventions, and a coloured pen on white or on a transparent canvas.</summary>
public enum PenInk
{
    /// <summary>Black ink on a transparent canvas: the ink is the alpha channel (the app's drawing pad).</summary>
    Alpha,

    /// <summary>Black ink on white.</summary>
    DarkOnLight,

    /// <summary>White ink on black.</summary>
    LightOnDark,

    /// <summary>A coloured pen on white: the ink read is how much darker than the paper the colour is.</summary>
    ColourOnWhite,

    /// <summary>A coloured pen on a transparent canvas: the ink is the alpha channel, whatever the colour.</summary>
    ColourOnTransparent,
}

public static class PenInks
{
    public static IReadOnlyList<PenInk> All { get; } = Enum.GetValues<PenInk>();

    /// <summary>The convention <see cref="InkExtractor"/> finds for a drawing in this ink.</summary>
    public static InkConvention Convention(this PenInk ink) => ink switch
    {
        PenInk.Alpha or PenInk.ColourOnTransparent => InkConvention.Alpha,
        PenInk.DarkOnLight or PenInk.ColourOnWhite => InkConvention.DarkOnLight,
        PenInk.LightOnDark => InkConvention.LightOnDark,
        _ => throw new ArgumentOutOfRangeException(nameof(ink)),
    };

    public static string ToDisplayName(this PenInk ink) => ink switch
    {
        PenInk.Alpha => "alpha",
        PenInk.DarkOnLight => "dark-on-light",
        PenInk.LightOnDark => "light-on-dark",
        PenInk.ColourOnWhite => "colour-on-white",
        PenInk.ColourOnTransparent => "colour-on-transparent",
        _ => throw new ArgumentOutOfRangeException(nameof(ink)),
    };
}
