using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace WebNet.Core.Training.Cpu;

// The output layer's cost on whole vectors.
internal static partial class CpuKernels
{
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
}
