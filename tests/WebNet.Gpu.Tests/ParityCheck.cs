using WebNet.Core.Data;
using WebNet.Core.Network;
using WebNet.Core.Training;
using WebNet.Core.Training.Cpu;

namespace WebNet.Gpu.Tests;

/// <summary>How far a backend's epoch lands from CpuBackend's, started from the same parameters and order.</summary>
internal sealed record ParityReport(
    double MaxAbsDiff,
    double MaxRelDiff,
    double WorstExcess,
    int WorstIndex,
    double MaxMove,
    double StateExcess,
    int StateWorstIndex,
    float CpuStateAtWorst,
    float DeviceStateAtWorst,
    double CpuLoss,
    double DeviceLoss,
    Evaluation CpuTest,
    Evaluation DeviceTest,
    Evaluation CpuTrain,
    Evaluation DeviceTrain)
{
    public override string ToString() =>
        $"max |diff| {MaxAbsDiff:E2}, max rel {MaxRelDiff:E2}, worst/tolerance {WorstExcess:F3} at parameter {WorstIndex}, " +
        $"optimizer state worst/tolerance {StateExcess:F3} at {StateWorstIndex} (cpu {CpuStateAtWorst:E3}, device {DeviceStateAtWorst:E3}), largest weight move {MaxMove:E2}, train loss cpu {CpuLoss:F6} device {DeviceLoss:F6}, " +
        $"test accuracy cpu {CpuTest.Accuracy:P2} device {DeviceTest.Accuracy:P2}, test loss cpu {CpuTest.MeanLoss:F6} device {DeviceTest.MeanLoss:F6}";
}

internal static class ParityCheck
{
    /// <summary>Relative tolerance, with the same figure as an absolute one below magnitude 1e-2 (weights near zero).</summary>
    public const double Tolerance = 1e-4;

    private const double NearZero = 1e-2;

    /// <summary>One epoch (or more) on both backends from the options' seed; CpuBackend is the referee.</summary>
    public static ParityReport Run(ITrainingBackend device, TrainingOptions options, Dataset train, Dataset test, int epochs = 1)
    {
        var shape = options.CreateShape(train.InputSize, train.Classes);
        var initial = Initializers.Create(shape, options.Initializer, new SplitMix64(options.Seed)).Parameters;
        using var cpu = new CpuBackend();
        cpu.Initialize(shape, options, train, test);
        device.Initialize(shape, options, train, test);
        cpu.SetParameters(initial);
        device.SetParameters(initial);

        var shuffle = new SplitMix64(options.Seed + 1);
        var order = new int[train.Count];
        double cpuLoss = 0, deviceLoss = 0;
        for (var e = 0; e < epochs; e++)
        {
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            shuffle.Shuffle(order);
            var rate = options.Schedule.Rate(options.LearningRate, e, options.Epochs);
            cpu.PrepareEpoch(e, rate);
            device.PrepareEpoch(e, rate);
            cpuLoss = cpu.TrainEpoch(order, null, CancellationToken.None);
            deviceLoss = device.TrainEpoch(order, null, CancellationToken.None);
        }

        var expected = new float[shape.ParameterCount];
        var actual = new float[shape.ParameterCount];
        cpu.GetParameters(expected);
        device.GetParameters(actual);
        var (maxAbs, maxRel, worst, worstIndex) = Compare(expected, actual);
        var maxMove = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            maxMove = Math.Max(maxMove, Math.Abs(expected[i] - initial[i]));
        }

        var stateLength = shape.ParameterCount * options.Optimizer.StateFloatsPerParameter();
        var expectedState = new float[stateLength];
        var actualState = new float[stateLength];
        cpu.GetOptimizerState(expectedState, out var cpuSteps);
        device.GetOptimizerState(actualState, out var deviceSteps);
        var (_, _, stateWorst, stateWorstIndex) = Compare(expectedState, actualState);
        var stateExcess = cpuSteps == deviceSteps ? stateWorst : double.PositiveInfinity;
        var (cpuAtWorst, deviceAtWorst) = stateWorstIndex >= 0 ? (expectedState[stateWorstIndex], actualState[stateWorstIndex]) : (0f, 0f);

        return new ParityReport(
            maxAbs, maxRel, worst, worstIndex, maxMove, stateExcess, stateWorstIndex, cpuAtWorst, deviceAtWorst, cpuLoss, deviceLoss,
            cpu.Evaluate(), device.Evaluate(), cpu.Evaluate(trainingSet: true), device.Evaluate(trainingSet: true));
    }

    /// <summary>Every parameter and optimizer state within tolerance, the same loss and the same accuracy (to 0.1 point).</summary>
    public static void AssertAgrees(ParityReport report)
    {
        Assert.True(report.MaxMove > 1e-3, $"The weights barely moved ({report.MaxMove:E2}); the comparison would prove nothing.");
        Assert.True(report.WorstExcess <= 1, $"Parameters differ beyond tolerance: {report}");
        Assert.True(report.StateExcess <= 1, $"Optimizer state differs beyond tolerance: {report}");
        Assert.Equal(report.CpuLoss, report.DeviceLoss, Tolerance * Math.Max(1, report.CpuLoss));
        Assert.Equal(report.CpuTest.Accuracy, report.DeviceTest.Accuracy, 0.001);
        Assert.Equal(report.CpuTrain.Accuracy, report.DeviceTrain.Accuracy, 0.001);
        Assert.Equal(report.CpuTest.MeanLoss, report.DeviceTest.MeanLoss, Tolerance * Math.Max(1, report.CpuTest.MeanLoss));
        Assert.Equal(report.CpuTrain.MeanLoss, report.DeviceTrain.MeanLoss, Tolerance * Math.Max(1, report.CpuTrain.MeanLoss));
    }

    /// <summary>Max absolute and relative difference, and the worst ratio of a difference to its tolerance.</summary>
    public static (double MaxAbs, double MaxRel, double Worst, int WorstIndex) Compare(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        double maxAbs = 0, maxRel = 0, worst = 0;
        var worstIndex = -1;
        for (var i = 0; i < expected.Length; i++)
        {
            var diff = Math.Abs((double)actual[i] - expected[i]);
            var magnitude = Math.Abs((double)expected[i]);
            maxAbs = Math.Max(maxAbs, diff);
            if (magnitude >= NearZero)
            {
                maxRel = Math.Max(maxRel, diff / magnitude);
            }

            var excess = double.IsFinite(diff) ? diff / (Tolerance * Math.Max(magnitude, NearZero)) : double.PositiveInfinity;
            if (excess > worst || worstIndex < 0)
            {
                worst = excess;
                worstIndex = i;
            }
        }

        return (maxAbs, maxRel, worst, worstIndex);
    }
}
