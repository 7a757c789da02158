using System.Numerics.Tensors;

namespace WebNet.Core.Insight;

/// <summary>
/// Ranks the first hidden layer's neurons on a dataset (the test set): each is switched off alone, which costs
/// one rank-1 correction of the next layer's weighted input per sample, so the whole ranking of a 784-64-10
/// network on 10,000 images is 64 x 10,000 x 10 multiply-adds after the probe's single forward pass.
/// <para>
/// The dim rule. A neuron is dim when both hold:
/// (1) switching it off alone costs less than 0.1 percentage point of accuracy (fewer than 1 in 1,000 samples
/// turn from right to wrong on balance; on the 10,000 MNIST test images, at most 9), and
/// (2) its contribution, the RMS of what it adds to the next layer's weighted input, is under half the
/// layer's median contribution.
/// (1) alone is not enough: several neurons may each be redundant with one another (both carry a stroke),
/// so each looks free to remove but removing them together is not; requiring (2) as well keeps only neurons
/// that also barely move the next layer, whose effects stay small when summed. (2) is relative to the
/// median so it does not depend on the weights' scale and does not force a fixed count (a quartile would
/// always name 16 of 64 candidates, a healthy network should have few and a broken one many).
/// </para>
/// </summary>
public static class NeuronImportance
{
    /// <summary>A dim neuron costs less than this accuracy (a fraction: 0.001 = 0.1 percentage point).</summary>
    public const double DimMaxAccuracyDrop = 0.001;

    /// <summary>A dim neuron's contribution is under this fraction of the layer's median contribution.</summary>
    public const double DimMaxContributionOfMedian = 0.5;

    public static ImportanceReport Compute(HiddenLayerProbe probe) => Compute(probe, CancellationToken.None);

    /// <summary>The ranking, stopped (OperationCanceledException) between neurons when cancellationToken is.</summary>
    public static ImportanceReport Compute(HiddenLayerProbe probe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var k = probe.HiddenCount;
        var n = probe.Data.Count;
        var correctWithout = new int[k];
        Parallel.For(
            0,
            k,
            new ParallelOptions { CancellationToken = cancellationToken },
            () => new HiddenLayerProbe.Scratch(probe.Model),
            (j, _, scratch) =>
            {
                var isOff = new bool[k];
                isOff[j] = true;
                correctWithout[j] = probe.CountCorrect([j], isOff, 0, n, scratch);
                return scratch;
            },
            _ => { });

        // Column sums of H and H² over the samples: mean activation and RMS activation per neuron.
        var sum = new double[k];
        var sumSquares = new double[k];
        for (var s = 0; s < n; s++)
        {
            var h = probe.Hidden(s);
            for (var j = 0; j < k; j++)
            {
                sum[j] += h[j];
                sumSquares[j] += h[j] * (double)h[j];
            }
        }

        var norms = new double[k];
        var contributions = new double[k];
        for (var j = 0; j < k; j++)
        {
            norms[j] = TensorPrimitives.Norm(probe.Outgoing(j));
            contributions[j] = n == 0 ? 0 : Math.Sqrt(sumSquares[j] / n) * norms[j];
        }

        var median = Median(contributions);
        var scores = new NeuronScore[k];
        for (var j = 0; j < k; j++)
        {
            var lost = probe.Correct - correctWithout[j];
            var dim = (long)lost * 1000 < n && contributions[j] < DimMaxContributionOfMedian * median;
            scores[j] = new NeuronScore(
                j,
                norms[j],
                n == 0 ? 0 : sum[j] / n,
                contributions[j],
                n == 0 ? 0 : (double)correctWithout[j] / n,
                n == 0 ? 0 : (double)lost / n,
                dim);
        }

        // Dimmest first: least accuracy lost (in samples, so equal losses tie exactly), then least contribution.
        int[] order = [.. Enumerable.Range(0, k)
            .OrderBy(j => probe.Correct - correctWithout[j])
            .ThenBy(j => contributions[j])
            .ThenBy(j => j)];
        return new ImportanceReport(probe.Accuracy, n, scores, order);
    }

    private static double Median(double[] values)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
