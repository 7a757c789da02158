using WebNet.Core.Imaging;

namespace WebNet.Core.Tests.Imaging;

public class DigitPreprocessorTests
{
    private const float Centre = (DigitPreprocessor.FieldSize - 1) / 2f;

    // Where the digit's box sits in the canvas's free space (0 left or top, 1 right or bottom): four corners and the
    // middle, at fractional pixel offsets so that each drawing meets the pixel grid differently.
    private static readonly (double Left, double Top)[] Positions = [(0.031, 0.024), (0.967, 0.052), (0.5, 0.5), (0.043, 0.961), (0.953, 0.938)];

    private static readonly double[] Sizes = [70, 150, 230];

    public static TheoryData<string> Digits => ["two", "seven", "four", "one"];

    [Theory]
    [MemberData(nameof(Digits))]
    public void TheSameDigitAtThreeSizesAndFivePositionsGivesInputsThatAgreeClosely(string name)
    {
        var strokes = Strokes(name);
        var reference = Mnist(Place(strokes, 150, 0.5, 0.5)).Input;
        foreach (var size in Sizes)
        {
            foreach (var (left, top) in Positions)
            {
                var input = Mnist(Place(strokes, size, left, top)).Input;
                var similarity = TestDrawings.Similarity(input, reference);
                var difference = TestDrawings.MeanAbsoluteDifference(input, reference);
                Assert.True(similarity > 0.99, $"{name} at size {size}, ({left}, {top}): similarity {similarity:F4}");
                Assert.True(difference < 0.02, $"{name} at size {size}, ({left}, {top}): mean difference {difference:F4}");
            }
        }
    }

    [Fact]
    public void DifferentDigitsDoNotAgreeByTheSameMeasure()
    {
        // The control for the tolerance above: it separates digits, so it is not loose enough to pass anything.
        var two = Mnist(Place(TestDrawings.Two, 150, 0.5, 0.5)).Input;
        var seven = Mnist(Place(TestDrawings.Seven, 150, 0.5, 0.5)).Input;
        Assert.True(TestDrawings.Similarity(two, seven) < 0.9);
        Assert.True(TestDrawings.MeanAbsoluteDifference(two, seven) > 0.05);
    }

    [Theory]
    [MemberData(nameof(Digits))]
    public void TheCentreOfMassOfEveryOutputIsWithinHalfAPixelOfTheCentre(string name)
    {
        foreach (var size in Sizes.Append(24).Append(275))
        {
            foreach (var (left, top) in Positions)
            {
                var result = Mnist(Place(Strokes(name), size, left, top));
                var (cx, cy) = DigitPreprocessor.CentreOfMass(result.Input, DigitPreprocessor.FieldSize);
                Assert.InRange(cx, Centre - 0.5f, Centre + 0.5f);
                Assert.InRange(cy, Centre - 0.5f, Centre + 0.5f);
                Assert.Equal(new FieldPoint(cx, cy), result.CentreOfMass);
            }
        }
    }

    [Fact]
    public void ADigitWhoseMassHugsOneEdgeStillHasItsCentreOfMassAtTheCentre()
    {
        // An L with a heavy foot: the centre of mass is far from the middle of the box, so the box is pushed off-centre.
        var heavy = TestDrawings.Draw([[(0.05, 0.0), (0.05, 0.95), (0.95, 0.95)], [(0.05, 0.9), (0.95, 0.9)], [(0.05, 0.85), (0.95, 0.85)]], 200, 40, 40);
        var result = Mnist(heavy);
        var (cx, cy) = DigitPreprocessor.CentreOfMass(result.Input, DigitPreprocessor.FieldSize);
        Assert.InRange(cx, Centre - 0.5f, Centre + 0.5f);
        Assert.InRange(cy, Centre - 0.5f, Centre + 0.5f);
        Assert.True(result.Shift!.Value.Y < -2, $"shift {result.Shift}");
    }

