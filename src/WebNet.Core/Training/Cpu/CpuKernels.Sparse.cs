using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace WebNet.Core.Training.Cpu;

// The first layer on sparse input rows: forward, then its weight gradient.
internal static partial class CpuKernels
{
    /// <summary>z (P) = b (P) + sum over the non-zeros (i, v) of x of v * WT[i, :]. wt (In, P).</summary>
    public static void ForwardSparse(ReadOnlySpan<int> columns, ReadOnlySpan<float> values, ReadOnlySpan<float> wt, ReadOnlySpan<float> bias, Span<float> z) =>
        ForwardSparse(new FloatEntries(columns, values), wt, bias, z);

    /// <summary>z (P) = b (P) + sum over the entries (i, v) of v * WT[i, :], the entries in order. wt (In, P).</summary>
    public static void ForwardSparse<TEntries>(TEntries entries, ReadOnlySpan<float> wt, ReadOnlySpan<float> bias, Span<float> z)
        where TEntries : ISparseEntries, allows ref struct
    {
        var p = z.Length;
        Debug.Assert(p % Lanes == 0 && bias.Length == p);
        ref var w0 = ref MemoryMarshal.GetReference(wt);
        var c = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // The same multiply-adds, lane for lane, in half the instructions (AVX-512).
            for (; c + (8 * Lanes) <= p; c += 8 * Lanes)
            {
                var a0 = Vector512.Create(bias.Slice(c, 16));
                var a1 = Vector512.Create(bias.Slice(c + 16, 16));
                var a2 = Vector512.Create(bias.Slice(c + 32, 16));
                var a3 = Vector512.Create(bias.Slice(c + 48, 16));
                for (var k = 0; k < entries.Length; k++)
                {
                    var v = Vector512.Create(entries.Value(k));
                    ref var row = ref Unsafe.Add(ref w0, (entries.Column(k) * p) + c);
                    a0 = Vector512.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref row), a0);
                    a1 = Vector512.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref row, 16), a1);
                    a2 = Vector512.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref row, 32), a2);
                    a3 = Vector512.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref row, 48), a3);
                }

                a0.CopyTo(z.Slice(c, 16));
                a1.CopyTo(z.Slice(c + 16, 16));
                a2.CopyTo(z.Slice(c + 32, 16));
                a3.CopyTo(z.Slice(c + 48, 16));
            }
        }

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
            for (var k = 0; k < entries.Length; k++)
            {
                var v = Vector256.Create(entries.Value(k));
                ref var row = ref Unsafe.Add(ref w0, (entries.Column(k) * p) + c);
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
            for (var k = 0; k < entries.Length; k++)
            {
                var v = Vector256.Create(entries.Value(k));
                ref var row = ref Unsafe.Add(ref w0, (entries.Column(k) * p) + c);
                a0 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row), a0);
                a1 = Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref row, 8), a1);
            }

            a0.CopyTo(z.Slice(c, 8));
            a1.CopyTo(z.Slice(c + 8, 8));
        }

        for (; c < p; c += Lanes)
        {
            var a0 = Vector256.Create(bias.Slice(c, 8));
            for (var k = 0; k < entries.Length; k++)
            {
                a0 = Vector256.FusedMultiplyAdd(Vector256.Create(entries.Value(k)), Vector256.LoadUnsafe(ref Unsafe.Add(ref w0, (entries.Column(k) * p) + c)), a0);
            }

            a0.CopyTo(z.Slice(c, 8));
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
    public static void AccumulateOuter(ReadOnlySpan<int> columns, ReadOnlySpan<float> values, ReadOnlySpan<float> delta, Span<float> dwt, int c0, int c1) =>
        AccumulateOuter(new FloatEntries(columns, values), delta, dwt, c0, c1);

    /// <summary>dWT[i, c0..c1) += v * delta[c0..c1) for each entry (i, v), in order. dwt (In, P), c0 and c1 multiples of 8.</summary>
    public static void AccumulateOuter<TEntries>(TEntries entries, ReadOnlySpan<float> delta, Span<float> dwt, int c0, int c1)
        where TEntries : ISparseEntries, allows ref struct
    {
        var p = delta.Length;
        Debug.Assert(c0 % Lanes == 0 && c1 % Lanes == 0 && c1 <= p);
        ref var g0 = ref MemoryMarshal.GetReference(dwt);
        var c = c0;
        if (Vector512.IsHardwareAccelerated)
        {
            // The same multiply-adds, lane for lane, in half the instructions (AVX-512).
            for (; c + (8 * Lanes) <= c1; c += 8 * Lanes)
            {
                var d0 = Vector512.Create(delta.Slice(c, 16));
                var d1 = Vector512.Create(delta.Slice(c + 16, 16));
                var d2 = Vector512.Create(delta.Slice(c + 32, 16));
                var d3 = Vector512.Create(delta.Slice(c + 48, 16));
                for (var k = 0; k < entries.Length; k++)
                {
                    var v = Vector512.Create(entries.Value(k));
                    ref var row = ref Unsafe.Add(ref g0, (entries.Column(k) * p) + c);
                    Vector512.FusedMultiplyAdd(v, d0, Vector512.LoadUnsafe(ref row)).StoreUnsafe(ref row);
                    Vector512.FusedMultiplyAdd(v, d1, Vector512.LoadUnsafe(ref row, 16)).StoreUnsafe(ref row, 16);
                    Vector512.FusedMultiplyAdd(v, d2, Vector512.LoadUnsafe(ref row, 32)).StoreUnsafe(ref row, 32);
                    Vector512.FusedMultiplyAdd(v, d3, Vector512.LoadUnsafe(ref row, 48)).StoreUnsafe(ref row, 48);
                }
            }
        }

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
            for (var k = 0; k < entries.Length; k++)
            {
                var v = Vector256.Create(entries.Value(k));
                ref var row = ref Unsafe.Add(ref g0, (entries.Column(k) * p) + c);
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
            for (var k = 0; k < entries.Length; k++)
            {
                var v = Vector256.Create(entries.Value(k));
                ref var row = ref Unsafe.Add(ref g0, (entries.Column(k) * p) + c);
                Vector256.FusedMultiplyAdd(v, d0, Vector256.LoadUnsafe(ref row)).StoreUnsafe(ref row);
                Vector256.FusedMultiplyAdd(v, d1, Vector256.LoadUnsafe(ref row, 8)).StoreUnsafe(ref row, 8);
                Vector256.FusedMultiplyAdd(v, d2, Vector256.LoadUnsafe(ref row, 16)).StoreUnsafe(ref row, 16);
                Vector256.FusedMultiplyAdd(v, d3, Vector256.LoadUnsafe(ref row, 24)).StoreUnsafe(ref row, 24);
            }
        }

        for (; c < c1; c += Lanes)
        {
            var d0 = Vector256.Create(delta.Slice(c, 8));
            for (var k = 0; k < entries.Length; k++)
            {
                ref var row = ref Unsafe.Add(ref g0, (entries.Column(k) * p) + c);
                Vector256.FusedMultiplyAdd(Vector256.Create(entries.Value(k)), d0, Vector256.LoadUnsafe(ref row)).StoreUnsafe(ref row);
            }
        }
    }
}
