using System.Numerics.Tensors;
using WebNet.Core.Data;
using WebNet.Core.Network;

namespace WebNet.Core.Training.Cpu;

// The per-weight pass: each block of weight rows sums its gradient over the batch in order, then takes the optimizer step.
public sealed partial class CpuBackend
{
    /// <summary>Gradient and optimizer step of every block of weight rows, in parallel over blocks.</summary>
    private void RunUpdate(SparseRows? sparse, Dataset data, ArraySegment<int> rows, CancellationToken cancellationToken)
    {
        (_passSparse, _passData, _passRows, _passCancellation) = (sparse, data, rows, cancellationToken);
        _updatePassBody ??= UpdatePassPart;
        _group.Run(_updatePassBody);
    }

    // Worker t takes blocks t, t + threads, ... first: a block's weights, gradients and optimizer state then stay in one
    // core's cache from batch to batch (handing blocks to whichever worker was free moved them between cores). It
    // claims each one, so worker 0 takes the blocks of a worker that another process holds up, or that the budget took
    // back, and waits only for a block that worker is already inside.
    private void UpdatePassPart(int t)
    {
        for (var k = _group.Claim(t, _blocks.Length); k >= 0; k = _group.Claim(t, _blocks.Length))
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
        var splits = _rowSplits;
        var stride = _firstLayerBlocks + 1;
        var packed = sparse?.Packed;
        var denseInput = l > 0 && _shape.Layers[l - 1].Activation != Activation.Relu && block.ColumnStart == 0 && block.ColumnEnd == p;
        for (var r0 = 0; denseInput && r0 < rows.Count; r0 += RowChunk)
        {
            // Sigmoid and tanh inputs have no zeros to skip: the block's rows of the gradient summed in registers, a
            // chunk of rows at a time (a look at the token between chunks).
            _passCancellation.ThrowIfCancellationRequested();
            var n = Math.Min(RowChunk, rows.Count - r0);
            var pPrev = _layout.Padded[l - 1];
            CpuKernels.AccumulateOuterDense(_activations[l - 1].AsSpan(r0 * pPrev), pPrev, block.Start, block.End, _deltas[l].AsSpan(r0 * p, n * p), p, dwt, n);
        }

        for (var r = 0; !denseInput && r < rows.Count; r++)
        {
            if (r % RowChunk == 0)
            {
                _passCancellation.ThrowIfCancellationRequested();
            }

            var delta = _deltas[l].AsSpan(r * p, p);
            if (l == 0 && sparse is not null)
            {
                if (r + UpdatePrefetchRows < rows.Count)
                {
                    var ahead = ((r + UpdatePrefetchRows) * stride) + k;
                    sparse.Prefetch(splits[ahead], splits[ahead + 1]);
                }

                var at = (r * stride) + k;
                var start = splits[at];
                var length = splits[at + 1] - start;
                if (packed is not null)
                {
                    CpuKernels.AccumulateOuter(new PackedEntries(packed.AsSpan(start, length)), delta, dwt, block.ColumnStart, block.ColumnEnd);
                }
                else
                {
                    CpuKernels.AccumulateOuter(sparse.Columns.AsSpan(start, length), sparse.Values.AsSpan(start, length), delta, dwt, block.ColumnStart, block.ColumnEnd);
                }
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

    // How far ahead a block asks for its share of a row: half the batch's rows were forwarded on another core, whose
    // cache is further away than one row's accumulation (about 20 non-zeros); 4 measured faster than 1 and 8.
    private const int UpdatePrefetchRows = 4;

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
                CpuKernels.SgdStep(w, g, 1f - (lr * decay), -lr * scale);
                break;
            case Optimizer.Momentum:
                // v <- mu v - lr (g/B + decay w); w <- w + v
                CpuKernels.MomentumStep(w, g, s1, scale, decay, lr, _options.Momentum);
                break;
            case Optimizer.Adam:
                {
                    var (c1, c2) = Adam.BiasCorrections(_step);
                    for (var i = 0; i < w.Length; i++)
                    {
                        var gi = (g[i] * scale) + (decay * w[i]);
                        s1[i] = (Adam.Beta1 * s1[i]) + ((1f - Adam.Beta1) * gi);
                        s2[i] = (Adam.Beta2 * s2[i]) + ((1f - Adam.Beta2) * gi * gi);
                        w[i] -= lr * (s1[i] * c1) / (MathF.Sqrt(s2[i] * c2) + Adam.Epsilon);
                    }

                    break;
                }

            default:
                throw new InvalidOperationException($"Unknown optimizer {_options.Optimizer}.");
        }
    }
}
