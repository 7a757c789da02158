namespace WebNet.Core.Insight;

/// <summary>
/// A classes x classes confusion matrix: rows the true label, columns the predicted class, with the sample
/// indices of every cell (ascending), so a cell's misclassified images can be shown.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly List<int>[] _cells;

    public ConfusionMatrix(ReadOnlySpan<byte> actual, ReadOnlySpan<int> predicted, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        if (actual.Length != predicted.Length)
        {
            throw new ArgumentException($"{actual.Length} labels but {predicted.Length} predictions.", nameof(predicted));
        }

        Classes = classes;
        _cells = [.. Enumerable.Range(0, classes * classes).Select(_ => new List<int>())];
        for (var s = 0; s < actual.Length; s++)
        {
            if (actual[s] >= classes || (uint)predicted[s] >= (uint)classes)
            {
                throw new ArgumentException($"Sample {s} has label {actual[s]} and prediction {predicted[s]}, outside 0..{classes - 1}.", nameof(actual));
            }

            _cells[(actual[s] * classes) + predicted[s]].Add(s);
            Correct += actual[s] == predicted[s] ? 1 : 0;
        }

        Total = actual.Length;
    }

    public int Classes { get; }

    public int Total { get; }

    /// <summary>The diagonal's sum.</summary>
    public int Correct { get; }

    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

    /// <summary>The network's predictions on the probe's dataset against its labels.</summary>
    public static ConfusionMatrix From(HiddenLayerProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return new ConfusionMatrix(probe.Data.Labels, probe.Predictions, probe.Data.Classes);
    }

    public int Count(int actual, int predicted) => Cell(actual, predicted).Count;

    /// <summary>The indices of the samples labelled actual and predicted as predicted, ascending.</summary>
    public IReadOnlyList<int> Samples(int actual, int predicted) => Cell(actual, predicted);

    /// <summary>Counts (classes, classes): row = true label, column = prediction.</summary>
    public int[][] Counts() => [.. Enumerable.Range(0, Classes).Select(a => Enumerable.Range(0, Classes).Select(p => Count(a, p)).ToArray())];

    private List<int> Cell(int actual, int predicted)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(actual);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(actual, Classes);
        ArgumentOutOfRangeException.ThrowIfNegative(predicted);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(predicted, Classes);
        return _cells[(actual * Classes) + predicted];
    }
}
