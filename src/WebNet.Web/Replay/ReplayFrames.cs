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
