using WebNet.Core.Network;

namespace WebNet.Core.Tests.Training;

/// <summary>
/// A plain double-precision network over the canonical parameter layout: the referee for gradient
/// checks and for the fast float kernels. Loops only, no SIMD, no cleverness.
/// </summary>
internal static class ReferenceNetwork
{
    public static double[][] Forward(NetworkShape shape, double[] p, double[] x)
    {
        var acts = new double[shape.Layers.Count + 1][];
        acts[0] = x;
        for (var l = 0; l < shape.Layers.Count; l++)
        {
            var layer = shape.Layers[l];
            var z = new double[layer.Outputs];
            for (var j = 0; j < layer.Outputs; j++)
            {
                var sum = p[shape.BiasOffset(l) + j];
                for (var i = 0; i < layer.Inputs; i++)
                {
                    sum += p[shape.WeightOffset(l) + (j * layer.Inputs) + i] * acts[l][i];
                }

                z[j] = sum;
            }

            acts[l + 1] = Activate(layer.Activation, z);
        }

        return acts;
    }

    public static double[] Activate(Activation activation, double[] z)
    {
        switch (activation)
        {
            case Activation.Sigmoid:
                return [.. z.Select(v => 1 / (1 + Math.Exp(-v)))];
            case Activation.Tanh:
                return [.. z.Select(Math.Tanh)];
            case Activation.Relu:
                return [.. z.Select(v => Math.Max(0, v))];
            case Activation.Softmax:
                {
                    var max = z.Max();
                    var e = z.Select(v => Math.Exp(v - max)).ToArray();
                    var s = e.Sum();
                    return [.. e.Select(v => v / s)];
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(activation));
        }
    }

    public static double Loss(Cost cost, double[] a, int label)
    {
        var sum = 0.0;
        for (var j = 0; j < a.Length; j++)
        {
            var y = j == label ? 1.0 : 0.0;
            sum += cost switch
            {
                Cost.CrossEntropy => -((y * Math.Log(a[j])) + ((1 - y) * Math.Log(1 - a[j]))),
                Cost.SoftmaxCrossEntropy => -y * Math.Log(a[j]),
                Cost.Quadratic => 0.5 * (a[j] - y) * (a[j] - y),
                _ => throw new ArgumentOutOfRangeException(nameof(cost)),
            };
        }

        return sum;
    }

    /// <summary>Mean cost over the samples (no L2 term).</summary>
    public static double MeanLoss(NetworkShape shape, double[] p, double[][] xs, int[] labels)
    {
        var total = 0.0;
        for (var s = 0; s < xs.Length; s++)
        {
            total += Loss(shape.Cost, Forward(shape, p, xs[s])[^1], labels[s]);
        }

        return total / xs.Length;
    }

    /// <summary>Gradient of the mean cost by backpropagation, written from the chain rule on z (not through the shortcuts the float code uses).</summary>
    public static double[] Gradient(NetworkShape shape, double[] p, double[][] xs, int[] labels)
    {
        var g = new double[p.Length];
        var count = shape.Layers.Count;
        for (var s = 0; s < xs.Length; s++)
        {
            var acts = Forward(shape, p, xs[s]);
            var output = acts[^1];
            var n = output.Length;

            // dC/da for the output, then through the output activation's Jacobian.
            var dA = new double[n];
            for (var j = 0; j < n; j++)
            {
                var y = j == labels[s] ? 1.0 : 0.0;
                dA[j] = shape.Cost switch
                {
                    Cost.CrossEntropy => (-y / output[j]) + ((1 - y) / (1 - output[j])),
                    Cost.SoftmaxCrossEntropy => -y / output[j],
                    Cost.Quadratic => output[j] - y,
                    _ => throw new ArgumentOutOfRangeException(nameof(shape)),
                };
            }

            var delta = ThroughActivation(shape.Layers[count - 1].Activation, output, dA);
            for (var l = count - 1; l >= 0; l--)
            {
                var layer = shape.Layers[l];
                var input = acts[l];
                for (var j = 0; j < layer.Outputs; j++)
                {
                    g[shape.BiasOffset(l) + j] += delta[j] / xs.Length;
                    for (var i = 0; i < layer.Inputs; i++)
                    {
                        g[shape.WeightOffset(l) + (j * layer.Inputs) + i] += delta[j] * input[i] / xs.Length;
                    }
                }

                if (l == 0)
                {
                    break;
                }

                var dPrev = new double[layer.Inputs];
                for (var i = 0; i < layer.Inputs; i++)
                {
                    for (var j = 0; j < layer.Outputs; j++)
                    {
                        dPrev[i] += delta[j] * p[shape.WeightOffset(l) + (j * layer.Inputs) + i];
                    }
                }

                delta = ThroughActivation(shape.Layers[l - 1].Activation, acts[l], dPrev);
            }
        }

        return g;
    }

    private static double[] ThroughActivation(Activation activation, double[] a, double[] dA)
    {
        var n = a.Length;
        var dz = new double[n];
        if (activation == Activation.Softmax)
        {
            // Full Jacobian: da_k/dz_j = a_k (delta_kj - a_j).
            for (var j = 0; j < n; j++)
            {
                for (var k = 0; k < n; k++)
                {
                    dz[j] += dA[k] * a[k] * ((k == j ? 1 : 0) - a[j]);
                }
            }

            return dz;
        }

        for (var j = 0; j < n; j++)
        {
            var derivative = activation switch
            {
                Activation.Sigmoid => a[j] * (1 - a[j]),
                Activation.Tanh => 1 - (a[j] * a[j]),
                Activation.Relu => a[j] > 0 ? 1.0 : 0.0,
                _ => throw new ArgumentOutOfRangeException(nameof(activation)),
            };
            dz[j] = dA[j] * derivative;
        }

        return dz;
    }
}
