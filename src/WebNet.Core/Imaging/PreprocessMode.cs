using WebNet.Core.Wire;

namespace WebNet.Core.Imaging;

/// <summary>How a drawing becomes the 28x28 input.</summary>
public enum PreprocessMode
{
    /// <summary>As MNIST was made: crop to the ink, fit 20x20 keeping the aspect ratio, centre of mass at the centre of 28x28.</summary>
    Mnist,

    /// <summary>The whole canvas area-averaged to 28x28, no crop and no centring.</summary>
    None,

    /// <summary>Mnist after leaving out small far specks, bringing the pen's width and the slant to MNIST's (<see cref="Strokes.StrokePreprocessor"/>).</summary>
    Stroke,
}

public static class PreprocessModes
{
    private static readonly WireNames<PreprocessMode> Wire = new((PreprocessMode.Mnist, ["mnist"]), (PreprocessMode.None, ["none"]), (PreprocessMode.Stroke, ["stroke"]));

    /// <summary>
    /// What a drawing gets when the caller names no mode, in the app and the CLI alike: stroke, which on pen drawings
    /// reads 7-9 points better than mnist for the seed network and 1-3 for the others (README, "Drawings").
    /// </summary>
    public const PreprocessMode Default = PreprocessMode.Stroke;

    public static IReadOnlyList<string> Names => Wire.Names;

    public static string ToWireName(this PreprocessMode mode) => Wire.Of(mode);

    /// <summary>False (and mnist) for an unknown name.</summary>
    public static bool TryParse(string? text, out PreprocessMode mode) => Wire.TryParse(text, out mode);
}
