using WebNet.Core.Network;
using WebNet.Core.Tests.Training;

namespace WebNet.Core.Tests.Network;

/// <summary>Backpropagation (double precision) against central differences, for every activation and cost, through two hidden layers.</summary>
public sealed class GradientCheckTests
{
    public static TheoryData<Activation, Cost> Cases()
    {
        var data = new TheoryData<Activation, Cost>();
        foreach (var activation in new[] { Activation.Sigmoid, Activation.Tanh, Activation.Relu })
        {
            foreach (var cost in new[] { Cost.CrossEntropy, Cost.SoftmaxCrossEntropy, Cost.Quadratic })
            {
                data.Add(activation, cost);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BackpropagationMatchesCentralDifferences(Activation hidden, Cost cost)
    {
        var shape = TestData.Shape(hidden, cost, 6, 5, 4, 3);
        var data = TestData.Synthetic(7, 3, 2, 3, seed: 11);
        var xs = TestData.Rows(data);
        var labels = TestData.Labels(data);
        var p = TestData.RandomParameters(shape, seed: 5);

        var analytic = ReferenceNetwork.Gradient(shape, p, xs, labels);
        const double H = 1e-6;
        var worst = 0.0;
        for (var k = 0; k < p.Length; k++)
        {
            var saved = p[k];
            p[k] = saved + H;
            var up = ReferenceNetwork.MeanLoss(shape, p, xs, labels);
            p[k] = saved - H;
            var down = ReferenceNetwork.MeanLoss(shape, p, xs, labels);
            p[k] = saved;
            var numeric = (up - down) / (2 * H);
            var diff = Math.Abs(numeric - analytic[k]) / Math.Max(1e-7, Math.Abs(numeric) + Math.Abs(analytic[k]));
            worst = Math.Max(worst, diff);
        }

        Assert.True(worst < 1e-5, $"max relative difference {worst:E2} for {hidden}/{cost}");
    }
}
