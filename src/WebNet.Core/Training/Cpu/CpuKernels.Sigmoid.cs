using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace WebNet.Core.Training.Cpu;

// The sigmoid on whole vectors: forward, then its derivative.
internal static partial class CpuKernels
{
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
}
