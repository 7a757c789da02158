using System.Buffers;

namespace WebNet.Core.Imaging;

/// <summary>
/// The part of a canvas (CanvasWidth, CanvasHeight) that can hold ink: Ink (Height, Width) row-major covers source
/// pixels X..X+Width-1, Y..Y+Height-1, and every pixel outside it has no ink. A whole grid is the crop at (0, 0) of
/// its own size. A crop read from a PNG borrows its values from the shared array pool (a large digit's crop would
/// otherwise land on the large object heap every request); Dispose gives them back, after which Ink must not be read.
/// </summary>
public sealed class InkCrop : IDisposable
{
    private float[]? _values;
    private readonly bool _pooled;

    private InkCrop(float[] values, bool pooled, int width, int height, int x, int y, int canvasWidth, int canvasHeight)
    {
        (_values, _pooled) = (values, pooled);
        (Width, Height, X, Y, CanvasWidth, CanvasHeight) = (width, height, x, y, canvasWidth, canvasHeight);
    }

    public int Width { get; }

    public int Height { get; }

    public int X { get; }

    public int Y { get; }

    public int CanvasWidth { get; }

    public int CanvasHeight { get; }

    public ReadOnlySpan<float> Ink => (_values ?? throw new ObjectDisposedException(nameof(InkCrop))).AsSpan(0, Width * Height);

    public static InkCrop Whole(InkGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return new(grid.Ink, pooled: false, grid.Width, grid.Height, 0, 0, grid.Width, grid.Height);
    }

    /// <summary>A pooled crop for the reader to fill through the returned span (Height, Width).</summary>
    internal static InkCrop Rent(int width, int height, int x, int y, int canvasWidth, int canvasHeight, out Span<float> values)
    {
        var array = ArrayPool<float>.Shared.Rent(width * height);
        values = array.AsSpan(0, width * height);
        return new(array, pooled: true, width, height, x, y, canvasWidth, canvasHeight);
    }

    public void Dispose()
    {
        if (_pooled && Interlocked.Exchange(ref _values, null) is { } values)
        {
            ArrayPool<float>.Shared.Return(values);
        }
    }
}
