using System.Diagnostics;
using WebNet.Core.Data;
using WebNet.Core.Network;

namespace WebNet.Core.Training;

/// <summary>One row of a run's history. Epoch 0 is the untrained network.</summary>
public sealed record EpochResult(int Epoch, double TestAccuracy, double TestLoss, double TrainLoss, double Seconds, double SamplesPerSecond);

/// <summary>All that a run needs to continue exactly where it stopped.</summary>
public sealed record TrainerCheckpoint(int Epoch, float[] Parameters, float[] OptimizerState, long OptimizerStep, ulong RandomState);

/// <summary>
/// Drives a backend through epochs: shuffles the training order with its own generator (whose state is
/// checkpointed), times each epoch and evaluates on the test set.
/// </summary>
public sealed class Trainer : IDisposable
{
    private readonly ITrainingBackend _backend;
    private readonly SplitMix64 _random;
    private readonly int[] _order;

    /// <summary>Starts a new run from the options' seed, or continues from a checkpoint.</summary>
    public Trainer(TrainingOptions options, Dataset train, Dataset test, ITrainingBackend backend, TrainerCheckpoint? resume = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(backend);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors.SelectMany(e => e.Value)), nameof(options));
        }

        Options = options;
        Shape = options.CreateShape(train.InputSize, train.Classes);
        _backend = backend;
        _order = new int[train.Count];
        TrainCount = train.Count;
        backend.Initialize(Shape, options, train, test);
        if (resume is null)
        {
            // The initialiser and the shuffles draw from one stream seeded by the options.
            _random = new SplitMix64(options.Seed);
            var initial = Initializers.Create(Shape, options.Initializer, _random);
            backend.SetParameters(initial.Parameters);
        }
        else
        {
            _random = new SplitMix64(resume.RandomState);
            backend.SetParameters(resume.Parameters);
            backend.SetOptimizerState(resume.OptimizerState, resume.OptimizerStep);
            Epoch = resume.Epoch;
        }
    }

    public TrainingOptions Options { get; }

    public NetworkShape Shape { get; }

    public ITrainingBackend Backend => _backend;

    public int TrainCount { get; }

    /// <summary>Completed epochs.</summary>
    public int Epoch { get; private set; }

    /// <summary>The current network on the test set, without training (epoch 0's row for a new run).</summary>
    public EpochResult Evaluate(CancellationToken cancellationToken = default)
    {
        var test = _backend.Evaluate(cancellationToken: cancellationToken);
        var train = _backend.Evaluate(trainingSet: true, cancellationToken);
        return new EpochResult(Epoch, test.Accuracy, test.MeanLoss, train.MeanLoss, 0, 0);
    }

    /// <summary>Trains one epoch and evaluates. batchDone receives (batches done, batches in the epoch).</summary>
    public EpochResult RunEpoch(Action<int, int>? batchDone = null, CancellationToken cancellationToken = default)
    {
        // The epoch's time includes its shuffle, as the PyTorch peer's includes its randperm; not the evaluation.
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        _random.Shuffle(_order);
        _backend.PrepareEpoch(Epoch, Options.Schedule.Rate(Options.LearningRate, Epoch, Options.Epochs));
        var trainLoss = _backend.TrainEpoch(_order, batchDone, cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        var test = _backend.Evaluate(cancellationToken: cancellationToken);
        Epoch++;
        return new EpochResult(Epoch, test.Accuracy, test.MeanLoss, trainLoss, seconds, seconds > 0 ? TrainCount / seconds : 0);
    }

    public Mlp Snapshot()
    {
        var parameters = new float[Shape.ParameterCount];
        _backend.GetParameters(parameters);
        return new Mlp(Shape, parameters);
    }

    public TrainerCheckpoint CreateCheckpoint()
    {
        var parameters = new float[Shape.ParameterCount];
        _backend.GetParameters(parameters);
        var state = new float[Shape.ParameterCount * Options.Optimizer.StateFloatsPerParameter()];
        _backend.GetOptimizerState(state, out var step);
        return new TrainerCheckpoint(Epoch, parameters, state, step, _random.State);
    }

    public void Dispose() => _backend.Dispose();
}
