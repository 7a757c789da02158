using WebNet.Core.Training;

namespace WebNet.Core.PenStrokes;

/// <summary>
/// Digits written from stroke templates rather than redrawn from MNIST: the ways people write each digit, several
/// of which MNIST (written by American census staff and students) rarely shows: a 1 with a flag and a base, a 7
/// with a bar through it, an open 4, a 2 with a loop, a flat-topped 3, a 9 with a straight stem. Each drawing picks
/// a way, moves every part of it a little (centres, radii, ends, arcs' sweep), gives the digit its own width and
/// slant, and comes back as strokes in a 28-unit field, the input of <see cref="PenStrokeRenderer"/>. This is what
/// a person's own drawings look like to a network trained on MNIST alone: the data the drawings feature collects.
/// </summary>
public static class DigitGlyphs
{
    /// <summary>The field the strokes are given in: the digit's path is GlyphHeight units tall in it.</summary>
    public const float FieldSize = 28f, GlyphHeight = 20f;

    // The writing's own slant, x moved per unit of height (0.25: about 14 degrees), before the pen style's tilt.
    private const double MaxShear = 0.25;

    /// <summary>Each digit's ways of writing it, as strokes of points in a unit box (x right, y down).</summary>
    private static readonly Func<Parts, Point[][]>[][] Ways =
    [
        // 0: an oval, closed or overshooting its start.
        [p => [p.Arc(0.5, 0.5, 0.5, 0.5, -90, 270)], p => [p.Arc(0.5, 0.5, 0.48, 0.5, -60, 320)]],
        // 1: a plain stroke; with a flag; with a flag and a base.
        [
            p => [p.Line((0.5, 0), (0.5, 1))],
            p => [p.Line((0.15, 0.25), (0.5, 0), (0.5, 1))],
            p => [p.Line((0.15, 0.25), (0.5, 0), (0.5, 1)), p.Line((0.1, 1), (0.9, 1))],
        ],
        // 2: a hook, a diagonal and a base; the same with a loop at the bottom.
        [
            p => [[.. p.Arc(0.5, 0.3, 0.45, 0.3, 190, 380), .. p.Line((0.05, 1), (1, 1))]],
            p => [[.. p.Arc(0.5, 0.3, 0.45, 0.3, 190, 380), .. p.Arc(0.2, 0.88, 0.14, 0.12, 135, -180), .. p.Line((1, 1))]],
        ],
        // 3: two bumps; a flat top and one bump.
        [
            p => [[.. p.Arc(0.45, 0.26, 0.45, 0.26, 200, 450), .. p.Arc(0.45, 0.74, 0.5, 0.26, 270, 520)]],
            p => [[.. p.Line((0.05, 0), (0.9, 0), (0.35, 0.4)), .. p.Arc(0.45, 0.69, 0.5, 0.31, 265, 520)]],
        ],
        // 4: closed (one stroke down, across and up); open (two strokes).
        [
            p => [p.Line((0.75, 1), (0.75, 0), (0, 0.68), (1, 0.68))],
            p => [p.Line((0.2, 0), (0.05, 0.62), (1, 0.62)), p.Line((0.72, 0.15), (0.72, 1))],
        ],
        // 5: bar, stem and bowl in one stroke; the bar added last.
        [
            p => [[.. p.Line((0.9, 0), (0.15, 0), (0.1, 0.45)), .. p.Arc(0.45, 0.68, 0.47, 0.32, 230, 500)]],
            p => [[.. p.Line((0.15, 0), (0.1, 0.45)), .. p.Arc(0.45, 0.68, 0.47, 0.32, 230, 500)], p.Line((0.15, 0), (0.95, 0.02))],
        ],
        // 6: a descending curve into a loop.
        [
            p => [[.. p.Arc(0.75, 0.62, 0.7, 0.62, 245, 180), .. p.Arc(0.5, 0.7, 0.45, 0.3, 180, -180)]],
            p => [[.. p.Line((0.8, 0), (0.15, 0.6)), .. p.Arc(0.5, 0.72, 0.42, 0.28, 190, -170)]],
        ],
        // 7: bar and diagonal; with a bar through it; with a tick at the start.
        [
            p => [p.Line((0, 0), (1, 0), (0.35, 1))],
            p => [p.Line((0, 0), (1, 0), (0.35, 1)), p.Line((0.3, 0.5), (0.9, 0.5))],
            p => [p.Line((0.02, 0.18), (0, 0), (1, 0), (0.4, 1))],
        ],
        // 8: two loops; one stroke crossing in the middle.
        [
            p => [p.Arc(0.5, 0.25, 0.38, 0.25, -90, 270), p.Arc(0.5, 0.74, 0.48, 0.26, -90, 270)],
            p => [[.. p.Arc(0.5, 0.25, 0.4, 0.25, 20, -250), .. p.Arc(0.5, 0.74, 0.48, 0.26, -90, 250)]],
        ],
        // 9: a loop and a straight stem; a loop and a curved tail.
        [
            p => [[.. p.Arc(0.5, 0.3, 0.45, 0.3, 0, -360), .. p.Line((0.95, 1))]],
            p => [[.. p.Arc(0.5, 0.3, 0.45, 0.3, 0, -360), .. p.Line((0.9, 0.75), (0.55, 1), (0.15, 0.92))]],
        ],
    ];

