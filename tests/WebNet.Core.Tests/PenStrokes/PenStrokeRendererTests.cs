using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using WebNet.Core.Imaging;
using WebNet.Core.PenStrokes;
using WebNet.Core.Tests.Imaging;
using WebNet.Core.Training;

namespace WebNet.Core.Tests.PenStrokes;

public sealed class PenStrokeRendererTests
{
    /// <summary>An upright pen style: black on transparent, centred, no tilt, no shake.</summary>
    private static readonly PenStyle Upright = new(300, 0.6, 0.5, 0.5, 0, 12, 0, 1, PenInk.Alpha, (0, 0, 0));

    [Fact]
    public void TheSameSeedDrawsTheSamePngAndAnotherSeedDoesNot()
    {
        var strokes = TwoSkeleton().Segments;

        var first = PenStrokeRenderer.DrawPng(strokes, PenStyle.Random(new SplitMix64(42)));
        var again = PenStrokeRenderer.DrawPng(strokes, PenStyle.Random(new SplitMix64(42)));
        var other = PenStrokeRenderer.DrawPng(strokes, PenStyle.Random(new SplitMix64(43)));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void AThickerPenLeavesMoreInk()
    {
        var strokes = TwoSkeleton().Segments;

        var areas = new[] { 3.0, 9.0, 27.0 }.Select(width => InkArea(strokes, Upright with { PenWidth = width })).ToArray();

        Assert.True(areas[0] < areas[1] && areas[1] < areas[2], $"ink areas {string.Join(", ", areas)}");
        // Ink grows with the width, less than in proportion (the caps and overlaps at joins).
        Assert.InRange(areas[1] / areas[0], 2.0, 3.2);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(-12)]
    public void TiltRotatesTheInksPrincipalAxisByAboutTheAngle(double degrees)
    {
        // A long bar with a short flag, so its principal axis is the bar's.
        StrokeSegment[] strokes = [new(14, 4, 14, 24), new(14, 4, 11, 7)];

        var upright = PrincipalAxisDegrees(strokes, Upright);
        var tilted = PrincipalAxisDegrees(strokes, Upright with { TiltDegrees = degrees });

        // Positive tilt is clockwise on screen (y down), which increases the angle measured from the x axis.
        var turned = ((tilted - upright + 270) % 180) - 90;
        Assert.InRange(turned, degrees - 1.5, degrees + 1.5);
    }

    [Fact]
    public void TheUprightDigitsInkIsTheAskedHeightAndInsideTheCanvas()
    {
        using var image = PenStrokeRenderer.Draw(TwoSkeleton().Segments, Upright with { PositionX = 1, PositionY = 0 });

        var (x0, y0, x1, y1) = InkBox(image);
        Assert.InRange(y1 - y0 + 1, (0.6 * 300) - 3, (0.6 * 300) + 3);
        Assert.InRange(y0, 0, 3);
        Assert.InRange(x1, 296, 299);
        Assert.True(x0 > 0);
    }

    [Fact]
    public void ThePenDrawingOfADigitReadsAsANonBlankCentredInput()
    {
        var png = PenStrokeRenderer.DrawPng(TwoSkeleton().Segments, PenStyle.Random(new SplitMix64(7)) with { Ink = PenInk.DarkOnLight });

        using var crop = CanvasInkReader.Read(png, out var convention);
        var prepared = DigitPreprocessor.Process(crop, PreprocessMode.Mnist);

        Assert.Equal(InkConvention.DarkOnLight, convention);
        Assert.False(prepared.Blank);
        Assert.InRange(prepared.Input.Sum(), 40f, 300f);
        var (cx, cy) = DigitPreprocessor.CentreOfMass(prepared.Input, DigitPreprocessor.FieldSize);
        Assert.InRange(cx, 13f, 14f);
        Assert.InRange(cy, 13f, 14f);
    }

    [Fact]
    public void EveryInkDecodesToTheSameStrokes()
    {
        var strokes = TwoSkeleton().Segments;
        var style = Upright with { TiltDegrees = 9, Shake = 0.015, PenWidth = 7 };
        var reference = Read(strokes, style);

        foreach (var (ink, colour) in new (PenInk, (byte, byte, byte))[]
        {
            (PenInk.DarkOnLight, (0, 0, 0)), (PenInk.LightOnDark, (255, 255, 255)),
            (PenInk.ColourOnTransparent, (230, 200, 20)), (PenInk.ColourOnWhite, (30, 60, 200)),
        })
        {
            var read = Read(strokes, style with { Ink = ink, Colour = colour });
            Assert.Equal(reference.Length, read.Length);

            // A coloured pen on white reads as lighter ink in the same places: compare after scaling to the strongest.
            var scale = reference.Max() / read.Max();
            var worst = reference.Zip(read, (a, b) => Math.Abs(a - (b * scale))).Max();
            Assert.True(worst < 0.02, $"{ink}: largest difference {worst}");
        }
    }

    [Fact]
    public void RandomStylesStayInsideTheirDocumentedRanges()
    {
        var random = new SplitMix64(3);
        var styles = Enumerable.Range(0, 2000).Select(_ => PenStyle.Random(random)).ToArray();

        Assert.All(styles, s =>
        {
            Assert.InRange(s.CanvasSize, PenStyle.MinCanvas, PenStyle.MaxCanvas);
            Assert.InRange(s.DigitHeight, PenStyle.MinDigitHeight, PenStyle.MaxDigitHeight);
            Assert.InRange(Math.Abs(s.TiltDegrees), 0, PenStyle.MaxTiltDegrees);
            Assert.InRange(s.PenFraction, PenStyle.MinPenFraction - 1e-9, PenStyle.MaxPenFraction + 1e-9);
            Assert.InRange(s.Shake, 0, PenStyle.MaxShake);
        });
        Assert.Equal(PenInks.All.Count, styles.Select(s => s.Ink).Distinct().Count());
        // The width's mode is the app pad's pen: more drawings near it than at either end.
        Assert.True(styles.Count(s => s.PenFraction is > 0.07 and < 0.13) > styles.Count(s => s.PenFraction < 0.03));
        Assert.All(styles.Where(s => s.Ink == PenInk.ColourOnWhite), s =>
            Assert.True((0.299 * s.Colour.R) + (0.587 * s.Colour.G) + (0.114 * s.Colour.B) <= 255 * PenStyle.MaxColourLuminanceOnWhite));
    }

    /// <summary>A "2" drawn as MNIST would hold it: 28x28, anti-aliased strokes about 2.5 pixels wide.</summary>
    private static Skeleton TwoSkeleton()
    {
        var grid = TestDrawings.Draw(TestDrawings.Two, 20, 4, 4, 28, 28, penFraction: 0.065);
        return Skeleton.Of(grid.Ink, grid.Width, grid.Height);
    }

    private static float[] Read(IReadOnlyList<StrokeSegment> strokes, PenStyle style)
    {
        using var crop = CanvasInkReader.Read(PenStrokeRenderer.DrawPng(strokes, style), out _);
        return DigitPreprocessor.Process(crop, PreprocessMode.Mnist).Input;
    }

    private static double InkArea(IReadOnlyList<StrokeSegment> strokes, PenStyle style)
    {
        using var image = PenStrokeRenderer.Draw(strokes, style);
        double sum = 0;
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                foreach (var p in rows.GetRowSpan(y))
                {
                    sum += p.A / 255.0;
                }
            }
        });
        return sum;
    }

    /// <summary>The ink's principal axis from its second moments, in degrees from the x axis (y down), in [-90, 90).</summary>
    private static double PrincipalAxisDegrees(IReadOnlyList<StrokeSegment> strokes, PenStyle style)
    {
        using var image = PenStrokeRenderer.Draw(strokes, style);
        double m = 0, mx = 0, my = 0, mxx = 0, myy = 0, mxy = 0;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                double a = image[x, y].A / 255.0;
                (m, mx, my, mxx, myy, mxy) = (m + a, mx + (a * x), my + (a * y), mxx + (a * x * x), myy + (a * y * y), mxy + (a * x * y));
            }
        }

        var (cx, cy) = (mx / m, my / m);
        var (vxx, vyy, vxy) = ((mxx / m) - (cx * cx), (myy / m) - (cy * cy), (mxy / m) - (cx * cy));
        return 0.5 * Math.Atan2(2 * vxy, vxx - vyy) * 180 / Math.PI;
    }

    private static (int X0, int Y0, int X1, int Y1) InkBox(Image<Rgba32> image)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                if (image[x, y].A > 0)
                {
                    (x0, y0, x1, y1) = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x), Math.Max(y1, y));
                }
            }
        }

        return (x0, y0, x1, y1);
    }
}
