using WebNet.Core.Data;
using WebNet.Core.Network;
using WebNet.Core.Training;
using Xunit.Abstractions;

namespace WebNet.Gpu.Tests;

/// <summary>
/// The ILGPU backend against its referee, CpuBackend: from the same parameters and order, one epoch must
/// land every parameter within 1e-4 (relative; absolute 1e-6 near zero) and give the same accuracy.
/// Subclasses choose the device. Sizes are small because ILGPU's CPU simulator is slow.
/// </summary>
public abstract class BackendParityTests
{
    private static readonly Dataset Train = SyntheticDigits.Create(256, seed: 11);
    private static readonly Dataset Test = SyntheticDigits.Create(100, seed: 12);
    private readonly ITestOutputHelper _output;

    protected BackendParityTests(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>The backend under test; the test class owns it.</summary>
    protected abstract ITrainingBackend Backend { get; }

    [Theory]
    [InlineData("sigmoid", "cross-entropy", "sgd")]
    [InlineData("tanh", "cross-entropy", "sgd")]
    [InlineData("relu", "cross-entropy", "sgd")]
    [InlineData("sigmoid", "softmax-cross-entropy", "sgd")]
    [InlineData("sigmoid", "quadratic", "sgd")]
    [InlineData("sigmoid", "cross-entropy", "momentum")]
    [InlineData("sigmoid", "cross-entropy", "adam")]
    public void OneEpochLandsWhereTheCpuBackendDoes(string activation, string cost, string optimizer)
    {
        var report = ParityCheck.Run(Backend, Options([16], activation, cost, optimizer), Train, Test);
        AssertAgrees(report);
    }

    [Theory]
    [InlineData("tanh", "softmax-cross-entropy", "momentum")]
    [InlineData("relu", "softmax-cross-entropy", "adam")]
    public void TwoHiddenLayersLandWhereTheCpuBackendDoes(string activation, string cost, string optimizer)
    {
        var report = ParityCheck.Run(Backend, Options([24, 12], activation, cost, optimizer), Train, Test);
        AssertAgrees(report);
    }

    internal static TrainingOptions Options(int[] hidden, string activation, string cost, string optimizer)
    {
        Assert.True(Activations.TryParse(activation, out var a));
        Assert.True(Costs.TryParse(cost, out var c));
        Assert.True(Optimizers.TryParse(optimizer, out var o));

        // Large steps and a strong L2 so that every term of the update moves the weights visibly; batch 40
        // leaves a last batch of 16 out of 256.
        return new TrainingOptions
        {
            Hidden = hidden,
            Activation = a,
            Cost = c,
            Optimizer = o,
            Initializer = a == Activation.Relu ? Initializer.He : Initializer.Xavier,
            LearningRate = o switch { Optimizer.Adam => 0.005f, Optimizer.Momentum => 0.1f, _ => 0.5f },
            Momentum = 0.9f,
            BatchSize = 40,
            L2 = 5f,
            Seed = 7,
        };
    }

    private void AssertAgrees(ParityReport report)
    {
        _output.WriteLine($"{Backend.DeviceName}: {report}");
        Assert.True(report.MaxMove > 1e-3, $"The weights barely moved ({report.MaxMove:E2}); the comparison would prove nothing.");
        Assert.True(report.WorstExcess <= 1, $"Parameters differ beyond tolerance: {report}");
        Assert.True(report.StateExcess <= 1, $"Optimizer state differs beyond tolerance: {report}");
        Assert.Equal(report.CpuLoss, report.DeviceLoss, 1e-4 * Math.Max(1, report.CpuLoss));
        Assert.Equal(report.CpuTest.Accuracy, report.DeviceTest.Accuracy, 0.001);
        Assert.Equal(report.CpuTrain.Accuracy, report.DeviceTrain.Accuracy, 0.001);
        Assert.Equal(report.CpuTest.MeanLoss, report.DeviceTest.MeanLoss, 1e-4 * Math.Max(1, report.CpuTest.MeanLoss));
    }
}
