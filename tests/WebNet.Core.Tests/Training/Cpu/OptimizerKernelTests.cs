using System.Numerics.Tensors;
using WebNet.Core.Training;
using WebNet.Core.Training.Cpu;

namespace WebNet.Core.Tests.Training.Cpu;

/// <summary>The one-pass optimizer steps against the chains of TensorPrimitives calls they replace, bit for bit.</summary>
public sealed class OptimizerKernelTests
{
    public static TheoryData<int> Lengths() => [1, 7, 8, 64, 100, 50_890];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SgdStepGivesTheFloatsOfMultiplyThenMultiplyAdd(int n)
    {
        var random = new SplitMix64((ulong)n + 500);
        var w = Random(random, n);
        var g = Random(random, n);
        const float Lr = 0.01f, Scale = 1f / 500, Decay = 1.5f / 60000;
        var expected = (float[])w.Clone();
        var gradient = (float[])g.Clone();
        TensorPrimitives.Multiply(gradient, -Lr * Scale, gradient);
        TensorPrimitives.MultiplyAdd(expected, 1f - (Lr * Decay), gradient, expected);

        CpuKernels.SgdStep(w, g, 1f - (Lr * Decay), -Lr * Scale);

        Assert.Equal(expected, w);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void MomentumStepGivesTheFloatsOfTheFiveCallChain(int n)
    {
        var random = new SplitMix64((ulong)n + 600);
        var w = Random(random, n);
        var g = Random(random, n);
        var v = Random(random, n);
        const float Lr = 0.05f, Scale = 1f / 64, Decay = 3f / 60000, Mu = 0.9f;
        var expectedW = (float[])w.Clone();
        var expectedV = (float[])v.Clone();
        var gradient = (float[])g.Clone();
        TensorPrimitives.Multiply(gradient, Scale, gradient);
        TensorPrimitives.MultiplyAdd(expectedW, Decay, gradient, gradient);
        TensorPrimitives.Multiply(gradient, -Lr, gradient);
        TensorPrimitives.MultiplyAdd(expectedV, Mu, gradient, expectedV);
        TensorPrimitives.Add(expectedW, expectedV, expectedW);

        CpuKernels.MomentumStep(w, g, v, Scale, Decay, Lr, Mu);

        Assert.Equal(expectedV, v);
        Assert.Equal(expectedW, w);
    }

    private static float[] Random(SplitMix64 random, int n) => [.. Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2) - 1))];
}
