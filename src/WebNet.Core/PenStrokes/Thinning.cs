namespace WebNet.Core.PenStrokes;

/// <summary>
/// Thins a binary image (Height, Width) to a one-pixel-wide, 8-connected skeleton with the same topology. Each round
/// peels one layer from each side in turn (north, east, south, west): the pixels on that side's border are found
/// first, then removed one by one if each is still a simple point (removing it neither splits the ink nor opens or
/// closes a hole) and not the end of a line. Peeling all four sides equally keeps the skeleton in the middle of the
/// stroke; re-checking each removal keeps 2-pixel-thick strokes from vanishing, which Zhang-Suen's parallel removal
/// allows (it erases a 2x2 square completely).
/// </summary>
internal static class Thinning
{
    // The eight neighbours clockwise from north: (dx, dy) with y down.
    private static readonly (int Dx, int Dy)[] Ring = [(0, -1), (1, -1), (1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1)];

    // North, east, south, west as indices into Ring.
    private static readonly int[] Sides = [0, 2, 4, 6];

    public static void Thin(bool[] pixels, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        var candidates = new List<int>();
        bool changed;
        do
        {
            changed = false;
            foreach (var side in Sides)
            {
                candidates.Clear();
                var (sx, sy) = Ring[side];
                for (var y = 0; y < height; y++)
                {
                    for (var x = 0; x < width; x++)
                    {
                        if (pixels[(y * width) + x] && !At(pixels, width, height, x + sx, y + sy))
                        {
                            candidates.Add((y * width) + x);
                        }
                    }
                }

                foreach (var index in candidates)
                {
                    var (x, y) = (index % width, index / width);
                    if (Neighbours(pixels, width, height, x, y) >= 2 && IsSimple(pixels, width, height, x, y))
                    {
                        pixels[index] = false;
                        changed = true;
                    }
                }
            }
        }
        while (changed);
    }

    /// <summary>How many of the eight neighbours of (x, y) are set.</summary>
    public static int Neighbours(bool[] pixels, int width, int height, int x, int y)
    {
        var n = 0;
        foreach (var (dx, dy) in Ring)
        {
            n += At(pixels, width, height, x + dx, y + dy) ? 1 : 0;
        }

        return n;
    }

    public static bool At(bool[] pixels, int width, int height, int x, int y) =>
        (uint)x < (uint)width && (uint)y < (uint)height && pixels[(y * width) + x];

    /// <summary>
    /// A pixel is simple (for 8-connected ink and 4-connected background) when its set neighbours form exactly one
    /// 8-connected group and its background neighbours that touch it by an edge form exactly one 4-connected group
    /// within the ring.
    /// </summary>
    private static bool IsSimple(bool[] pixels, int width, int height, int x, int y)
    {
        Span<bool> ring = stackalloc bool[8];
        for (var i = 0; i < 8; i++)
        {
            ring[i] = At(pixels, width, height, x + Ring[i].Dx, y + Ring[i].Dy);
        }

        return InkGroups(ring) == 1 && BackgroundGroups(ring) == 1;
    }

    /// <summary>8-connected groups of set pixels in the ring: consecutive ring cells touch, and an edge cell also touches across a corner cell.</summary>
    private static int InkGroups(ReadOnlySpan<bool> ring)
    {
        // Walking the ring, neighbouring cells are always 8-adjacent, so groups are runs of set cells; two edge cells
        // (even indices) two apart are adjacent too, which only matters when the corner between them is clear.
        var runs = SetRuns(ring);
        if (runs <= 1)
        {
            return runs;
        }

        // Edge cells i and i+2 around a clear corner i+1 touch diagonally: merge those runs.
        for (var i = 0; i < 8; i += 2)
        {
            if (ring[i] && !ring[(i + 1) % 8] && ring[(i + 2) % 8])
            {
                runs--;
            }
        }

        return Math.Max(runs, 1);
    }

    /// <summary>4-connected groups of background cells in the ring that touch the centre by an edge.</summary>
    private static int BackgroundGroups(ReadOnlySpan<bool> ring)
    {
        // Around the ring, background cells are 4-adjacent to the next ring cell, so a group is a run of clear
        // cells; count the runs holding an edge cell (even index).
        var groups = 0;
        for (var start = 0; start < 8; start++)
        {
            // A run starts at a clear cell whose predecessor is set.
            if (ring[start] || !ring[(start + 7) % 8])
            {
                continue;
            }

            for (var i = start; !ring[i % 8] && i < start + 8; i++)
            {
                if (i % 2 == 0)
                {
                    groups++;
                    break;
                }
            }
        }

        // No set cell at all: the whole ring is one clear run.
        return ring.IndexOf(true) < 0 ? 1 : groups;
    }

    /// <summary>Runs of consecutive set cells around the ring.</summary>
    private static int SetRuns(ReadOnlySpan<bool> ring)
    {
        var runs = 0;
        for (var i = 0; i < 8; i++)
        {
            if (ring[i] && !ring[(i + 7) % 8])
            {
                runs++;
            }
        }

        return runs == 0 && ring[0] ? 1 : runs;
    }
}
