namespace WebNet.Core.PenStrokes;

/// <summary>
/// The centre lines of a digit's strokes: the image thresholded, thinned to one pixel (<see cref="Thinning"/>), and
/// joined into straight segments between 8-connected skeleton pixels. Where two pixels touch diagonally and also
/// through a shared edge neighbour, only the edge path is kept, so a corner is not drawn as a small triangle. The
/// points along a plain run of the line (two neighbours) are smoothed toward their neighbours, which turns the
/// pixel staircase of a slanted line into a straight sub-pixel line; line ends and junctions stay where they are.
/// Coordinates are continuous in the source field: pixel (x, y) is centred at (x + 0.5, y + 0.5).
/// </summary>
public sealed class Skeleton
{
    /// <summary>Ink at or above this is part of a stroke (MNIST digits are anti-aliased; their cores are near 1).</summary>
    public const float DefaultThreshold = 0.5f;

    /// <summary>Rounds of smoothing along runs of the line: each moves a point halfway to its neighbours' mean.</summary>
    public const int SmoothingRounds = 3;

    private Skeleton(int width, int height, bool[] mask, StrokeSegment[] segments)
    {
        (Width, Height, Mask, Segments) = (width, height, mask, segments);
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The skeleton pixels (Height, Width) row-major.</summary>
    public IReadOnlyList<bool> Mask { get; }

    /// <summary>The strokes as segments; a lone pixel is one segment of length 0 (a dot); empty for a blank image.</summary>
    public IReadOnlyList<StrokeSegment> Segments { get; }

    public bool IsEmpty => Segments.Count == 0;

    /// <summary>
    /// The skeleton of image (height, width), ink 0..1. If no pixel reaches the threshold but some ink exists (a
    /// faint digit), half the strongest ink is used instead, so a faint digit still has strokes.
    /// </summary>
    public static Skeleton Of(ReadOnlySpan<float> image, int width, int height, float threshold = DefaultThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (image.Length != width * height)
        {
            throw new ArgumentException($"A {width}x{height} image needs {width * height} values, got {image.Length}.", nameof(image));
        }

        var max = 0f;
        foreach (var v in image)
        {
            max = Math.Max(max, v);
        }

        if (max < threshold && max > 0f)
        {
            threshold = max / 2f;
        }

        var mask = new bool[width * height];
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = max > 0f && image[i] >= threshold;
        }

        Thinning.Thin(mask, width, height);
        return new Skeleton(width, height, mask, Join(mask, width, height));
    }

    private static StrokeSegment[] Join(bool[] mask, int width, int height)
    {
        var node = new int[mask.Length];
        var points = new List<(float X, float Y)>();
        for (var i = 0; i < mask.Length; i++)
        {
            node[i] = mask[i] ? points.Count : -1;
            if (mask[i])
            {
                points.Add(((i % width) + 0.5f, (i / width) + 0.5f));
            }
        }

        // Each pair once: the neighbours to the east, south-west, south and south-east.
        var edges = new List<(int A, int B)>();
        var neighbours = new List<int>[points.Count];
        for (var p = 0; p < points.Count; p++)
        {
            neighbours[p] = [];
        }

        for (var i = 0; i < mask.Length; i++)
        {
            if (!mask[i])
            {
                continue;
            }

            var (x, y) = (i % width, i / width);
            foreach (var (dx, dy) in (ReadOnlySpan<(int, int)>)[(1, 0), (-1, 1), (0, 1), (1, 1)])
            {
                if (!Thinning.At(mask, width, height, x + dx, y + dy))
                {
                    continue;
                }

                var diagonal = dx != 0 && dy != 0;
                if (diagonal && (Thinning.At(mask, width, height, x + dx, y) || Thinning.At(mask, width, height, x, y + dy)))
                {
                    continue;
                }

                var (a, b) = (node[i], node[((y + dy) * width) + x + dx]);
                edges.Add((a, b));
                neighbours[a].Add(b);
                neighbours[b].Add(a);
            }
        }

        Smooth(points, neighbours);
        var segments = new List<StrokeSegment>(edges.Count + 1);
        foreach (var (a, b) in edges)
        {
            segments.Add(new StrokeSegment(points[a].X, points[a].Y, points[b].X, points[b].Y));
        }

        for (var p = 0; p < points.Count; p++)
        {
            if (neighbours[p].Count == 0)
            {
                segments.Add(new StrokeSegment(points[p].X, points[p].Y, points[p].X, points[p].Y));
            }
        }

        return [.. segments];
    }

    private static void Smooth(List<(float X, float Y)> points, List<int>[] neighbours)
    {
        var next = new (float X, float Y)[points.Count];
        for (var round = 0; round < SmoothingRounds; round++)
        {
            for (var p = 0; p < points.Count; p++)
            {
                var n = neighbours[p];
                next[p] = n.Count != 2
                    ? points[p]
                    : ((0.5f * points[p].X) + (0.25f * (points[n[0]].X + points[n[1]].X)), (0.5f * points[p].Y) + (0.25f * (points[n[0]].Y + points[n[1]].Y)));
            }

            for (var p = 0; p < points.Count; p++)
            {
                points[p] = next[p];
            }
        }
    }
}
