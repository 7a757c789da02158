using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace WebNet.Core.Training.Cpu;

// Layers on dense inputs (sigmoid and tanh activations): forward, then the error sent back to the input.
internal static partial class CpuKernels
{
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

    /// <summary>
    /// dWT[i, 0..P) += x_r[i] * delta_r for inputs i = i0..i1 and the rows r = 0..rows in order (x stride xStride, delta
    /// stride P), using every input: the gradient of a layer on dense inputs (sigmoid, tanh). Four input rows of dWT are
    /// summed in registers across all the rows and written once, where adding each row's outer product went through
    /// memory: each weight's chain of multiply-adds is the same, in the same order (a zero input adds a zero product).
    /// </summary>
    public static void AccumulateOuterDense(ReadOnlySpan<float> x, int xStride, int i0, int i1, ReadOnlySpan<float> delta, int p, Span<float> dwt, int rows)
    {
        Debug.Assert(p % Lanes == 0 && dwt.Length >= i1 * p && delta.Length >= rows * p && (rows == 0 || x.Length >= ((rows - 1) * xStride) + i1));
        ref var x0 = ref MemoryMarshal.GetReference(x);
        ref var d0 = ref MemoryMarshal.GetReference(delta);
        ref var g0 = ref MemoryMarshal.GetReference(dwt);
        var i = i0;
        for (; i + 4 <= i1; i += 4)
        {
            var c = 0;
            for (; c + (2 * Lanes) <= p; c += 2 * Lanes)
            {
                // Four inputs by sixteen outputs: eight chains, each input's broadcast shared by two of them.
                ref var g = ref Unsafe.Add(ref g0, (i * p) + c);
                var (a0, b0) = (Vector256.LoadUnsafe(ref g), Vector256.LoadUnsafe(ref g, Lanes));
                var (a1, b1) = (Vector256.LoadUnsafe(ref g, (nuint)p), Vector256.LoadUnsafe(ref g, (nuint)(p + Lanes)));
                var (a2, b2) = (Vector256.LoadUnsafe(ref g, (nuint)(2 * p)), Vector256.LoadUnsafe(ref g, (nuint)((2 * p) + Lanes)));
                var (a3, b3) = (Vector256.LoadUnsafe(ref g, (nuint)(3 * p)), Vector256.LoadUnsafe(ref g, (nuint)((3 * p) + Lanes)));
                for (var r = 0; r < rows; r++)
                {
                    ref var dr = ref Unsafe.Add(ref d0, (r * p) + c);
                    var (da, db) = (Vector256.LoadUnsafe(ref dr), Vector256.LoadUnsafe(ref dr, Lanes));
                    ref var xr = ref Unsafe.Add(ref x0, (r * xStride) + i);
                    var v = Vector256.Create(xr);
                    (a0, b0) = (Vector256.FusedMultiplyAdd(v, da, a0), Vector256.FusedMultiplyAdd(v, db, b0));
                    v = Vector256.Create(Unsafe.Add(ref xr, 1));
                    (a1, b1) = (Vector256.FusedMultiplyAdd(v, da, a1), Vector256.FusedMultiplyAdd(v, db, b1));
                    v = Vector256.Create(Unsafe.Add(ref xr, 2));
                    (a2, b2) = (Vector256.FusedMultiplyAdd(v, da, a2), Vector256.FusedMultiplyAdd(v, db, b2));
                    v = Vector256.Create(Unsafe.Add(ref xr, 3));
                    (a3, b3) = (Vector256.FusedMultiplyAdd(v, da, a3), Vector256.FusedMultiplyAdd(v, db, b3));
                }

                a0.StoreUnsafe(ref g);
                b0.StoreUnsafe(ref g, Lanes);
                a1.StoreUnsafe(ref g, (nuint)p);
                b1.StoreUnsafe(ref g, (nuint)(p + Lanes));
                a2.StoreUnsafe(ref g, (nuint)(2 * p));
                b2.StoreUnsafe(ref g, (nuint)((2 * p) + Lanes));
                a3.StoreUnsafe(ref g, (nuint)(3 * p));
                b3.StoreUnsafe(ref g, (nuint)((3 * p) + Lanes));
            }

            for (; c < p; c += Lanes)
            {
                ref var g = ref Unsafe.Add(ref g0, (i * p) + c);
                var (a0, a1, a2, a3) = (Vector256.LoadUnsafe(ref g), Vector256.LoadUnsafe(ref g, (nuint)p), Vector256.LoadUnsafe(ref g, (nuint)(2 * p)), Vector256.LoadUnsafe(ref g, (nuint)(3 * p)));
                for (var r = 0; r < rows; r++)
                {
                    var d = Vector256.LoadUnsafe(ref d0, (nuint)((r * p) + c));
                    ref var xr = ref Unsafe.Add(ref x0, (r * xStride) + i);
                    a0 = Vector256.FusedMultiplyAdd(Vector256.Create(xr), d, a0);
                    a1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref xr, 1)), d, a1);
                    a2 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref xr, 2)), d, a2);
                    a3 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref xr, 3)), d, a3);
                }

                a0.StoreUnsafe(ref g);
                a1.StoreUnsafe(ref g, (nuint)p);
                a2.StoreUnsafe(ref g, (nuint)(2 * p));
                a3.StoreUnsafe(ref g, (nuint)(3 * p));
            }
        }

        for (; i < i1; i++)
        {
            for (var c = 0; c < p; c += Lanes)
            {
                ref var g = ref Unsafe.Add(ref g0, (i * p) + c);
                var a = Vector256.LoadUnsafe(ref g);
                for (var r = 0; r < rows; r++)
                {
                    a = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref x0, (r * xStride) + i)), Vector256.LoadUnsafe(ref d0, (nuint)((r * p) + c)), a);
                }

                a.StoreUnsafe(ref g);
            }
        }
    }
}
