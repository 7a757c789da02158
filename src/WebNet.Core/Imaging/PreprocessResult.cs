using WebNet.Core.Strokes;

namespace WebNet.Core.Imaging;

/// <summary>
/// The network's input and how it was made. Input (28*28) row-major, ink 1 background 0. BoundingBox and
/// Shift exist in mnist mode for a drawing with ink: the crop in source pixels and how far centring the
/// centre of mass moved the digit from the middle of the 28x28 field. CentreOfMass is that of Input, null when blank. Scale is output pixels per source pixel.
/// </summary>
public sealed record PreprocessResult(
    float[] Input,
    PreprocessMode Mode,
    bool Blank,
    InkBounds? BoundingBox,
    float Scale,
    FieldShift? Shift,
    FieldPoint? CentreOfMass)
{
    /// <summary>What stroke preprocessing did (speck removal, width normalisation); null for the other modes.</summary>
    public StrokeSteps? Steps { get; init; }
}
