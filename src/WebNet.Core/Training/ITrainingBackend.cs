using WebNet.Core.Data;
using WebNet.Core.Network;

namespace WebNet.Core.Training;

/// <summary>
/// The seam between the trainer and the hardware. A backend owns the whole epoch: the training and test
/// sets and the parameters live on its device for the whole run, batches are indexed there from the
/// shuffled order, and parameters come back only when asked for (snapshots, checkpoints, model JSON).
/// Parameters and optimizer state cross the seam in the canonical layout of <see cref="NetworkShape"/>.
/// </summary>
public interface ITrainingBackend : IDisposable
{
    /// <summary>The backend's name as the options spell it: cpu, ilgpu-cpu, cuda, opencl.</summary>
    string Name { get; }

    /// <summary>The device in words, for logs and the dashboard.</summary>
    string DeviceName { get; }

    /// <summary>Uploads the data and allocates the run's buffers. Called once, before anything else.</summary>
    void Initialize(NetworkShape shape, TrainingOptions options, Dataset train, Dataset test);

    void SetParameters(ReadOnlySpan<float> parameters);

    void GetParameters(Span<float> destination);

    /// <summary>Optimizer state in parameter layout: 0, 1 (momentum) or 2 (Adam: m then v) floats per parameter.</summary>
    void SetOptimizerState(ReadOnlySpan<float> state, long updateCount);

    void GetOptimizerState(Span<float> destination, out long updateCount);

    /// <summary>
    /// Called before each <see cref="TrainEpoch"/>: the epoch's index (0 for the first of the run) and its learning rate.
    /// When the options augment, the backend transforms the training images for this epoch here with
    /// <see cref="Augmentation.Augmenter"/> (every sample's transform depends only on the run's seed, the epoch and
    /// the sample, so backends and resumed runs see the same images).
    /// </summary>
    void PrepareEpoch(int epoch, float learningRate);

    /// <summary>
    /// One epoch of mini-batch training over the training set in the given order (a permutation of its
    /// indices). Returns the mean training cost of the samples as they were seen. Cancellation is checked
    /// between batches and within a batch's passes; a cancelled epoch leaves the parameters part-trained.
    /// </summary>
    double TrainEpoch(ReadOnlySpan<int> order, Action<int, int>? batchDone, CancellationToken cancellationToken);

    /// <summary>
    /// Accuracy and mean cost of the current parameters on the test set, or the training set. Cancellation is checked
    /// between chunks of rows, so that a large network's evaluation stops promptly on shutdown.
    /// </summary>
    Evaluation Evaluate(bool trainingSet = false, CancellationToken cancellationToken = default);
}

public readonly record struct Evaluation(int Correct, int Count, double MeanLoss)
{
    public double Accuracy => Count == 0 ? 0 : (double)Correct / Count;
}
