using System.Globalization;

namespace WebNet.Core.Training;

/// <summary>
/// What a run would hold, in bytes, estimated from its options before it starts. Training: every parameter with its
/// gradient and optimizer state; activations and deltas (rows x the layers' widths, twice) for a batch or an
/// evaluation chunk, whichever is larger; the training set's copy when augmentation rewrites it each epoch, and the
/// training set made anew when labelled drawings are mixed into it.
/// Storage: one int8 snapshot per parameter for each epoch, epoch 0 included.
/// </summary>
public sealed record TrainingFootprint(long Parameters, long ParameterBytes, long Rows, long ActivationBytes, long DatasetCopyBytes, long SnapshotBytesPerEpoch, int Epochs, long MixedSetBytes = 0)
{
    public long TrainingBytes => ParameterBytes + ActivationBytes + DatasetCopyBytes + MixedSetBytes;

    public long SnapshotBytes => SnapshotBytesPerEpoch * (Epochs + 1L);
}

public static class TrainingBudget
{
    /// <summary>Rows the CPU backend evaluates at once; its batch buffers are at least this tall.</summary>
    public const int EvaluationRows = 2000;

    /// <summary>
    /// The footprint of options on inputs x trainingSamples data with outputs classes (MNIST: 784, 60000, 10);
    /// trainingSamples counts the drawings' copies when options mix them in.
    /// </summary>
    public static TrainingFootprint Estimate(TrainingOptions options, int inputs, int outputs, int trainingSamples)
    {
        ArgumentNullException.ThrowIfNull(options);
        long parameters = 0;
        long widths = 0;
        long previous = inputs;
        foreach (var width in options.Hidden.Append(outputs))
        {
            parameters += (previous * width) + width;
            widths += width;
            previous = width;
        }

        var floatsPerParameter = 2L + options.Optimizer.StateFloatsPerParameter(); // the value and its gradient, then the state
        var rows = Math.Min(Math.Max(options.BatchSize, EvaluationRows), Math.Max(trainingSamples, EvaluationRows));
        return new TrainingFootprint(
            parameters,
            parameters * floatsPerParameter * sizeof(float),
            rows,
            rows * widths * 2L * sizeof(float),
            options.Augmentation.Enabled ? (long)trainingSamples * inputs * sizeof(float) : 0L,
            parameters,
            options.Epochs,
            options.Drawings.Mixed ? (long)trainingSamples * inputs * sizeof(float) : 0L);
    }

    /// <summary>Field name (camelCase, as in the API) to messages for each limit the footprint exceeds; empty when it fits.</summary>
    public static Dictionary<string, string[]> Check(TrainingFootprint footprint, long maxTrainingBytes, long maxSnapshotBytes)
    {
        ArgumentNullException.ThrowIfNull(footprint);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        if (footprint.TrainingBytes > maxTrainingBytes)
        {
            var message = string.Create(
                CultureInfo.InvariantCulture,
                $"Training would need about {Bytes(footprint.TrainingBytes)} of memory ({Bytes(footprint.ParameterBytes)} for {footprint.Parameters:N0} parameters with their gradients and optimizer state, {Bytes(footprint.ActivationBytes)} for activations and deltas of {footprint.Rows:N0} rows{(footprint.DatasetCopyBytes > 0 ? $", {Bytes(footprint.DatasetCopyBytes)} for the augmented copy of the training set" : "")}{(footprint.MixedSetBytes > 0 ? $", {Bytes(footprint.MixedSetBytes)} for the training set with the drawings mixed in" : "")}); the budget allows {Bytes(maxTrainingBytes)}. Use fewer or narrower hidden layers, or a smaller batch{(footprint.MixedSetBytes > 0 ? ", or fewer copies of the drawings" : "")}.");
            Add("hidden", message);
            Add("batchSize", message);
            if (footprint.MixedSetBytes > 0)
            {
                Add("drawings.copies", message);
            }
        }

        if (footprint.SnapshotBytes > maxSnapshotBytes)
        {
            var message = string.Create(
                CultureInfo.InvariantCulture,
                $"The weight snapshots would take about {Bytes(footprint.SnapshotBytes)} ({Bytes(footprint.SnapshotBytesPerEpoch)} an epoch for {footprint.Epochs + 1L:N0} epochs, epoch 0 included); the budget allows {Bytes(maxSnapshotBytes)}. Use fewer epochs or a smaller network.");
            Add("hidden", message);
            Add("epochs", message);
        }

        return errors;
    }

    /// <summary>Bytes in binary units with three significant figures (1.5 GiB, 51.2 KiB).</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes") : string.Create(CultureInfo.InvariantCulture, $"{value:0.##} {units[unit]}");
    }
}
