using WebNet.Core.Training;

namespace WebNet.Gpu.Tests;

/// <summary>
/// Which ILGPU device the parity suite runs on: ILGPU's CPU simulator by default (CI has no GPU), or the
/// one named by WEBNET_TEST_BACKEND (cuda, opencl) on a machine that has it (scripts/gpu-check.sh).
/// </summary>
public sealed class TestBackend : IDisposable
{
    public const string Variable = "WEBNET_TEST_BACKEND";

    public TestBackend()
    {
        var name = Environment.GetEnvironmentVariable(Variable);
        Backend = new BackendFactory().Create(string.IsNullOrWhiteSpace(name) ? BackendNames.IlgpuCpu : name);
    }

    public ITrainingBackend Backend { get; }

    public void Dispose() => Backend.Dispose();
}
