using WebNet.Core.Classification;
using WebNet.Core.Imaging;
using WebNet.Core.Insight;
using WebNet.Core.Network;
using WebNet.Core.Tests.Imaging;
using WebNet.Core.Tests.Serialization;

namespace WebNet.Core.Tests.Classification;

public class DigitClassifierTests
{
    private static readonly Mlp Model = TestModels.Random([784, 32, 10]);

    public static TheoryData<string, PreprocessMode> Drawings() => new()
    {
        { nameof(TestDrawings.Two), PreprocessMode.Mnist },
        { nameof(TestDrawings.Seven), PreprocessMode.Mnist },
        { nameof(TestDrawings.Four), PreprocessMode.None },
        { nameof(TestDrawings.One), PreprocessMode.Mnist },
    };

    [Theory]
    [MemberData(nameof(Drawings))]
    public void ThePngAnswerIsTheOneThePreprocessorAndTheNetworkGaveBefore(string name, PreprocessMode mode)
    {
        var png = TestDrawings.ToPng(TestDrawings.Draw(Strokes(name), 180, 40, 50), InkConvention.Alpha);

        // What the endpoints computed before there was one classifier.
        var prepared = DigitPreprocessor.Process(InkExtractor.Extract(PngImageDecoder.Decode(png)), mode);
        var outputs = Model.Forward(prepared.Input)[^1];
        var probabilities = OutputProbabilities.From(outputs);
        var digit = Array.IndexOf(probabilities, probabilities.Max());

        using var crop = CanvasInkReader.Read(png, out _);
        var answer = DigitClassifier.Classify(Model, crop, new ClassifyOptions(mode)).Answer!;

        Assert.Equal(digit, answer.Digit);
        Assert.Equal(probabilities[digit], answer.Confidence, 1e-6);
        Assert.Equal(prepared.BoundingBox, answer.BoundingBox);
        Assert.Equal(prepared.Scale, answer.Scale);
        Assert.Equal(mode, answer.Mode);
        Assert.All(Enumerable.Range(0, 784), i => Assert.Equal(prepared.Input[i], answer.Input[i], 1e-5f));
    }

    [Fact]
    public void TheExplanationAndTheCompareModeComeFromTheSameInk()
    {
        var grid = TestDrawings.Draw(TestDrawings.Seven, 150, 20, 30);
        var off = new HashSet<int> { 1, 5 };
        var result = DigitClassifier.Classify(Model, InkCrop.Whole(grid), new ClassifyOptions(PreprocessMode.Mnist, off, Explain: true, Compare: PreprocessMode.None));

        var answer = result.Answer!;
        var expected = InputAttribution.Explain(Model, answer.Input, null, off);
        Assert.Equal(expected.Contributions, answer.Explanation!.Contributions);
        Assert.Equal(expected.Outputs, answer.Outputs);
        Assert.Equal(OutputProbabilities.Argmax(expected.Outputs), answer.Digit);
        Assert.Equal(answer.Digit, answer.Explanation.Target);

        var none = DigitPreprocessor.Process(grid, PreprocessMode.None);
        Assert.Equal(PreprocessMode.None, result.Compared!.Mode);
        Assert.Equal(none.Input, result.Compared.Input);
        Assert.Equal(Model.Forward(none.Input, off)[^1], result.Compared.Outputs);
        Assert.Null(result.Compared.Explanation);
    }

    [Fact]
    public void BlankNoModelAndNeuronsOutOfRangeAreFailuresInThatOrder()
    {
        var blank = InkCrop.Whole(new InkGrid(28, 28, new float[784]));
        var drawn = InkCrop.Whole(TestDrawings.Draw(TestDrawings.One, 20, 4, 4, 28, 28));

        Assert.Equal(ClassifyFailure.Blank, DigitClassifier.Classify(null, blank, new ClassifyOptions(PreprocessMode.Mnist)).Failure);
        Assert.Equal(ClassifyFailure.NoModel, DigitClassifier.Classify(null, drawn, new ClassifyOptions(PreprocessMode.Mnist)).Failure);
        Assert.Equal(ClassifyFailure.NoModel, DigitClassifier.Classify(TestModels.Random([100, 10]), drawn, new ClassifyOptions(PreprocessMode.Mnist)).Failure);
        var outOfRange = DigitClassifier.Classify(Model, drawn, new ClassifyOptions(PreprocessMode.Mnist, new HashSet<int> { 32 }));
        Assert.Equal(ClassifyFailure.OffOutOfRange, outOfRange.Failure);
        Assert.Contains("0..31", outOfRange.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDigitIsTheFirstLargestOutput()
    {
        Assert.Equal(2, DigitClassifier.Argmax([0.1f, 0.2f, 0.9f, 0.9f, 0f]));
        Assert.Equal(0, DigitClassifier.Argmax([-3f, -4f]));
    }

    private static (double X, double Y)[][] Strokes(string name) => name switch
    {
        nameof(TestDrawings.Two) => TestDrawings.Two,
        nameof(TestDrawings.Seven) => TestDrawings.Seven,
        nameof(TestDrawings.Four) => TestDrawings.Four,
        _ => TestDrawings.One,
    };
}
