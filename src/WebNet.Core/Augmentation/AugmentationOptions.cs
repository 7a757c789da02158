namespace WebNet.Core.Augmentation;

/// <summary>
/// How much each training image is transformed, drawn anew for every sample in every epoch. Each field is the
/// half-width of a uniform range (elastic: the standard deviation of its control points); 0 turns that
/// transform off, and all zeros (the default, and the seed preset's) trains on the images as they are.
/// </summary>
public sealed record AugmentationOptions
{
    public const float MaxRotation = 45f;
    public const float MaxScale = 0.5f;
    public const float MaxShear = 45f;
    public const float MaxShift = 8f;
    public const float MaxElastic = 4f;
    public const float MaxThickness = 1f;
    public const float MaxPen = 1f;

    public static AugmentationOptions None { get; } = new();

    /// <summary>Rotation about the field's centre, uniform in [-Rotation, Rotation] degrees.</summary>
    public float Rotation { get; init; }

    /// <summary>Isotropic scale, uniform in [1 - Scale, 1 + Scale].</summary>
    public float Scale { get; init; }

    /// <summary>Horizontal shear, uniform in [-Shear, Shear] degrees.</summary>
    public float Shear { get; init; }

    /// <summary>Translation, uniform in [-Shift, Shift] pixels on each axis.</summary>
    public float Shift { get; init; }

    /// <summary>
    /// Elastic distortion (after Simard, Steinkraus and Platt 2003): a smooth displacement field, interpolated from a
    /// 4x4 grid of control points each displaced by a normal of this standard deviation in pixels.
    /// </summary>
    public float Elastic { get; init; }

    /// <summary>
    /// Stroke thickness: t uniform in [-Thickness, Thickness]; t &gt; 0 blends towards a 3x3 dilation (thicker strokes),
    /// t &lt; 0 towards a 3x3 erosion (thinner), |t| = 1 being the whole step.
    /// </summary>
    public float Thickness { get; init; }

    /// <summary>
    /// The share of samples, 0 to 1, redrawn along their strokes' centre lines with a round pen of constant width
    /// (<see cref="PenRedraw"/>) before the other transforms: how a drawing pad's pen writes a digit.
    /// </summary>
    public float Pen { get; init; }

    /// <summary>Whether any transform is on.</summary>
    public bool Enabled => Rotation > 0 || Scale > 0 || Shear > 0 || Shift > 0 || Elastic > 0 || Thickness > 0 || Pen > 0;

    /// <summary>Field name (camelCase, augmentation.x as in the API) to messages; empty when usable.</summary>
    public IEnumerable<(string Field, string Message)> Validate()
    {
        foreach (var (name, value, max, unit) in Ranges())
        {
            if (!float.IsFinite(value) || value < 0 || value > max)
            {
                yield return ($"augmentation.{name}", $"augmentation.{name} must be a number from 0 (off) to {max}{unit}.");
            }
        }
    }

    /// <summary>The fields' names (camelCase, as the API, the CLI's --aug-* and the model JSON spell them), in order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. None.Ranges().Select(r => r.Name)];

    /// <summary>These options with one field, by its name in <see cref="Names"/>, set to value.</summary>
    public AugmentationOptions With(string name, float value) => name switch
    {
        "rotation" => this with { Rotation = value },
        "scale" => this with { Scale = value },
        "shear" => this with { Shear = value },
        "shift" => this with { Shift = value },
        "elastic" => this with { Elastic = value },
        "thickness" => this with { Thickness = value },
        "pen" => this with { Pen = value },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"Augmentation's fields are {string.Join(", ", Names)}."),
    };

    /// <summary>Each field with its name, value, largest allowed value and unit, in the order the API lists them.</summary>
    public IEnumerable<(string Name, float Value, float Max, string Unit)> Ranges()
    {
        yield return ("rotation", Rotation, MaxRotation, " degrees");
        yield return ("scale", Scale, MaxScale, "");
        yield return ("shear", Shear, MaxShear, " degrees");
        yield return ("shift", Shift, MaxShift, " pixels");
        yield return ("elastic", Elastic, MaxElastic, " pixels");
        yield return ("thickness", Thickness, MaxThickness, "");
        yield return ("pen", Pen, MaxPen, " (a share of the samples)");
    }
}
