using System.Numerics.Tensors;
using WebNet.Core.Data;
using WebNet.Core.Network;

namespace WebNet.Core.Training.Cpu;

public sealed partial class CpuBackend
{
    // The pass in flight: set before each parallel pass, read by the cached pass bodies (no per-batch delegates).
    private SparseRows? _passSparse;
    private Dataset _passData = null!;
    private ArraySegment<int> _passRows;
    private bool _passBackward;
    private CancellationToken _passCancellation;
    private long _rowsForwarded;

    /// <summary>Rows whose forward pass has finished so far, training and evaluation together (what a cancellation cut short).</summary>
    internal long RowsForwarded => Interlocked.Read(ref _rowsForwarded);

    /// <summary>Rows taken through single layers' forward so far, a row through L layers counting L (what a cancellation within a chunk cut short).</summary>
    internal long LayerRowsForwarded => _scratch.Sum(s => Volatile.Read(ref s.LayerRows));

    /// <summary>Chunks of rows each worker has computed so far, training and evaluation together (what a thread budget allowed).</summary>
    internal long[] ChunksByWorker => [.. _scratch.Select(s => Volatile.Read(ref s.Chunks))];
    private int _nextChunk;
    private Action<int>? _rowPassBody;
    private Action<int>? _updatePassBody;
    private float[][] _transposed = [];
    private int _firstLayerBlocks;
    private int[] _rowSplits = [];

    private void RunForward(SparseRows? sparse, Dataset data, ArraySegment<int> rows, CancellationToken cancellationToken) => RunRowPass(sparse, data, rows, backward: false, cancellationToken);

    private void RunForwardBackward(SparseRows? sparse, Dataset data, ArraySegment<int> rows, CancellationToken cancellationToken) => RunRowPass(sparse, data, rows, backward: true, cancellationToken);

    /// <summary>Each row's forward (and deltas), in chunks of rows taken by whichever worker is free.</summary>
    private void RunRowPass(SparseRows? sparse, Dataset data, ArraySegment<int> rows, bool backward, CancellationToken cancellationToken)
    {
        (_passSparse, _passData, _passRows, _passBackward, _passCancellation) = (sparse, data, rows, backward, cancellationToken);
        if (backward)
        {
            TransposeWeights();
        }

        _nextChunk = 0;
        _rowPassBody ??= RowPassPart;
        _group.Run(_rowPassBody);
    }

    /// <summary>
    /// Rows of a dense layer's forward between two looks at the token: whole multiples of the kernel's four rows, about
    /// DenseSliceWork multiply-adds (one slice, the whole chunk, for the presets' layers: 64 x 16 is 1,024 a row).
    /// </summary>
    private static int DenseSliceRows(int inputs, int p) => (int)Math.Clamp(DenseSliceWork / ((long)inputs * p) / 4 * 4, 4, RowChunk);

    // About 10 ms of a core at the dense kernel's speed on 4096-wide layers (a few GFLOP/s: the weights stream from memory).
    private const long DenseSliceWork = 16L << 20;

    /// <summary>W (Out, In) of every layer after the first, for BackwardInputTransposed: the weights of this batch.</summary>
    private void TransposeWeights()
    {
        var layers = _shape.Layers;
        if (_transposed.Length != layers.Count)
        {
            _transposed = new float[layers.Count][];
            for (var l = 1; l < layers.Count; l++)
            {
                _transposed[l] = new float[layers[l].Inputs * layers[l].Outputs];
            }
        }

        for (var l = 1; l < layers.Count; l++)
        {
            // Each layer: a 4096 x 4096 transpose is a scattered write of 64 MB.
            _passCancellation.ThrowIfCancellationRequested();
            var p = _layout.Padded[l];
            CpuKernels.Transpose(_params.AsSpan(_layout.WeightOffset[l], layers[l].Inputs * p), layers[l].Inputs, p, layers[l].Outputs, _transposed[l]);
        }
    }

