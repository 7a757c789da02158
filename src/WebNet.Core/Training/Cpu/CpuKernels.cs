namespace WebNet.Core.Training.Cpu;

/// <summary>
/// The CPU backend's SIMD kernels. Weights are held transposed and padded: WT (In, P) with P = Out rounded
/// up to 8, so one input's contribution to all outputs is one contiguous row (an axpy), and a sparse input
/// row costs only its non-zeros. Padding columns stay zero throughout.
/// </summary>
internal static partial class CpuKernels
{
    public const int Lanes = 8;
}
