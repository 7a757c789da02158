using WebNet.Core.PenStrokes;

namespace WebNet.Core.Tests.PenStrokes;

public sealed class SkeletonTests
{
    private const int Size = 28;

    [Fact]
    public void AThickSlantedLineThinsToAOnePixelWideConnectedLine()
    {
        // A bar about four pixels thick from (5, 6) to (22, 20).
        var image = Field((x, y) => DistanceToSegment(x + 0.5, y + 0.5, 5, 6, 22, 20) <= 2.0);

        var skeleton = Skeleton.Of(image, Size, Size);

        var pixels = Pixels(skeleton);
        Assert.True(pixels.Count >= 14, $"only {pixels.Count} skeleton pixels");
        Assert.False(HasSolidTwoByTwo(skeleton), "a 2x2 block of skeleton pixels is two pixels wide");
        Assert.Equal(pixels.Count, Reachable(skeleton, pixels[0]).Count);
        // Along the bar the skeleton keeps to its centre line; its ends may run into a corner of the round cap.
        Assert.All(pixels.Where(p => Neighbours(skeleton, p) == 2), p => Assert.True(DistanceToSegment(p.X + 0.5, p.Y + 0.5, 5, 6, 22, 20) <= 1.0, $"({p.X}, {p.Y}) is off the bar's centre line"));
        Assert.All(pixels, p => Assert.True(DistanceToSegment(p.X + 0.5, p.Y + 0.5, 5, 6, 22, 20) <= 2.0, $"({p.X}, {p.Y}) is outside the bar"));
        // A line has two ends: exactly two pixels with one neighbour.
        Assert.Equal(2, pixels.Count(p => Neighbours(skeleton, p) == 1));
    }

    [Fact]
    public void AThickRingThinsToAOnePixelClosedLoopAroundItsHole()
    {
        var image = Field((x, y) => Math.Abs(Math.Sqrt(((x + 0.5 - 14) * (x + 0.5 - 14)) + ((y + 0.5 - 14) * (y + 0.5 - 14))) - 8) <= 1.8);

        var skeleton = Skeleton.Of(image, Size, Size);

        var pixels = Pixels(skeleton);
        Assert.False(HasSolidTwoByTwo(skeleton));
        Assert.Equal(pixels.Count, Reachable(skeleton, pixels[0]).Count);
        Assert.All(pixels, p => Assert.True(Neighbours(skeleton, p) >= 2, $"({p.X}, {p.Y}) is a loose end"));
        Assert.All(pixels, p => Assert.InRange(Math.Sqrt(((p.X + 0.5 - 14) * (p.X + 0.5 - 14)) + ((p.Y + 0.5 - 14) * (p.Y + 0.5 - 14))), 7.0, 9.0));
        // The hole survives: the background at the centre cannot reach the border through 4-connected background.
        Assert.False(BackgroundReachesBorder(skeleton, 14, 14));
        // A closed loop has as many segments as points, each between 8-neighbours (smoothing moves points under a pixel).
        Assert.Equal(pixels.Count, skeleton.Segments.Count);
        Assert.All(skeleton.Segments, s => Assert.InRange(s.Length, 0.2, 1.5));
    }

    [Fact]
    public void ABlankImageHasNoStrokes()
    {
        var skeleton = Skeleton.Of(new float[Size * Size], Size, Size);

        Assert.True(skeleton.IsEmpty);
        Assert.Empty(Pixels(skeleton));
    }

    [Fact]
    public void ASinglePixelBecomesOneDotAtItsCentre()
    {
        var image = new float[Size * Size];
        image[(10 * Size) + 7] = 1f;

        var skeleton = Skeleton.Of(image, Size, Size);

        var dot = Assert.Single(skeleton.Segments);
        Assert.Equal(new StrokeSegment(7.5f, 10.5f, 7.5f, 10.5f), dot);
    }

    [Fact]
    public void AFaintDigitStillHasStrokes()
    {
        var image = Field((x, y) => x == 14 && y is > 5 and < 22).Select(v => v * 0.3f).ToArray();

        var skeleton = Skeleton.Of(image, Size, Size);

        Assert.Equal(16, Pixels(skeleton).Count);
    }

    internal static float[] Field(Func<int, int, bool> ink)
    {
        var image = new float[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                image[(y * Size) + x] = ink(x, y) ? 1f : 0f;
            }
        }

        return image;
    }

    internal static double DistanceToSegment(double px, double py, double ax, double ay, double bx, double by)
    {
        var (dx, dy) = (bx - ax, by - ay);
        var t = Math.Clamp((((px - ax) * dx) + ((py - ay) * dy)) / ((dx * dx) + (dy * dy)), 0, 1);
        var (ex, ey) = (px - ax - (t * dx), py - ay - (t * dy));
        return Math.Sqrt((ex * ex) + (ey * ey));
    }

    private static bool Set(Skeleton s, int x, int y) => x >= 0 && y >= 0 && x < s.Width && y < s.Height && s.Mask[(y * s.Width) + x];

    private static List<(int X, int Y)> Pixels(Skeleton s) =>
        [.. Enumerable.Range(0, s.Width * s.Height).Where(i => s.Mask[i]).Select(i => (i % s.Width, i / s.Width))];

    private static int Neighbours(Skeleton s, (int X, int Y) p)
    {
        var n = 0;
        for (var dy = -1; dy <= 1; dy++)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                n += (dx, dy) != (0, 0) && Set(s, p.X + dx, p.Y + dy) ? 1 : 0;
            }
        }

        return n;
    }

    private static bool HasSolidTwoByTwo(Skeleton s)
    {
        for (var y = 0; y < s.Height - 1; y++)
        {
            for (var x = 0; x < s.Width - 1; x++)
            {
                if (Set(s, x, y) && Set(s, x + 1, y) && Set(s, x, y + 1) && Set(s, x + 1, y + 1))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The skeleton pixels 8-connected to start.</summary>
    private static HashSet<(int X, int Y)> Reachable(Skeleton s, (int X, int Y) start)
    {
        var seen = new HashSet<(int X, int Y)> { start };
        var queue = new Queue<(int X, int Y)>([start]);
        while (queue.TryDequeue(out var p))
        {
            for (var dy = -1; dy <= 1; dy++)
            {
                for (var dx = -1; dx <= 1; dx++)
                {
                    var q = (p.X + dx, p.Y + dy);
                    if (Set(s, q.Item1, q.Item2) && seen.Add(q))
                    {
                        queue.Enqueue(q);
                    }
                }
            }
        }

        return seen;
    }

    private static bool BackgroundReachesBorder(Skeleton s, int x, int y)
    {
        var seen = new HashSet<(int, int)> { (x, y) };
        var queue = new Queue<(int X, int Y)>([(x, y)]);
        while (queue.TryDequeue(out var p))
        {
            if (p.X == 0 || p.Y == 0 || p.X == s.Width - 1 || p.Y == s.Height - 1)
            {
                return true;
            }

            foreach (var (dx, dy) in new[] { (1, 0), (-1, 0), (0, 1), (0, -1) })
            {
                var q = (p.X + dx, p.Y + dy);
                if (!Set(s, q.Item1, q.Item2) && seen.Add(q))
                {
                    queue.Enqueue(q);
                }
            }
        }

        return false;
    }
}
