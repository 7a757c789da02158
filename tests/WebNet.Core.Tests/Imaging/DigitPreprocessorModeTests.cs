using WebNet.Core.Imaging;

namespace WebNet.Core.Tests.Imaging;

/// <summary>Blank drawings, single dots, and mode none (the whole canvas, no crop or centring).</summary>
public class DigitPreprocessorModeTests
{
    private const float Centre = (DigitPreprocessor.FieldSize - 1) / 2f;

    [Fact]
    public void AnEmptyCanvasIsBlank()
    {
        var result = Mnist(new InkGrid(280, 280, new float[280 * 280]));
        Assert.True(result.Blank);
        Assert.Null(result.BoundingBox);
        Assert.Null(result.CentreOfMass);
        Assert.Equal(784, result.Input.Length);
        Assert.All(result.Input, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void ACanvasWithOnlyFaintHazeIsBlank()
    {
        var ink = new float[100 * 100];
        Array.Fill(ink, 0.05f);
        Assert.True(Mnist(new InkGrid(100, 100, ink)).Blank);
    }

    [Fact]
    public void ASingleDotIsNotBlankAndLandsInTheCentre()
    {
        var ink = new float[50 * 50];
        ink[(10 * 50) + 40] = 1f;
        var result = Mnist(new InkGrid(50, 50, ink));
        Assert.False(result.Blank);
        Assert.Equal(new InkBounds(40, 10, 1, 1), result.BoundingBox);
        Assert.InRange(result.CentreOfMass!.Value.X, Centre - 0.5f, Centre + 0.5f);
    }

    [Fact]
    public void ModeNoneAveragesTheWholeCanvasWithoutCroppingOrCentring()
    {
        var grid = TestDrawings.Draw(TestDrawings.Two, 100, 10, 150);
        var result = DigitPreprocessor.Process(grid, PreprocessMode.None);

        Assert.Equal(PreprocessMode.None, result.Mode);
        Assert.Null(result.BoundingBox);
        Assert.Null(result.Shift);
        Assert.Equal(0.1f, result.Scale, 5);
        for (var oy = 0; oy < 28; oy++)
        {
            for (var ox = 0; ox < 28; ox++)
            {
                var sum = 0.0;
                for (var y = 0; y < 10; y++)
                {
                    for (var x = 0; x < 10; x++)
                    {
                        sum += grid[(ox * 10) + x, (oy * 10) + y];
                    }
                }

                Assert.Equal(sum / 100, result.Input[(oy * 28) + ox], 4);
            }
        }
    }

    [Fact]
    public void ModeNoneAveragesFractionalCoverageWhenTheCanvasIsNotAMultipleOfTwentyEight()
    {
        var grid = new InkGrid(42, 42, Enumerable.Repeat(1f, 42 * 42).ToArray());
        var result = DigitPreprocessor.Process(grid, PreprocessMode.None);
        Assert.All(result.Input, v => Assert.Equal(1f, v, 5));
    }

    [Fact]
    public void ModeNoneKeepsTheDigitWhereItWasDrawn()
    {
        var result = DigitPreprocessor.Process(TestDrawings.Draw(TestDrawings.Seven, 80, 190, 190), PreprocessMode.None);
        Assert.True(result.CentreOfMass!.Value.X > 20);
        Assert.True(result.CentreOfMass!.Value.Y > 20);
    }

    private static PreprocessResult Mnist(InkGrid grid) => DigitPreprocessor.Process(grid, PreprocessMode.Mnist);
}
