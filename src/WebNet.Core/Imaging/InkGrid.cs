namespace WebNet.Core.Imaging;

/// <summary>A drawing as ink: Ink (Height, Width) row-major, 1 full ink, 0 background.</summary>
public sealed class InkGrid
{
    /// <summary>The largest width or height of a grid sent as numbers (the same as for a PNG).</summary>
    public const int MaxDimension = PngImageDecoder.MaxDimension;

    public InkGrid(int width, int height, float[] ink)
    {
        ArgumentNullException.ThrowIfNull(ink);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (ink.Length != (long)width * height)
        {
            throw new ArgumentException($"A {width}x{height} grid needs {(long)width * height} values, got {ink.Length}.", nameof(ink));
        }

        Width = width;
        Height = height;
        Ink = ink;
    }

    public int Width { get; }

    public int Height { get; }

    public float[] Ink { get; }

    public float this[int x, int y] => Ink[(y * Width) + x];

    /// <summary>
    /// Checks a grey grid sent as numbers (ink 0..1, row-major). Returns field name (camelCase, as in the API) to
    /// messages; empty when the grid is usable.
    /// </summary>
    public static Dictionary<string, string[]> Validate(IReadOnlyList<float>? pixels, int width, int height)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (width is < 1 or > MaxDimension)
        {
            errors["width"] = [$"The width must be between 1 and {MaxDimension}, got {width}."];
        }

        if (height is < 1 or > MaxDimension)
        {
            errors["height"] = [$"The height must be between 1 and {MaxDimension}, got {height}."];
        }

        if (pixels is null || pixels.Count == 0)
        {
            errors["pixels"] = ["The pixels are required: width*height grey values, ink 1 and background 0, row-major."];
            return errors;
        }

        if (errors.Count == 0 && pixels.Count != width * height)
        {
            errors["pixels"] = [$"{pixels.Count} pixels were sent, but a {width}x{height} grid needs {width * height}."];
            return errors;
        }

        for (var i = 0; i < pixels.Count; i++)
        {
            var v = pixels[i];
            if (!float.IsFinite(v) || v is < 0f or > 1f)
            {
                errors["pixels"] = [$"pixels[{i}] is {v}; every pixel must be a number from 0 to 1."];
                break;
            }
        }

        return errors;
    }

    /// <summary>Builds a grid from numbers already in ink units; throws <see cref="ArgumentException"/> naming the field when invalid.</summary>
    public static InkGrid FromPixels(IReadOnlyList<float> pixels, int width, int height)
    {
        var errors = Validate(pixels, width, height);
        if (errors.Count > 0)
        {
            var (field, messages) = errors.First();
            throw new ArgumentException(messages[0], field);
        }

        return new InkGrid(width, height, [.. pixels]);
    }
}
