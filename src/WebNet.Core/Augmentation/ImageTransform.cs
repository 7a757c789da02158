using WebNet.Core.Training;

namespace WebNet.Core.Augmentation;

/// <summary>
/// One sample's transform: rotation angle (radians, about the field's centre), isotropic scale, horizontal shear (the
/// tangent of its angle), shift in pixels, and stroke thickness (&gt; 0 thicker, &lt; 0 thinner, see <see cref="Morphology"/>).
/// </summary>
public readonly record struct ImageTransform(float Angle, float Scale, float Shear, float ShiftX, float ShiftY, float Thickness)
{
    /// <summary>Floats of an elastic field: 4x4 control points' x displacements, then their y displacements.</summary>
    public const int FieldLength = 2 * Augmenter.Grid * Augmenter.Grid;

    public static ImageTransform Identity => new(0f, 1f, 0f, 0f, 0f, 0f);

    /// <summary>A^-1 for A = rotation * shear * scale (output offset = A source offset): what sampling multiplies by.</summary>
    public (float I00, float I01, float I10, float I11) Inverse()
    {
        var (sin, cos) = MathF.SinCos(Angle);
        float a00 = cos * Scale, a01 = ((cos * Shear) - sin) * Scale;
        float a10 = sin * Scale, a11 = ((sin * Shear) + cos) * Scale;
        var det = (a00 * a11) - (a01 * a10);
        return (a11 / det, -a01 / det, -a10 / det, a00 / det);
    }

    /// <summary>
    /// A transform drawn from the options' ranges, and the elastic control points into field (zeros when elastic is off).
    /// Every parameter is drawn, in a fixed order, whichever transforms are on, so turning one off leaves the others as they were.
    /// </summary>
    public static ImageTransform Draw(AugmentationOptions options, SplitMix64 random, Span<float> field)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        var angle = Uniform(random, options.Rotation) * (MathF.PI / 180f);
        var scale = 1f + Uniform(random, options.Scale);
        var shear = MathF.Tan(Uniform(random, options.Shear) * (MathF.PI / 180f));
        var shiftX = Uniform(random, options.Shift);
        var shiftY = Uniform(random, options.Shift);
        var thickness = Uniform(random, options.Thickness);
        for (var k = 0; k < FieldLength; k += 2)
        {
            var (a, b) = random.NextGaussianPair();
            field[k] = options.Elastic > 0 ? (float)a * options.Elastic : 0f;
            field[k + 1] = options.Elastic > 0 ? (float)b * options.Elastic : 0f;
        }

        return new ImageTransform(angle, scale, shear, shiftX, shiftY, thickness);
    }

    private static float Uniform(SplitMix64 random, float halfWidth)
    {
        var r = (float)((random.NextDouble() * 2.0) - 1.0);
        return halfWidth > 0 ? r * halfWidth : 0f;
    }
}
