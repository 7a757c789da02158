using System.Diagnostics;
using WebNet.Core.Augmentation;
using WebNet.Core.Data;
using WebNet.Core.Network;

namespace WebNet.Core.Training.Cpu;

/// <summary>
/// Multi-core SIMD training on the CPU. Each batch is two parallel passes: one over samples (forward,
/// output delta and backpropagated deltas: every sample is independent), one over blocks of weight rows
/// (gradient and optimizer update of those rows: every row sums its samples in batch order). Neither
/// pass depends on how the work is split, so results are identical for any number of threads.
/// </summary>
public sealed partial class CpuBackend : ITrainingBackend
{
    private readonly int _threads;
    private readonly bool? _sparseInput;
    private readonly Action? _workerStarted;
    private readonly IThreadBudget? _budget;
    private NetworkShape _shape = null!;
    private TrainingOptions _options = null!;
    private Dataset _train = null!;
    private Dataset _source = null!;
    private float _learningRate;
    private ulong _epochSeed;
    private float[][] _augmentScratch = [];
    private Action<int>? _augmentBody;
    private Action<int>? _fillBody;
    private long _augmentTicks;
    private Dataset _test = null!;
    private SparseRows? _trainSparse;
    private SparseRows? _testSparse;
    private PaddedLayout _layout = null!;
    private AlignedFloats _params = AlignedFloats.Empty;
    private AlignedFloats _grads = AlignedFloats.Empty;
    private AlignedFloats _state1 = AlignedFloats.Empty;
    private AlignedFloats _state2 = AlignedFloats.Empty;
    private long _step;
    private long _forwardBackwardTicks;
    private long _updateTicks;
    private int _capacity;
    private int[] _order = [];
    private int[] _evaluationRows = [];
    private float[][] _activations = [];
    private float[][] _deltas = [];
    private float[] _rowLoss = [];
    private int[] _rowPrediction = [];
    private WorkerScratch[] _scratch = [];
    private RowBlock[] _blocks = [];
    private WorkerScratch[] _blockScratch = [];
    private WorkerGroup _group = new(1);

    /// <param name="threads">Worker threads (default: one per core).</param>
    /// <param name="sparseInput">Force the first layer's input path: true sparse rows, false dense; null chooses by density.</param>
    /// <param name="workerStarted">Runs first on each worker thread the backend starts (e.g. to lower its priority).</param>
    /// <param name="budget">How many of the threads may compute at a time (asked before each pass and each chunk of rows); null: all.</param>
    public CpuBackend(int? threads = null, bool? sparseInput = null, Action? workerStarted = null, IThreadBudget? budget = null)
    {
        _workerStarted = workerStarted;
        _budget = budget;
        _threads = Math.Max(1, threads ?? Environment.ProcessorCount);
        _sparseInput = sparseInput;
    }

    public string Name => BackendNames.Cpu;

    public string DeviceName => $"CPU ({_threads} {(_threads == 1 ? "thread" : "threads")}, {Simd})";

    /// <summary>The vector instructions the kernels run: AVX-512 where the runtime accelerates 512-bit vectors, else AVX2 and FMA, else portable SIMD.</summary>
    internal static string Simd => System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "AVX-512" : System.Runtime.Intrinsics.X86.Fma.IsSupported ? "AVX2+FMA" : "portable SIMD";

    /// <summary>Seconds spent so far in the per-sample pass (forward, deltas) and in the per-row pass (gradients, update).</summary>
    public (double ForwardBackward, double GradientUpdate) PhaseSeconds =>
        ((double)_forwardBackwardTicks / Stopwatch.Frequency, (double)_updateTicks / Stopwatch.Frequency);

    /// <summary>Seconds spent so far transforming the training images (and rebuilding their sparse rows) for augmented epochs.</summary>
    public double AugmentationSeconds => (double)_augmentTicks / Stopwatch.Frequency;

    /// <summary>Whether the first layer reads its input as sparse rows (chosen when the data are mostly zeros).</summary>
    public bool UsesSparseInput => _trainSparse is not null;

