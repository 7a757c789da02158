using ILGPU;
using ILGPU.Runtime;
using WebNet.Core.Augmentation;
using WebNet.Core.Data;
using WebNet.Core.Network;
using WebNet.Core.Training;

namespace WebNet.Gpu;

/// <summary>
/// Training on an ILGPU accelerator (CUDA, OpenCL, or ILGPU's CPU simulator for tests). The data sets and
/// parameters are uploaded once and stay on the device; an epoch uploads only its shuffled order, and the
/// host waits only when it reads results back (the epoch's loss, an evaluation, parameters).
/// Create it through <see cref="BackendFactory"/>, which finds the device. Like CpuBackend it serves one
/// caller at a time, from any thread.
/// </summary>
public sealed partial class IlgpuBackend : ITrainingBackend
{
    // Rows per evaluation launch: enough to fill a GPU, bounded so that wide layers stay small.
    private const int EvaluationChunk = 2048;

    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly int _tile;
    private readonly Action<Index2D, ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<float>, ArrayView<int>, int> _gather;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, MatMulSpec> _matMul;
    private readonly Action<Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, MatMulSpec> _matMulSimple;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<int>, OutputSpec> _output;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, int, int> _sumRows;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, UpdateSpec> _update;
    private NetworkShape _shape = null!;
    private TrainingOptions _options = null!;
    private Dataset _train = null!;
    private Dataset _test = null!;
    private DeviceRun? _run;
    private float _learningRate;
    private float[] _augmented = [];
    private long _step;
    private bool _disposed;

    /// <summary>Takes ownership of the context and accelerator and compiles the kernels once.</summary>
    internal IlgpuBackend(Context context, Accelerator accelerator, string name)
    {
        _context = context;
        _accelerator = accelerator;
        Name = name;
        DeviceName = $"{accelerator.Name} ({accelerator.AcceleratorType}, ILGPU)";

        // The largest square tile (a power of two, at most 16) that fits one group of this device.
        _tile = 16;
        while (_tile > 1 && _tile * _tile > accelerator.MaxNumThreadsPerGroup)
        {
            _tile /= 2;
        }

        _gather = accelerator.LoadAutoGroupedStreamKernel<Index2D, ArrayView<float>, ArrayView<int>, ArrayView<int>, ArrayView<float>, ArrayView<int>, int>(IlgpuKernels.Gather);
        _matMul = accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, MatMulSpec>(MatMulKernels.MatMul);
        _matMulSimple = accelerator.LoadAutoGroupedStreamKernel<Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, MatMulSpec>(MatMulKernels.MatMulSimple);
        UseTiledMatMul = accelerator.AcceleratorType != AcceleratorType.CPU;
        _output = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<int>, OutputSpec>(IlgpuKernels.Output);
        _sumRows = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int, int>(IlgpuKernels.SumRows);
        _update = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, UpdateSpec>(IlgpuKernels.Update);
    }

    public string Name { get; }

    public string DeviceName { get; }

    /// <summary>Whether products use the shared-memory tiled kernel (GPUs) or the one-thread-per-element one (the CPU simulator; tests set it to check the tiled kernel there).</summary>
    internal bool UseTiledMatMul { get; set; }

    public void Initialize(NetworkShape shape, TrainingOptions options, Dataset train, Dataset test)
    {
        BackendArguments.CheckInitialize(shape, options, train, test);

        _shape = shape;
        _options = options;
        _train = train;
        _test = test;
        _step = 0;
        _learningRate = options.LearningRate;
        _augmented = options.Augmentation.Enabled ? new float[train.Images.Length] : [];
        ObjectDisposedException.ThrowIf(_disposed, this);
        _accelerator.Bind();
        _run?.Dispose();
        _run = new DeviceRun(_accelerator, shape, options, train, test, EvaluationChunk);
    }

    public void SetParameters(ReadOnlySpan<float> parameters)
    {
        var run = Enter();
        if (parameters.Length != _shape.ParameterCount)
        {
            throw new ArgumentException($"Expected {_shape.ParameterCount} values, got {parameters.Length}.", nameof(parameters));
        }

        Upload(run.Parameters, parameters);
    }

