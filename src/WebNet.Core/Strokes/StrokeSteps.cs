namespace WebNet.Core.Strokes;

/// <summary>
/// What stroke preprocessing did to a drawing. SpecksRemoved components of ink (PixelsRemoved source pixels) were left
/// out as specks (<see cref="SpeckFilter"/>); StrokeWidth is the drawing's measured pen width and TargetStrokeWidth
/// MNIST's (<see cref="StrokeWidth.MnistTarget"/>), both in 28x28 pixels after the fit to 20x20; Adjustment is how much
/// each stroke was widened (positive) or narrowed (negative), in 28x28 pixels.
/// </summary>
public sealed record StrokeSteps(int SpecksRemoved, int PixelsRemoved, float StrokeWidth, float TargetStrokeWidth, float Adjustment);
