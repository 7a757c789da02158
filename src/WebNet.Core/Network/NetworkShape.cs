namespace WebNet.Core.Network;

/// <summary>
/// The architecture of a fully connected network: its layers and the cost it is trained on.
/// Parameters are laid out layer after layer, each as W (Out,In) row-major then b (Out), so a row of a
/// first-layer W is one hidden neuron's 28x28 picture.
/// </summary>
public sealed class NetworkShape
{
    private readonly int[] _offsets;

    public NetworkShape(IReadOnlyList<LayerSpec> layers, Cost cost)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
        {
            throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        }

        for (var l = 0; l < layers.Count; l++)
        {
            if (layers[l].Inputs <= 0 || layers[l].Outputs <= 0)
            {
                throw new ArgumentException($"Layer {l} has a non-positive size.", nameof(layers));
            }

            if (l > 0 && layers[l].Inputs != layers[l - 1].Outputs)
            {
                throw new ArgumentException($"Layer {l} takes {layers[l].Inputs} inputs but layer {l - 1} gives {layers[l - 1].Outputs}.", nameof(layers));
            }

            if (l < layers.Count - 1 && layers[l].Activation == Activation.Softmax)
            {
                throw new ArgumentException("Softmax is only allowed on the output layer.", nameof(layers));
            }
        }

        Layers = [.. layers];
        Cost = cost;
        _offsets = new int[layers.Count + 1];
        for (var l = 0; l < layers.Count; l++)
        {
            _offsets[l + 1] = _offsets[l] + layers[l].ParameterCount;
        }
    }

    public IReadOnlyList<LayerSpec> Layers { get; }

    public Cost Cost { get; }

    public int InputSize => Layers[0].Inputs;

    public int OutputSize => Layers[^1].Outputs;

    public int ParameterCount => _offsets[^1];

    /// <summary>The sizes from input to output, e.g. 784, 64, 10.</summary>
    public IReadOnlyList<int> Sizes => [InputSize, .. Layers.Select(l => l.Outputs)];

    public int WeightOffset(int layer) => _offsets[layer];

    public int BiasOffset(int layer) => _offsets[layer] + Layers[layer].WeightCount;

    /// <summary>A network of the given sizes with one hidden activation; the output activation follows from the cost.</summary>
    public static NetworkShape Create(IReadOnlyList<int> sizes, Activation hidden, Cost cost)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Count < 2)
        {
            throw new ArgumentException("A network needs an input size and an output size.", nameof(sizes));
        }

        var layers = new LayerSpec[sizes.Count - 1];
        for (var l = 0; l < layers.Length; l++)
        {
            var activation = l == layers.Length - 1 ? cost.OutputActivation() : hidden;
            layers[l] = new LayerSpec(sizes[l], sizes[l + 1], activation);
        }

        return new NetworkShape(layers, cost);
    }

    public override string ToString() => string.Join('-', Sizes) + " " + string.Join(',', Layers.Select(l => l.Activation.ToWireName())) + " " + Cost.ToWireName();
}
