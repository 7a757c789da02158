namespace WebNet.Core.Imaging;

/// <summary>The ink's bounding box in source pixels: X, Y of the top-left pixel, and the size.</summary>
public readonly record struct InkBounds(int X, int Y, int Width, int Height);
