using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace WebNet.Core.Training.Cpu;

// The optimizer steps in one pass over the parameters, each the same floats as the chain of TensorPrimitives calls it
// replaces (multiplies and adds rounded one by one, never fused): the fast preset's 200,000 weights, their gradients
// and velocities are 2.4 MB, more than a core's L2, and five passes read them five times a batch.
internal static partial class CpuKernels
{
    /// <summary>w = (w * keep) + (g * step) for plain SGD: keep = 1 - lr decay, step = -lr / B. w, g (n).</summary>
    public static void SgdStep(Span<float> w, ReadOnlySpan<float> g, float keep, float step)
    {
        Debug.Assert(g.Length >= w.Length);
        ref var w0 = ref MemoryMarshal.GetReference(w);
        ref var g0 = ref MemoryMarshal.GetReference(g);
        var vk = Vector256.Create(keep);
        var vs = Vector256.Create(step);
        var i = 0;
        for (; i + Lanes <= w.Length; i += Lanes)
        {
            var wi = Vector256.LoadUnsafe(ref w0, (nuint)i);
            var gi = Vector256.LoadUnsafe(ref g0, (nuint)i) * vs;
            ((wi * vk) + gi).StoreUnsafe(ref w0, (nuint)i);
        }

        for (; i < w.Length; i++)
        {
            w[i] = (w[i] * keep) + (g[i] * step);
        }
    }

    /// <summary>
    /// v = (v * mu) + (((w * decay) + (g * scale)) * -lr); w = w + v: momentum SGD with L2 on the weights (decay 0 for
    /// biases). w, g, v (n).
    /// </summary>
    public static void MomentumStep(Span<float> w, ReadOnlySpan<float> g, Span<float> v, float scale, float decay, float lr, float mu)
    {
        Debug.Assert(g.Length >= w.Length && v.Length >= w.Length);
        ref var w0 = ref MemoryMarshal.GetReference(w);
        ref var g0 = ref MemoryMarshal.GetReference(g);
        ref var v0 = ref MemoryMarshal.GetReference(v);
        var vScale = Vector256.Create(scale);
        var vDecay = Vector256.Create(decay);
        var vRate = Vector256.Create(-lr);
        var vMu = Vector256.Create(mu);
        var i = 0;
        for (; i + Lanes <= w.Length; i += Lanes)
        {
            var wi = Vector256.LoadUnsafe(ref w0, (nuint)i);
            var gi = ((wi * vDecay) + (Vector256.LoadUnsafe(ref g0, (nuint)i) * vScale)) * vRate;
            var vi = (Vector256.LoadUnsafe(ref v0, (nuint)i) * vMu) + gi;
            vi.StoreUnsafe(ref v0, (nuint)i);
            (wi + vi).StoreUnsafe(ref w0, (nuint)i);
        }

        for (; i < w.Length; i++)
        {
            var gi = ((w[i] * decay) + (g[i] * scale)) * -lr;
            v[i] = (v[i] * mu) + gi;
            w[i] += v[i];
        }
    }
}
