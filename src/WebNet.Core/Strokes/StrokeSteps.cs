namespace WebNet.Core.Strokes;

/// <summary>
/// What stroke preprocessing did to a drawing. SpecksRemoved components of ink (PixelsRemoved source pixels) were left
/// out as specks (<see cref="SpeckFilter"/>); StrokeWidth is the drawing's measured pen width and TargetStrokeWidth
/// MNIST's (<see cref="StrokeWidth.MnistTarget"/>), both in 28x28 pixels after the fit to 20x20; Adjustment is how much
/// each stroke was widened (positive) or narrowed (negative), in 28x28 pixels. Slant is the drawing's (dx/dy of its
/// ink, y down: negative leans right, see <see cref="Strokes.Slant"/>) and SlantCorrection the shear applied to bring
/// it to MNIST's median (0: none).
/// </summary>
public sealed record StrokeSteps(int SpecksRemoved, int PixelsRemoved, float StrokeWidth, float TargetStrokeWidth, float Adjustment, float Slant, float SlantCorrection);
