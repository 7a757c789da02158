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
    internal static readonly Dataset Train = SyntheticDigits.Create(256, seed: 11);
    internal static readonly Dataset Test = SyntheticDigits.Create(100, seed: 12);
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

    [Fact]
    public void AugmentedEpochsWithACosineScheduleLandWhereTheCpuBackendDoes()
    {
        // Both backends transform the images with the same Core code, seeded by run, epoch and sample: the same batches.
        var options = Options([16], "relu", "softmax-cross-entropy", "momentum") with
        {
            Epochs = 2,
            Schedule = LearningRateSchedule.Cosine,
            Augmentation = new Core.Augmentation.AugmentationOptions { Rotation = 15, Scale = 0.1f, Shear = 10, Shift = 2, Elastic = 1, Thickness = 0.5f },
        };
        var report = ParityCheck.Run(Backend, options, Train, Test, epochs: 2);
        AssertAgrees(report);
    }

    [MnistFact]
    public void TheSeedNetworkOnRealDigitsLandsWhereTheCpuBackendDoes()
    {
        // 784-64-10 sigmoid cross-entropy as the seed preset, on the first 256 training and 200 test digits;
        // a larger step than the seed's 0.01 so that one epoch of 256 moves the weights measurably.
        var (train, test) = MnistLoader.Load(MnistLoader.DefaultPath);
        var options = Options([64], "sigmoid", "cross-entropy", "sgd") with { Preset = "seed", L2 = 1.5f };
        var report = ParityCheck.Run(Backend, options, train.Take(256), test.Take(200));
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
        ParityCheck.AssertAgrees(report);
    }
}