    public void Initialize(NetworkShape shape, TrainingOptions options, Dataset train, Dataset test)
    {
        BackendArguments.CheckInitialize(shape, options, train, test);

        _shape = shape;
        _options = options;
        _source = train;
        _learningRate = options.LearningRate;

        // Augmented epochs train on a transformed copy; the caller's images stay as they are, the source of every epoch.
        _train = options.Augmentation.Enabled ? new Dataset(new float[train.Images.Length], train.Labels, train.Width, train.Height, train.Classes) : train;
        _test = test;
        _layout = new PaddedLayout(shape);

        // The workers first: they build the sparse rows, each a share of the images.
        _group.Dispose();
        _group = new WorkerGroup(_threads, _workerStarted, _budget);

        // Sparse rows pay off below about half density (MNIST: 19%).
        var trainRows = SparseRows.Uncounted(train.Count);
        RunOverRows(train.Count, (start, end) => trainRows.CountRows(train.Images, train.InputSize, start, end));
        var sparse = _sparseInput ?? trainRows.CountedNonZeros() < 0.5 * train.Images.Length;
        _trainSparse = sparse ? Fill(trainRows, train) : null;
        if (options.Augmentation.Enabled)
        {
            train.Images.CopyTo(_train.Images, 0);
        }

        if (sparse)
        {
            var testRows = SparseRows.Uncounted(test.Count);
            RunOverRows(test.Count, (start, end) => testRows.CountRows(test.Images, test.InputSize, start, end));
            _testSparse = Fill(testRows, test);
        }
        else
        {
            _testSparse = null;
        }

        _params = new AlignedFloats(_layout.Length);
        _grads = new AlignedFloats(_layout.Length);
        var perParameter = options.Optimizer.StateFloatsPerParameter();
        _state1 = perParameter >= 1 ? new AlignedFloats(_layout.Length) : AlignedFloats.Empty;
        _state2 = perParameter >= 2 ? new AlignedFloats(_layout.Length) : AlignedFloats.Empty;
        _step = 0;

        // Buffers for a batch, or for a chunk of evaluation rows, whichever is larger.
        _capacity = Math.Max(Math.Min(options.BatchSize, train.Count), Math.Min(EvaluationChunk, Math.Max(train.Count, test.Count)));
        _activations = new float[shape.Layers.Count][];
        _deltas = new float[shape.Layers.Count][];
        for (var l = 0; l < shape.Layers.Count; l++)
        {
            _activations[l] = new float[_capacity * _layout.Padded[l]];
            _deltas[l] = new float[_capacity * _layout.Padded[l]];
        }

        _augmentScratch = new float[_threads][];
        for (var t = 0; t < _threads; t++)
        {
            _augmentScratch[t] = new float[Augmenter.ScratchLength(train.Width, train.Height)];
        }

        _rowLoss = new float[_capacity];
        _rowPrediction = new int[_capacity];
        var widest = shape.Layers.Max(l => Math.Max(l.Inputs, l.Outputs));
        _scratch = new WorkerScratch[_threads];
        for (var t = 0; t < _threads; t++)
        {
            _scratch[t] = new WorkerScratch(widest);
        }

        _blocks = RowBlock.Plan(shape, _layout, _threads, _trainSparse?.ColumnCounts(train.InputSize));
        _firstLayerBlocks = _trainSparse is null ? 0 : _blocks.Count(b => b.Layer == 0);
        if (_trainSparse is not null)
        {
            // Each training row's share of every first-layer update block, found once (and again by each rebuild of
            // the rows for an augmented epoch), not per batch.
            _trainSparse.SplitBy([.. _blocks.Take(_firstLayerBlocks).Select(b => b.Start), train.InputSize]);
            RunOverRows(train.Count, _trainSparse.SplitRows);
            _rowSplits = new int[_capacity * (_firstLayerBlocks + 1)];
        }

        _blockScratch = new WorkerScratch[_blocks.Length];
        for (var k = 0; k < _blocks.Length; k++)
        {
            _blockScratch[k] = new WorkerScratch(widest);
        }
    }

    public void SetParameters(ReadOnlySpan<float> parameters) => _layout.FromCanonical(parameters, _params.Span);

    public void GetParameters(Span<float> destination) => _layout.ToCanonical(_params.Span, destination);

    public void SetOptimizerState(ReadOnlySpan<float> state, long updateCount)
    {
        var n = _shape.ParameterCount;
        var perParameter = _options.Optimizer.StateFloatsPerParameter();
        if (state.Length != perParameter * n)
        {
            throw new ArgumentException($"Expected {perParameter * n} optimizer state values, got {state.Length}.", nameof(state));
        }

        if (perParameter >= 1)
        {
            _layout.FromCanonical(state[..n], _state1.Span);
        }

        if (perParameter >= 2)
        {
            _layout.FromCanonical(state.Slice(n, n), _state2.Span);
        }

        _step = updateCount;
    }

    public void GetOptimizerState(Span<float> destination, out long updateCount)
    {
        var n = _shape.ParameterCount;
        var perParameter = _options.Optimizer.StateFloatsPerParameter();
        if (perParameter >= 1)
        {
            _layout.ToCanonical(_state1.Span, destination[..n]);
        }

        if (perParameter >= 2)
        {
            _layout.ToCanonical(_state2.Span, destination.Slice(n, n));
        }

        updateCount = _step;
    }

    public void PrepareEpoch(int epoch, float learningRate)
    {
        _learningRate = learningRate;
        if (!_options.Augmentation.Enabled)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        _epochSeed = Augmenter.EpochSeed(_options.Seed, epoch);
        _augmentBody ??= AugmentPart;
        _group.Run(_augmentBody);
        if (_trainSparse is not null)
        {
            // The new images' sparse rows, built in place: each worker counted its share's non-zeros, now fills them.
            _trainSparse.StartRows();
            _fillBody ??= FillPart;
            _group.Run(_fillBody);
        }

        _augmentTicks += Stopwatch.GetTimestamp() - started;
    }

    private SparseRows Fill(SparseRows rows, Dataset data)
    {
        rows.StartRows(spare: false);
        RunOverRows(data.Count, (start, end) => rows.FillRows(data.Images, data.InputSize, start, end));
        rows.ReleaseUnpacked();
        return rows;
    }

