using WebNet.Core.Imaging;
using WebNet.Core.Strokes;
using WebNet.Core.Tests.Imaging;

namespace WebNet.Core.Tests.Strokes;

public class StrokePreprocessorTests
{
    [Theory]
    [InlineData(0.01)]
    [InlineData(0.03)]
    [InlineData(0.12)]
    public void AnyPenWidthComesOutNearMnistsWidth(double penFraction)
    {
        var grid = TestDrawings.Draw(TestDrawings.Seven, 180, 50, 40, penFraction: penFraction);

        var result = DigitPreprocessor.Process(grid, PreprocessMode.Stroke);

        var steps = result.Steps!;
        Assert.InRange(steps.StrokeWidth, 0.8 * penFraction * 2 * 20, 1.25 * penFraction * 2 * 20 + 0.5);
        Assert.Equal(StrokeWidth.MnistTarget, steps.TargetStrokeWidth);
        Assert.InRange(StrokeWidth.Measure(result.Input, 28, 28), 0.8 * StrokeWidth.MnistTarget, 1.2 * StrokeWidth.MnistTarget);
        Assert.Equal(penFraction < 0.05, steps.Adjustment > 0);
        Assert.InRange(result.CentreOfMass!.Value.X, 13.3, 13.7);
    }

    [Fact]
    public void AThinPenAndAFatPenGiveSimilarInputs()
    {
        var thin = DigitPreprocessor.Process(TestDrawings.Draw(TestDrawings.Four, 180, 50, 40, penFraction: 0.015), PreprocessMode.Stroke);
        var fat = DigitPreprocessor.Process(TestDrawings.Draw(TestDrawings.Four, 180, 50, 40, penFraction: 0.12), PreprocessMode.Stroke);
        var thinMnist = DigitPreprocessor.Process(TestDrawings.Draw(TestDrawings.Four, 180, 50, 40, penFraction: 0.015), PreprocessMode.Mnist);
        var fatMnist = DigitPreprocessor.Process(TestDrawings.Draw(TestDrawings.Four, 180, 50, 40, penFraction: 0.12), PreprocessMode.Mnist);

        var stroke = TestDrawings.Similarity(thin.Input, fat.Input);
        var mnist = TestDrawings.Similarity(thinMnist.Input, fatMnist.Input);
        Assert.True(stroke > 0.9, $"stroke inputs similarity {stroke:F3}");
        Assert.True(stroke > mnist, $"stroke {stroke:F3} should be more alike than mnist {mnist:F3}");
    }

    [Fact]
    public void ASmallGridIsReshapedToo()
    {
        var grid = TestDrawings.Draw(TestDrawings.One, 20, 4, 4, 28, 28, penFraction: 0.2);

        var result = DigitPreprocessor.Process(grid, PreprocessMode.Stroke);

        Assert.False(result.Blank);
        Assert.InRange(StrokeWidth.Measure(result.Input, 28, 28), 0.75 * StrokeWidth.MnistTarget, 1.25 * StrokeWidth.MnistTarget);
    }

    [Fact]
    public void TheOtherModesReportNoSteps()
    {
        var grid = TestDrawings.Draw(TestDrawings.Two, 150, 60, 60);

        Assert.Null(DigitPreprocessor.Process(grid, PreprocessMode.Mnist).Steps);
        Assert.Null(DigitPreprocessor.Process(grid, PreprocessMode.None).Steps);
    }

    [Theory]
    [InlineData("dot")]
    [InlineData("square")]
    [InlineData("full")]
    public void ADotAFilledSquareAndAFullGridStillGiveAnInput(string shape)
    {
        var grid = new InkGrid(60, 60, new float[3600]);
        for (var y = 0; y < 60; y++)
        {
            for (var x = 0; x < 60; x++)
            {
                grid.Ink[(y * 60) + x] = shape switch
                {
                    "dot" => x == 30 && y == 30 ? 1f : 0f,
                    "square" => x is >= 10 and < 50 && y is >= 10 and < 50 ? 1f : 0f,
                    _ => 1f,
                };
            }
        }

        var result = DigitPreprocessor.Process(grid, PreprocessMode.Stroke);

        Assert.False(result.Blank);
        Assert.True(result.Input.Sum() > 1f, $"the {shape} left {result.Input.Sum():F2} ink");
        Assert.All(result.Input, v => Assert.InRange(v, 0f, 1f));
    }
}
