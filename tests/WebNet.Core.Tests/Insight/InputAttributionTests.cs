using WebNet.Core.Insight;
using WebNet.Core.Network;
using WebNet.Core.Training;

namespace WebNet.Core.Tests.Insight;

/// <summary>Gradient x input against central differences of a double-precision forward pass, on tiny networks.</summary>
public sealed class InputAttributionTests
{
    public static TheoryData<Activation, int[]> Cases() => new()
    {
        { Activation.Sigmoid, [12, 7, 4] },
        { Activation.Tanh, [12, 7, 5, 4] },
        { Activation.Relu, [12, 7, 5, 4] },
        { Activation.Sigmoid, [12, 4] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ContributionsAreEachInputTimesTheCentralDifferenceOfTheTargetsPreActivation(Activation hidden, int[] sizes)
    {
        var model = InsightTestData.Network(3, hidden, Cost.SoftmaxCrossEntropy, sizes);
        var x = Input(12, seed: 8);
        HashSet<int>? off = sizes.Length > 2 ? [1, 4] : null;

        foreach (int? target in new int?[] { null, 2 })
        {
            var answer = InputAttribution.Explain(model, x, target, off);
            var d = target ?? answer.Predicted;
            Assert.Equal(d, answer.Target);
            Assert.Equal(Logit(model, x, d, off), answer.Score, 4);
            var worst = 0.0;
            for (var i = 0; i < x.Length; i++)
            {
                const double H = 1e-6;
                var step = Math.Max(H, Math.Abs(x[i]) * H);
                var numeric = (LogitAt(model, x, i, x[i] + step, d, off) - LogitAt(model, x, i, x[i] - step, d, off)) / (2 * step);
                worst = Math.Max(worst, Math.Abs((x[i] * numeric) - answer.Contributions[i]));
            }

            Assert.True(worst < 1e-4, $"max difference {worst:E2} for {hidden} {string.Join('-', sizes)}, target {d}");
        }
    }

    [Fact]
    public void PixelsWithoutInkContributeNothing()
    {
        var model = InsightTestData.Network(5, Activation.Sigmoid, Cost.CrossEntropy, 12, 6, 3);
        var x = Input(12, seed: 2);
        int[] blank = [0, 3, 4, 9];
        foreach (var i in blank)
        {
            x[i] = 0f;
        }

        var answer = InputAttribution.Explain(model, x);

        Assert.All(blank, i => Assert.Equal(0f, answer.Contributions[i]));
        Assert.Contains(answer.Contributions, c => c != 0f);
    }

    [Fact]
    public void NeuronsSwitchedOffShowAsZeroAndPassNoContribution()
    {
        var model = InsightTestData.Network(7, Activation.Sigmoid, Cost.CrossEntropy, 12, 6, 3);
        var x = Input(12, seed: 4);

        var some = InputAttribution.Explain(model, x, off: new HashSet<int> { 0, 5 });
        var all = InputAttribution.Explain(model, x, off: new HashSet<int> { 0, 1, 2, 3, 4, 5 });

        Assert.Equal(model.Forward(x, new HashSet<int> { 0, 5 })[0], some.Hidden);
        Assert.Equal(0f, some.Hidden[0]);
        Assert.Equal(0f, some.Hidden[5]);
        // All off: the output is the bias alone, which no pixel moves.
        Assert.All(all.Contributions, c => Assert.Equal(0f, c));
        Assert.Equal(model.Biases(1)[all.Target], all.Score, 6);
    }

    [Fact]
    public void WithReluAndZeroBiasesTheContributionsAddUpToTheLogit()
    {
        var trained = InsightTestData.Network(9, Activation.Relu, Cost.SoftmaxCrossEntropy, 12, 8, 5, 4);
        var parameters = (float[])trained.Parameters.Clone();
        for (var l = 0; l < trained.Shape.Layers.Count; l++)
        {
            parameters.AsSpan(trained.Shape.BiasOffset(l), trained.Shape.Layers[l].Outputs).Clear();
        }

        var model = new Mlp(trained.Shape, parameters);
        var answer = InputAttribution.Explain(model, Input(12, seed: 6), target: 1);

        Assert.Equal(answer.Score, answer.Contributions.Sum(), 4);
    }

    [Fact]
    public void TheDefaultTargetIsThePredictionAndBadArgumentsThrow()
    {
        var model = InsightTestData.Network(1, Activation.Tanh, Cost.CrossEntropy, 12, 6, 3);
        var x = Input(12, seed: 1);
        var outputs = model.Forward(x)[^1];

        var answer = InputAttribution.Explain(model, x);

        Assert.Equal(Array.IndexOf(outputs, outputs.Max()), answer.Predicted);
        Assert.Equal(answer.Predicted, answer.Target);
        Assert.Equal(outputs, answer.Outputs);
        Assert.Equal(model.Forward(x)[0], answer.Hidden);
        Assert.Throws<ArgumentException>(() => InputAttribution.Explain(model, new float[11]));
        Assert.Throws<ArgumentOutOfRangeException>(() => InputAttribution.Explain(model, x, target: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => InputAttribution.Explain(model, x, off: new HashSet<int> { 6 }));
    }

    private static float[] Input(int size, ulong seed)
    {
        var random = new SplitMix64(seed);
        return [.. Enumerable.Range(0, size).Select(_ => (float)random.NextDouble())];
    }

    private static double LogitAt(Mlp model, float[] x, int i, double value, int d, IReadOnlySet<int>? off)
    {
        var input = x.Select(v => (double)v).ToArray();
        input[i] = value;
        return Logit(model, input, d, off);
    }

    private static double Logit(Mlp model, float[] x, int d, IReadOnlySet<int>? off) => Logit(model, [.. x.Select(v => (double)v)], d, off);

    /// <summary>Reference z_d in double precision: every hidden layer activated, the first one's off neurons 0.</summary>
    private static double Logit(Mlp model, double[] x, int d, IReadOnlySet<int>? off)
    {
        var a = x;
        var layers = model.Shape.Layers;
        for (var l = 0; l < layers.Count; l++)
        {
            var w = model.Weights(l);
            var b = model.Biases(l);
            var z = new double[layers[l].Outputs];
            for (var o = 0; o < z.Length; o++)
            {
                z[o] = b[o];
                for (var i = 0; i < a.Length; i++)
                {
                    z[o] += w[(o * a.Length) + i] * a[i];
                }
            }

            if (l == layers.Count - 1)
            {
                return z[d];
            }

            a = [.. z.Select((v, j) => l == 0 && off?.Contains(j) == true ? 0 : Activate(layers[l].Activation, v))];
        }

        throw new InvalidOperationException("unreachable");
    }

    private static double Activate(Activation activation, double z) => activation switch
    {
        Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
        Activation.Tanh => Math.Tanh(z),
        Activation.Relu => Math.Max(0, z),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };
}
