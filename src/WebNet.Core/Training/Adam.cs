namespace WebNet.Core.Training;

/// <summary>
/// Adam's constants and bias corrections, one definition for the CPU backend and the ILGPU kernels: both must
/// compute the same floats, so neither writes its own.
/// </summary>
public static class Adam
{
    public const float Beta1 = 0.9f;

    public const float Beta2 = 0.999f;

    public const float Epsilon = 1e-8f;

    /// <summary>1 / (1 - beta1^t) and 1 / (1 - beta2^t) for update number t (1 for the first).</summary>
    public static (float C1, float C2) BiasCorrections(long step) =>
        (1f / (1f - MathF.Pow(Beta1, step)), 1f / (1f - MathF.Pow(Beta2, step)));
}
