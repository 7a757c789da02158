using WebNet.Core.Augmentation;
using WebNet.Core.Data;
using WebNet.Core.Imaging;
using WebNet.Core.Strokes;
using WebNet.Core.Training;

namespace WebNet.Core.Tests.Augmentation;

public sealed class PenRedrawTests
{
    private const int Size = 28;

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void AStrokeOfAnyWidthIsRedrawnAtMnistsPenWidthWhereItWas(int width)
    {
        var bar = Bar(width);
        var redrawn = Redraw(bar);
        Assert.Equal(StrokeWidth.MnistTarget, StrokeWidth.Measure(redrawn, Size, Size), 0.45f);
        var (x0, y0) = DigitPreprocessor.CentreOfMass(bar, Size);
        var (x1, y1) = DigitPreprocessor.CentreOfMass(redrawn, Size);
        Assert.Equal(x0, x1, 0.5);
        Assert.Equal(y0, y1, 1.0);

        // The bar keeps its length, less what thinning takes from a wide stroke's ends (about half its width each).
        var (top, bottom) = InkRows(redrawn);
        Assert.InRange(top, 3, 6 + (width / 2));
        Assert.InRange(bottom, 21 - (width / 2), 24);
    }

    [Fact]
    public void ARedrawIsDeterministicInByteStepsAndABlankStaysBlank()
    {
        var bar = Bar(5);
        Assert.Equal(Redraw(bar), Redraw(bar));
        Assert.All(Redraw(bar), v => Assert.Equal(v, MathF.Round(v * 255f) / 255f));
        Assert.All(Redraw(new float[Size * Size]), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void PenAtOneRedrawsEverySampleAndTheCachedRedrawIsTheRedraw()
    {
        var data = Bars(6);
        var options = new AugmentationOptions { Pen = 1f };
        var seed = Augmenter.EpochSeed(3, epoch: 0);
        var first = new float[data.Images.Length];
        var second = new float[data.Images.Length];
        Augmenter.ApplyRange(data, first, options, seed, 0, data.Count, new float[Augmenter.ScratchLength(Size, Size)]);
        Augmenter.ApplyRange(data, second, options, seed, 0, data.Count, new float[Augmenter.ScratchLength(Size, Size)]);
        Assert.Equal(first, second);
        for (var i = 0; i < data.Count; i++)
        {
            Assert.Equal(Redraw(data.Image(i).ToArray()), first.AsSpan(i * Size * Size, Size * Size).ToArray());
        }
    }

    [Fact]
    public void PenRedrawsAboutItsShareOfSamplesAndLeavesTheOtherTransformsAsTheyWere()
    {
        var data = Bars(200);
        var scratch = new float[Augmenter.ScratchLength(Size, Size)];
        var seed = Augmenter.EpochSeed(5, epoch: 2);
        var half = new float[data.Images.Length];
        Augmenter.ApplyRange(data, half, new AugmentationOptions { Pen = 0.5f }, seed, 0, data.Count, scratch);
        var redrawn = Enumerable.Range(0, data.Count).Count(i => !data.Image(i).SequenceEqual(half.AsSpan(i * Size * Size, Size * Size)));
        Assert.InRange(redrawn, 70, 130);

        // The pen's choice is drawn after the transform: a share too small ever to be chosen leaves every image as it was without it.
        var others = new AugmentationOptions { Rotation = 10, Shift = 2, Elastic = 1, Thickness = 0.5f };
        var without = new float[data.Images.Length];
        var barely = new float[data.Images.Length];
        Augmenter.ApplyRange(data, without, others, seed, 0, data.Count, scratch);
        Augmenter.ApplyRange(data, barely, others with { Pen = 1e-9f }, seed, 0, data.Count, scratch);
        Assert.Equal(without, barely);
    }

    [Fact]
    public void PenIsAnAugmentationWithItsOwnRange()
    {
        Assert.True(new AugmentationOptions { Pen = 0.3f }.Enabled);
        var errors = new TrainingOptions { Augmentation = new AugmentationOptions { Pen = 1.5f } }.Validate();
        Assert.Equal(["augmentation.pen"], errors.Keys);
        Assert.Contains("0 (off) to 1", errors["augmentation.pen"][0], StringComparison.Ordinal);
    }

    private static float[] Redraw(float[] image)
    {
        var result = new float[image.Length];
        PenRedraw.Redraw(image, Size, Size, result);
        return result;
    }

    /// <summary>A vertical bar of this many pixels across from row 5 to row 22, with anti-aliased sides as a scan has.</summary>
    private static float[] Bar(int width)
    {
        var image = new float[Size * Size];
        var left = 14 - (width / 2);
        for (var y = 5; y < 23; y++)
        {
            for (var x = left; x < left + width; x++)
            {
                image[(y * Size) + x] = 1f;
            }

            image[(y * Size) + left - 1] = 0.3f;
            image[(y * Size) + left + width] = 0.3f;
        }

        return image;
    }

    private static Dataset Bars(int count)
    {
        var images = new float[count * Size * Size];
        var labels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = (byte)(i % 2);
            Bar(1 + (i % 7)).CopyTo(images, i * Size * Size);
        }

        return new Dataset(images, labels, Size, Size, classes: 2);
    }

    private static (int Top, int Bottom) InkRows(float[] image)
    {
        var rows = Enumerable.Range(0, Size).Where(y => image.AsSpan(y * Size, Size).ToArray().Any(v => v >= 0.5f)).ToArray();
        return (rows.Min(), rows.Max());
    }
}