    [Theory]
    [MemberData(nameof(Digits))]
    public void TheDigitIsScaledToFitTwentyByTwentyKeepingItsAspectRatio(string name)
    {
        var grid = TestDrawings.Draw(Strokes(name), 180, 50.5, 30.25);
        var result = Mnist(grid);
        var box = result.BoundingBox!.Value;
        var longSide = Math.Max(box.Width, box.Height) * result.Scale;
        Assert.Equal(20.0, longSide, 4);

        // The 20-pixel box sits at a sub-pixel offset, so its ink can touch 21 rows or columns, never more.
        var (columns, rows) = InkExtent(result.Input, 1e-3f);
        Assert.InRange(columns, 1, 21);
        Assert.InRange(rows, 1, 21);
        Assert.True(Math.Abs((double)columns / rows - ((double)box.Width / box.Height)) < 0.25 || name == "one");
    }

    [Fact]
    public void AThinOneStaysThinInsteadOfBeingStretchedToASquare()
    {
        var result = Mnist(TestDrawings.Draw(TestDrawings.One, 200, 40, 40));
        var (columns, rows) = InkExtent(result.Input, 0.05f);
        Assert.InRange(rows, 20, 21);
        Assert.InRange(columns, 1, 5);
    }

    [Fact]
    public void TheInputKeepsInkAtFullStrengthInsideThickStrokes()
    {
        var result = Mnist(TestDrawings.Draw(TestDrawings.Seven, 250, 10, 10, penFraction: 0.1));
        Assert.True(result.Input.Max() > 0.99f);
        Assert.All(result.Input, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void FaintNoiseIsIgnoredWhenCropping()
    {
        var clean = TestDrawings.Draw(TestDrawings.Four, 120, 80, 90);
        var noisy = new InkGrid(clean.Width, clean.Height, (float[])clean.Ink.Clone());
        var random = new Random(3);
        for (var i = 0; i < 400; i++)
        {
            var at = random.Next(noisy.Ink.Length);
            noisy.Ink[at] = Math.Max(noisy.Ink[at], 0.06f);
        }

        var cleanResult = Mnist(clean);
        var noisyResult = Mnist(noisy);
        Assert.Equal(cleanResult.BoundingBox, noisyResult.BoundingBox);
        Assert.True(TestDrawings.MeanAbsoluteDifference(cleanResult.Input, noisyResult.Input) < 1e-3);
    }

    private static PreprocessResult Mnist(InkGrid grid)
    {
        var result = DigitPreprocessor.Process(grid, PreprocessMode.Mnist);
        Assert.Equal(784, result.Input.Length);
        return result;
    }

    /// <summary>Draws the digit with its box (and the pen's overhang around it) at a fraction of the canvas's free space.</summary>
    private static InkGrid Place((double X, double Y)[][] strokes, double size, double left, double top)
    {
        var margin = (0.06 * size) + 1;
        var free = TestDrawings.Canvas - size - (2 * margin);
        return TestDrawings.Draw(strokes, size, margin + (left * free), margin + (top * free));
    }

    private static (double X, double Y)[][] Strokes(string name) => name switch
    {
        "two" => TestDrawings.Two,
        "seven" => TestDrawings.Seven,
        "four" => TestDrawings.Four,
        _ => TestDrawings.One,
    };

    private static (int Columns, int Rows) InkExtent(float[] input, float threshold)
    {
        int x0 = 28, x1 = -1, y0 = 28, y1 = -1;
        for (var y = 0; y < 28; y++)
        {
            for (var x = 0; x < 28; x++)
            {
                if (input[(y * 28) + x] > threshold)
                {
                    (x0, x1, y0, y1) = (Math.Min(x0, x), Math.Max(x1, x), Math.Min(y0, y), Math.Max(y1, y));
                }
            }
        }

        return (x1 - x0 + 1, y1 - y0 + 1);
    }
}
