using WebNet.Core.PenStrokes;
using WebNet.Core.Training;

namespace WebNet.Core.Tests.PenStrokes;

public sealed class DigitGlyphsTests
{
    public static TheoryData<int, int> EveryWay()
    {
        var data = new TheoryData<int, int>();
        for (var digit = 0; digit < 10; digit++)
        {
            for (var way = 0; way < DigitGlyphs.WaysOf(digit); way++)
            {
                data.Add(digit, way);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryWay))]
    public void EveryWayOfEveryDigitIsAboutTheGlyphsHeightAndInsideTheField(int digit, int way)
    {
        for (ulong seed = 1; seed <= 50; seed++)
        {
            var strokes = DigitGlyphs.Write(digit, way, new SplitMix64(seed));

            Assert.NotEmpty(strokes);
            var (x0, y0, x1, y1) = Box(strokes);
            Assert.True(x0 >= 0 && y0 >= 0 && x1 <= DigitGlyphs.FieldSize && y1 <= DigitGlyphs.FieldSize, $"seed {seed}: box {x0:F1},{y0:F1} to {x1:F1},{y1:F1}");
            // The template's unit height, moved by the jitter of its parts (a few hundredths of it; radii by up to a quarter).
            Assert.InRange(y1 - y0, 0.65 * DigitGlyphs.GlyphHeight, 1.35 * DigitGlyphs.GlyphHeight);
        }
    }

    [Fact]
    public void TheSameStateWritesTheSameStrokesAndAnotherDoesNot()
    {
        var first = DigitGlyphs.Write(7, new SplitMix64(11));
        var again = DigitGlyphs.Write(7, new SplitMix64(11));
        var other = DigitGlyphs.Write(7, new SplitMix64(12));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void APlainOneIsNarrowAndAZeroIsRound()
    {
        for (ulong seed = 1; seed <= 50; seed++)
        {
            var (ox0, oy0, ox1, oy1) = Box(DigitGlyphs.Write(1, 0, new SplitMix64(seed)));
            var (zx0, zy0, zx1, zy1) = Box(DigitGlyphs.Write(0, 0, new SplitMix64(seed)));

            Assert.True((ox1 - ox0) < 0.4 * (oy1 - oy0), $"seed {seed}: a 1 of {ox1 - ox0:F1} by {oy1 - oy0:F1}");
            Assert.True((zx1 - zx0) > 0.35 * (zy1 - zy0), $"seed {seed}: a 0 of {zx1 - zx0:F1} by {zy1 - zy0:F1}");
        }
    }

    [Fact]
    public void ASevenWithABarHasAStrokeOfItsOwnAcrossItsMiddle()
    {
        var plain = DigitGlyphs.Write(7, 0, new SplitMix64(3));
        var barred = DigitGlyphs.Write(7, 1, new SplitMix64(3));

        // The same bar-and-diagonal path (the same draws come first), then the bar: one more segment, lying across.
        Assert.Equal(plain.Length + 1, barred.Length);
        var bar = barred[^1];
        Assert.True(Math.Abs(bar.X1 - bar.X0) > 3 * Math.Abs(bar.Y1 - bar.Y0), $"bar {bar}");
        var (_, y0, _, y1) = Box(plain);
        Assert.InRange((bar.Y0 + bar.Y1) / 2, y0 + (0.3f * (y1 - y0)), y0 + (0.7f * (y1 - y0)));
    }

    [Fact]
    public void ADigitOutsideZeroToNineOrAnUnknownWayIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DigitGlyphs.Write(10, new SplitMix64(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DigitGlyphs.Write(-1, new SplitMix64(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DigitGlyphs.Write(4, DigitGlyphs.WaysOf(4), new SplitMix64(1)));
    }

    private static (float X0, float Y0, float X1, float Y1) Box(StrokeSegment[] strokes) =>
        (strokes.Min(s => Math.Min(s.X0, s.X1)), strokes.Min(s => Math.Min(s.Y0, s.Y1)),
         strokes.Max(s => Math.Max(s.X0, s.X1)), strokes.Max(s => Math.Max(s.Y0, s.Y1)));
}
