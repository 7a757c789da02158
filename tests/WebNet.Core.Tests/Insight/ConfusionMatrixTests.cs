using WebNet.Core.Insight;
using WebNet.Core.Network;

namespace WebNet.Core.Tests.Insight;

public sealed class ConfusionMatrixTests
{
    [Fact]
    public void TheMatrixSumsToTheDatasetSizeAndItsDiagonalMatchesTheAccuracy()
    {
        var data = InsightTestData.Balanced(240, 6, 4, seed: 41);
        var model = InsightTestData.Network(51, Activation.Sigmoid, Cost.CrossEntropy, 36, 10, 4);
        var probe = new HiddenLayerProbe(model, data);

        var matrix = ConfusionMatrix.From(probe);

        var counts = matrix.Counts();
        Assert.Equal(4, counts.Length);
        Assert.Equal(data.Count, counts.Sum(row => row.Sum()));
        Assert.Equal(InsightTestData.Correct(model, data), Enumerable.Range(0, 4).Sum(c => counts[c][c]));
        Assert.Equal(probe.Accuracy, matrix.Accuracy);
        for (var actual = 0; actual < 4; actual++)
        {
            Assert.Equal(data.Labels.Count(l => l == actual), counts[actual].Sum());
        }
    }

    [Fact]
    public void EachCellListsTheSamplesWithThatLabelAndPrediction()
    {
        var data = InsightTestData.Balanced(120, 6, 4, seed: 42);
        var model = InsightTestData.Network(52, Activation.Relu, Cost.SoftmaxCrossEntropy, 36, 10, 4);
        var predictions = InsightTestData.Predictions(model, data);

        var matrix = ConfusionMatrix.From(new HiddenLayerProbe(model, data));

        for (var actual = 0; actual < 4; actual++)
        {
            for (var predicted = 0; predicted < 4; predicted++)
            {
                var expected = Enumerable.Range(0, data.Count).Where(s => data.Labels[s] == actual && predictions[s] == predicted);
                Assert.Equal(expected, matrix.Samples(actual, predicted));
                Assert.Equal(expected.Count(), matrix.Count(actual, predicted));
            }
        }
    }

    [Fact]
    public void AHandMadeMatrixPutsEachSampleInItsCell()
    {
        var matrix = new ConfusionMatrix(new byte[] { 0, 1, 1, 2 }, [0, 2, 1, 2], 3);

        Assert.Equal([1], matrix.Samples(1, 2));
        Assert.Equal(3, matrix.Correct);
        Assert.Equal(0.75, matrix.Accuracy);
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Count(3, 0));
        Assert.Throws<ArgumentException>(() => new ConfusionMatrix(new byte[] { 0 }, [3], 3));
    }
}
