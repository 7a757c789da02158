namespace WebNet.Core.Imaging;

/// <summary>How a drawing becomes the 28x28 input.</summary>
public enum PreprocessMode
{
    /// <summary>As MNIST was made: crop to the ink, fit 20x20 keeping the aspect ratio, centre of mass at the centre of 28x28.</summary>
    Mnist,

    /// <summary>The whole canvas area-averaged to 28x28, no crop and no centring.</summary>
    None,

    /// <summary>Mnist after leaving out small far specks and bringing the pen's width to MNIST's (<see cref="Strokes.StrokePreprocessor"/>).</summary>
    Stroke,
}

public static class PreprocessModes
{
    public static IReadOnlyList<string> Names { get; } = ["mnist", "none", "stroke"];

    public static string ToWireName(this PreprocessMode mode) => mode switch
    {
        PreprocessMode.Mnist => "mnist",
        PreprocessMode.None => "none",
        PreprocessMode.Stroke => "stroke",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    public static bool TryParse(string? text, out PreprocessMode mode)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "MNIST":
                mode = PreprocessMode.Mnist;
                return true;
            case "NONE":
                mode = PreprocessMode.None;
                return true;
            case "STROKE":
                mode = PreprocessMode.Stroke;
                return true;
            default:
                mode = PreprocessMode.Mnist;
                return false;
        }
    }
}
