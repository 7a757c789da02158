namespace WebNet.Core.Imaging;

/// <summary>A point in the 28x28 field in index coordinates: pixel (0, 0) is at (0, 0), so the centre is (13.5, 13.5).</summary>
public readonly record struct FieldPoint(float X, float Y);
