using System.Runtime.CompilerServices;
using WebNet.Core.Data;
using WebNet.Core.PenStrokes;
using WebNet.Core.Strokes;

namespace WebNet.Core.Augmentation;

/// <summary>
/// A digit redrawn as a person's pen draws it: the centre lines of its strokes (<see cref="Skeleton"/>) traced with a
/// round pen of one constant width, MNIST's median (<see cref="StrokeWidth.MnistTarget"/>), anti-aliased over one
/// pixel at the edge as a canvas is. MNIST's writers pressed harder in some places than others and their scans blur
/// the ink; a pad's pen does neither, so a network that has only seen the former reads the latter worse. Values are
/// kept to 1/255 steps, so a redraw held as bytes (<see cref="PenRedraws"/>) is the redraw itself.
/// </summary>
public static class PenRedraw
{
    /// <summary>image (height, width), ink 0..1, redrawn into destination (the same size); a blank image stays blank.</summary>
    public static void Redraw(ReadOnlySpan<float> image, int width, int height, Span<float> destination)
    {
        if (image.Length != width * height || destination.Length != width * height)
        {
            throw new ArgumentException($"Images of {width}x{height} need {width * height} pixels.");
        }

        destination.Clear();
        var skeleton = Skeleton.Of(image, width, height);
        if (skeleton.IsEmpty)
        {
            return;
        }

        var segments = skeleton.Segments.ToArray();
        var coverage = PenStrokeRenderer.Coverage(segments, StrokeWidth.MnistTarget / 2.0, Math.Max(width, height), out var region);
        for (var y = 0; y < region.Height; y++)
        {
            var row = region.Y + y;
            if (row >= height)
            {
                break;
            }

            for (var x = 0; x < region.Width && region.X + x < width; x++)
            {
                destination[(row * width) + region.X + x] = MathF.Round(coverage[(y * region.Width) + x] * 255f) / 255f;
            }
        }
    }
}

/// <summary>
/// The pen redraws of a training set's images, each made the first time a sample is drawn for it and kept as bytes
/// (47 MB for MNIST's 60,000), so a run pays for each redraw once. One per dataset, shared by every backend and worker
/// that trains on it. Within an epoch each sample belongs to one worker; two backends redrawing the same sample at once
/// write the same bytes, and a redraw is only read after its flag says it is complete.
/// </summary>
internal sealed class PenRedraws
{
    private static readonly ConditionalWeakTable<Dataset, PenRedraws> Cache = [];

    private readonly Dataset _source;
    private readonly byte[] _images;
    private readonly bool[] _ready;

    private PenRedraws(Dataset source)
    {
        _source = source;
        _images = new byte[source.Images.Length];
        _ready = new bool[source.Count];
    }

    public static PenRedraws For(Dataset source) => Cache.GetValue(source, static s => new PenRedraws(s));

    /// <summary>Sample index's redraw into destination (InputSize floats); scratch holds at least InputSize floats.</summary>
    public void CopyTo(int index, Span<float> destination, Span<float> scratch)
    {
        var n = _source.InputSize;
        var bytes = _images.AsSpan(index * n, n);
        if (!Volatile.Read(ref _ready[index]))
        {
            var redrawn = scratch[..n];
            PenRedraw.Redraw(_source.Image(index), _source.Width, _source.Height, redrawn);
            for (var i = 0; i < n; i++)
            {
                bytes[i] = (byte)MathF.Round(redrawn[i] * 255f);
            }

            Volatile.Write(ref _ready[index], true);
        }

        for (var i = 0; i < n; i++)
        {
            destination[i] = bytes[i] / 255f;
        }
    }
}
