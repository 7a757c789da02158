using WebNet.Core.Data;
using WebNet.Core.Network;
using WebNet.Core.Training;
using WebNet.Core.Training.Cpu;

namespace WebNet.Web.Tests.Infrastructure;

/// <summary>
/// Single-threaded CPU backends (the test machine is shared). The hook sees every TrainEpoch call, numbered
/// from 1 across all backends this factory made, and may replace its loss or throw.
/// </summary>
public sealed class TestBackendFactory(Func<int, double, double>? onEpoch = null) : ITrainingBackendFactory
{
    private int _epochCalls;

    public ITrainingBackend Create(string name) => name.ToUpperInvariant() switch
    {
        "AUTO" or "CPU" => new HookedBackend(new CpuBackend(threads: 1), this),
        _ => throw new BackendUnavailableException($"The '{name}' backend is not available in tests."),
    };

    private double OnEpoch(double loss) => onEpoch is null ? loss : onEpoch(Interlocked.Increment(ref _epochCalls), loss);

    private sealed class HookedBackend(CpuBackend inner, TestBackendFactory owner) : ITrainingBackend
    {
        public string Name => inner.Name;

        public string DeviceName => inner.DeviceName;

        public void Initialize(NetworkShape shape, TrainingOptions options, Dataset train, Dataset test) => inner.Initialize(shape, options, train, test);

        public void SetParameters(ReadOnlySpan<float> parameters) => inner.SetParameters(parameters);

        public void GetParameters(Span<float> destination) => inner.GetParameters(destination);

        public void SetOptimizerState(ReadOnlySpan<float> state, long updateCount) => inner.SetOptimizerState(state, updateCount);

        public void GetOptimizerState(Span<float> destination, out long updateCount) => inner.GetOptimizerState(destination, out updateCount);

        public void PrepareEpoch(int epoch, float learningRate) => inner.PrepareEpoch(epoch, learningRate);

        public double TrainEpoch(ReadOnlySpan<int> order, Action<int, int>? batchDone, CancellationToken cancellationToken) =>
            owner.OnEpoch(inner.TrainEpoch(order, batchDone, cancellationToken));

        public Evaluation Evaluate(bool trainingSet = false, CancellationToken cancellationToken = default) => inner.Evaluate(trainingSet, cancellationToken);

        public void Dispose() => inner.Dispose();
    }
}
