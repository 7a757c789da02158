using WebNet.Core.Training;
using Xunit.Abstractions;

namespace WebNet.Gpu.Tests;

/// <summary>
/// The parity suite on ILGPU's CPU simulator, or on WEBNET_TEST_BACKEND's device. Each case gets a backend of its own,
/// as each run in the app does: one backend initialised again and again for case after case read a first parameter of
/// exactly 0 now and then on ILGPU's CPU accelerator (while loss and accuracy matched), which no run ever does.
/// </summary>
public sealed class IlgpuBackendParityTests(ITestOutputHelper output) : BackendParityTests(output), IDisposable
{
    private readonly TestBackend _device = new();

    protected override ITrainingBackend Backend => _device.Backend;

    public void Dispose() => _device.Dispose();
}
