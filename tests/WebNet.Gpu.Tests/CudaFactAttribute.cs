namespace WebNet.Gpu.Tests;

/// <summary>A fact that runs only where ILGPU finds a CUDA device; elsewhere it is skipped, saying why.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> SkipReason = new(() =>
        BackendFactory.IsAvailable(Core.Training.BackendNames.Cuda, out var reason) ? null : reason);

    public CudaFactAttribute()
    {
        if (SkipReason.Value is { } reason)
        {
            Skip = reason;
        }
    }
}
