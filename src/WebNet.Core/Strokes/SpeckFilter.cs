using System.Buffers;

namespace WebNet.Core.Strokes;

/// <summary>
/// Leaves out specks: stray dots of ink away from the digit. The ink (every pixel above 0, the preprocessor's noise
/// floor already applied) is split into 8-connected components. The rule: a component is a speck when it is small,
/// under <see cref="SmallFraction"/> of the largest component's pixels, AND far, its bounding box more than
/// <see cref="FarFraction"/> of the digit's size (the longer side of the box around all the components that are not
/// small) away from that box. Both are needed: a digit drawn in pieces (a '4' whose strokes do not meet, a '5' with its
/// top bar lifted off) has no small far part, and a small piece close to the rest (a short detached tick) stays.
/// </summary>
public static class SpeckFilter
{
    public const double SmallFraction = 0.1;

    public const double FarFraction = 0.15;

    /// <summary>Zeroes the specks of ink (height, width) in place; returns how many components and pixels that was.</summary>
    public static (int Specks, int Pixels) Remove(Span<float> ink, int width, int height)
    {
        var count = width * height;
        var labels = ArrayPool<int>.Shared.Rent(count);
        var stack = ArrayPool<int>.Shared.Rent(count);
        var components = new List<Component>();
        try
        {
            Array.Clear(labels, 0, count);
            for (var start = 0; start < count; start++)
            {
                if (ink[start] <= 0f || labels[start] != 0)
                {
                    continue;
                }

                // Flood fill from start; labels are component index + 1.
                var label = components.Count + 1;
                var c = new Component(start % width, start / width);
                var top = 0;
                stack[top++] = start;
                labels[start] = label;
                while (top > 0)
                {
                    var p = stack[--top];
                    var (x, y) = (p % width, p / width);
                    c = c.Add(x, y);
                    for (var dy = -1; dy <= 1; dy++)
                    {
                        for (var dx = -1; dx <= 1; dx++)
                        {
                            var (nx, ny) = (x + dx, y + dy);
                            if ((uint)nx < (uint)width && (uint)ny < (uint)height && ink[(ny * width) + nx] > 0f && labels[(ny * width) + nx] == 0)
                            {
                                labels[(ny * width) + nx] = label;
                                stack[top++] = (ny * width) + nx;
                            }
                        }
                    }
                }

                components.Add(c);
            }

            var specks = Specks(components);
            if (specks.Count == 0)
            {
                return (0, 0);
            }

            var pixels = 0;
            for (var p = 0; p < count; p++)
            {
                if (labels[p] != 0 && specks.Contains(labels[p] - 1))
                {
                    ink[p] = 0f;
                    pixels++;
                }
            }

            return (specks.Count, pixels);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(labels);
            ArrayPool<int>.Shared.Return(stack);
        }
    }

    private static HashSet<int> Specks(List<Component> components)
    {
        var specks = new HashSet<int>();
        if (components.Count < 2)
        {
            return specks;
        }

        var largest = components.Max(c => c.Pixels);
        var small = largest * SmallFraction;
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = int.MinValue, y1 = int.MinValue;
        foreach (var c in components.Where(c => c.Pixels >= small))
        {
            (x0, y0, x1, y1) = (Math.Min(x0, c.X0), Math.Min(y0, c.Y0), Math.Max(x1, c.X1), Math.Max(y1, c.Y1));
        }

        var far = FarFraction * Math.Max(x1 - x0 + 1, y1 - y0 + 1);
        for (var i = 0; i < components.Count; i++)
        {
            var c = components[i];
            var gapX = Math.Max(0, Math.Max(x0 - c.X1, c.X0 - x1));
            var gapY = Math.Max(0, Math.Max(y0 - c.Y1, c.Y0 - y1));
            if (c.Pixels < small && Math.Sqrt(((double)gapX * gapX) + ((double)gapY * gapY)) > far)
            {
                specks.Add(i);
            }
        }

        return specks;
    }

    /// <summary>A component's pixel count and bounding box (inclusive).</summary>
    private readonly record struct Component(int X0, int Y0, int X1, int Y1, int Pixels)
    {
        public Component(int x, int y)
            : this(x, y, x, y, 0)
        {
        }

        public Component Add(int x, int y) => new(Math.Min(X0, x), Math.Min(Y0, y), Math.Max(X1, x), Math.Max(Y1, y), Pixels + 1);
    }
}
