using WebNet.Core.Training;
using Xunit.Abstractions;

namespace WebNet.Gpu.Tests;

/// <summary>The parity suite on ILGPU's CPU simulator, or on WEBNET_TEST_BACKEND's device.</summary>
public sealed class IlgpuBackendParityTests(TestBackend device, ITestOutputHelper output)
    : BackendParityTests(output), IClassFixture<TestBackend>
{
    protected override ITrainingBackend Backend => device.Backend;
}
