namespace WebNet.Core.Data;

/// <summary>Labelled images as one float buffer: Images (Count, Width*Height) row-major, ink 1, background 0.</summary>
public sealed class Dataset
{
    public Dataset(float[] images, byte[] labels, int width, int height, int classes = 10)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentException("Image size must be positive.");
        }

        if (images.Length != labels.Length * width * height)
        {
            throw new ArgumentException($"{labels.Length} labels need {labels.Length * width * height} pixels, got {images.Length}.", nameof(images));
        }

        foreach (var label in labels)
        {
            if (label >= classes)
            {
                throw new ArgumentException($"Label {label} is outside 0..{classes - 1}.", nameof(labels));
            }
        }

        Images = images;
        Labels = labels;
        Width = width;
        Height = height;
        Classes = classes;
    }

    public float[] Images { get; }

    public byte[] Labels { get; }

    public int Width { get; }

    public int Height { get; }

    public int Classes { get; }

    public int Count => Labels.Length;

    public int InputSize => Width * Height;

    public ReadOnlySpan<float> Image(int index) => Images.AsSpan(index * InputSize, InputSize);

    /// <summary>The first count samples (a copy).</summary>
    public Dataset Take(int count)
    {
        count = Math.Clamp(count, 0, Count);
        return new Dataset(Images.AsSpan(0, count * InputSize).ToArray(), Labels.AsSpan(0, count).ToArray(), Width, Height, Classes);
    }
}
