using System.Numerics.Tensors;
using WebNet.Core.Data;
using WebNet.Core.Network;

namespace WebNet.Core.Training;

public sealed partial class CpuBackend
{
    // The pass in flight: set before each parallel pass, read by the cached pass bodies (no per-batch delegates).
    private SparseRows? _passSparse;
    private Dataset _passData = null!;
    private ArraySegment<int> _passRows;
    private bool _passBackward;
    private int _nextChunk;
    private Action<int>? _rowPassBody;
    private Action<int>? _updatePassBody;
    private float[][] _transposed = [];
    private int _firstLayerBlocks;
    private int[] _rowSplits = [];

    private void RunForward(SparseRows? sparse, Dataset data, ArraySegment<int> rows) => RunRowPass(sparse, data, rows, backward: false);

    private void RunForwardBackward(SparseRows? sparse, Dataset data, ArraySegment<int> rows) => RunRowPass(sparse, data, rows, backward: true);

    /// <summary>Each row's forward (and deltas), in chunks of rows taken by whichever worker is free.</summary>
    private void RunRowPass(SparseRows? sparse, Dataset data, ArraySegment<int> rows, bool backward)
    {
        (_passSparse, _passData, _passRows, _passBackward) = (sparse, data, rows, backward);
        if (backward)
        {
            TransposeWeights();
        }

        _nextChunk = 0;
        _rowPassBody ??= RowPassPart;
        _group.Run(_rowPassBody);
    }

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
            var p = _layout.Padded[l];
            CpuKernels.Transpose(_params.AsSpan(_layout.WeightOffset[l], layers[l].Inputs * p), layers[l].Inputs, p, layers[l].Outputs, _transposed[l]);
        }
    }

    // Chunks, not one fixed range per worker: rows differ in non-zeros, and a worker that another process holds up
    // left the other waiting at the end of the pass. A row's results do not depend on which worker computes it.
    // Each worker claims its next chunk before computing the current one, so that the next chunk's sparse rows can be
    // asked of the cache while this one's losses and deltas are computed (the tiled first layer needs all of them at
    // once). Evaluation, untiled, does not prefetch ahead: doing so in its loss loop, and only once in training, was
    // no faster (bench, four rounds).
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
            var next = Interlocked.Increment(ref _nextChunk) - 1;
            var r0 = c * RowChunk;
            var n = Math.Min(count, r0 + RowChunk) - r0;
            var nextR0 = (long)next * RowChunk < count ? next * RowChunk : count;
            var nextEnd = Math.Min(count, nextR0 + RowChunk);
            ForwardRows(_passSparse, _passData, r0, n, scratch, _passBackward ? nextR0 : nextEnd, nextEnd);
            if (_passBackward)
            {
                SplitRows(r0, n);
                for (var r = r0; r < r0 + n; r++)
                {
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
    /// Where each of rows r0..r0+n of the batch splits between the first layer's update blocks (sparse input), found
    /// here while the rows are in cache: the update pass then reads each row's share without a binary search, and
    /// prefetches only that share.
    /// </summary>
    private void SplitRows(int r0, int n)
    {
        var sparse = _passSparse;
        var blocks = _firstLayerBlocks;
        if (sparse is null || blocks == 0)
        {
            return;
        }

        for (var r = r0; r < r0 + n; r++)
        {
            var index = _passRows[r];
            var at = r * (blocks + 1);
            var end = sparse.RowStart[index + 1];
            for (var k = 0; k < blocks; k++)
            {
                _rowSplits[at + k] = sparse.Range(index, _blocks[k].Start, _blocks[k].End).Start;
            }

            _rowSplits[at + blocks] = end;
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
                // Sigmoid and tanh inputs are never zero: all of them, several rows at a time.
                var pPrev = _layout.Padded[l - 1];
                CpuKernels.ForwardDenseRows(_activations[l - 1].AsSpan(r0 * pPrev, n * pPrev), pPrev, layer.Inputs, wt, bias, _activations[l].AsSpan(r0 * p, n * p), n);
            }
            else if (l == 0 && sparse is not null && p % (8 * CpuKernels.Lanes) == 0)
            {
                for (var q = 0; q < n; q++)
                {
                    var index = _passRows[r0 + q];
                    scratch.Start[q] = sparse.RowStart[index];
                    scratch.End[q] = sparse.RowStart[index + 1];
                }

                // Tiles of about 12 KiB of WT (with the group's z, 8 KiB at P = 64, within a 32 KiB L1) when training;
                // one tile when only evaluating: there the next chunk's rows are asked for only shortly before they are
                // needed, and a first tile that needs every row of the chunk at once waited for them (bench, two threads:
                // eval 0.010 s tiled vs 0.007 s untiled; training's forward+deltas 0.066 s vs 0.068 s).
                var tile = _passBackward ? Math.Max(8, 12288 / (p * sizeof(float))) : layer.Inputs;
                CpuKernels.ForwardSparseTiled(sparse.Columns, sparse.Values, scratch.Start.AsSpan(0, n), scratch.End.AsSpan(0, n), layer.Inputs, wt, bias, _activations[l].AsSpan(r0 * p, n * p), tile);
            }
            else
            {
                for (var r = r0; r < r0 + n; r++)
                {
                    var z = _activations[l].AsSpan(r * p, p);
                    var index = _passRows[r];
                    if (l == 0 && sparse is not null)
                    {
                        if (r + 1 < count)
                        {
                            sparse.Prefetch(_passRows[r + 1]);
                        }

                        var start = sparse.RowStart[index];
                        var length = sparse.RowStart[index + 1] - start;
                        CpuKernels.ForwardSparse(sparse.Columns.AsSpan(start, length), sparse.Values.AsSpan(start, length), wt, bias, z);
                    }
                    else
                    {
                        var x = l == 0 ? data.Image(index) : _activations[l - 1].AsSpan(r * _layout.Padded[l - 1], layer.Inputs);
                        CpuKernels.ForwardDense(x, wt, bias, z, scratch.Columns, scratch.Values);
                    }
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

    /// <summary>Gradient and optimizer step of every block of weight rows, in parallel over blocks.</summary>
    private void RunUpdate(SparseRows? sparse, Dataset data, ArraySegment<int> rows)
    {
        (_passSparse, _passData, _passRows) = (sparse, data, rows);
        _updatePassBody ??= UpdatePassPart;
        _group.Run(_updatePassBody);
    }

    // Worker t always takes blocks t, t + threads, ...: a block's weights, gradients and optimizer state then stay in
    // one core's cache from batch to batch (handing blocks to whichever worker was free moved them between cores).
    private void UpdatePassPart(int t)
    {
        for (var k = t; k < _blocks.Length; k += _group.Threads)
        {
            UpdateBlock(k, _passSparse, _passData, _passRows);
        }
    }

    private void UpdateBlock(int k, SparseRows? sparse, Dataset data, ArraySegment<int> rows)
    {
        var lr = _learningRate;
        var decay = _options.L2 / _train.Count;
        var scale = 1f / rows.Count;
        var block = _blocks[k];
        var l = block.Layer;
        var p = _layout.Padded[l];
        var inputs = _shape.Layers[l].Inputs;
        var dwt = _grads.AsSpan(_layout.WeightOffset[l], inputs * p);
        var scratch = _blockScratch[k];
        ClearBlock(dwt, p, block);
        for (var r = 0; r < rows.Count; r++)
        {
            var delta = _deltas[l].AsSpan(r * p, p);
            if (l == 0 && sparse is not null)
            {
                var at = (r * (_firstLayerBlocks + 1)) + k;
                if (r + 1 < rows.Count)
                {
                    sparse.Prefetch(_rowSplits[at + _firstLayerBlocks + 1], _rowSplits[at + _firstLayerBlocks + 2]);
                }

                var start = _rowSplits[at];
                var length = _rowSplits[at + 1] - start;
                CpuKernels.AccumulateOuter(sparse.Columns.AsSpan(start, length), sparse.Values.AsSpan(start, length), delta, dwt, block.ColumnStart, block.ColumnEnd);
            }
            else
            {
                var x = l == 0 ? data.Image(rows[r]) : _activations[l - 1].AsSpan(r * _layout.Padded[l - 1], inputs);
                var n = 0;
                for (var i = block.Start; i < block.End; i++)
                {
                    if (x[i] != 0f)
                    {
                        scratch.Columns[n] = i;
                        scratch.Values[n] = x[i];
                        n++;
                    }
                }

                CpuKernels.AccumulateOuter(scratch.Columns.AsSpan(0, n), scratch.Values.AsSpan(0, n), delta, dwt, block.ColumnStart, block.ColumnEnd);
            }
        }

        // Full-width rows lie end to end: one optimizer call for the block, not one per row.
        var offset = _layout.WeightOffset[l];
        var width = block.ColumnEnd - block.ColumnStart;
        var (rowsPerCall, calls) = width == p ? (block.End - block.Start, 1) : (1, block.End - block.Start);
        for (var call = 0; call < calls; call++)
        {
            var at = offset + ((block.Start + call) * p) + block.ColumnStart;
            var length = (rowsPerCall - 1) * p + width;
            ApplyUpdate(_params.AsSpan(at, length), _grads.AsSpan(at, length), StateSlice(_state1, at, length), StateSlice(_state2, at, length), lr, scale, decay);
        }

        if (block.OwnsBias)
        {
            var gb = _grads.AsSpan(_layout.BiasOffset[l], p);
            gb.Clear();
            for (var r = 0; r < rows.Count; r++)
            {
                TensorPrimitives.Add(gb, _deltas[l].AsSpan(r * p, p), gb);
            }

            var biasOffset = _layout.BiasOffset[l];
            ApplyUpdate(_params.AsSpan(biasOffset, p), gb, StateSlice(_state1, biasOffset, p), StateSlice(_state2, biasOffset, p), lr, scale, 0f);
        }
    }

    private static void ClearBlock(Span<float> dwt, int p, RowBlock block)
    {
        if (block.ColumnEnd - block.ColumnStart == p)
        {
            dwt[(block.Start * p)..(block.End * p)].Clear();
            return;
        }

        for (var i = block.Start; i < block.End; i++)
        {
            dwt.Slice((i * p) + block.ColumnStart, block.ColumnEnd - block.ColumnStart).Clear();
        }
    }

    private static Span<float> StateSlice(AlignedFloats state, int offset, int length) => state.Length == 0 ? [] : state.AsSpan(offset, length);

    /// <summary>One optimizer step on w from the summed gradient g (scaled by 1/batch here); decay = lambda/n (0 for biases).</summary>
    private void ApplyUpdate(Span<float> w, Span<float> g, Span<float> s1, Span<float> s2, float lr, float scale, float decay)
    {
        switch (_options.Optimizer)
        {
            case Optimizer.Sgd:
                // w <- (1 - lr*decay) w - lr * g/B
                TensorPrimitives.Multiply(g, -lr * scale, g);
                TensorPrimitives.MultiplyAdd(w, 1f - (lr * decay), g, w);
                break;
            case Optimizer.Momentum:
                // v <- mu v - lr (g/B + decay w); w <- w + v
                TensorPrimitives.Multiply(g, scale, g);
                TensorPrimitives.MultiplyAdd(w, decay, g, g);
                TensorPrimitives.Multiply(g, -lr, g);
                TensorPrimitives.MultiplyAdd(s1, _options.Momentum, g, s1);
                TensorPrimitives.Add(w, s1, w);
                break;
            case Optimizer.Adam:
                {
                    const float Beta1 = 0.9f, Beta2 = 0.999f, Eps = 1e-8f;
                    var c1 = 1f / (1f - MathF.Pow(Beta1, _step));
                    var c2 = 1f / (1f - MathF.Pow(Beta2, _step));
                    for (var i = 0; i < w.Length; i++)
                    {
                        var gi = (g[i] * scale) + (decay * w[i]);
                        s1[i] = (Beta1 * s1[i]) + ((1f - Beta1) * gi);
                        s2[i] = (Beta2 * s2[i]) + ((1f - Beta2) * gi * gi);
                        w[i] -= lr * (s1[i] * c1) / (MathF.Sqrt(s2[i] * c2) + Eps);
                    }

                    break;
                }

            default:
                throw new InvalidOperationException($"Unknown optimizer {_options.Optimizer}.");
        }
    }
}
