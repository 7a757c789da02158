using System.Numerics.Tensors;
using WebNet.Core.Wire;

namespace WebNet.Core.Network;

/// <summary>The non-linearity a layer applies to its weighted input.</summary>
public enum Activation
{
    Sigmoid,
    Tanh,
    Relu,
    Softmax,
}

/// <summary>Activation functions over one sample's row of a layer: forward in place, and the derivative expressed through the output.</summary>
public static class Activations
{
    /// <summary>Applies the activation to z in place: z (n) becomes a (n).</summary>
    public static void Forward(Activation activation, Span<float> z)
    {
        switch (activation)
        {
            case Activation.Sigmoid:
                TensorPrimitives.Sigmoid(z, z);
                break;
            case Activation.Tanh:
                TensorPrimitives.Tanh(z, z);
                break;
            case Activation.Relu:
                TensorPrimitives.Max(z, 0f, z);
                break;
            case Activation.Softmax:
                // Subtracting the max keeps exp finite; TensorPrimitives.SoftMax does the same.
                TensorPrimitives.SoftMax(z, z);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }
    }

    /// <summary>
    /// Multiplies delta (n) by f'(z), written through a = f(z) (n): sigmoid a(1-a), tanh 1-a², ReLU [a&gt;0].
    /// Softmax has no element-wise derivative: it is only used as an output layer whose delta the cost gives.
    /// </summary>
    public static void MultiplyByDerivative(Activation activation, ReadOnlySpan<float> a, Span<float> delta)
    {
        switch (activation)
        {
            case Activation.Sigmoid:
                for (var i = 0; i < delta.Length; i++)
                {
                    delta[i] *= a[i] * (1f - a[i]);
                }

                break;
            case Activation.Tanh:
                for (var i = 0; i < delta.Length; i++)
                {
                    delta[i] *= 1f - (a[i] * a[i]);
                }

                break;
            case Activation.Relu:
                for (var i = 0; i < delta.Length; i++)
                {
                    if (a[i] <= 0f)
                    {
                        delta[i] = 0f;
                    }
                }

                break;
            default:
                throw new InvalidOperationException($"{activation} has no element-wise derivative; use it only as the output of a softmax cross-entropy cost.");
        }
    }

    private static readonly WireNames<Activation> Wire = new(
        (Activation.Sigmoid, ["sigmoid"]), (Activation.Tanh, ["tanh"]), (Activation.Relu, ["relu"]), (Activation.Softmax, ["softmax"]));

    /// <summary>The activations a hidden layer may use, as the wire names them.</summary>
    public static IReadOnlyList<string> HiddenNames { get; } = ["sigmoid", "tanh", "relu"];

    public static string ToWireName(this Activation activation) => Wire.Of(activation);

    public static bool TryParse(string? text, out Activation activation) => Wire.TryParse(text, out activation);
}
