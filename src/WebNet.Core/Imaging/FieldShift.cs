namespace WebNet.Core.Imaging;

/// <summary>A displacement in output (28x28) pixels, x to the right and y down.</summary>
public readonly record struct FieldShift(float X, float Y);
