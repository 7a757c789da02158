using WebNet.Core.Insight;
using WebNet.Core.Network;

namespace WebNet.Core.Tests.Insight;

public sealed class NeuronImportanceTests
{
    [Fact]
    public void EachNeuronsAccuracyDropAgreesWithSwitchingItOffInMlpForward()
    {
        var data = InsightTestData.Balanced(240, 6, 4, seed: 3);
        var model = InsightTestData.Network(11, Activation.Sigmoid, Cost.CrossEntropy, 36, 12, 4);

        var report = NeuronImportance.Compute(new HiddenLayerProbe(model, data));

        var baseline = InsightTestData.Correct(model, data);
        Assert.Equal((double)baseline / data.Count, report.BaselineAccuracy);
        Assert.Equal(12, report.Neurons.Count);
        for (var j = 0; j < 12; j++)
        {
            var without = InsightTestData.Correct(model, data, new HashSet<int> { j });
            var score = report.Neurons[j];
            Assert.Equal(j, score.Neuron);
            Assert.Equal((double)without / data.Count, score.AccuracyWithout);
            Assert.Equal((double)(baseline - without) / data.Count, score.AccuracyDrop, 12);
        }
    }

    [Fact]
    public void OutgoingNormAndMeanActivationAreTheColumnNormAndTheMeanOfTheHiddenActivations()
    {
        var data = InsightTestData.Balanced(100, 6, 4, seed: 5);
        var model = InsightTestData.Network(12, Activation.Tanh, Cost.SoftmaxCrossEntropy, 36, 8, 4);

        var report = NeuronImportance.Compute(new HiddenLayerProbe(model, data));

        var hidden = Enumerable.Range(0, data.Count).Select(s => model.Forward(data.Image(s))[0]).ToArray();
        var w1 = model.Weights(1).ToArray();
        for (var j = 0; j < 8; j++)
        {
            var column = Enumerable.Range(0, 4).Select(o => (double)w1[(o * 8) + j]).ToArray();
            Assert.Equal(Math.Sqrt(column.Sum(v => v * v)), report.Neurons[j].OutgoingNorm, 5);
            Assert.Equal(hidden.Average(h => h[j]), report.Neurons[j].MeanActivation, 5);
            var rms = Math.Sqrt(hidden.Average(h => (double)h[j] * h[j]));
            Assert.Equal(rms * report.Neurons[j].OutgoingNorm, report.Neurons[j].Contribution, 5);
        }
    }

    [Fact]
    public void ANeuronWithNoOutgoingWeightsIsDimAndComesFirstInTheDimmestOrder()
    {
        var data = InsightTestData.Balanced(200, 6, 4, seed: 8);
        var model = InsightTestData.Network(13, Activation.Sigmoid, Cost.CrossEntropy, 36, 10, 4);
        var parameters = (float[])model.Parameters.Clone();
        var w1 = model.Shape.WeightOffset(1);
        for (var o = 0; o < 4; o++)
        {
            parameters[w1 + (o * 10) + 6] = 0f;
        }

        var report = NeuronImportance.Compute(new HiddenLayerProbe(new Mlp(model.Shape, parameters), data));

        var dead = report.Neurons[6];
        Assert.Equal(0, dead.OutgoingNorm);
        Assert.Equal(0, dead.AccuracyDrop);
        Assert.True(dead.Dim);
        Assert.Equal(6, report.DimmestFirst[0]);
        Assert.Contains(6, report.DimNeurons);
        Assert.Equal(report.Neurons.Count(n => n.Dim), report.DimCount);
        Assert.Equal(Enumerable.Range(0, 10), report.DimmestFirst.Order());
    }

    [Fact]
    public void EveryDimNeuronMeetsBothPartsOfTheRule()
    {
        var data = InsightTestData.Balanced(200, 6, 4, seed: 9);
        var model = InsightTestData.Network(14, Activation.Relu, Cost.SoftmaxCrossEntropy, 36, 16, 4);

        var report = NeuronImportance.Compute(new HiddenLayerProbe(model, data));

        var contributions = report.Neurons.Select(n => n.Contribution).Order().ToArray();
        var median = (contributions[7] + contributions[8]) / 2;
        foreach (var neuron in report.Neurons)
        {
            var expected = neuron.AccuracyDrop < NeuronImportance.DimMaxAccuracyDrop && neuron.Contribution < NeuronImportance.DimMaxContributionOfMedian * median;
            Assert.Equal(expected, neuron.Dim);
        }

        var drops = report.DimmestFirst.Select(j => report.Neurons[j].AccuracyDrop).ToArray();
        Assert.Equal(drops.Order(), drops);
    }

    [Fact]
    public void AProbeOfANetworkWithoutHiddenLayerIsRefused()
    {
        var data = InsightTestData.Balanced(10, 6, 4, seed: 1);
        var model = InsightTestData.Network(1, Activation.Sigmoid, Cost.CrossEntropy, 36, 4);
        Assert.Throws<ArgumentException>(() => new HiddenLayerProbe(model, data));
    }
}
