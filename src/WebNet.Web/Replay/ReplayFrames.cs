using WebNet.Web.Contracts;

namespace WebNet.Web.Replay;

/// <summary>Which stored epochs a replay shows, and a snapshot's first layer back as floats.</summary>
public static class ReplayFrames
{
    /// <summary>At most max of epochs (in order), spread evenly, always with the first and the last.</summary>
    public static IReadOnlyList<int> Thin(IReadOnlyList<int> epochs, int max)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        if (epochs.Count <= max)
        {
            return epochs;
        }

        // Index i of max picks round(i * (n - 1) / (max - 1)): 0 and n - 1 at the ends, strictly increasing since n > max.
        var chosen = new int[max];
        for (var i = 0; i < max; i++)
        {
            chosen[i] = epochs[(int)Math.Round((double)i * (epochs.Count - 1) / (max - 1), MidpointRounding.AwayFromZero)];
        }

        return chosen;
    }

    /// <summary>
    /// The weight the dashboard draws at full colour for a snapshot's first layer: the 99.5th percentile of |byte|
    /// (at least 1), as wwwroot/js/weights.js clips, back in weight units. A run's GIF draws every frame on its last
    /// epoch's value, so frames compare with each other and the last one with the screen.
    /// </summary>
    public static float ScreenScale(WeightsDto weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var layer = weights.Layers[0];
        var counts = new int[129];
        foreach (var b in layer.Weights)
        {
            counts[Math.Abs((int)unchecked((sbyte)b))]++;
        }

        var target = layer.Weights.Length * 0.995;
        var seen = 0L;
        for (var v = 0; v <= 128; v++)
        {
            seen += counts[v];
            if (seen >= target)
            {
                return Math.Max(v, 1) / 127f * layer.Scale;
            }
        }

        return layer.Scale;
    }

    /// <summary>The first layer's weights (Out, In) back from int8: value = byte / 127 * scale.</summary>
    public static (float[] Values, int Neurons, int Inputs) FirstLayer(WeightsDto weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var layer = weights.Layers[0];
        var bytes = layer.Weights;
        var values = new float[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            values[i] = unchecked((sbyte)bytes[i]) / 127f * layer.Scale;
        }

        return (values, layer.Outputs, layer.Inputs);
    }
}