    public void GetParameters(Span<float> destination)
    {
        var run = Enter();
        if (destination.Length != _shape.ParameterCount)
        {
            throw new ArgumentException($"Expected room for {_shape.ParameterCount} values, got {destination.Length}.", nameof(destination));
        }

        Download(run.Parameters, destination);
    }

    public void SetOptimizerState(ReadOnlySpan<float> state, long updateCount)
    {
        var run = Enter();
        var n = _shape.ParameterCount;
        var perParameter = _options.Optimizer.StateFloatsPerParameter();
        if (state.Length != perParameter * n)
        {
            throw new ArgumentException($"Expected {perParameter * n} optimizer state values, got {state.Length}.", nameof(state));
        }

        if (perParameter >= 1)
        {
            Upload(run.State1, state[..n]);
        }

        if (perParameter >= 2)
        {
            Upload(run.State2, state.Slice(n, n));
        }

        _step = updateCount;
    }

    public void GetOptimizerState(Span<float> destination, out long updateCount)
    {
        var run = Enter();
        var n = _shape.ParameterCount;
        var perParameter = _options.Optimizer.StateFloatsPerParameter();
        if (destination.Length != perParameter * n)
        {
            throw new ArgumentException($"Expected room for {perParameter * n} optimizer state values, got {destination.Length}.", nameof(destination));
        }

        if (perParameter >= 1)
        {
            Download(run.State1, destination[..n]);
        }

        if (perParameter >= 2)
        {
            Download(run.State2, destination.Slice(n, n));
        }

        updateCount = _step;
    }

    /// <summary>
    /// Augmented epochs: the images are transformed on the host by the same Core code as the CPU backend's (so both train
    /// on the same batches), a share of the samples per core, and uploaded once for the epoch.
    /// </summary>
    public void PrepareEpoch(int epoch, float learningRate)
    {
        var run = Enter();
        _learningRate = learningRate;
        if (!_options.Augmentation.Enabled)
        {
            return;
        }

        var seed = Augmenter.EpochSeed(_options.Seed, epoch);
        var parts = Math.Max(1, Environment.ProcessorCount);
        var per = (_train.Count + parts - 1) / parts;
        Parallel.For(0, parts, t =>
        {
            var scratch = new float[Augmenter.ScratchLength(_train.Width, _train.Height)];
            var start = Math.Min(_train.Count, t * per);
            Augmenter.ApplyRange(_train, _augmented, _options.Augmentation, seed, start, Math.Min(_train.Count, start + per), scratch);
        });
        _accelerator.Bind();
        Upload(run.TrainImages, _augmented);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _accelerator.Bind();
        _run?.Dispose();
        _run = null;
        _accelerator.Dispose();
        _context.Dispose();
    }

    /// <summary>
    /// The run's buffers, with the device made current on the calling thread: a CUDA context is per thread,
    /// and the web app calls from whichever pool thread its awaits resume on.
    /// </summary>
    private DeviceRun Enter()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var run = _run ?? throw new InvalidOperationException("Initialize the backend before using it.");
        _accelerator.Bind();
        return run;
    }

    /// <summary>
    /// Copies into device memory once the queued work has finished. The copy goes through ILGPU's span overload, which
    /// pins the host memory while it copies and synchronises the stream before it returns: the overload taking a ref
    /// turns it into a raw pointer, and a garbage collection that moves the array before the copy ends makes it read
    /// from (or, downloading, write to) where the array was. That sent parity tests zeros for parameters now and then,
    /// and crashed the process under collections.
    /// </summary>
    private void Upload<T>(ArrayView<T> target, ReadOnlySpan<T> source)
        where T : unmanaged
    {
        if (!source.IsEmpty)
        {
            _accelerator.Synchronize();
            target.SubView(0, source.Length).CopyFromCPU(source);
        }
    }

    /// <summary>Copies the first destination.Length elements back once the queued work has finished (pinned, as
    /// Upload).</summary>
    private void Download<T>(ArrayView<T> source, Span<T> destination)
        where T : unmanaged
    {
        if (!destination.IsEmpty)
        {
            _accelerator.Synchronize();
            source.SubView(0, destination.Length).CopyToCPU(destination);
        }
    }
}
