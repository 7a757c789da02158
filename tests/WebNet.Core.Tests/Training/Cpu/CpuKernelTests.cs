using WebNet.Core.Training;
using WebNet.Core.Training.Cpu;

namespace WebNet.Core.Tests.Training.Cpu;

/// <summary>The SIMD kernels against plain loops, over widths that hit every unrolled path and the tails.</summary>
public sealed class CpuKernelTests
{
    public static TheoryData<int> Widths() => [8, 16, 24, 64, 72, 136, 256];

    [Theory]
    [MemberData(nameof(Widths))]
    public void ForwardSparseMatchesPlainLoop(int p)
    {
        var random = new SplitMix64((ulong)p);
        const int In = 50;
        var wt = RandomArray(random, In * p);
        var bias = RandomArray(random, p);
        var columns = Enumerable.Range(0, In).Where(_ => random.NextDouble() < 0.4).ToArray();
        var values = RandomArray(random, columns.Length);
        var z = new float[p];

        CpuKernels.ForwardSparse(columns, values, wt, bias, z);

        for (var j = 0; j < p; j++)
        {
            double expected = bias[j];
            for (var k = 0; k < columns.Length; k++)
            {
                expected += values[k] * wt[(columns[k] * p) + j];
            }

            Assert.Equal(expected, z[j], 1e-4);
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void ForwardDenseSkipsZerosAndMatchesPlainLoop(int p)
    {
        var random = new SplitMix64((ulong)p + 100);
        const int In = 40;
        var wt = RandomArray(random, In * p);
        var bias = RandomArray(random, p);
        var x = RandomArray(random, In).Select(v => v > 0.3f ? 0f : v).ToArray();
        var z = new float[p];

        CpuKernels.ForwardDense(x, wt, bias, z, new int[In], new float[In]);

        for (var j = 0; j < p; j++)
        {
            double expected = bias[j];
            for (var i = 0; i < In; i++)
            {
                expected += x[i] * wt[(i * p) + j];
            }

            Assert.Equal(expected, z[j], 1e-4);
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void AccumulateOuterUpdatesOnlyItsColumnRange(int p)
    {
        var random = new SplitMix64((ulong)p + 200);
        const int In = 30;
        var dwt = RandomArray(random, In * p);
        var before = (float[])dwt.Clone();
        var delta = RandomArray(random, p);
        var columns = new[] { 0, 3, 4, 17, 29 };
        var values = RandomArray(random, columns.Length);
        var c0 = p >= 16 ? 8 : 0;
        var c1 = p;

        CpuKernels.AccumulateOuter(columns, values, delta, dwt, c0, c1);

        for (var i = 0; i < In; i++)
        {
            for (var j = 0; j < p; j++)
            {
                var k = Array.IndexOf(columns, i);
                var expected = before[(i * p) + j] + (k >= 0 && j >= c0 && j < c1 ? values[k] * delta[j] : 0f);
                Assert.Equal(expected, dwt[(i * p) + j], 1e-5f);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void BackwardInputMatchesPlainLoop(int p)
    {
        var random = new SplitMix64((ulong)p + 300);
        const int In = 33;
        var wt = RandomArray(random, In * p);
        var delta = RandomArray(random, p);
        var dx = new float[In];

        CpuKernels.BackwardInput(wt, delta, dx);

        for (var i = 0; i < In; i++)
        {
            double expected = 0;
            for (var j = 0; j < p; j++)
            {
                expected += delta[j] * wt[(i * p) + j];
            }

            Assert.Equal(expected, dx[i], 1e-4);
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void ForwardDenseRowsMatchesPlainLoopAndForwardSparseBitForBit(int p)
    {
        var random = new SplitMix64((ulong)p + 400);
        const int In = 37;
        const int Stride = 40;
        var wt = RandomArray(random, In * p);
        var bias = RandomArray(random, p);
        foreach (var rows in new[] { 1, 3, 4, 5, 8, 11 })
        {
            var x = RandomArray(random, rows * Stride);
            var z = new float[rows * p];

            CpuKernels.ForwardDenseRows(x, Stride, In, wt, bias, z, rows);

            var columns = Enumerable.Range(0, In).ToArray();
            var one = new float[p];
            for (var q = 0; q < rows; q++)
            {
                CpuKernels.ForwardSparse(columns, x.AsSpan(q * Stride, In), wt, bias, one);
                Assert.Equal(one, z.AsSpan(q * p, p).ToArray());
                for (var j = 0; j < p; j++)
                {
                    double expected = bias[j];
                    for (var i = 0; i < In; i++)
                    {
                        expected += x[(q * Stride) + i] * wt[(i * p) + j];
                    }

                    Assert.Equal(expected, z[(q * p) + j], 1e-4);
                }
            }
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(24)]
    [InlineData(64)]
    [InlineData(72)]
    [InlineData(128)]
    [InlineData(256)]
    public void SparseForwardAndGradientAreEachWeightsFusedMultiplyAddChainInColumnOrderBitForBit(int p)
    {
        // Whichever vector width the machine runs (AVX-512, AVX2 or portable), each output is the scalar chain
        // z = fma(v, w, z) over the non-zeros in column order, from the bias (forward) or from the gradient so far.
        var random = new SplitMix64((ulong)p + 900);
        const int In = 100;
        var wt = RandomArray(random, In * p);
        var bias = RandomArray(random, p);
        var columns = Enumerable.Range(0, In).Where(_ => random.NextDouble() < 0.3).ToArray();
        var values = RandomArray(random, columns.Length);
        var z = new float[p];
        var dwt = RandomArray(random, In * p);
        var before = (float[])dwt.Clone();

        CpuKernels.ForwardSparse(columns, values, wt, bias, z);
        CpuKernels.AccumulateOuter(columns, values, bias, dwt, 0, p);

        for (var j = 0; j < p; j++)
        {
            var expected = bias[j];
            for (var k = 0; k < columns.Length; k++)
            {
                expected = MathF.FusedMultiplyAdd(values[k], wt[(columns[k] * p) + j], expected);
            }

            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(z[j]));
        }

        for (var i = 0; i < In; i++)
        {
            var k = Array.IndexOf(columns, i);
            for (var j = 0; j < p; j++)
            {
                var expected = k < 0 ? before[(i * p) + j] : MathF.FusedMultiplyAdd(values[k], bias[j], before[(i * p) + j]);
                Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(dwt[(i * p) + j]));
            }
        }
    }

    [Theory]
    [InlineData(8, 0, 7)]
    [InlineData(16, 0, 64)]
    [InlineData(16, 32, 64)]
    [InlineData(24, 3, 13)]
    [InlineData(64, 0, 9)]
    public void DenseGradientIsTheRowByRowOuterProductsChainBitForBit(int p, int i0, int i1)
    {
        // Sigmoid inputs (no zeros): summing a block of gradient rows in registers over the batch gives what adding each
        // row's outer product into memory gives, weight by weight.
        var random = new SplitMix64((ulong)(p + i0 + i1) + 970);
        const int Rows = 37;
        var xStride = (i1 + 7) / 8 * 8 + 8;
        var x = RandomArray(random, Rows * xStride).Select(v => 0.01f + Math.Abs(v)).ToArray();
        var delta = RandomArray(random, Rows * p);
        var expected = RandomArray(random, i1 * p);
        var actual = (float[])expected.Clone();
        var columns = Enumerable.Range(i0, i1 - i0).ToArray();
        for (var r = 0; r < Rows; r++)
        {
            CpuKernels.AccumulateOuter(columns, x.AsSpan((r * xStride) + i0, i1 - i0), delta.AsSpan(r * p, p), expected, 0, p);
        }

        CpuKernels.AccumulateOuterDense(x, xStride, i0, i1, delta, p, actual, Rows);

        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(72)]
    public void PackedEightBitEntriesGiveTheFloatEntriesResultsBitForBit(int p)
    {
        var random = new SplitMix64((ulong)p + 950);
        const int In = 784;
        var wt = RandomArray(random, In * p);
        var bias = RandomArray(random, p);
        var columns = Enumerable.Range(0, In).Where(_ => random.NextDouble() < 0.2).ToArray();
        var values = columns.Select(_ => (1 + (int)(random.NextDouble() * 255)) * (1f / 255f)).ToArray();
        var packed = columns.Select((c, k) => PackedEntries.TryPack(c, values[k], out var e) ? e : throw new InvalidOperationException("not a level")).ToArray();
        var (zFloat, zPacked) = (new float[p], new float[p]);
        var dFloat = RandomArray(random, In * p);
        var dPacked = (float[])dFloat.Clone();

        CpuKernels.ForwardSparse(new FloatEntries(columns, values), wt, bias, zFloat);
        CpuKernels.ForwardSparse(new PackedEntries(packed), wt, bias, zPacked);
        CpuKernels.AccumulateOuter(new FloatEntries(columns, values), bias, dFloat, 0, p);
        CpuKernels.AccumulateOuter(new PackedEntries(packed), bias, dPacked, 0, p);

        Assert.Equal(zFloat, zPacked);
        Assert.Equal(dFloat, dPacked);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(10)]
    [InlineData(64)]
    [InlineData(67)]
    public void SigmoidPaddedMatchesTensorPrimitivesBitForBitAndZeroesPadding(int n)
    {
        var random = new SplitMix64((ulong)n + 500);
        var p = (n + 7) / 8 * 8;
        var z = RandomArray(random, p).Select(v => v * 40f).ToArray();
        z[0] = -120f;
        z[n - 1] = 100f;
        var expected = z[..n];
        System.Numerics.Tensors.TensorPrimitives.Sigmoid(expected, expected);

        CpuKernels.SigmoidPadded(z, n);

        Assert.Equal(expected, z[..n]);
        Assert.All(z[n..], v => Assert.Equal(0f, v));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(64)]
    public void MultiplyBySigmoidDerivativeMatchesActivationsBitForBit(int n)
    {
        var random = new SplitMix64((ulong)n + 600);
        var a = RandomArray(random, n).Select(v => (v + 1f) / 2f).ToArray();
        var delta = RandomArray(random, n);
        var expected = (float[])delta.Clone();
        WebNet.Core.Network.Activations.MultiplyByDerivative(WebNet.Core.Network.Activation.Sigmoid, a, expected);

        CpuKernels.MultiplyBySigmoidDerivative(a, delta);

        Assert.Equal(expected, delta);
    }

    [Theory]
    [InlineData(8, 8)]
    [InlineData(16, 10)]
    [InlineData(16, 16)]
    [InlineData(24, 17)]
    [InlineData(64, 64)]
    [InlineData(72, 70)]
    public void BackwardInputTransposedMatchesBackwardInputBitForBit(int p, int outputs)
    {
        var random = new SplitMix64((ulong)(p + outputs) + 700);
        foreach (var inputs in new[] { 5, 8, 33, 64 })
        {
            var wt = new float[inputs * p];
            var delta = new float[p];
            for (var i = 0; i < inputs; i++)
            {
                RandomArray(random, outputs).CopyTo(wt, i * p);
            }

            RandomArray(random, outputs).CopyTo(delta, 0);
            var w = new float[outputs * inputs];
            CpuKernels.Transpose(wt, inputs, p, outputs, w);
            var expected = new float[inputs];
            var dx = new float[inputs];

            CpuKernels.BackwardInput(wt, delta, expected);
            CpuKernels.BackwardInputTransposed(w, wt, delta, outputs, dx);

            Assert.Equal(expected, dx);
        }
    }

    [Theory]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(15)]
    public void CrossEntropyLossMatchesCostsBitForBit(int n)
    {
        var random = new SplitMix64((ulong)n + 900);
        for (var trial = 0; trial < 2000; trial++)
        {
            var a = new float[16];
            for (var j = 0; j < n; j++)
            {
                a[j] = (float)random.NextDouble();
            }

            if (trial % 7 == 0)
            {
                a[trial % n] = 0f;
                a[(trial + 3) % n] = 1f;
                a[(trial + 5) % n] = 1e-9f;
            }

            var label = trial % n;
            var expected = WebNet.Core.Network.Costs.Loss(WebNet.Core.Network.Cost.CrossEntropy, a.AsSpan(0, n), label);

            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(CpuKernels.CrossEntropyLoss(a, n, label)));
        }
    }

    private static float[] RandomArray(SplitMix64 random, int n) => [.. Enumerable.Range(0, n).Select(_ => (float)((2 * random.NextDouble()) - 1))];
}
