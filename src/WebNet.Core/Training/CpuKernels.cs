using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace WebNet.Core.Training;

/// <summary>
/// The CPU backend's SIMD kernels. Weights are held transposed and padded: WT (In, P) with P = Out rounded
/// up to 8, so one input's contribution to all outputs is one contiguous row (an axpy), and a sparse input
/// row costs only its non-zeros. Padding columns stay zero throughout.
/// </summary>
internal static class CpuKernels
{
    public const int Lanes = 8;

    /// <summary>z (P) = b (P) + sum over the non-zeros (i, v) of x of v * WT[i, :]. wt (In, P).</summary>
    public static void ForwardSparse(ReadOnlySpan<int> columns, ReadOnlySpan<float> values, ReadOnlySpan<float> wt, ReadOnlySpan<float> bias, Span<float> z)
    {
        var p = z.Length;
        Debug.Assert(p % Lanes == 0 && bias.Length == p && columns.Length == values.Length);
        ref var w0 = ref MemoryMarshal.GetReference(wt);
        var c = 0;
        for (; c + (8 * Lanes) <= p; c += 8 * Lanes)
        {
            var a0 = Vector256.Create(bias.Slice(c, 8));
            var a1 = Vector256.Create(bias.Slice(c + 8, 8));
            var a2 = Vector256.Create(bias.Slice(c + 16, 8));
            var a3 = Vector256.Create(bias.Slice(c + 24, 8));
            var a4 = Vector256.Create(bias.Slice(c + 32, 8));
            var a5 = Vector256.Create(bias.Slice(c + 40, 8));
            var a6 = Vector256.Create(bias.Slice(c + 48, 8));
            var a7 = Vector256.Create(bias.Slice(c + 56, 8));
            for (var k = 0; k < columns.Length; k++)
            {
                var v = Vector256.Create(values[k]);
                ref var row = ref Unsafe.Add(ref w0, (columns[k] * p) + c);
                a0 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row), a0);
                a1 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row, 8), a1);
                a2 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row, 16), a2);
                a3 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row, 24), a3);
                a4 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row, 32), a4);
                a5 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row, 40), a5);
                a6 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row, 48), a6);
                a7 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row, 56), a7);
            }

            a0.CopyTo(z.Slice(c, 8));
            a1.CopyTo(z.Slice(c + 8, 8));
            a2.CopyTo(z.Slice(c + 16, 8));
            a3.CopyTo(z.Slice(c + 24, 8));
            a4.CopyTo(z.Slice(c + 32, 8));
            a5.CopyTo(z.Slice(c + 40, 8));
            a6.CopyTo(z.Slice(c + 48, 8));
            a7.CopyTo(z.Slice(c + 56, 8));
        }

        for (; c + (2 * Lanes) <= p; c += 2 * Lanes)
        {
            var a0 = Vector256.Create(bias.Slice(c, 8));
            var a1 = Vector256.Create(bias.Slice(c + 8, 8));
            for (var k = 0; k < columns.Length; k++)
            {
                var v = Vector256.Create(values[k]);
                ref var row = ref Unsafe.Add(ref w0, (columns[k] * p) + c);
                a0 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row), a0);
                a1 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row, 8), a1);
            }

            a0.CopyTo(z.Slice(c, 8));
            a1.CopyTo(z.Slice(c + 8, 8));
        }

        for (; c < p; c += Lanes)
        {
            var a0 = Vector256.Create(bias.Slice(c, 8));
            for (var k = 0; k < columns.Length; k++)
            {
                a0 = Vector256.FusedMultiplyAdd(Vector256.Create(values[k]), Vector256.LoadUnsafe(ref Unsafe.Add(ref w0, (columns[k] * p) + c)), a0);
            }

            a0.CopyTo(z.Slice(c, 8));
        }
    }

    /// <summary>
    /// ForwardSparse for several rows at once, bit for bit, in tiles of input columns: row q's non-zeros are
    /// columns/values[start[q]..end[q]) and its z is z[q P..(q + 1) P). One input row of WT is 4 P bytes, so a sample's
    /// ~150 rows come from L2; a tile of WT small enough for L1 serves every row of the group before the next tile,
    /// and each z goes through memory between tiles unchanged (same order of additions: columns ascending).
    /// P a multiple of 64. start is advanced past each row's non-zeros (it is scratch).
    /// </summary>
    public static void ForwardSparseTiled(ReadOnlySpan<int> columns, ReadOnlySpan<float> values, Span<int> start, ReadOnlySpan<int> end, int inputs, ReadOnlySpan<float> wt, ReadOnlySpan<float> bias, Span<float> z, int tileColumns)
    {
        var p = bias.Length;
        var rows = start.Length;
        Debug.Assert(p % (8 * Lanes) == 0 && end.Length == rows && z.Length >= rows * p && tileColumns > 0);
        ref var w0 = ref MemoryMarshal.GetReference(wt);
        ref var z0 = ref MemoryMarshal.GetReference(z);
        ref var col0 = ref MemoryMarshal.GetReference(columns);
        ref var val0 = ref MemoryMarshal.GetReference(values);
        for (var q = 0; q < rows; q++)
        {
            bias.CopyTo(z.Slice(q * p, p));
        }

        for (var t1 = tileColumns; t1 - tileColumns < inputs; t1 += tileColumns)
        {
            for (var q = 0; q < rows; q++)
            {
                var k0 = start[q];
                var e = end[q];
                if (k0 == e || Unsafe.Add(ref col0, k0) >= t1)
                {
                    continue;
                }

                var k1 = k0;
                while (k1 < e && Unsafe.Add(ref col0, k1) < t1)
                {
                    k1++;
                }

                start[q] = k1;
                ref var zq = ref Unsafe.Add(ref z0, q * p);
                for (var c = 0; c < p; c += 8 * Lanes)
                {
                    ref var zc = ref Unsafe.Add(ref zq, c);
                    var a0 = Vector256.LoadUnsafe(ref zc);
                    var a1 = Vector256.LoadUnsafe(ref zc, 8);
                    var a2 = Vector256.LoadUnsafe(ref zc, 16);
                    var a3 = Vector256.LoadUnsafe(ref zc, 24);
                    var a4 = Vector256.LoadUnsafe(ref zc, 32);
                    var a5 = Vector256.LoadUnsafe(ref zc, 40);
                    var a6 = Vector256.LoadUnsafe(ref zc, 48);
                    var a7 = Vector256.LoadUnsafe(ref zc, 56);
                    for (var k = k0; k < k1; k++)
                    {
                        var v = Vector256.Create(Unsafe.Add(ref val0, k));
                        ref var row = ref Unsafe.Add(ref w0, (Unsafe.Add(ref col0, k) * p) + c);
                        a0 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row), a0);
                        a1 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row, 8), a1);
                        a2 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row, 16), a2);
                        a3 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row, 24), a3);
                        a4 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row, 32), a4);
                        a5 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row, 40), a5);
                        a6 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row, 48), a6);
                        a7 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row, 56), a7);
                    }

                    a0.StoreUnsafe(ref zc);
                    a1.StoreUnsafe(ref zc, 8);
                    a2.StoreUnsafe(ref zc, 16);
                    a3.StoreUnsafe(ref zc, 24);
                    a4.StoreUnsafe(ref zc, 32);
                    a5.StoreUnsafe(ref zc, 40);
                    a6.StoreUnsafe(ref zc, 48);
                    a7.StoreUnsafe(ref zc, 56);
                }
            }
        }
    }

    /// <summary>z (P) = b (P) + x (In) WT, skipping zero inputs (ReLU layers and image background). wt (In, P).</summary>
    public static void ForwardDense(ReadOnlySpan<float> x, ReadOnlySpan<float> wt, ReadOnlySpan<float> bias, Span<float> z, Span<int> columnScratch, Span<float> valueScratch)
    {
        var n = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] != 0f)
            {
                columnScratch[n] = i;
                valueScratch[n] = x[i];
                n++;
            }
        }

        ForwardSparse(columnScratch[..n], valueScratch[..n], wt, bias, z);
    }

    /// <summary>
    /// dWT[i, c0..c1) += v * delta[c0..c1) for each non-zero (i, v) of one input row. dwt (In, P), delta (P),
    /// c0 and c1 multiples of 8.
    /// </summary>
    public static void AccumulateOuter(ReadOnlySpan<int> columns, ReadOnlySpan<float> values, ReadOnlySpan<float> delta, Span<float> dwt, int c0, int c1)
    {
        var p = delta.Length;
        Debug.Assert(c0 % Lanes == 0 && c1 % Lanes == 0 && c1 <= p);
        ref var g0 = ref MemoryMarshal.GetReference(dwt);
        var c = c0;
        for (; c + (8 * Lanes) <= c1; c += 8 * Lanes)
        {
            // Eight vectors a non-zero: the index and broadcast are paid once for a 64-wide row.
            var d0 = Vector256.Create(delta.Slice(c, 8));
            var d1 = Vector256.Create(delta.Slice(c + 8, 8));
            var d2 = Vector256.Create(delta.Slice(c + 16, 8));
            var d3 = Vector256.Create(delta.Slice(c + 24, 8));
            var d4 = Vector256.Create(delta.Slice(c + 32, 8));
            var d5 = Vector256.Create(delta.Slice(c + 40, 8));
            var d6 = Vector256.Create(delta.Slice(c + 48, 8));
            var d7 = Vector256.Create(delta.Slice(c + 56, 8));
            for (var k = 0; k < columns.Length; k++)
            {
                var v = Vector256.Create(values[k]);
                ref var row = ref Unsafe.Add(ref g0, (columns[k] * p) + c);
                Vector256.FusedMultiplyAdd(v, d0, Vector256.LoadUnsafe(ref row)).StoreUnsafe(ref row);
                Vector256.FusedMultiplyAdd(v, d1, Vector256.LoadUnsafe(ref row, 8)).StoreUnsafe(ref row, 8);
                Vector256.FusedMultiplyAdd(v, d2, Vector256.LoadUnsafe(ref row, 16)).StoreUnsafe(ref row, 16);
                Vector256.FusedMultiplyAdd(v, d3, Vector256.LoadUnsafe(ref row, 24)).StoreUnsafe(ref row, 24);
                Vector256.FusedMultiplyAdd(v, d4, Vector256.LoadUnsafe(ref row, 32)).StoreUnsafe(ref row, 32);
                Vector256.FusedMultiplyAdd(v, d5, Vector256.LoadUnsafe(ref row, 40)).StoreUnsafe(ref row, 40);
                Vector256.FusedMultiplyAdd(v, d6, Vector256.LoadUnsafe(ref row, 48)).StoreUnsafe(ref row, 48);
                Vector256.FusedMultiplyAdd(v, d7, Vector256.LoadUnsafe(ref row, 56)).StoreUnsafe(ref row, 56);
            }
        }

        for (; c + (4 * Lanes) <= c1; c += 4 * Lanes)
        {
            var d0 = Vector256.Create(delta.Slice(c, 8));
            var d1 = Vector256.Create(delta.Slice(c + 8, 8));
            var d2 = Vector256.Create(delta.Slice(c + 16, 8));
            var d3 = Vector256.Create(delta.Slice(c + 24, 8));
            for (var k = 0; k < columns.Length; k++)
            {
                var v = Vector256.Create(values[k]);
                ref var row = ref Unsafe.Add(ref g0, (columns[k] * p) + c);
                Vector256.FusedMultiplyAdd(v, d0, Vector256.LoadUnsafe(ref row)).StoreUnsafe(ref row);
                Vector256.FusedMultiplyAdd(v, d1, Vector256.LoadUnsafe(ref row, 8)).StoreUnsafe(ref row, 8);
                Vector256.FusedMultiplyAdd(v, d2, Vector256.LoadUnsafe(ref row, 16)).StoreUnsafe(ref row, 16);
                Vector256.FusedMultiplyAdd(v, d3, Vector256.LoadUnsafe(ref row, 24)).StoreUnsafe(ref row, 24);
            }
        }

        for (; c < c1; c += Lanes)
        {
            var d0 = Vector256.Create(delta.Slice(c, 8));
            for (var k = 0; k < columns.Length; k++)
            {
                ref var row = ref Unsafe.Add(ref g0, (columns[k] * p) + c);
                Vector256.FusedMultiplyAdd(Vector256.Create(values[k]), d0, Vector256.LoadUnsafe(ref row)).StoreUnsafe(ref row);
            }
        }
    }

    /// <summary>
    /// z_q (P) = b (P) + x_q (In) WT for the rows q = 0..rows of x (stride xStride) and z (stride P), using every input
    /// (no skipping of zeros: for sigmoid and tanh inputs there are none to skip). Four rows at once share each weight
    /// row and keep eight accumulator chains in flight; each z[q, j] sums its inputs in order, as ForwardSparse does.
    /// </summary>
    public static void ForwardDenseRows(ReadOnlySpan<float> x, int xStride, int inputs, ReadOnlySpan<float> wt, ReadOnlySpan<float> bias, Span<float> z, int rows)
    {
        var p = bias.Length;
        Debug.Assert(p % Lanes == 0 && wt.Length >= inputs * p && z.Length >= rows * p && x.Length >= ((rows - 1) * xStride) + inputs);
        ref var w0 = ref MemoryMarshal.GetReference(wt);
        ref var b0 = ref MemoryMarshal.GetReference(bias);
        ref var x0 = ref MemoryMarshal.GetReference(x);
        ref var z0 = ref MemoryMarshal.GetReference(z);
        var q = 0;
        for (; q + 4 <= rows; q += 4)
        {
            ref var xa = ref Unsafe.Add(ref x0, q * xStride);
            ref var xb = ref Unsafe.Add(ref xa, xStride);
            ref var xc = ref Unsafe.Add(ref xb, xStride);
            ref var xd = ref Unsafe.Add(ref xc, xStride);
            ref var za = ref Unsafe.Add(ref z0, q * p);
            var c = 0;
            for (; c + (2 * Lanes) <= p; c += 2 * Lanes)
            {
                var b = Vector256.LoadUnsafe(ref b0, (nuint)c);
                var bh = Vector256.LoadUnsafe(ref b0, (nuint)(c + Lanes));
                var (a0, a1, b1, b2, c1, c2, d1, d2) = (b, bh, b, bh, b, bh, b, bh);
                ref var row = ref Unsafe.Add(ref w0, c);
                for (var i = 0; i < inputs; i++)
                {
                    var wl = Vector256.LoadUnsafe(ref row);
                    var wh = Vector256.LoadUnsafe(ref row, Lanes);
                    var va = Vector256.Create(Unsafe.Add(ref xa, i));
                    var vb = Vector256.Create(Unsafe.Add(ref xb, i));
                    var vc = Vector256.Create(Unsafe.Add(ref xc, i));
                    var vd = Vector256.Create(Unsafe.Add(ref xd, i));
                    a0 = Vector256.FusedMultiplyAdd(va, wl, a0);
                    a1 = Vector256.FusedMultiplyAdd(va, wh, a1);
                    b1 = Vector256.FusedMultiplyAdd(vb, wl, b1);
                    b2 = Vector256.FusedMultiplyAdd(vb, wh, b2);
                    c1 = Vector256.FusedMultiplyAdd(vc, wl, c1);
                    c2 = Vector256.FusedMultiplyAdd(vc, wh, c2);
                    d1 = Vector256.FusedMultiplyAdd(vd, wl, d1);
                    d2 = Vector256.FusedMultiplyAdd(vd, wh, d2);
                    row = ref Unsafe.Add(ref row, p);
                }

                a0.StoreUnsafe(ref za, (nuint)c);
                a1.StoreUnsafe(ref za, (nuint)(c + Lanes));
                b1.StoreUnsafe(ref za, (nuint)(p + c));
                b2.StoreUnsafe(ref za, (nuint)(p + c + Lanes));
                c1.StoreUnsafe(ref za, (nuint)((2 * p) + c));
                c2.StoreUnsafe(ref za, (nuint)((2 * p) + c + Lanes));
                d1.StoreUnsafe(ref za, (nuint)((3 * p) + c));
                d2.StoreUnsafe(ref za, (nuint)((3 * p) + c + Lanes));
            }

            for (; c < p; c += Lanes)
            {
                var b = Vector256.LoadUnsafe(ref b0, (nuint)c);
                var (a0, b1, c1, d1) = (b, b, b, b);
                ref var row = ref Unsafe.Add(ref w0, c);
                for (var i = 0; i < inputs; i++)
                {
                    var w = Vector256.LoadUnsafe(ref row);
                    a0 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref xa, i)), w, a0);
                    b1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref xb, i)), w, b1);
                    c1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref xc, i)), w, c1);
                    d1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref xd, i)), w, d1);
                    row = ref Unsafe.Add(ref row, p);
                }

                a0.StoreUnsafe(ref za, (nuint)c);
                b1.StoreUnsafe(ref za, (nuint)(p + c));
                c1.StoreUnsafe(ref za, (nuint)((2 * p) + c));
                d1.StoreUnsafe(ref za, (nuint)((3 * p) + c));
            }
        }

        for (; q < rows; q++)
        {
            ref var xa = ref Unsafe.Add(ref x0, q * xStride);
            ref var za = ref Unsafe.Add(ref z0, q * p);
            for (var c = 0; c < p; c += Lanes)
            {
                var a0 = Vector256.LoadUnsafe(ref b0, (nuint)c);
                ref var row = ref Unsafe.Add(ref w0, c);
                for (var i = 0; i < inputs; i++)
                {
                    a0 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref xa, i)), Vector256.LoadUnsafe(ref row), a0);
                    row = ref Unsafe.Add(ref row, p);
                }

                a0.StoreUnsafe(ref za, (nuint)c);
            }
        }
    }

    /// <summary>The logistic function, exactly as TensorPrimitives.Sigmoid computes it on a vector: 1 / (1 + e^-x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) => Vector256<float>.One / (Vector256<float>.One + Vector256.Exp(-x));

    /// <summary>z[0..n) = sigmoid(z[0..n)) in place, the padding lanes [n, P) left zero. z (P), P a multiple of 8.</summary>
    public static void SigmoidPadded(Span<float> z, int n)
    {
        Debug.Assert(z.Length % Lanes == 0 && n <= z.Length);
        ref var z0 = ref MemoryMarshal.GetReference(z);
        var c = 0;
        for (; c + Lanes <= n; c += Lanes)
        {
            Sigmoid(Vector256.LoadUnsafe(ref z0, (nuint)c)).StoreUnsafe(ref z0, (nuint)c);
        }

        if (c < n)
        {
            var keep = Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(n - c)).AsSingle();
            (Sigmoid(Vector256.LoadUnsafe(ref z0, (nuint)c)) & keep).StoreUnsafe(ref z0, (nuint)c);
        }
    }

    /// <summary>
    /// Costs.Loss for the binary cross-entropy of 9 to 15 sigmoid outputs a (16, padded), bit for bit, in two vectors
    /// instead of five TensorPrimitives calls: the clamp, 1 - p except at the label, Vector256.Log as TensorPrimitives.Log,
    /// and TensorPrimitives.Sum's order for such a length (the first vector plus the last eight values with all but the
    /// n - 8 past the first vector masked to zero, then Vector256.Sum).
    /// </summary>
    public static float CrossEntropyLoss(ReadOnlySpan<float> a, int n, int label)
    {
        Debug.Assert(n is > 8 and < 16 && a.Length >= 16);
        const float Epsilon = 1e-7f;
        ref var a0 = ref MemoryMarshal.GetReference(a);
        var low = Vector256.Create(Epsilon);
        var high = Vector256.Create(1f - Epsilon);
        var v0 = Vector256.Min(Vector256.Max(Vector256.LoadUnsafe(ref a0), low), high);
        var v1 = Vector256.Min(Vector256.Max(Vector256.LoadUnsafe(ref a0, Lanes), low), high);
        var at = Vector256.Create(label);
        v0 = Vector256.ConditionalSelect(Vector256.Equals(Vector256<int>.Indices, at).AsSingle(), v0, Vector256<float>.One - v0);
        v1 = Vector256.ConditionalSelect(Vector256.Equals(Vector256<int>.Indices + Vector256.Create(Lanes), at).AsSingle(), v1, Vector256<float>.One - v1);
        v0 = Vector256.Log(v0);
        v1 = Vector256.Log(v1);

        // Lane k >= 16 - n of the tail holds value n - 8 + k, i.e. lane k - (16 - n) of v1; the rest are zero (Shuffle
        // zeroes out-of-range indices, and negative ones are out of range).
        var tail = Vector256.Shuffle(v1, Vector256<int>.Indices - Vector256.Create(16 - n));
        return -Vector256.Sum(v0 + tail);
    }

    /// <summary>delta[i] *= a[i] (1 - a[i]) for i in 0..n: the sigmoid's derivative, as Activations.MultiplyByDerivative computes it.</summary>
    public static void MultiplyBySigmoidDerivative(ReadOnlySpan<float> a, Span<float> delta)
    {
        var n = delta.Length;
        Debug.Assert(a.Length >= n);
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var d0 = ref MemoryMarshal.GetReference(delta);
        var i = 0;
        for (; i + Lanes <= n; i += Lanes)
        {
            var v = Vector256.LoadUnsafe(ref a0, (nuint)i);
            (Vector256.LoadUnsafe(ref d0, (nuint)i) * (v * (Vector256<float>.One - v))).StoreUnsafe(ref d0, (nuint)i);
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref d0, i) *= Unsafe.Add(ref a0, i) * (1f - Unsafe.Add(ref a0, i));
        }
    }

    /// <summary>WT (In, P) to W (Out, In): the layout BackwardInputTransposed reads. w (Out, In).</summary>
    public static void Transpose(ReadOnlySpan<float> wt, int inputs, int p, int outputs, Span<float> w)
    {
        for (var i = 0; i < inputs; i++)
        {
            var row = wt.Slice(i * p, outputs);
            for (var j = 0; j < outputs; j++)
            {
                w[(j * inputs) + i] = row[j];
            }
        }
    }

    /// <summary>
    /// The same dx as BackwardInput, bit for bit, eight inputs at a time from W (Out, In): lane k of BackwardInput's
    /// accumulator (the chain over j = k, k + 8, ... of WT[i, j] delta[j]) is vector s_k here, and the eight are summed
    /// in Vector256.Sum's order, ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)). Padding outputs (j &gt;= Out, zero
    /// weight and delta) leave a chain unchanged, so they are skipped. The last In mod 8 inputs go through BackwardInput.
    /// </summary>
    public static void BackwardInputTransposed(ReadOnlySpan<float> w, ReadOnlySpan<float> wt, ReadOnlySpan<float> delta, int outputs, Span<float> dx)
    {
        var inputs = dx.Length;
        var p = delta.Length;
        Debug.Assert(w.Length >= outputs * inputs && outputs <= p);
        ref var w0 = ref MemoryMarshal.GetReference(w);
        ref var d0 = ref MemoryMarshal.GetReference(delta);
        ref var x0 = ref MemoryMarshal.GetReference(dx);
        var i = 0;
        for (; i + Lanes <= inputs; i += Lanes)
        {
            ref var wi = ref Unsafe.Add(ref w0, i);
            var s0 = Chain(ref wi, ref d0, 0, outputs, inputs);
            var s1 = Chain(ref wi, ref d0, 1, outputs, inputs);
            var s2 = Chain(ref wi, ref d0, 2, outputs, inputs);
            var s3 = Chain(ref wi, ref d0, 3, outputs, inputs);
            var s4 = Chain(ref wi, ref d0, 4, outputs, inputs);
            var s5 = Chain(ref wi, ref d0, 5, outputs, inputs);
            var s6 = Chain(ref wi, ref d0, 6, outputs, inputs);
            var s7 = Chain(ref wi, ref d0, 7, outputs, inputs);
            (((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))).StoreUnsafe(ref x0, (nuint)i);
        }

        if (i < inputs)
        {
            BackwardInput(wt[(i * p)..], delta, dx[i..]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Chain(ref float wi, ref float d0, int k, int outputs, int inputs)
    {
        var s = Vector256<float>.Zero;
        for (var j = k; j < outputs; j += Lanes)
        {
            s = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref Unsafe.Add(ref wi, j * inputs)), Vector256.Create(Unsafe.Add(ref d0, j)), s);
        }

        return s;
    }

    /// <summary>dx[i] = sum_j delta[j] WT[i, j] for i in 0..In: the error sent back to a layer's input. wt (In, P), delta (P).</summary>
    public static void BackwardInput(ReadOnlySpan<float> wt, ReadOnlySpan<float> delta, Span<float> dx)
    {
        var p = delta.Length;
        ref var w0 = ref MemoryMarshal.GetReference(wt);
        for (var i = 0; i < dx.Length; i++)
        {
            ref var row = ref Unsafe.Add(ref w0, i * p);
            var acc = Vector256<float>.Zero;
            for (var c = 0; c < p; c += Lanes)
            {
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, (nuint)c), Vector256.Create(delta.Slice(c, 8)), acc);
            }

            dx[i] = Vector256.Sum(acc);
        }
    }
}