    /// <summary>part(start, end) for blocks of count rows claimed by the workers (set-up only: it allocates a delegate).</summary>
    private void RunOverRows(int count, Action<int, int> part)
    {
        var blocks = (count + FillBlock - 1) / FillBlock;
        _group.Run(t =>
        {
            for (var k = _group.Claim(t, blocks); k >= 0; k = _group.Claim(t, blocks))
            {
                part(k * FillBlock, Math.Min(count, (k + 1) * FillBlock));
            }
        });
    }

    // Each worker transforms blocks of images it claims (a sample's transform does not depend on the split) and counts
    // each block's non-zeros while its rows are still in the core's cache.
    private void AugmentPart(int t)
    {
        var count = _source.Count;
        var blocks = (count + AugmentBlock - 1) / AugmentBlock;
        for (var k = _group.Claim(t, blocks); k >= 0; k = _group.Claim(t, blocks))
        {
            var (start, end) = (k * AugmentBlock, Math.Min(count, (k + 1) * AugmentBlock));
            Augmenter.ApplyRange(_source, _train.Images, _options.Augmentation, _epochSeed, start, end, _augmentScratch[t]);
            _trainSparse?.CountRows(_train.Images, _train.InputSize, start, end);
        }
    }

    private void FillPart(int t)
    {
        var count = _source.Count;
        var blocks = (count + FillBlock - 1) / FillBlock;
        for (var k = _group.Claim(t, blocks); k >= 0; k = _group.Claim(t, blocks))
        {
            _trainSparse!.FillRows(_train.Images, _train.InputSize, k * FillBlock, Math.Min(count, (k + 1) * FillBlock));
        }
    }

    /// <summary>The share of the training input's entries that are not zero (the sparse first layer's work), or null when dense.</summary>
    public double? TrainingInputDensity => _trainSparse?.Density(_train.InputSize);

    public double TrainEpoch(ReadOnlySpan<int> order, Action<int, int>? batchDone, CancellationToken cancellationToken)
    {
        if (order.Length != _train.Count)
        {
            throw new ArgumentException($"The order must list all {_train.Count} training samples.", nameof(order));
        }

        var batch = Math.Min(_options.BatchSize, _train.Count);
        var batches = (order.Length + batch - 1) / batch;
        var lossSum = 0.0;
        // The batches index the backend's own copy (ArraySegment needs an array); kept from epoch to epoch, not a new
        // 240 KB array on the large-object heap every epoch.
        if (_order.Length != order.Length)
        {
            _order = new int[order.Length];
        }

        order.CopyTo(_order);
        var orderArray = _order;
        for (var b = 0; b < batches; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = b * batch;
            var rows = new ArraySegment<int>(orderArray, start, Math.Min(batch, order.Length - start));
            var started = Stopwatch.GetTimestamp();
            RunForwardBackward(_trainSparse, _train, rows, cancellationToken);
            var forwardDone = Stopwatch.GetTimestamp();
            for (var r = 0; r < rows.Count; r++)
            {
                lossSum += _rowLoss[r];
            }

            _step++;
            RunUpdate(_trainSparse, _train, rows, cancellationToken);
            _forwardBackwardTicks += forwardDone - started;
            _updateTicks += Stopwatch.GetTimestamp() - forwardDone;
            batchDone?.Invoke(b + 1, batches);
        }

        return lossSum / order.Length;
    }

    public Evaluation Evaluate(bool trainingSet = false, CancellationToken cancellationToken = default)
    {
        var data = trainingSet ? _train : _test;
        var sparse = trainingSet ? _trainSparse : _testSparse;
        var correct = 0;
        var lossSum = 0.0;
        if (_evaluationRows.Length != Math.Min(_capacity, data.Count))
        {
            _evaluationRows = new int[Math.Min(_capacity, data.Count)];
        }

        var indices = _evaluationRows;
        for (var start = 0; start < data.Count; start += indices.Length)
        {
            var count = Math.Min(indices.Length, data.Count - start);
            for (var r = 0; r < count; r++)
            {
                indices[r] = start + r;
            }

            var rows = new ArraySegment<int>(indices, 0, count);
            RunForward(sparse, data, rows, cancellationToken);
            for (var r = 0; r < count; r++)
            {
                lossSum += _rowLoss[r];
                if (_rowPrediction[r] == data.Labels[start + r])
                {
                    correct++;
                }
            }
        }

        return new Evaluation(correct, data.Count, data.Count == 0 ? 0 : lossSum / data.Count);
    }

    public void Dispose() => _group.Dispose();

    private const int EvaluationChunk = 2000;

    // Images transformed before their non-zeros are counted: 64 MNIST images are 200 KB, well inside a core's L2.
    private const int AugmentBlock = 64;

    // Rows a claim in the set-up's and the sparse fill's passes: a few hundred microseconds of a core.
    private const int FillBlock = 1024;

    // Rows per chunk of the row pass: 32 rows' losses and predictions fill whole cache lines.
    private const int RowChunk = 32;
}
