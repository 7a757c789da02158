using ILGPU;
using WebNet.Core.Network;
using WebNet.Core.Training;

namespace WebNet.Gpu;

/// <summary>
/// The device kernels, written to compute what CpuBackend computes in float32 (its referee). Layouts are
/// the canonical ones: W (Out, In) row-major then b (Out); batch matrices (rows, width) row-major.
/// </summary>
internal static class IlgpuKernels
{
    // Keeps ln() finite when a float sigmoid or softmax saturates (as Costs.Loss).
    private const float Epsilon = 1e-7f;

    /// <summary>x (rows, In) and labels (rows) of the samples order[0..rows), gathered from the resident set. index (In, rows).</summary>
    public static void Gather(Index2D index, ArrayView<float> images, ArrayView<int> labels, ArrayView<int> order, ArrayView<float> x, ArrayView<int> rowLabels, int inputs)
    {
        var sample = order[index.Y];
        x[(index.Y * inputs) + index.X] = images[(sample * inputs) + index.X];
        if (index.X == 0)
        {
            rowLabels[index.Y] = labels[sample];
        }
    }

    /// <summary>
    /// Row r of the output layer a (rows, Out): softmax in place for the softmax cost, then loss[r],
    /// prediction[r] (first arg max) and, when training, delta (rows, Out) = dC/dz as Costs.OutputDelta.
    /// </summary>
    public static void Output(Index1D r, ArrayView<float> a, ArrayView<int> labels, ArrayView<float> delta, ArrayView<float> loss, ArrayView<int> prediction, OutputSpec s)
    {
        var n = s.Outputs;
        var start = r * n;
        if (s.Cost == Cost.SoftmaxCrossEntropy)
        {
            var max = a[start];
            for (var j = 1; j < n; j++)
            {
                max = MathF.Max(max, a[start + j]);
            }

            var sum = 0f;
            for (var j = 0; j < n; j++)
            {
                var e = MathF.Exp(a[start + j] - max);
                a[start + j] = e;
                sum += e;
            }

            for (var j = 0; j < n; j++)
            {
                a[start + j] /= sum;
            }
        }

        var label = labels[r];
        var cost = 0f;
        var best = 0;
        for (var j = 0; j < n; j++)
        {
            var aj = a[start + j];
            if (aj > a[start + best])
            {
                best = j;
            }

            var d = aj - (j == label ? 1f : 0f);
            if (s.Cost == Cost.CrossEntropy)
            {
                var p = MathF.Min(MathF.Max(aj, Epsilon), 1f - Epsilon);
                cost -= j == label ? MathF.Log(p) : MathF.Log(1f - p);
            }
            else if (s.Cost == Cost.Quadratic)
            {
                cost += d * d;
            }

            if (s.WriteDelta != 0)
            {
                delta[start + j] = s.Cost == Cost.Quadratic ? d * aj * (1f - aj) : d;
            }
        }

        loss[r] = s.Cost switch
        {
            Cost.SoftmaxCrossEntropy => -MathF.Log(MathF.Max(a[start + label], 1e-30f)),
            Cost.Quadratic => 0.5f * cost,
            _ => cost,
        };
        prediction[r] = best;
    }

    /// <summary>gradient[j] = sum over rows of delta (rows, Out)[r, j], in row order: the bias gradient.</summary>
    public static void SumRows(Index1D j, ArrayView<float> delta, ArrayView<float> gradient, int outputs, int rows)
    {
        var sum = 0f;
        for (var r = 0; r < rows; r++)
        {
            sum += delta[(r * outputs) + j];
        }

        gradient[j] = sum;
    }

    /// <summary>One optimizer step for parameter Offset + i from its summed gradient, as CpuBackend.ApplyUpdate.</summary>
    public static void Update(Index1D i, ArrayView<float> w, ArrayView<float> g, ArrayView<float> s1, ArrayView<float> s2, UpdateSpec s)
    {
        var at = s.Offset + i;
        var decay = i < s.WeightCount ? s.Decay : 0f;
        var wi = w[at];
        switch (s.Optimizer)
        {
            case Optimizer.Momentum:
                {
                    // v <- mu v - lr (g/B + decay w); w <- w + v
                    var step = -s.LearningRate * ((wi * decay) + (g[at] * s.Scale));
                    var v = (s1[at] * s.Momentum) + step;
                    s1[at] = v;
                    w[at] = wi + v;
                    break;
                }

            case Optimizer.Adam:
                {
                    var gi = (g[at] * s.Scale) + (decay * wi);
                    var m = (Adam.Beta1 * s1[at]) + ((1f - Adam.Beta1) * gi);
                    var v = (Adam.Beta2 * s2[at]) + ((1f - Adam.Beta2) * gi * gi);
                    s1[at] = m;
                    s2[at] = v;
                    w[at] = wi - (s.LearningRate * (m * s.C1) / (MathF.Sqrt(v * s.C2) + Adam.Epsilon));
                    break;
                }

            default:
                // w <- (1 - lr*decay) w - lr * g/B
                w[at] = (wi * (1f - (s.LearningRate * decay))) + (g[at] * (-s.LearningRate * s.Scale));
                break;
        }
    }
}
