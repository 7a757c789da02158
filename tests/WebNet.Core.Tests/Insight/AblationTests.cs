using WebNet.Core.Insight;
using WebNet.Core.Network;

namespace WebNet.Core.Tests.Insight;

public sealed class AblationTests
{
    public static TheoryData<int[]> OffSets => new()
    {
        Array.Empty<int>(),
        new[] { 0 },
        new[] { 3, 7, 1 },
        new[] { 0, 1, 2, 3, 4, 5, 6, 8, 9 },
    };

    [Theory]
    [MemberData(nameof(OffSets))]
    public void AccuracyWithAnySetOffAgreesWithMlpForwardOnEverySample(int[] off)
    {
        var data = InsightTestData.Balanced(300, 6, 4, seed: 21);
        var model = InsightTestData.Network(31, Activation.Sigmoid, Cost.CrossEntropy, 36, 10, 4);

        var result = Ablation.Run(new HiddenLayerProbe(model, data), off);

        Assert.Equal(InsightTestData.Correct(model, data, off.ToHashSet()), result.Correct);
        Assert.Equal(data.Count, result.Count);
        Assert.Equal(off.Order(), result.Off);
    }

    [Theory]
    [MemberData(nameof(OffSets))]
    public void AblationOfADeeperNetworkRunsTheLayersAfterTheCorrection(int[] off)
    {
        var data = InsightTestData.Balanced(200, 6, 4, seed: 22);
        var model = InsightTestData.Network(32, Activation.Tanh, Cost.SoftmaxCrossEntropy, 36, 10, 6, 4);

        var result = Ablation.Run(new HiddenLayerProbe(model, data), off);

        Assert.Equal(InsightTestData.Correct(model, data, off.ToHashSet()), result.Correct);
    }

    [Fact]
    public void SwitchingEveryNeuronOffLeavesTheBiasSoEveryImageGetsItsArgmaxAndAccuracyIsChance()
    {
        var data = InsightTestData.Balanced(200, 6, 4, seed: 23);
        var model = InsightTestData.Network(33, Activation.Sigmoid, Cost.CrossEntropy, 36, 10, 4);
        var parameters = (float[])model.Parameters.Clone();
        float[] bias = [0.3f, -0.2f, 0.9f, 0.1f];
        bias.CopyTo(parameters.AsSpan(model.Shape.BiasOffset(1)));
        model = new Mlp(model.Shape, parameters);

        var result = Ablation.Run(new HiddenLayerProbe(model, data), Enumerable.Range(0, 10));

        var alwaysTwo = data.Labels.Count(l => l == 2);
        Assert.Equal(alwaysTwo, result.Correct);
        Assert.Equal(0.25, result.Accuracy);
    }

    [Fact]
    public void TheDimmestAreSwitchedOffInTheImportanceOrder()
    {
        var data = InsightTestData.Balanced(200, 6, 4, seed: 24);
        var model = InsightTestData.Network(34, Activation.Sigmoid, Cost.CrossEntropy, 36, 10, 4);
        var probe = new HiddenLayerProbe(model, data);
        var report = NeuronImportance.Compute(probe);

        var three = Ablation.RunDimmest(probe, report, 3);
        var all = Ablation.RunDimmest(probe, report, 99);

        Assert.Equal(report.DimmestFirst.Take(3).Order(), three.Off);
        Assert.Equal(InsightTestData.Correct(model, data, report.DimmestFirst.Take(3).ToHashSet()), three.Correct);
        Assert.Equal(10, all.Off.Count);
        Assert.Equal(probe.Accuracy, three.BaselineAccuracy);
    }

    [Fact]
    public void AnIndexOutsideTheLayerIsRefusedAndRepeatsCountOnce()
    {
        var data = InsightTestData.Balanced(40, 6, 4, seed: 25);
        var probe = new HiddenLayerProbe(InsightTestData.Network(35, Activation.Sigmoid, Cost.CrossEntropy, 36, 10, 4), data);

        Assert.Throws<ArgumentOutOfRangeException>(() => Ablation.Run(probe, [10]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ablation.Run(probe, [-1]));
        Assert.Equal([2, 4], Ablation.Run(probe, [4, 2, 4]).Off);
    }
}