    /// <summary>How many ways of writing a digit there are.</summary>
    public static int WaysOf(int digit) => Ways[digit].Length;

    /// <summary>
    /// The digit written one of its ways (chosen by random, as is every variation), as strokes in a <see cref="FieldSize"/>
    /// field. The same generator state gives the same strokes.
    /// </summary>
    public static StrokeSegment[] Write(int digit, SplitMix64 random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digit, 9);
        ArgumentNullException.ThrowIfNull(random);
        return Write(digit, random.NextInt(Ways[digit].Length), random);
    }

    /// <summary>The digit written its way number <paramref name="way"/> (0 to <see cref="WaysOf"/> - 1), varied by random.</summary>
    public static StrokeSegment[] Write(int digit, int way, SplitMix64 random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digit, 9);
        ArgumentOutOfRangeException.ThrowIfNegative(way);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(way, Ways[digit].Length);
        ArgumentNullException.ThrowIfNull(random);
        var strokes = Ways[digit][way](new Parts(random));

        // The digit's own proportions: narrow to round (a 1 stays a stroke: its width is its flag and base), and a slant
        // of the writing itself (a shear; the pen style adds its tilt of the whole page on top).
        var width = 0.5 + (0.3 * random.NextDouble());
        var shear = Math.Clamp(0.12 * random.NextGaussian(), -MaxShear, MaxShear);
        var segments = new List<StrokeSegment>();
        foreach (var stroke in strokes)
        {
            for (var i = 0; i < stroke.Length; i++)
            {
                var (x0, y0) = Place(stroke[i]);
                var (x1, y1) = Place(stroke[Math.Min(i + 1, stroke.Length - 1)]);
                if (i + 1 < stroke.Length || stroke.Length == 1)
                {
                    segments.Add(new StrokeSegment(x0, y0, x1, y1));
                }
            }
        }

        return [.. segments];

        (float X, float Y) Place(Point point)
        {
            var x = ((point.X - 0.5) * width) + (shear * (0.5 - point.Y));
            return ((float)((FieldSize / 2) + (GlyphHeight * x)), (float)(((FieldSize - GlyphHeight) / 2) + (GlyphHeight * point.Y)));
        }
    }

    private readonly record struct Point(double X, double Y);

    /// <summary>Builds a way's strokes, moving each part a little: points by up to a few hundredths of the height, arcs in centre, radii and sweep.</summary>
    private sealed class Parts(SplitMix64 random)
    {
        private const double PointJitter = 0.035, RadiusJitter = 0.1, MaxRadiusChange = 0.25, AngleJitterDegrees = 10;

        /// <summary>Points joined by straight lines.</summary>
        public Point[] Line(params (double X, double Y)[] points) =>
            [.. points.Select(p => new Point(p.X + (PointJitter * random.NextGaussian()), p.Y + (PointJitter * random.NextGaussian())))];

        /// <summary>An elliptical arc from angle a0 to a1 in degrees (0 is right, 90 is down; either direction), as short lines.</summary>
        public Point[] Arc(double cx, double cy, double rx, double ry, double a0, double a1)
        {
            cx += PointJitter * random.NextGaussian();
            cy += PointJitter * random.NextGaussian();
            rx *= 1 + Math.Clamp(RadiusJitter * random.NextGaussian(), -MaxRadiusChange, MaxRadiusChange);
            ry *= 1 + Math.Clamp(RadiusJitter * random.NextGaussian(), -MaxRadiusChange, MaxRadiusChange);
            a0 += AngleJitterDegrees * random.NextGaussian();
            a1 += AngleJitterDegrees * random.NextGaussian();
            var steps = Math.Max(4, (int)Math.Ceiling(Math.Abs(a1 - a0) / 12));
            var points = new Point[steps + 1];
            for (var i = 0; i <= steps; i++)
            {
                var angle = (a0 + ((a1 - a0) * i / steps)) * Math.PI / 180;
                points[i] = new Point(cx + (rx * Math.Cos(angle)), cy + (ry * Math.Sin(angle)));
            }

            return points;
        }
    }
}
