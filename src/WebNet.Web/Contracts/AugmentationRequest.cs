namespace WebNet.Web.Contracts;

/// <summary>
/// A start request's augmentation: each field overrides the preset's (0 turns that transform off). Rotation and shear
/// in degrees, scale a relative change, shift and elastic in pixels, thickness a fraction of a 3x3 dilation/erosion,
/// pen a share of the samples.
/// </summary>
public sealed record AugmentationRequest
{
    public float? Rotation { get; init; }

    public float? Scale { get; init; }

    public float? Shear { get; init; }

    public float? Shift { get; init; }

    public float? Elastic { get; init; }

    public float? Thickness { get; init; }

    /// <summary>The share of samples (0 to 1) redrawn with a constant-width pen along their strokes' centre lines.</summary>
    public float? Pen { get; init; }

    /// <summary>The fields that were given, by their names in Core (AugmentationOptions.Names).</summary>
    public IReadOnlyDictionary<string, float> Fields()
    {
        var fields = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var (name, value) in new[] { ("rotation", Rotation), ("scale", Scale), ("shear", Shear), ("shift", Shift), ("elastic", Elastic), ("thickness", Thickness), ("pen", Pen) })
        {
            if (value is { } v)
            {
                fields[name] = v;
            }
        }

        return fields;
    }
}
