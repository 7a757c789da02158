using System.Numerics.Tensors;
using WebNet.Core.Wire;

namespace WebNet.Core.Network;

/// <summary>The cost a network is trained on. Each cost fixes the output activation it is defined with.</summary>
public enum Cost
{
    /// <summary>Sigmoid outputs with the binary cross-entropy summed over the outputs (the seed's cost).</summary>
    CrossEntropy,

    /// <summary>Softmax outputs with the categorical cross-entropy.</summary>
    SoftmaxCrossEntropy,

    /// <summary>Sigmoid outputs with half the squared error.</summary>
    Quadratic,
}

/// <summary>Per-sample loss and output delta (dC/dz of the output layer) for one-hot targets.</summary>
public static class Costs
{
    // Keeps ln() finite when a float sigmoid or softmax saturates to exactly 0 or 1.
    private const float Epsilon = 1e-7f;

    public static Activation OutputActivation(this Cost cost) => cost == Cost.SoftmaxCrossEntropy ? Activation.Softmax : Activation.Sigmoid;

    /// <summary>Loss of one sample: a (n) the output activations, label the index of the one-hot target.</summary>
    public static float Loss(Cost cost, ReadOnlySpan<float> a, int label)
    {
        switch (cost)
        {
            case Cost.CrossEntropy when a.Length <= 64:
                {
                    // -[ln a_label + sum over j != label of ln(1 - a_j)], with the logs taken as one vector op.
                    Span<float> p = stackalloc float[a.Length];
                    TensorPrimitives.Max(a, Epsilon, p);
                    TensorPrimitives.Min(p, 1f - Epsilon, p);
                    var hit = p[label];
                    TensorPrimitives.Subtract(1f, p, p);
                    p[label] = hit;
                    TensorPrimitives.Log(p, p);
                    return -TensorPrimitives.Sum(p);
                }

            case Cost.CrossEntropy:
                {
                    var sum = 0f;
                    for (var j = 0; j < a.Length; j++)
                    {
                        var p = Math.Clamp(a[j], Epsilon, 1f - Epsilon);
                        sum -= j == label ? MathF.Log(p) : MathF.Log(1f - p);
                    }

                    return sum;
                }

            case Cost.SoftmaxCrossEntropy:
                return -MathF.Log(Math.Max(a[label], 1e-30f));
            case Cost.Quadratic:
                {
                    var sum = 0f;
                    for (var j = 0; j < a.Length; j++)
                    {
                        var d = a[j] - (j == label ? 1f : 0f);
                        sum += d * d;
                    }

                    return 0.5f * sum;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(cost), cost, "Unknown cost.");
        }
    }

    /// <summary>
    /// Writes dC/dz for the output layer into delta (n): a - y for both cross-entropies (the activation's
    /// derivative cancels), (a - y) a (1 - a) for the quadratic cost on sigmoid outputs.
    /// </summary>
    public static void OutputDelta(Cost cost, ReadOnlySpan<float> a, int label, Span<float> delta)
    {
        for (var j = 0; j < a.Length; j++)
        {
            var d = a[j] - (j == label ? 1f : 0f);
            delta[j] = cost == Cost.Quadratic ? d * a[j] * (1f - a[j]) : d;
        }
    }

    private static readonly WireNames<Cost> Wire = new(
        (Cost.CrossEntropy, ["cross-entropy", "crossentropy"]),
        (Cost.SoftmaxCrossEntropy, ["softmax-cross-entropy", "softmaxcrossentropy", "softmax"]),
        (Cost.Quadratic, ["quadratic", "mse"]));

    public static IReadOnlyList<string> Names => Wire.Names;

    public static string ToWireName(this Cost cost) => Wire.Of(cost);

    public static bool TryParse(string? text, out Cost cost) => Wire.TryParse(text, out cost);
}
