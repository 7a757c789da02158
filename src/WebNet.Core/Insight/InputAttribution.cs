using WebNet.Core.Network;

namespace WebNet.Core.Insight;

/// <summary>
/// Why a network answers what it does for one input: its first hidden layer's activations and, for one output
/// class d, each input's contribution by gradient x input on d's pre-activation (logit):
/// contribution_i = x_i * dz_d/dx_i, backpropagated through every layer. For a 784-H-10 net this is
/// contribution_i = x_i * sum_j W1[d,j] * f'(z_j) * W0[j,i] with f' the hidden activation's derivative.
/// Neurons switched off (first hidden layer, activation forced to 0 as Mlp.Forward does) pass no gradient, so
/// they contribute nothing; an input of 0 contributes 0. With ReLU hidden layers and zero biases the
/// contributions sum exactly to z_d; otherwise they are its first-order (local linear) share per pixel.
/// </summary>
public static class InputAttribution
{
    /// <summary>
    /// x (In) through model; target d in 0..Out-1, or null for the predicted class. off: first-hidden-layer
    /// neurons forced to 0 (each in range). Throws ArgumentException on a wrong input length or index.
    /// </summary>
    public static InputExplanation Explain(Mlp model, ReadOnlySpan<float> input, int? target = null, IReadOnlySet<int>? off = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var layers = model.Shape.Layers;
        if (input.Length != model.Shape.InputSize)
        {
            throw new ArgumentException($"Expected {model.Shape.InputSize} inputs, got {input.Length}.", nameof(input));
        }

        var hiddenCount = layers.Count > 1 ? layers[0].Outputs : 0;
        if (off is not null && off.Any(j => (uint)j >= (uint)hiddenCount))
        {
            throw new ArgumentOutOfRangeException(nameof(off), $"The first hidden layer has neurons 0..{hiddenCount - 1}.");
        }

        // a[l] (Out_l): every layer's activations, the first hidden layer's off neurons already 0.
        var a = model.Forward(input, off);
        var outputs = a[^1];
        var predicted = OutputProbabilities.Argmax(outputs);
        var d = target ?? predicted;
        ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(target));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(d, outputs.Length, nameof(target));

        // delta (Out_l) = dz_d / dz_l, starting at the output layer's pre-activation: e_d.
        var delta = new float[outputs.Length];
        delta[d] = 1f;
        for (var l = layers.Count - 1; l >= 0; l--)
        {
            // back (In_l) = W_l^T delta, W_l (Out_l, In_l) row-major.
            var w = model.Weights(l);
            var inputs = layers[l].Inputs;
            var back = new float[inputs];
            for (var o = 0; o < delta.Length; o++)
            {
                var g = delta[o];
                if (g == 0f)
                {
                    continue;
                }

                var row = w.Slice(o * inputs, inputs);
                for (var i = 0; i < inputs; i++)
                {
                    back[i] += g * row[i];
                }
            }

            if (l > 0)
            {
                Activations.MultiplyByDerivative(layers[l - 1].Activation, a[l - 1], back);
                if (l == 1 && off is not null)
                {
                    foreach (var j in off)
                    {
                        back[j] = 0f;
                    }
                }
            }

            delta = back;
        }

        // delta is now dz_d/dx (In).
        var contributions = new float[input.Length];
        for (var i = 0; i < input.Length; i++)
        {
            contributions[i] = input[i] * delta[i];
        }

        var hidden = layers.Count > 1 ? a[0] : [];
        return new InputExplanation(predicted, d, outputs, hidden, PreActivation(model, a.Length > 1 ? a[^2] : input, d), contributions);
    }

    /// <summary>z_d of the output layer: b_d + W[d,:] . previous, previous (In) being the layer before's activations or the input.</summary>
    private static float PreActivation(Mlp model, ReadOnlySpan<float> previous, int d)
    {
        var last = model.Shape.Layers.Count - 1;
        var row = model.Weights(last).Slice(d * previous.Length, previous.Length);
        var z = model.Biases(last)[d];
        for (var j = 0; j < previous.Length; j++)
        {
            z += row[j] * previous[j];
        }

        return z;
    }
}
