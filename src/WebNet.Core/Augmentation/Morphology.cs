namespace WebNet.Core.Augmentation;

/// <summary>Grey-scale 3x3 dilation and erosion, blended with the image to thicken or thin its strokes by a fraction of a pixel.</summary>
public static class Morphology
{
    /// <summary>
    /// destination = source + |t| (morph - source), morph being the 3x3 maximum (t &gt; 0, thicker) or minimum (t &lt; 0,
    /// thinner) of source (height, width); outside the image counts as background.
    /// </summary>
    public static void Blend(ReadOnlySpan<float> source, Span<float> destination, int width, int height, float t)
    {
        var dilate = t > 0;
        var weight = Math.Min(Math.Abs(t), 1f);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var centre = source[(y * width) + x];
                var extreme = centre;
                for (var dy = -1; dy <= 1; dy++)
                {
                    var yy = y + dy;
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var xx = x + dx;
                        var v = (uint)xx < (uint)width && (uint)yy < (uint)height ? source[(yy * width) + xx] : 0f;
                        extreme = dilate ? Math.Max(extreme, v) : Math.Min(extreme, v);
                    }
                }

                destination[(y * width) + x] = centre + (weight * (extreme - centre));
            }
        }
    }
}
