using WebNet.Core.Training;
using WebNet.Core.Training.Cpu;

namespace WebNet.Gpu.Tests;

public sealed class BackendFactoryTests
{
    private readonly BackendFactory _factory = new();

    [Fact]
    public void CpuGivesTheManagedCpuBackendWhateverTheCase()
    {
        using var lower = _factory.Create("cpu");
        using var upper = _factory.Create("CPU");
        Assert.IsType<CpuBackend>(lower);
        Assert.IsType<CpuBackend>(upper);
    }

    [Fact]
    public void IlgpuCpuGivesIlgpusCpuAccelerator()
    {
        using var backend = _factory.Create(BackendNames.IlgpuCpu);
        Assert.IsType<IlgpuBackend>(backend);
        Assert.Equal(BackendNames.IlgpuCpu, backend.Name);
        Assert.Contains("CPU", backend.DeviceName, StringComparison.Ordinal);
    }

    [Fact]
    public void AutoGivesAGpuOrTheManagedCpuBackendButNeverTheSimulator()
    {
        using var backend = _factory.Create(BackendNames.Auto);
        Assert.Contains(backend.Name, new[] { BackendNames.Cuda, BackendNames.OpenCl, BackendNames.Cpu });
        Assert.Equal(backend.Name == BackendNames.Cpu, backend is CpuBackend);
    }

    [Theory]
    [InlineData("cuda", "CUDA")]
    [InlineData("opencl", "OpenCL")]
    public void AGpuKindGivesItsDeviceOrSaysWhyNot(string name, string word)
    {
        ITrainingBackend? backend = null;
        try
        {
            backend = _factory.Create(name);
            Assert.Equal(name, backend.Name);
            Assert.False(string.IsNullOrWhiteSpace(backend.DeviceName));
        }
        catch (BackendUnavailableException e)
        {
            Assert.Contains(word, e.Message, StringComparison.OrdinalIgnoreCase);
            Assert.False(BackendFactory.IsAvailable(name, out var reason));
            Assert.False(string.IsNullOrWhiteSpace(reason));
        }
        finally
        {
            backend?.Dispose();
        }
    }

    [Fact]
    public void AnUnknownNameIsRefusedWithTheKnownNames()
    {
        var e = Assert.Throws<BackendUnavailableException>(() => _factory.Create("tpu"));
        Assert.Contains("ilgpu-cpu", e.Message, StringComparison.Ordinal);
    }
}