    // Chunks, not one fixed range per worker: rows differ in non-zeros, and a worker that another process holds up
    // left the other waiting at the end of the pass. A row's results do not depend on which worker computes it.
    // Each worker claims its next chunk before computing the current one, so that the next chunk's sparse rows can be
    // asked of the cache while this one's losses and deltas are computed (the tiled first layer needs all of them at
    // once). Evaluation, untiled, does not prefetch ahead (measured no faster; README, "How the CPU backend is fast").
    private void RowPassPart(int t)
    {
        var count = _passRows.Count;
        var scratch = _scratch[t];
        var c = Interlocked.Increment(ref _nextChunk) - 1;
        if ((long)c * RowChunk < count)
        {
            PrefetchRows(c * RowChunk, Math.Min(count, (c + 1) * RowChunk));
        }

        while ((long)c * RowChunk < count)
        {
            // Per chunk of rows, so that a large network's batch or evaluation stops within a chunk's time.
            _passCancellation.ThrowIfCancellationRequested();

            // A worker the budget no longer allows finishes its chunk and claims no other; worker 0 takes the rest.
            var next = _group.KeepsWorking(t) ? Interlocked.Increment(ref _nextChunk) - 1 : int.MaxValue / RowChunk;
            scratch.Chunks++;
            var r0 = c * RowChunk;
            var n = Math.Min(count, r0 + RowChunk) - r0;
            var nextR0 = (long)next * RowChunk < count ? next * RowChunk : count;
            var nextEnd = Math.Min(count, nextR0 + RowChunk);
            ForwardRows(_passSparse, _passData, r0, n, scratch, _passBackward ? nextR0 : nextEnd, nextEnd);
            Interlocked.Add(ref _rowsForwarded, n);
            if (_passBackward)
            {
                CopySplits(r0, n);
                for (var r = r0; r < r0 + n; r++)
                {
                    // Each row: a row's deltas through 4096-wide layers are tens of milliseconds.
                    _passCancellation.ThrowIfCancellationRequested();
                    BackwardRow(_passData, r, _passRows[r]);
                    if (nextR0 + r - r0 < nextEnd)
                    {
                        _passSparse?.Prefetch(_passRows[nextR0 + r - r0]);
                    }
                }
            }

            c = next;
        }
    }

    /// <summary>
    /// Rows r0..r0+n's shares of the first layer's update blocks (<see cref="SparseRows.Splits"/>), copied in batch
    /// order while the rows are in cache: each update block then reads them one after another, not from scattered rows.
    /// </summary>
    private void CopySplits(int r0, int n)
    {
        var sparse = _passSparse;
        if (sparse is null || _firstLayerBlocks == 0)
        {
            return;
        }

        var stride = _firstLayerBlocks + 1;
        for (var r = r0; r < r0 + n; r++)
        {
            var from = _passRows[r] * stride;
            var to = r * stride;
            for (var k = 0; k < stride; k++)
            {
                _rowSplits[to + k] = sparse.Splits[from + k];
            }
        }
    }

    private void PrefetchRows(int from, int to)
    {
        if (_passSparse is null)
        {
            return;
        }

        for (var r = from; r < to; r++)
        {
            _passSparse.Prefetch(_passRows[r]);
        }
    }

