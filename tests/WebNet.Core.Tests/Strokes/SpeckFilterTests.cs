using WebNet.Core.Imaging;
using WebNet.Core.Strokes;
using WebNet.Core.Tests.Imaging;

namespace WebNet.Core.Tests.Strokes;

public class SpeckFilterTests
{
    [Fact]
    public void AFarDotIsRemovedAndTheDigitIsKept()
    {
        var grid = TestDrawings.Draw(TestDrawings.One, 150, 60, 60);
        var digit = grid.Ink.Count(v => v > 0);
        Dot(grid, 250, 20, 4);

        var (specks, pixels) = SpeckFilter.Remove(grid.Ink, grid.Width, grid.Height);

        Assert.Equal(1, specks);
        Assert.InRange(pixels, 30, 80);
        Assert.Equal(digit, grid.Ink.Count(v => v > 0));
        Assert.Equal(0f, grid[250, 20]);
    }

    [Fact]
    public void DetachedPartsOfADigitAreKept()
    {
        // A '5' whose top bar is lifted off the body, and a '4' whose strokes do not meet.
        var five = TestDrawings.Draw([[(0.3, 0.0), (0.95, 0.0)], [(0.25, 0.12), (0.2, 0.45), (0.7, 0.45), (0.85, 0.7), (0.6, 0.95), (0.1, 0.9)]], 180, 50, 50);
        var four = TestDrawings.Draw([[(0.5, 0.0), (0.05, 0.6), (0.55, 0.6)], [(0.75, 0.2), (0.75, 1.0)]], 180, 50, 50);

        Assert.Equal((0, 0), SpeckFilter.Remove(five.Ink, five.Width, five.Height));
        Assert.Equal((0, 0), SpeckFilter.Remove(four.Ink, four.Width, four.Height));
    }

    [Fact]
    public void ASmallTickCloseToTheDigitIsKept()
    {
        var grid = TestDrawings.Draw(TestDrawings.Seven, 150, 60, 60);
        Dot(grid, 222, 150, 4);

        Assert.Equal((0, 0), SpeckFilter.Remove(grid.Ink, grid.Width, grid.Height));
    }

    [Fact]
    public void StrokePreprocessingCentresTheDigitWithoutTheSpeck()
    {
        var clean = TestDrawings.Draw(TestDrawings.Two, 150, 60, 60);
        var specked = TestDrawings.Draw(TestDrawings.Two, 150, 60, 60);
        Dot(specked, 265, 265, 4);

        var withSpeck = DigitPreprocessor.Process(specked, PreprocessMode.Stroke);
        var without = DigitPreprocessor.Process(clean, PreprocessMode.Stroke);

        Assert.Equal(1, withSpeck.Steps!.SpecksRemoved);
        Assert.Equal(without.BoundingBox, withSpeck.BoundingBox);
        Assert.Equal(without.Input, withSpeck.Input);
        Assert.NotEqual(DigitPreprocessor.Process(specked, PreprocessMode.Mnist).BoundingBox, withSpeck.BoundingBox);
    }

    private static void Dot(InkGrid grid, int cx, int cy, int radius)
    {
        for (var y = cy - radius; y <= cy + radius; y++)
        {
            for (var x = cx - radius; x <= cx + radius; x++)
            {
                if (((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) <= radius * radius)
                {
                    grid.Ink[(y * grid.Width) + x] = 1f;
                }
            }
        }
    }
}
