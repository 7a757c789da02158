using WebNet.Core.Training;
using Xunit.Abstractions;

namespace WebNet.Gpu.Tests;

/// <summary>The backend on a real CUDA device, with the tiled product; skipped on machines without one.</summary>
public sealed class CudaBackendTests(ITestOutputHelper output)
{
    private readonly BackendFactory _factory = new();

    [CudaFact]
    public void CudaAndAutoBothChooseTheCudaDevice()
    {
        using var cuda = _factory.Create(BackendNames.Cuda);
        using var auto = _factory.Create(BackendNames.Auto);
        output.WriteLine(cuda.DeviceName);
        Assert.Equal(BackendNames.Cuda, cuda.Name);
        Assert.Equal(BackendNames.Cuda, auto.Name);
        Assert.True(((IlgpuBackend)cuda).UseTiledMatMul);
    }

    [CudaFact]
    public void SeedConfigurationOnCudaLandsWhereTheCpuBackendDoes() =>
        Check(BackendParityTests.Options([64], "sigmoid", "cross-entropy", "sgd"));

    [CudaFact]
    public void TwoHiddenLayersWithAdamOnCudaLandWhereTheCpuBackendDoes() =>
        Check(BackendParityTests.Options([48, 24], "relu", "softmax-cross-entropy", "adam"));

    private void Check(TrainingOptions options)
    {
        using var cuda = _factory.Create(BackendNames.Cuda);
        var report = ParityCheck.Run(cuda, options, BackendParityTests.Train, BackendParityTests.Test);
        output.WriteLine($"{cuda.DeviceName}: {report}");
        ParityCheck.AssertAgrees(report);
    }
}