    /// <summary>Activations of every layer for batch rows r0..r0+n (consecutive), then their losses and predictions.</summary>
    /// <param name="prefetchFrom">First row of the next chunk whose sparse input to prefetch while the rows' losses are computed.</param>
    /// <param name="prefetchTo">End of those rows.</param>
    private void ForwardRows(SparseRows? sparse, Dataset data, int r0, int n, WorkerScratch scratch, int prefetchFrom, int prefetchTo)
    {
        var layers = _shape.Layers;
        var count = _passRows.Count;
        for (var l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            var p = _layout.Padded[l];
            var wt = _params.AsSpan(_layout.WeightOffset[l], layer.Inputs * p);
            var bias = _params.AsSpan(_layout.BiasOffset[l], p);
            if (l > 0 && layers[l - 1].Activation != Activation.Relu)
            {
                // Sigmoid and tanh inputs are never zero: all of them, several rows at a time, in slices of rows with a
                // look at the token after each: a chunk through 4096-wide layers is seconds on a busy machine. A row's
                // sums do not depend on the slices (the kernel takes rows four at a time, each on its own).
                var pPrev = _layout.Padded[l - 1];
                var slice = DenseSliceRows(layer.Inputs, p);
                for (var s = 0; s < n; s += slice)
                {
                    var m = Math.Min(slice, n - s);
                    CpuKernels.ForwardDenseRows(_activations[l - 1].AsSpan((r0 + s) * pPrev, m * pPrev), pPrev, layer.Inputs, wt, bias, _activations[l].AsSpan((r0 + s) * p, m * p), m);
                    scratch.LayerRows += m;
                    if (s + m < n)
                    {
                        _passCancellation.ThrowIfCancellationRequested();
                    }
                }
            }
            else
            {
                var packed = l == 0 ? sparse?.Packed : null;
                for (var r = r0; r < r0 + n; r++)
                {
                    var z = _activations[l].AsSpan(r * p, p);
                    var index = _passRows[r];
                    if (l == 0 && sparse is not null)
                    {
                        if (!_passBackward && r + 1 < count)
                        {
                            // Evaluation asks for the next row here; training asked for the whole chunk ahead of it.
                            sparse.Prefetch(_passRows[r + 1]);
                        }

                        var start = sparse.RowStart[index];
                        var length = sparse.RowStart[index + 1] - start;
                        if (packed is not null)
                        {
                            CpuKernels.ForwardSparse(new PackedEntries(packed.AsSpan(start, length)), wt, bias, z);
                        }
                        else
                        {
                            CpuKernels.ForwardSparse(sparse.Columns.AsSpan(start, length), sparse.Values.AsSpan(start, length), wt, bias, z);
                        }
                    }
                    else
                    {
                        var x = l == 0 ? data.Image(index) : _activations[l - 1].AsSpan(r * _layout.Padded[l - 1], layer.Inputs);
                        CpuKernels.ForwardDense(x, wt, bias, z, scratch.Columns, scratch.Values);
                    }

                    scratch.LayerRows++;
                    _passCancellation.ThrowIfCancellationRequested();
                }
            }

            for (var r = r0; r < r0 + n; r++)
            {
                var z = _activations[l].AsSpan(r * p, p);
                if (layer.Activation == Activation.Sigmoid)
                {
                    CpuKernels.SigmoidPadded(z, layer.Outputs);
                }
                else
                {
                    Activations.Forward(layer.Activation, z[..layer.Outputs]);
                }
            }

            _passCancellation.ThrowIfCancellationRequested();
        }

        var pLast = _layout.Padded[^1];
        for (var r = r0; r < r0 + n; r++)
        {
            var output = _activations[^1].AsSpan(r * pLast, _shape.OutputSize);
            var label = data.Labels[_passRows[r]];
            _rowLoss[r] = _shape.Cost == Cost.CrossEntropy && output.Length is > 8 and < 16
                ? CpuKernels.CrossEntropyLoss(_activations[^1].AsSpan(r * pLast, pLast), output.Length, label)
                : Costs.Loss(_shape.Cost, output, label);
            _rowPrediction[r] = TensorPrimitives.IndexOfMax(output);
            if (prefetchFrom + r - r0 < prefetchTo)
            {
                sparse?.Prefetch(_passRows[prefetchFrom + r - r0]);
            }
        }
    }

    /// <summary>Deltas (dC/dz) of every layer for batch row r. Padding columns stay zero.</summary>
    private void BackwardRow(Dataset data, int r, int index)
    {
        var layers = _shape.Layers;
        var last = layers.Count - 1;
        var pLast = _layout.Padded[last];
        Costs.OutputDelta(_shape.Cost, _activations[last].AsSpan(r * pLast, _shape.OutputSize), data.Labels[index], _deltas[last].AsSpan(r * pLast, _shape.OutputSize));
        for (var l = last; l >= 1; l--)
        {
            var p = _layout.Padded[l];
            var pPrev = _layout.Padded[l - 1];
            var inputs = layers[l].Inputs;
            var back = _deltas[l - 1].AsSpan(r * pPrev, inputs);
            CpuKernels.BackwardInputTransposed(_transposed[l], _params.AsSpan(_layout.WeightOffset[l], inputs * p), _deltas[l].AsSpan(r * p, p), layers[l].Outputs, back);
            var a = _activations[l - 1].AsSpan(r * pPrev, inputs);
            if (layers[l - 1].Activation == Activation.Sigmoid)
            {
                CpuKernels.MultiplyBySigmoidDerivative(a, back);
            }
            else
            {
                Activations.MultiplyByDerivative(layers[l - 1].Activation, a, back);
            }
        }
    }
}
