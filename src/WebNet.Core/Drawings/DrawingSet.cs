using WebNet.Core.Data;
using WebNet.Core.Imaging;

namespace WebNet.Core.Drawings;

/// <summary>
/// Drawings people labelled: a real-world test set to score a network on beside MNIST's, and data to train on. Each
/// drawing is kept as drawn; <see cref="ToDataset"/> turns the set into 28x28 inputs through the same preprocessing a
/// classify request gets.
/// </summary>
public sealed class DrawingSet
{
    /// <summary>The most drawings a set holds (an archive with more is refused).</summary>
    public const int MaxDrawings = 20_000;

    /// <summary>The largest PNG a drawing may be, as large as a classify request's body.</summary>
    public const int MaxPngBytes = 1024 * 1024;

    public DrawingSet(IEnumerable<LabelledDrawing> drawings)
    {
        ArgumentNullException.ThrowIfNull(drawings);
        Drawings = [.. drawings];
        if (Drawings.Count > MaxDrawings)
        {
            throw new DataFormatException($"A drawing set holds at most {MaxDrawings} drawings; this one has {Drawings.Count}.");
        }

        foreach (var drawing in Drawings)
        {
            Check(drawing.Label, drawing.Png, "A drawing");
        }
    }

    public IReadOnlyList<LabelledDrawing> Drawings { get; }

    public int Count => Drawings.Count;

    /// <summary>The drawings on one side of the held-out split (<see cref="LabelledDrawing.IsHeldOut"/>).</summary>
    public DrawingSet Part(double heldOutShare, bool heldOut) => new(Drawings.Where(d => d.IsHeldOut(heldOutShare) == heldOut));

    /// <summary>
    /// The drawings as the network sees them: each PNG read (<see cref="CanvasInkReader"/>) and preprocessed by mode into
    /// a 28x28 input, in the set's order. A drawing that cannot be read is named by its position.
    /// </summary>
    public Dataset ToDataset(PreprocessMode mode)
    {
        const int size = DigitPreprocessor.FieldSize;
        var images = new float[Count * size * size];
        var labels = new byte[Count];
        var failures = new DataFormatException?[Count];
        Parallel.For(0, Count, i =>
        {
            try
            {
                Input(Drawings[i], mode, $"drawing {i + 1}").CopyTo(images.AsSpan(i * size * size, size * size));
                labels[i] = (byte)Drawings[i].Label;
            }
            catch (DataFormatException e)
            {
                failures[i] = e;
            }
        });

        // The first bad drawing in the set's order, whichever thread met it first.
        return failures.FirstOrDefault(f => f is not null) is { } failure ? throw failure : new Dataset(images, labels, size, size);
    }

    /// <summary>
    /// train with the drawings appended copies times (oversampled, so a few hundred drawings weigh against 60,000
    /// digits): a new dataset, train first, so the same seed shuffles the same way whatever the drawings are.
    /// </summary>
    public static Dataset Mix(Dataset train, Dataset drawings, int copies)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(drawings);
        ArgumentOutOfRangeException.ThrowIfNegative(copies);
        if (drawings.Width != train.Width || drawings.Height != train.Height)
        {
            throw new ArgumentException($"Drawings of {drawings.Width}x{drawings.Height} do not mix with {train.Width}x{train.Height} digits.", nameof(drawings));
        }

        var n = train.InputSize;
        var count = train.Count + (copies * drawings.Count);
        var images = new float[count * n];
        var labels = new byte[count];
        train.Images.CopyTo(images, 0);
        train.Labels.CopyTo(labels, 0);
        for (var c = 0; c < copies; c++)
        {
            var at = train.Count + (c * drawings.Count);
            drawings.Images.CopyTo(images, at * n);
            drawings.Labels.CopyTo(labels, at);
        }

        return new Dataset(images, labels, train.Width, train.Height, train.Classes);
    }

    /// <summary>One drawing's 28x28 input; blank or unreadable drawings are a <see cref="DataFormatException"/> naming it.</summary>
    public static float[] Input(LabelledDrawing drawing, PreprocessMode mode, string name)
    {
        ArgumentNullException.ThrowIfNull(drawing);
        InkCrop ink;
        try
        {
            ink = CanvasInkReader.Read(drawing.Png, out _);
        }
        catch (ImageDecodeException e)
        {
            throw new DataFormatException($"{name} is not a readable PNG: {e.Message}", e);
        }

        PreprocessResult prepared;
        using (ink)
        {
            prepared = DigitPreprocessor.Process(ink, mode);
        }

        if (prepared.Blank)
        {
            throw new DataFormatException($"{name} has no ink.");
        }

        return prepared.Input;
    }

    /// <summary>A label and PNG fit for a set: 0-9 and a PNG of at most <see cref="MaxPngBytes"/>.</summary>
    internal static void Check(int label, byte[] png, string name)
    {
        if (label is < 0 or > 9)
        {
            throw new DataFormatException($"{name} has label {label}; labels are the digits 0 to 9.");
        }

        ArgumentNullException.ThrowIfNull(png);
        if (png.Length > MaxPngBytes)
        {
            throw new DataFormatException($"{name} is {png.Length} bytes; a drawing is at most {MaxPngBytes / 1024} KB.");
        }
    }
}
