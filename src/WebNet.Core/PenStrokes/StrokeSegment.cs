namespace WebNet.Core.PenStrokes;

/// <summary>
/// One straight piece of a pen stroke from (X0, Y0) to (X1, Y1), in the continuous coordinates of the field it came
/// from (pixel k spans [k, k+1), so its centre is k + 0.5). A segment whose ends coincide is a dot.
/// </summary>
public readonly record struct StrokeSegment(float X0, float Y0, float X1, float Y1)
{
    public float Length => MathF.Sqrt(((X1 - X0) * (X1 - X0)) + ((Y1 - Y0) * (Y1 - Y0)));
}
