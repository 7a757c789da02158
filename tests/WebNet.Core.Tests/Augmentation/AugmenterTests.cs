using WebNet.Core.Augmentation;
using WebNet.Core.Data;
using WebNet.Core.Network;
using WebNet.Core.Training;
using WebNet.Core.Training.Cpu;

namespace WebNet.Core.Tests.Augmentation;

public sealed class AugmenterTests
{
    private const int Size = 28;

    private static readonly AugmentationOptions Everything = new() { Rotation = 15, Scale = 0.15f, Shear = 15, Shift = 3, Elastic = 1.5f, Thickness = 0.8f, Pen = 0.5f };

    [Fact]
    public void TheSameSeedGivesTheSameImageAndAnotherSeedAnother()
    {
        var digit = Stroke();
        var a = Augment(digit, Everything, seed: 5);
        var b = Augment(digit, Everything, seed: 5);
        var c = Augment(digit, Everything, seed: 6);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void EveryRangeAtZeroLeavesTheImageAsItIs()
    {
        var digit = Stroke();
        Assert.Equal(digit, Augment(digit, AugmentationOptions.None, seed: 9));
        Assert.False(AugmentationOptions.None.Enabled);

        // Each transform at its identity value, through the resampling path, also changes nothing.
        var copy = new float[digit.Length];
        Augmenter.Apply(digit, copy, Size, Size, ImageTransform.Identity, default, new float[Size * Size]);
        Assert.Equal(digit, copy);
    }

    [Fact]
    public void RotationTurnsInkAboutTheCentreByTheAngle()
    {
        // A dot 8 px right of the centre (13.5, 13.5) turned by +90 degrees (y down) lands 8 px below it.
        var dot = Dot(21.5f, 13.5f);
        var turned = Transform(dot, ImageTransform.Identity with { Angle = MathF.PI / 2 });
        var (x, y) = CentreOfMass(turned);
        Assert.Equal(13.5, x, 0.05);
        Assert.Equal(21.5, y, 0.05);
        Assert.Equal(Sum(dot), Sum(turned), 0.01);
    }

    [Fact]
    public void RandomRotationStaysWithinItsRangeAndKeepsTheDistanceFromTheCentre()
    {
        var dot = Dot(21.5f, 13.5f);
        var options = new AugmentationOptions { Rotation = 20 };
        for (ulong seed = 0; seed < 40; seed++)
        {
            var (x, y) = CentreOfMass(Augment(dot, options, seed));
            var angle = Math.Atan2(y - 13.5, x - 13.5) * 180 / Math.PI;
            Assert.InRange(angle, -20.5, 20.5);
            Assert.Equal(8.0, Math.Sqrt(((x - 13.5) * (x - 13.5)) + ((y - 13.5) * (y - 13.5))), 0.1);
        }
    }

    [Fact]
    public void ShiftMovesTheCentreOfMassByTheShift()
    {
        var digit = Stroke();
        var (x0, y0) = CentreOfMass(digit);
        var (x1, y1) = CentreOfMass(Transform(digit, ImageTransform.Identity with { ShiftX = 2.5f, ShiftY = -1.25f }));
        Assert.Equal(x0 + 2.5, x1, 0.02);
        Assert.Equal(y0 - 1.25, y1, 0.02);
    }

    [Fact]
    public void ScaleGrowsTheInkAboutTheCentre()
    {
        var dot = Dot(21.5f, 13.5f);
        var (x, _) = CentreOfMass(Transform(dot, ImageTransform.Identity with { Scale = 1.25f }));
        Assert.Equal(13.5 + (8 * 1.25), x, 0.05);
    }

    [Fact]
    public void ThickeningAddsInkAndThinningRemovesIt()
    {
        var digit = Stroke();
        var area = Sum(digit);
        Assert.True(Sum(Transform(digit, ImageTransform.Identity with { Thickness = 0.5f })) > area * 1.2);
        Assert.True(Sum(Transform(digit, ImageTransform.Identity with { Thickness = 1f })) > Sum(Transform(digit, ImageTransform.Identity with { Thickness = 0.5f })));
        Assert.True(Sum(Transform(digit, ImageTransform.Identity with { Thickness = -0.5f })) < area * 0.8);
    }

    [Fact]
    public void ElasticDistortionMovesInkLocallyButKeepsItNearWhereItWas()
    {
        var digit = Stroke();
        var distorted = Augment(digit, new AugmentationOptions { Elastic = 1.5f }, seed: 3);
        Assert.NotEqual(digit, distorted);
        var (x0, y0) = CentreOfMass(digit);
        var (x1, y1) = CentreOfMass(distorted);
        Assert.InRange(Math.Abs(x1 - x0), 0, 3);
        Assert.InRange(Math.Abs(y1 - y0), 0, 3);
        Assert.Equal(Sum(digit), Sum(distorted), Sum(digit) * 0.25);
    }

    [Fact]
    public void AnEpochsImagesDependOnTheSeedEpochAndSampleOnly()
    {
        var data = Digits(12);
        var whole = new float[data.Images.Length];
        var split = new float[data.Images.Length];
        var seed = Augmenter.EpochSeed(7, epoch: 3);
        Augmenter.ApplyRange(data, whole, Everything, seed, 0, data.Count, new float[Size * Size]);
        Augmenter.ApplyRange(data, split, Everything, seed, 0, 5, new float[Size * Size]);
        Augmenter.ApplyRange(data, split, Everything, seed, 5, data.Count, new float[Size * Size]);
        Assert.Equal(whole, split);
        Assert.NotEqual(Augmenter.EpochSeed(7, 3), Augmenter.EpochSeed(7, 4));
        Assert.NotEqual(Augmenter.EpochSeed(7, 3), Augmenter.EpochSeed(8, 3));
        Assert.All(whole, v => Assert.InRange(v, 0f, 1f));
    }

    [Theory]
    [InlineData(28, 28)]
    [InlineData(13, 9)]
    [InlineData(33, 20)]
    public void TheVectorKernelGivesTheScalarLoopsFloatsBitForBit(int width, int height)
    {
        Assert.True(AugmentKernel.IsSupported, "the training machines are x86-64 with AVX2, where the kernel is the path every epoch takes");
        var random = new SplitMix64(3);
        var image = new float[width * height];
        for (var i = 0; i < image.Length; i++)
        {
            image[i] = random.NextDouble() < 0.3 ? (float)random.NextDouble() : 0f;
        }

        var scratch = new float[Augmenter.ScratchLength(width, height)];
        var field = new float[ImageTransform.FieldLength];
        for (var k = 0; k < 60; k++)
        {
            var transform = ImageTransform.Draw(k % 3 == 0 ? Everything with { Rotation = 45, Shift = 8, Scale = 0.5f } : Everything, random, field);
            if (k % 4 == 1)
            {
                transform = transform with { Thickness = -transform.Thickness };
            }

            var elastic = k % 5 == 4 ? default : field.AsSpan();
            var fast = new float[image.Length];
            var plain = new float[image.Length];
            AugmentKernel.Apply(image, fast, width, height, transform, elastic, scratch);
            Augmenter.ApplyScalar(image, plain, width, height, transform, elastic, new float[width * height]);
            Assert.Equal(plain, fast);
        }
    }

    [Fact]
    public void OutOfRangeValuesAreRejectedNamingTheField()
    {
        var errors = new TrainingOptions { Augmentation = new AugmentationOptions { Rotation = -1, Shift = 9, Elastic = float.NaN } }.Validate();
        Assert.Equal(["augmentation.elastic", "augmentation.rotation", "augmentation.shift"], errors.Keys.Order());
        Assert.Contains("0 (off) to 8 pixels", errors["augmentation.shift"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void AugmentedTrainingDoesNotDependOnThreadCount()
    {
        var data = Digits(120);
        var options = new TrainingOptions { Hidden = [16], Activation = Activation.Relu, Cost = Cost.SoftmaxCrossEntropy, Initializer = Initializer.He, Optimizer = Optimizer.Momentum, LearningRate = 0.05f, BatchSize = 16, Epochs = 3, Seed = 4, Schedule = LearningRateSchedule.Cosine, Augmentation = Everything };

        float[] Run(int threads)
        {
            using var trainer = new Trainer(options, data, data, new CpuBackend(threads, sparseInput: true));
            trainer.RunEpoch();
            trainer.RunEpoch();
            return trainer.Snapshot().Parameters;
        }

        var one = Run(1);
        Assert.Equal(one, Run(3));

        // And the augmentation really changes what is learnt.
        using var plain = new Trainer(options with { Augmentation = AugmentationOptions.None }, data, data, new CpuBackend(1, sparseInput: true));
        plain.RunEpoch();
        plain.RunEpoch();
        Assert.NotEqual(one, plain.Snapshot().Parameters);
    }

    [Fact]
    public void AResumedAugmentedRunContinuesTheSameSequence()
    {
        var data = Digits(100);
        var options = new TrainingOptions { Hidden = [12], Activation = Activation.Relu, Cost = Cost.SoftmaxCrossEntropy, Initializer = Initializer.He, Optimizer = Optimizer.Momentum, LearningRate = 0.05f, BatchSize = 20, Epochs = 3, Seed = 11, Schedule = LearningRateSchedule.Cosine, Augmentation = Everything };
        float[] straight;
        using (var trainer = new Trainer(options, data, data, new CpuBackend(2)))
        {
            trainer.RunEpoch();
            trainer.RunEpoch();
            trainer.RunEpoch();
            straight = trainer.Snapshot().Parameters;
        }

        TrainerCheckpoint checkpoint;
        using (var first = new Trainer(options, data, data, new CpuBackend(2)))
        {
            first.RunEpoch();
            checkpoint = first.CreateCheckpoint();
        }

        using var resumed = new Trainer(options, data, data, new CpuBackend(1), checkpoint);
        resumed.RunEpoch();
        resumed.RunEpoch();
        Assert.Equal(straight, resumed.Snapshot().Parameters);
    }

    [Fact]
    public void TheCosineScheduleFallsFromTheRateTowardsZeroAndConstantKeepsIt()
    {
        Assert.Equal(0.1f, LearningRateSchedule.Cosine.Rate(0.1f, 0, 10));
        Assert.Equal(0.05f, LearningRateSchedule.Cosine.Rate(0.1f, 5, 10), 1e-6f);
        Assert.True(LearningRateSchedule.Cosine.Rate(0.1f, 9, 10) < 0.003f);
        Assert.Equal(0.1f, LearningRateSchedule.Constant.Rate(0.1f, 9, 10));
    }

    private static float[] Augment(float[] image, AugmentationOptions options, ulong seed)
    {
        var result = new float[image.Length];
        Augmenter.Apply(image, result, Size, Size, options, seed, new float[Size * Size]);
        return result;
    }

    private static float[] Transform(float[] image, ImageTransform transform)
    {
        var result = new float[image.Length];
        Augmenter.Apply(image, result, Size, Size, transform, default, new float[Size * Size]);
        return result;
    }

    /// <summary>A 2x2 block of ink centred on (x, y) (pixel k's centre at k), so its bilinear resamples keep their mass.</summary>
    private static float[] Dot(float x, float y)
    {
        var image = new float[Size * Size];
        for (var dy = -1; dy <= 0; dy++)
        {
            for (var dx = -1; dx <= 0; dx++)
            {
                image[((int)(y + 0.5f + dy) * Size) + (int)(x + 0.5f + dx)] = 1f;
            }
        }

        return image;
    }

    /// <summary>A digit-like stroke: a diagonal bar two pixels wide and a short foot.</summary>
    private static float[] Stroke()
    {
        var image = new float[Size * Size];
        for (var k = 6; k < 22; k++)
        {
            image[(k * Size) + k] = 1f;
            image[(k * Size) + k + 1] = 0.8f;
        }

        for (var x = 8; x < 14; x++)
        {
            image[(21 * Size) + x] = 1f;
        }

        return image;
    }

    private static Dataset Digits(int count)
    {
        var random = new SplitMix64(1);
        var images = new float[count * Size * Size];
        var labels = new byte[count];
        var stroke = Stroke();
        for (var i = 0; i < count; i++)
        {
            labels[i] = (byte)(i % 3);
            var shift = new ImageTransform(labels[i] * 0.6f, 1f, 0f, (float)random.NextDouble() - 0.5f, 0f, 0f);
            Augmenter.Apply(stroke, images.AsSpan(i * Size * Size, Size * Size), Size, Size, shift, default, new float[Size * Size]);
        }

        return new Dataset(images, labels, Size, Size, classes: 3);
    }

    private static double Sum(float[] image) => image.Sum(v => (double)v);

    private static (double X, double Y) CentreOfMass(float[] image)
    {
        double sum = 0, sx = 0, sy = 0;
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                double v = image[(y * Size) + x];
                sum += v;
                sx += v * x;
                sy += v * y;
            }
        }

        return (sx / sum, sy / sum);
    }
}
