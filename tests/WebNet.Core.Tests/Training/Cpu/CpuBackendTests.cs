using WebNet.Core.Data;
using WebNet.Core.Network;
using WebNet.Core.Training;
using WebNet.Core.Training.Cpu;

namespace WebNet.Core.Tests.Training.Cpu;

/// <summary>The fast float CPU backend against the double-precision reference.</summary>
public sealed class CpuBackendTests
{
    public static TheoryData<Activation, Cost, bool> Cases()
    {
        var data = new TheoryData<Activation, Cost, bool>();
        foreach (var activation in new[] { Activation.Sigmoid, Activation.Tanh, Activation.Relu })
        {
            foreach (var cost in new[] { Cost.CrossEntropy, Cost.SoftmaxCrossEntropy, Cost.Quadratic })
            {
                data.Add(activation, cost, true);
                data.Add(activation, cost, false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OneSgdStepFollowsTheReferenceGradient(Activation hidden, Cost cost, bool sparse)
    {
        var data = TestData.Synthetic(24, 5, 4, 3, seed: 3);
        var shape = TestData.Shape(hidden, cost, 20, 12, 9, 3);
        var p0 = TestData.RandomParameters(shape, seed: 8);
        var options = new TrainingOptions { Hidden = [12, 9], Activation = hidden, Cost = cost, LearningRate = 1f, L2 = 0f, BatchSize = 24 };

        var (after, loss) = OneEpoch(new CpuBackend(2, sparse), shape, options, data, p0);

        var reference = ReferenceNetwork.Gradient(shape, ToDouble(ToFloat(p0)), TestData.Rows(data), TestData.Labels(data));
        var scale = reference.Max(Math.Abs);
        var worst = 0.0;
        for (var k = 0; k < p0.Length; k++)
        {
            var fast = (double)ToFloat(p0)[k] - after[k];
            worst = Math.Max(worst, Math.Abs(fast - reference[k]));
        }

        Assert.True(worst <= 1e-4 * scale, $"max gradient difference {worst:E2} against a largest gradient of {scale:E2}");
        var referenceLoss = ReferenceNetwork.MeanLoss(shape, ToDouble(ToFloat(p0)), TestData.Rows(data), TestData.Labels(data));
        Assert.Equal(referenceLoss, loss, 1e-4 * Math.Max(1, referenceLoss));
    }

    [Fact]
    public void SgdDecaysWeightsButNotBiases()
    {
        var data = TestData.Synthetic(40, 4, 4, 2, seed: 4);
        var shape = TestData.Shape(Activation.Sigmoid, Cost.CrossEntropy, 16, 6, 2);
        var p0 = TestData.RandomParameters(shape, seed: 9);
        const float Lr = 0.5f, Lambda = 3f;
        var options = new TrainingOptions { Hidden = [6], LearningRate = Lr, L2 = Lambda, BatchSize = 40 };

        var (after, _) = OneEpoch(new CpuBackend(1), shape, options, data, p0);

        var g = ReferenceNetwork.Gradient(shape, ToDouble(ToFloat(p0)), TestData.Rows(data), TestData.Labels(data));
        var w = ToFloat(p0);
        for (var l = 0; l < shape.Layers.Count; l++)
        {
            for (var k = shape.WeightOffset(l); k < shape.BiasOffset(l); k++)
            {
                var expected = ((1 - (Lr * Lambda / data.Count)) * w[k]) - (Lr * g[k]);
                Assert.Equal(expected, after[k], 1e-5);
            }

            for (var k = shape.BiasOffset(l); k < shape.BiasOffset(l) + shape.Layers[l].Outputs; k++)
            {
                Assert.Equal(w[k] - (Lr * g[k]), after[k], 1e-5);
            }
        }
    }

    [Theory]
    [InlineData(Optimizer.Momentum)]
    [InlineData(Optimizer.Adam)]
    public void OptimizersFollowTheirUpdateRules(Optimizer optimizer)
    {
        var data = TestData.Synthetic(30, 4, 4, 3, seed: 6);
        var shape = TestData.Shape(Activation.Tanh, Cost.SoftmaxCrossEntropy, 16, 7, 3);
        var p0 = TestData.RandomParameters(shape, seed: 10);
        const float Lr = 0.05f, Lambda = 2f, Mu = 0.8f;
        var options = new TrainingOptions { Hidden = [7], Activation = Activation.Tanh, Cost = Cost.SoftmaxCrossEntropy, Optimizer = optimizer, LearningRate = Lr, L2 = Lambda, Momentum = Mu, BatchSize = 15 };

        var (after, _) = OneEpoch(new CpuBackend(2), shape, options, data, p0);

        // The reference: the same two batches (samples 0-14, then 15-29), optimizer in double precision.
        var w = ToDouble(ToFloat(p0));
        var m = new double[w.Length];
        var v = new double[w.Length];
        var rows = TestData.Rows(data);
        var labels = TestData.Labels(data);
        for (var step = 1; step <= 2; step++)
        {
            var batch = rows.Skip((step - 1) * 15).Take(15).ToArray();
            var batchLabels = labels.Skip((step - 1) * 15).Take(15).ToArray();
            var g = ReferenceNetwork.Gradient(shape, w, batch, batchLabels);
            for (var k = 0; k < w.Length; k++)
            {
                var decay = IsWeight(shape, k) ? Lambda / (double)data.Count : 0;
                var gk = g[k] + (decay * w[k]);
                if (optimizer == Optimizer.Momentum)
                {
                    m[k] = (Mu * m[k]) - (Lr * gk);
                    w[k] += m[k];
                }
                else
                {
                    m[k] = (0.9 * m[k]) + (0.1 * gk);
                    v[k] = (0.999 * v[k]) + (0.001 * gk * gk);
                    var mHat = m[k] / (1 - Math.Pow(0.9, step));
                    var vHat = v[k] / (1 - Math.Pow(0.999, step));
                    w[k] -= Lr * mHat / (Math.Sqrt(vHat) + 1e-8);
                }
            }
        }

        for (var k = 0; k < w.Length; k++)
        {
            Assert.Equal(w[k], after[k], 2e-5);
        }
    }

    [Fact]
    public void ResultsDoNotDependOnThreadCountOrInputPath()
    {
        var data = TestData.Synthetic(300, 6, 6, 4, seed: 12, density: 0.2);
        var test = TestData.Synthetic(80, 6, 6, 4, seed: 13, density: 0.2);
        var options = new TrainingOptions { Hidden = [40, 16], Activation = Activation.Relu, Cost = Cost.SoftmaxCrossEntropy, Initializer = Initializer.He, Optimizer = Optimizer.Momentum, LearningRate = 0.05f, L2 = 1f, BatchSize = 32, Epochs = 2, Seed = 4 };

        float[] Run(CpuBackend backend)
        {
            using var trainer = new Trainer(options, data, test, backend);
            trainer.RunEpoch();
            trainer.RunEpoch();
            return trainer.Snapshot().Parameters;
        }

        var one = Run(new CpuBackend(1, sparseInput: true));
        var three = Run(new CpuBackend(3, sparseInput: true));
        var dense = Run(new CpuBackend(2, sparseInput: false));
        Assert.Equal(one, three);
        for (var k = 0; k < one.Length; k++)
        {
            Assert.Equal(one[k], dense[k], 1e-6f);
        }
    }

    [Fact]
    public void EvaluationCountsArgmaxAgainstLabels()
    {
        var data = TestData.Synthetic(50, 4, 4, 3, seed: 14);
        var shape = TestData.Shape(Activation.Sigmoid, Cost.CrossEntropy, 16, 5, 3);
        var p = ToFloat(TestData.RandomParameters(shape, seed: 15, scale: 2));
        using var backend = new CpuBackend(2);
        backend.Initialize(shape, new TrainingOptions { Hidden = [5] }, data, data);
        backend.SetParameters(p);

        var evaluation = backend.Evaluate();

        var mlp = new Mlp(shape, p);
        var output = new float[3];
        var expected = 0;
        for (var s = 0; s < data.Count; s++)
        {
            mlp.Predict(data.Image(s), output);
            expected += System.Numerics.Tensors.TensorPrimitives.IndexOfMax(output) == data.Labels[s] ? 1 : 0;
        }

        Assert.Equal(expected, evaluation.Correct);
        Assert.Equal(50, evaluation.Count);
    }

    private static bool IsWeight(NetworkShape shape, int k)
    {
        for (var l = 0; l < shape.Layers.Count; l++)
        {
            if (k >= shape.WeightOffset(l) && k < shape.BiasOffset(l))
            {
                return true;
            }
        }

        return false;
    }

    private static (float[] After, double Loss) OneEpoch(CpuBackend backend, NetworkShape shape, TrainingOptions options, Dataset data, double[] p0)
    {
        using (backend)
        {
            backend.Initialize(shape, options, data, data);
            backend.SetParameters(ToFloat(p0));
            var loss = backend.TrainEpoch([.. Enumerable.Range(0, data.Count)], null, CancellationToken.None);
            var after = new float[shape.ParameterCount];
            backend.GetParameters(after);
            return (after, loss);
        }
    }

    private static float[] ToFloat(double[] values) => [.. values.Select(v => (float)v)];

    private static double[] ToDouble(float[] values) => [.. values.Select(v => (double)v)];
}
