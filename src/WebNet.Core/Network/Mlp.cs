namespace WebNet.Core.Network;

/// <summary>
/// A trained (or training) multilayer perceptron: a shape and its parameters in one contiguous buffer.
/// Instances are treated as immutable once published: the web app swaps whole instances.
/// </summary>
public sealed class Mlp
{
    public Mlp(NetworkShape shape, float[] parameters)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Length != shape.ParameterCount)
        {
            throw new ArgumentException($"Expected {shape.ParameterCount} parameters, got {parameters.Length}.", nameof(parameters));
        }

        Shape = shape;
        Parameters = parameters;
    }

    public NetworkShape Shape { get; }

    /// <summary>All parameters: per layer W (Out,In) row-major, then b (Out).</summary>
    public float[] Parameters { get; }

    public ReadOnlySpan<float> Weights(int layer) => Parameters.AsSpan(Shape.WeightOffset(layer), Shape.Layers[layer].WeightCount);

    public ReadOnlySpan<float> Biases(int layer) => Parameters.AsSpan(Shape.BiasOffset(layer), Shape.Layers[layer].Outputs);

    /// <summary>Weights of one neuron: row j of layer's W, its incoming weights.</summary>
    public ReadOnlySpan<float> NeuronWeights(int layer, int neuron) => Weights(layer).Slice(neuron * Shape.Layers[layer].Inputs, Shape.Layers[layer].Inputs);

    /// <summary>Runs x (In) through the network and writes the outputs (Out).</summary>
    public void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        var activations = Forward(input);
        activations[^1].CopyTo(output);
    }

    /// <summary>Runs x (In) through the network and returns every layer's activations, the last being the output.</summary>
    public float[][] Forward(ReadOnlySpan<float> input, IReadOnlySet<int>? disabledHiddenNeurons = null)
    {
        if (input.Length != Shape.InputSize)
        {
            throw new ArgumentException($"Expected {Shape.InputSize} inputs, got {input.Length}.", nameof(input));
        }

        var result = new float[Shape.Layers.Count][];
        var x = input;
        for (var l = 0; l < Shape.Layers.Count; l++)
        {
            var layer = Shape.Layers[l];
            var w = Weights(l);
            var a = new float[layer.Outputs];
            Biases(l).CopyTo(a);
            for (var j = 0; j < layer.Outputs; j++)
            {
                a[j] += System.Numerics.Tensors.TensorPrimitives.Dot(w.Slice(j * layer.Inputs, layer.Inputs), x);
            }

            Activations.Forward(layer.Activation, a);
            if (l == 0 && disabledHiddenNeurons is not null && Shape.Layers.Count > 1)
            {
                foreach (var j in disabledHiddenNeurons)
                {
                    if ((uint)j < (uint)a.Length)
                    {
                        a[j] = 0f;
                    }
                }
            }

            result[l] = a;
            x = a;
        }

        return result;
    }

    public Mlp Clone() => new(Shape, (float[])Parameters.Clone());
}
